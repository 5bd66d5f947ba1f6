/**
 * Explaining a plan: why each person is where they are, what stays uncovered and what
 * would cover it ("one more database engineer"), and who moves from where they are now.
 */

import { canFill, type Instance, type PlanIncident } from "./instance.js";
import { formatHours, hoursUntil } from "./priority.js";
import {
  ANY_SKILL,
  type Assignment,
  type AssignmentReason,
  type Move,
  type Placement,
  type Uncovered,
} from "./types.js";

export function explainAssignments(instance: Instance, placements: readonly Placement[]): Assignment[] {
  return instance.incidents
    .map((incident) => {
      const id = incident.source.id;
      const here = placements.filter((p) => p.incident === id);
      const commander = here.find((p) => p.as === "commander") ?? null;
      const engineers = here.filter((p) => p.as === "engineer");
      const reasons: AssignmentReason[] = [];
      if (commander) {
        reasons.push({
          person: commander.person,
          as: "commander",
          skill: null,
          text: commanderReason(instance, incident, commander.person),
        });
      }
      for (const need of incident.needs) {
        const filling = engineers.filter((e) => e.skill === need.skill);
        filling.forEach((e, n) => {
          const what = need.skill === ANY_SKILL ? "an engineer" : need.skill;
          reasons.push({
            person: e.person,
            as: "engineer",
            skill: e.skill,
            text: `${what} for ${id} (${n + 1} of ${need.count} wanted); ${whereFrom(instance, e.person, id)}`,
          });
        });
      }
      return { incident: id, commander: commander?.person ?? null, engineers: engineers.map((e) => e.person), reasons };
    })
    .filter((a) => a.commander !== null || a.engineers.length > 0);
}

function commanderReason(instance: Instance, incident: PlanIncident, person: string): string {
  const why: string[] = [];
  if (incident.sev1) why.push("a SEV-1: every SEV-1 gets a commander first");
  const ahead = hoursUntil(incident.source.impactStartsAt, instance.now);
  if (incident.deadline && ahead !== null) why.push(`its impact starts in ${formatHours(ahead)}: covered before then`);
  if (why.length === 0) why.push(`priority ${incident.priority}, commanded by one IC of its own`);
  return `commands ${incident.source.id}: ${why.join("; ")}; ${whereFrom(instance, person, incident.source.id)}`;
}

function whereFrom(instance: Instance, person: string, incident: string): string {
  const now = instance.currentOf.get(person);
  if (!now) return "free before";
  if (now.incident === incident) return "already on it, kept in place";
  const from = instance.byId.get(now.incident);
  return `moved from ${now.incident}${from ? ` (priority ${from.priority})` : ""}`;
}

export function findUncovered(instance: Instance, placements: readonly Placement[]): Uncovered[] {
  const out: Uncovered[] = [];
  const placedAt = new Map(placements.map((p) => [p.person, p.incident]));
  const span = instance.settings.spanOfControl;
  for (const incident of instance.incidents) {
    const id = incident.source.id;
    const here = placements.filter((p) => p.incident === id);
    const ahead = incident.deadline ? hoursUntil(incident.source.impactStartsAt, instance.now) : null;
    const deadline =
      ahead === null || here.length > 0 ? "" : `; nobody is on it and its impact starts in ${formatHours(ahead)}`;
    if (!here.some((p) => p.as === "commander")) {
      out.push({
        incident: id,
        what: "commander",
        skill: null,
        missing: 1,
        reason: commanderGap(instance, placedAt, incident) + deadline,
        wouldCover: "one more IC-qualified person",
      });
    }
    const engineers = here.filter((p) => p.as === "engineer").length;
    for (const need of incident.needs) {
      const filled = here.filter((p) => p.as === "engineer" && p.skill === need.skill).length;
      const missing = need.count - filled;
      if (missing <= 0) continue;
      const atSpan = engineers >= span;
      out.push({
        incident: id,
        what: "skill",
        skill: need.skill,
        missing,
        reason: atSpan
          ? `${id} already has ${engineers} engineers, the span of control of one commander (${span})`
          : skillGap(instance, placedAt, incident, need.skill),
        wouldCover: atSpan
          ? `a sub-team with its own lead for the other ${missing}`
          : `${missing === 1 ? "one more" : `${missing} more`} ${need.skill === ANY_SKILL ? "" : `${need.skill} `}engineer${missing === 1 ? "" : "s"}`,
      });
    }
  }
  return out;
}

function commanderGap(instance: Instance, placedAt: Map<string, string>, incident: PlanIncident): string {
  const qualified = instance.roster.filter((p) => p.icQualified);
  if (qualified.length === 0) return "nobody in the roster is qualified as IC";
  const available = qualified.filter((p) => p.available);
  if (available.length === 0) return `all ${qualified.length} IC-qualified people are unavailable`;
  const elsewhere = [...new Set(available.flatMap((p) => placedAt.get(p.handle) ?? []))].filter(
    (i) => i !== incident.source.id,
  );
  return `all ${available.length} available ICs are placed on higher-priority incidents (${elsewhere.join(", ")})`;
}

function skillGap(instance: Instance, placedAt: Map<string, string>, incident: PlanIncident, skill: string): string {
  const what = skill === ANY_SKILL ? "engineers" : `people with ${skill}`;
  const holders = instance.roster.filter((p) => canFill(p, skill));
  if (holders.length === 0) return `nobody in the roster has ${skill}`;
  const available = holders.filter((p) => p.available);
  if (available.length === 0) return `the ${holders.length} ${what} are all unavailable`;
  const busy = available.filter((p) => placedAt.has(p.handle) && placedAt.get(p.handle) !== incident.source.id);
  const incidents = [...new Set(busy.map((p) => placedAt.get(p.handle) as string))];
  const free = available.filter((p) => !placedAt.has(p.handle)).length;
  return `the ${available.length} available ${what} are needed on ${incidents.join(", ") || "other incidents"}${free > 0 ? ` (${free} left free by the plan's limits)` : ""}`;
}

export function findMoves(instance: Instance, placements: readonly Placement[]): Move[] {
  const out: Move[] = [];
  for (const p of placements) {
    const now = instance.currentOf.get(p.person);
    if (!now || now.incident === p.incident) continue;
    const from = instance.byId.get(now.incident);
    const to = instance.byId.get(p.incident);
    const role = p.as === "commander" ? "to command it" : `for ${p.skill === ANY_SKILL ? "an engineer" : p.skill}`;
    out.push({
      person: p.person,
      from: now.incident,
      to: p.incident,
      reason: `${p.incident} (priority ${to?.priority ?? "?"}) needs them ${role} more than ${now.incident} (priority ${from?.priority ?? "?"}); the gain outweighs the cost of a move`,
    });
  }
  return out;
}
