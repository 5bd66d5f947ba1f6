/**
 * The greedy plan: commanders first (every SEV-1, then the rest by priority), then the
 * skill needs incident by incident, highest priority first. Each pick prefers someone
 * already on that incident, then someone on no incident, then someone on another one (a
 * move); among those, the fewest skills first (so the rare ones stay available), then by
 * handle. Fast and always feasible: the fallback when the solver cannot answer, and the
 * baseline the solver must match or beat.
 */
import { canFill, type Instance } from "./instance.js";
import type { Placement, RosterPerson } from "./types.js";

/** People in preference order, with a cursor past those already taken. */
class Queue {
  private next = 0;
  constructor(private readonly people: RosterPerson[]) {}
  take(taken: Set<string>): RosterPerson | undefined {
    while (this.next < this.people.length && taken.has((this.people[this.next] as RosterPerson).handle)) this.next++;
    return this.people[this.next];
  }
}

const bySpecialism = (a: RosterPerson, b: RosterPerson) =>
  a.skills.length - b.skills.length || a.handle.localeCompare(b.handle);

export function greedyPlan(instance: Instance): Placement[] {
  const placements: Placement[] = [];
  const taken = new Set<string>();
  const onIncident = new Map<string, RosterPerson[]>();
  for (const person of instance.people) {
    const now = instance.currentOf.get(person.handle);
    if (!now) continue;
    const list = onIncident.get(now.incident) ?? [];
    list.push(person);
    onIncident.set(now.incident, list);
  }
  for (const list of onIncident.values()) list.sort(bySpecialism);

  // Per pool (commanders, or a skill): those on no incident, then those on another one.
  const queues = new Map<string, [Queue, Queue]>();
  const queuesFor = (key: string, eligible: (p: RosterPerson) => boolean): [Queue, Queue] => {
    let found = queues.get(key);
    if (!found) {
      const pool = instance.people.filter(eligible).sort(bySpecialism);
      found = [
        new Queue(pool.filter((p) => !instance.currentOf.has(p.handle))),
        new Queue(pool.filter((p) => instance.currentOf.has(p.handle))),
      ];
      queues.set(key, found);
    }
    return found;
  };
  const pick = (incident: string, key: string, eligible: (p: RosterPerson) => boolean) => {
    const here = (onIncident.get(incident) ?? []).find((p) => !taken.has(p.handle) && eligible(p));
    if (here) return here;
    const [free, away] = queuesFor(key, eligible);
    return free.take(taken) ?? away.take(taken);
  };

  const command = (id: string) => {
    const person = pick(id, "\u0000commander", (p) => p.icQualified);
    if (!person) return;
    taken.add(person.handle);
    placements.push({ person: person.handle, incident: id, as: "commander", skill: null });
  };
  for (const incident of instance.incidents) if (incident.sev1) command(incident.source.id);
  for (const incident of instance.incidents) if (!incident.sev1) command(incident.source.id);

  for (const incident of instance.incidents) {
    const id = incident.source.id;
    let engineers = 0;
    for (const need of incident.needs) {
      for (let k = 0; k < need.count && engineers < instance.settings.spanOfControl; k++) {
        const person = pick(id, need.skill, (p) => canFill(p, need.skill));
        if (!person) break;
        taken.add(person.handle);
        engineers++;
        placements.push({ person: person.handle, incident: id, as: "engineer", skill: need.skill });
      }
    }
  }
  return placements;
}
