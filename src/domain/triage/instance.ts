/**
 * The planning instance: the input cleaned (skills lower-cased, duplicates and unavailable
 * people out), incidents ranked, skill needs settled, and the value of every placement.
 * The greedy plan, the exact search and the solver model all score plans with
 * `planObjective`, so their objectives are comparable.
 */
import { hoursUntil, rankIncidents } from "./priority.js";
import {
  ANY_SKILL,
  type CurrentAssignment,
  type IncidentPriority,
  type Placement,
  type RosterPerson,
  type SkillNeed,
  type TriageIncident,
  type TriageInput,
  type TriageSettings,
} from "./types.js";

export interface PlanIncident {
  index: number;
  source: TriageIncident;
  rank: IncidentPriority;
  priority: number;
  sev1: boolean;
  /** Its impact starts within the horizon: staff it before then. */
  deadline: boolean;
  needs: SkillNeed[];
}

export interface Instance {
  now: string;
  settings: TriageSettings;
  /** Highest priority first. */
  incidents: PlanIncident[];
  /** Available people only, in a stable order. */
  people: RosterPerson[];
  /** Everyone in the roster, available or not (for explanations). */
  roster: RosterPerson[];
  byId: Map<string, PlanIncident>;
  /** Where each person is now, on an incident of this plan. */
  currentOf: Map<string, CurrentAssignment>;
  /** The number of SEV-1s that must get a commander: as many as there are ICs for. */
  sev1Commanders: number;
}

export const normaliseSkill = (skill: string) => skill.trim().toLowerCase();

export function buildInstance(input: TriageInput, settings: TriageSettings): Instance {
  const ranked = rankIncidents(input.incidents, input.now);
  const sources = new Map(input.incidents.map((i) => [i.id, i]));
  const incidents = ranked.map((rank, index): PlanIncident => {
    const source = sources.get(rank.id) as TriageIncident;
    const ahead = hoursUntil(source.impactStartsAt, input.now);
    return {
      index,
      source,
      rank,
      priority: rank.priority,
      sev1: source.severity === "SEV-1",
      deadline: ahead !== null && ahead <= settings.deadlineHorizonHours,
      needs: settleNeeds(source, settings),
    };
  });
  const seen = new Set<string>();
  const roster: RosterPerson[] = [];
  for (const person of input.people) {
    if (seen.has(person.handle)) continue;
    seen.add(person.handle);
    roster.push({ ...person, skills: [...new Set(person.skills.map(normaliseSkill).filter(Boolean))].sort() });
  }
  const people = roster.filter((p) => p.available);
  const byId = new Map(incidents.map((i) => [i.source.id, i]));
  const currentOf = new Map<string, CurrentAssignment>();
  for (const a of input.current) {
    if (!byId.has(a.incident)) continue;
    const known = currentOf.get(a.person);
    // A person on several incidents counts where they command, else where first seen.
    if (!known || (known.as === "engineer" && a.as === "commander")) currentOf.set(a.person, a);
  }
  const ics = people.filter((p) => p.icQualified).length;
  const sev1 = incidents.filter((i) => i.sev1).length;
  return {
    now: input.now,
    settings,
    incidents,
    people,
    roster,
    byId,
    currentOf,
    sev1Commanders: Math.min(ics, sev1),
  };
}

function settleNeeds(incident: TriageIncident, settings: TriageSettings): SkillNeed[] {
  const merged = new Map<string, number>();
  for (const need of incident.needs) {
    const skill = normaliseSkill(need.skill);
    if (skill === "" || need.count <= 0) continue;
    merged.set(skill, (merged.get(skill) ?? 0) + need.count);
  }
  if (merged.size === 0) return [{ skill: ANY_SKILL, count: settings.defaultNeeds[incident.severity] }];
  return [...merged].map(([skill, count]) => ({ skill, count }));
}

export function canFill(person: RosterPerson, skill: string): boolean {
  return skill === ANY_SKILL || person.skills.includes(skill);
}

