/**
 * The greedy plan: commanders first (every SEV-1, then the rest by priority), then the
 * skill needs incident by incident, highest priority first. Each pick prefers someone
 * already on that incident, then someone free, then the fewest skills (so the rare ones
 * stay available). Fast and always feasible: the fallback when the solver cannot answer,
 * and the baseline the solver must match or beat.
 */
import { canFill, type Instance, type PlanIncident } from "./instance.js";
import type { Placement, RosterPerson } from "./types.js";

export function greedyPlan(instance: Instance): Placement[] {
  const placements: Placement[] = [];
  const taken = new Set<string>();
  const commanders = new Set<string>();
  const ics = instance.people.filter((p) => p.icQualified);

  const order = (incident: PlanIncident) => (a: RosterPerson, b: RosterPerson) =>
    preference(instance, incident, a) - preference(instance, incident, b) ||
    a.skills.length - b.skills.length ||
    a.handle.localeCompare(b.handle);

  const command = (incident: PlanIncident) => {
    const pick = ics.filter((p) => !taken.has(p.handle)).sort(order(incident))[0];
    if (!pick) return;
    taken.add(pick.handle);
    commanders.add(incident.source.id);
    placements.push({ person: pick.handle, incident: incident.source.id, as: "commander", skill: null });
  };
  for (const incident of instance.incidents) if (incident.sev1) command(incident);
  for (const incident of instance.incidents) if (!incident.sev1) command(incident);

  for (const incident of instance.incidents) {
    let engineers = 0;
    for (const need of incident.needs) {
      for (let k = 0; k < need.count && engineers < instance.settings.spanOfControl; k++) {
        const pick = instance.people
          .filter((p) => !taken.has(p.handle) && canFill(p, need.skill))
          .sort(order(incident))[0];
        if (!pick) break;
        taken.add(pick.handle);
        engineers++;
        placements.push({ person: pick.handle, incident: incident.source.id, as: "engineer", skill: need.skill });
      }
    }
  }
  return placements;
}

/** 0: already on this incident; 1: on nothing; 2: on another incident (a move). */
function preference(instance: Instance, incident: PlanIncident, person: RosterPerson): number {
  const now = instance.currentOf.get(person.handle);
  if (!now) return 1;
  return now.incident === incident.source.id ? 0 : 2;
}
