/**
 * The staffing plan as a 0–1 programme in CPLEX LP text (what HiGHS reads).
 *
 *   c[p,i]   person p commands incident i          (IC-qualified, available)
 *   x[p,i,s] person p works incident i for skill s (has the skill, or s is "any")
 *   d[i]     deadline incident i has anyone on it
 *
 * maximise  Σ value(c) + Σ value(x) + bonus·Σ d
 * subject to
 *   each person placed at most once            (nobody booked twice, no IC on two incidents)
 *   each incident at most one commander
 *   each skill need filled at most its count
 *   engineers per incident ≤ span of control
 *   SEV-1s with a commander ≥ min(#SEV-1, #ICs)   (every SEV-1 gets an IC first)
 *   d[i] ≤ everyone placed on i
 *
 * Candidates are pruned: per skill need (and per incident for commanders) the model keeps
 * the people already on the incident, the greedy plan's pick and a rotating window of
 * `candidatesPerNeed` others, so the greedy plan is always inside the model and the
 * solver's optimum can only match or beat it.
 */
import { canFill, type Instance, placementValue } from "./instance.js";
import type { Placement, RosterPerson } from "./types.js";

export interface LpModel {
  text: string;
  variables: number;
  constraints: number;
  pruned: boolean;
  /** Column name → the placement it stands for (d columns are not listed). */
  columns: Map<string, Placement>;
}

interface Column {
  name: string;
  placement: Placement;
  person: number;
  value: number;
}

export function buildLpModel(instance: Instance, greedy: readonly Placement[]): LpModel {
  const k = instance.settings.candidatesPerNeed;
  const people = instance.people;
  const index = new Map(people.map((p, i) => [p.handle, i]));
  const inGreedy = new Set(greedy.map((p) => key(p)));
  const columns: Column[] = [];
  let pruned = false;
  const ics = people.filter((p) => p.icQualified);
  const pools = new Map<string, RosterPerson[]>();
  const pool = (skill: string) => {
    let found = pools.get(skill);
    if (!found) {
      found = people.filter((p) => canFill(p, skill)).sort((a, b) => a.skills.length - b.skills.length);
      pools.set(skill, found);
    }
    return found;
  };

  const pick = (candidates: RosterPerson[], keep: (p: RosterPerson) => boolean, want: number, offset: number) => {
    if (candidates.length <= want) return candidates;
    pruned = true;
    const chosen = new Set(candidates.filter(keep));
    // A window that starts further along for each incident spreads the candidates out.
    for (let j = 0; j < want && chosen.size < candidates.length; j++) {
      chosen.add(candidates[(offset + j) % candidates.length] as RosterPerson);
    }
    return [...chosen];
  };

  for (const incident of instance.incidents) {
    const id = incident.source.id;
    const here = (p: RosterPerson) => instance.currentOf.get(p.handle)?.incident === id;
    const offset = incident.index * k;
    const commanders = pick(
      ics,
      (p) => here(p) || inGreedy.has(key({ person: p.handle, incident: id, as: "commander", skill: null })),
      k,
      offset,
    );
    for (const p of commanders) {
      const placement: Placement = { person: p.handle, incident: id, as: "commander", skill: null };
      columns.push(column(`c_${index.get(p.handle)}_${incident.index}`, placement, instance, p, index));
    }
    incident.needs.forEach((need, s) => {
      const candidates = pick(
        pool(need.skill),
        (p) => here(p) || inGreedy.has(key({ person: p.handle, incident: id, as: "engineer", skill: need.skill })),
        need.count + k,
        offset,
      );
      for (const p of candidates) {
        const placement: Placement = { person: p.handle, incident: id, as: "engineer", skill: need.skill };
        columns.push(column(`x_${index.get(p.handle)}_${incident.index}_${s}`, placement, instance, p, index));
      }
    });
  }

  const rows: string[] = [];
  const byPerson = groupBy(columns, (c) => String(c.person));
  for (const [person, cols] of byPerson) if (cols.length > 1) rows.push(row(`p${person}`, cols, "<= 1"));
  const sev1: Column[] = [];
  const deadlines: string[] = [];
  for (const incident of instance.incidents) {
    const id = incident.source.id;
    const on = columns.filter((c) => c.placement.incident === id);
    const commanders = on.filter((c) => c.placement.as === "commander");
    if (commanders.length > 1) rows.push(row(`cmd${incident.index}`, commanders, "<= 1"));
    if (incident.sev1) sev1.push(...commanders);
    const engineers = on.filter((c) => c.placement.as === "engineer");
    incident.needs.forEach((need, s) => {
      const cols = engineers.filter((c) => c.placement.skill === need.skill);
      if (cols.length > need.count) rows.push(row(`need${incident.index}_${s}`, cols, `<= ${need.count}`));
    });
    if (engineers.length > instance.settings.spanOfControl) {
      rows.push(row(`span${incident.index}`, engineers, `<= ${instance.settings.spanOfControl}`));
    }
    if (incident.deadline && on.length > 0) {
      const d = `d_${incident.index}`;
      deadlines.push(d);
      rows.push(`${wrap([`dl${incident.index}: ${d}`, ...on.map((c) => `- ${c.name}`)])} <= 0`);
    }
  }
  if (instance.sev1Commanders > 0) rows.push(row("sev1", sev1, `>= ${instance.sev1Commanders}`));

  const objective = [
    ...columns.map((c) => term(c.value, c.name)),
    ...deadlines.map((d) => term(instance.settings.deadlineBonus, d)),
  ];
  const binaries = [...columns.map((c) => c.name), ...deadlines];
  const text = [
    "Maximize",
    ` ${wrap([`obj:`, ...(objective.length > 0 ? objective : ["0 dummy"])])}`,
    "Subject To",
    ...(rows.length > 0 ? rows.map((r) => ` ${r}`) : [" none: dummy <= 0"]),
    "Binary",
    ...chunk(binaries.length > 0 ? binaries : ["dummy"], 12).map((names) => ` ${names.join(" ")}`),
    "End",
    "",
  ].join("\n");
  return {
    text,
    variables: binaries.length,
    constraints: rows.length,
    pruned,
    columns: new Map(columns.map((c) => [c.name, c.placement])),
  };
}

/** The placements a solution chose (values above one half count as 1). */
export function placementsOf(model: LpModel, values: Record<string, number>): Placement[] {
  const out: Placement[] = [];
  for (const [name, placement] of model.columns) if ((values[name] ?? 0) > 0.5) out.push(placement);
  return out;
}

function column(
  name: string,
  placement: Placement,
  instance: Instance,
  person: RosterPerson,
  index: Map<string, number>,
): Column {
  return {
    name,
    placement,
    person: index.get(person.handle) ?? -1,
    value: placementValue(instance, person, placement),
  };
}

const key = (p: Placement) => `${p.person}\u0000${p.incident}\u0000${p.as}\u0000${p.skill ?? ""}`;

function term(coefficient: number, name: string): string {
  const rounded = Math.round(coefficient * 10000) / 10000;
  return `${rounded < 0 ? "-" : "+"} ${Math.abs(rounded)} ${name}`;
}

function row(name: string, cols: readonly Column[], bound: string): string {
  return `${wrap([`${name}:`, ...cols.map((c) => `+ ${c.name}`)])} ${bound}`;
}

/** LP text keeps lines short: long sums continue on the next line. */
function wrap(parts: string[]): string {
  return chunk(parts, 12)
    .map((line) => line.join(" "))
    .join("\n  ");
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function groupBy<T>(items: readonly T[], by: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = by(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}