/** What one placement is worth: priority-weighted, plus the stay bonus, minus a tie-break. */
export function placementValue(instance: Instance, person: RosterPerson, placement: Placement): number {
  const incident = instance.byId.get(placement.incident);
  if (!incident) return 0;
  const s = instance.settings;
  const base = placement.as === "commander" ? s.commanderWeight * incident.priority : incident.priority;
  const now = instance.currentOf.get(person.handle);
  // Handing command over mid-incident costs more than moving an engineer.
  const stays =
    now?.incident !== placement.incident
      ? 0
      : now.as === "commander" && placement.as === "commander"
        ? s.moveCost * s.commanderWeight
        : s.moveCost;
  // Tie-break: keep the people with many skills free for the needs only they can fill.
  return base + stays - 0.01 * person.skills.length;
}

/** The plan's objective: placements plus a bonus per deadline incident with anyone on it. */
export function planObjective(instance: Instance, placements: readonly Placement[]): number {
  const people = new Map(instance.people.map((p) => [p.handle, p]));
  let total = 0;
  const staffed = new Set<string>();
  for (const placement of placements) {
    const person = people.get(placement.person);
    if (!person) continue;
    total += placementValue(instance, person, placement);
    staffed.add(placement.incident);
  }
  for (const incident of instance.incidents) {
    if (incident.deadline && staffed.has(incident.source.id)) total += instance.settings.deadlineBonus;
  }
  return Math.round(total * 1000) / 1000;
}

/** How many SEV-1s have a commander; a plan needs `sev1Commanders` of them (every SEV-1 gets an IC first). */
export function sev1Commanded(instance: Instance, commanders: { has(incident: string): boolean }): number {
  return instance.incidents.filter((i) => i.sev1 && commanders.has(i.source.id)).length;
}

/** Every rule of the plan, checked: used by tests and as a guard on the solver's answer. */
export function planViolations(instance: Instance, placements: readonly Placement[]): string[] {
  const out: string[] = [];
  const people = new Map(instance.people.map((p) => [p.handle, p]));
  const booked = new Map<string, Placement>();
  const commanders = new Map<string, string>();
  const engineers = new Map<string, number>();
  const filled = new Map<string, number>();
  for (const p of placements) {
    const person = people.get(p.person);
    const incident = instance.byId.get(p.incident);
    if (!person) out.push(`${p.person} is not available`);
    if (!incident) out.push(`${p.incident} is not an open incident`);
    const earlier = booked.get(p.person);
    if (earlier) out.push(`${p.person} is booked on ${earlier.incident} and ${p.incident}`);
    booked.set(p.person, p);
    if (p.as === "commander") {
      if (person && !person.icQualified) out.push(`${p.person} is not qualified as IC`);
      const other = commanders.get(p.incident);
      if (other) out.push(`${p.incident} has two commanders: ${other} and ${p.person}`);
      commanders.set(p.incident, p.person);
      continue;
    }
    const skill = p.skill ?? ANY_SKILL;
    if (person && !canFill(person, skill)) out.push(`${p.person} does not have ${skill}`);
    const key = `${p.incident}\u0000${skill}`;
    filled.set(key, (filled.get(key) ?? 0) + 1);
    engineers.set(p.incident, (engineers.get(p.incident) ?? 0) + 1);
  }
  for (const incident of instance.incidents) {
    const id = incident.source.id;
    for (const need of incident.needs) {
      const n = filled.get(`${id}\u0000${need.skill}`) ?? 0;
      if (n > need.count) out.push(`${id} has ${n} on ${need.skill} but needs ${need.count}`);
      filled.delete(`${id}\u0000${need.skill}`);
    }
    if ((engineers.get(id) ?? 0) > instance.settings.spanOfControl) {
      out.push(`${id} has more engineers than the span of control (${instance.settings.spanOfControl})`);
    }
  }
  for (const key of filled.keys()) out.push(`${key.replace("\u0000", " fills ")}, which it does not need`);
  const commanded = sev1Commanded(instance, commanders);
  if (commanded < instance.sev1Commanders) {
    out.push(`only ${commanded} SEV-1s have a commander; ${instance.sev1Commanders} could`);
  }
  return out;
}
