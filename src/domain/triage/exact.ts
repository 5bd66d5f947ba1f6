/**
 * Exact search for small instances (a drill's handful of people): depth-first over the
 * people, each placed once or not at all, pruned by an upper bound. It proves the optimum
 * of the same objective as the solver model without loading the WebAssembly solver, so
 * the certification drill can compare a trainee's allocation synchronously, and tests can
 * check the solver against a second, independent method.
 */
import { canFill, type Instance, placementValue, planObjective, sev1Commanded } from "./instance.js";
import type { Placement } from "./types.js";

/** Beyond this many choices the search is not attempted. */
export const EXACT_LIMIT = { people: 14, incidents: 6 };

export function canSolveExactly(instance: Instance): boolean {
  return instance.people.length <= EXACT_LIMIT.people && instance.incidents.length <= EXACT_LIMIT.incidents;
}

export function exactPlan(instance: Instance): Placement[] {
  const people = instance.people;
  const options = people.map((person) => {
    const out: { placement: Placement; value: number }[] = [];
    for (const incident of instance.incidents) {
      const id = incident.source.id;
      if (person.icQualified) {
        const placement: Placement = { person: person.handle, incident: id, as: "commander", skill: null };
        out.push({ placement, value: placementValue(instance, person, placement) });
      }
      for (const need of incident.needs) {
        if (!canFill(person, need.skill)) continue;
        const placement: Placement = { person: person.handle, incident: id, as: "engineer", skill: need.skill };
        out.push({ placement, value: placementValue(instance, person, placement) });
      }
    }
    return out.sort((a, b) => b.value - a.value);
  });
  const deadlineBonus = instance.incidents.filter((i) => i.deadline).length * instance.settings.deadlineBonus;
  // The best any remaining people could still add (each their best option, all bonuses).
  const rest: number[] = new Array(people.length + 1).fill(0);
  for (let i = people.length - 1; i >= 0; i--) rest[i] = (rest[i + 1] ?? 0) + Math.max(0, options[i]?.[0]?.value ?? 0);

  const commanders = new Set<string>();
  const filled = new Map<string, number>();
  const engineers = new Map<string, number>();
  const chosen: Placement[] = [];
  let best: Placement[] = [];
  let bestValue = Number.NEGATIVE_INFINITY;
  let value = 0;

  const visit = (i: number) => {
    if (value + (rest[i] ?? 0) + deadlineBonus <= bestValue) return;
    if (i === people.length) {
      if (sev1Commanded(instance, commanders) < instance.sev1Commanders) return;
      const total = planObjective(instance, chosen);
      if (total > bestValue) {
        bestValue = total;
        best = [...chosen];
      }
      return;
    }
    for (const { placement, value: v } of options[i] ?? []) {
      const incident = instance.byId.get(placement.incident);
      if (!incident) continue;
      if (placement.as === "commander") {
        if (commanders.has(placement.incident)) continue;
        commanders.add(placement.incident);
      } else {
        const k = `${placement.incident}\u0000${placement.skill}`;
        const need = incident.needs.find((n) => n.skill === placement.skill)?.count ?? 0;
        const onIt = engineers.get(placement.incident) ?? 0;
        if ((filled.get(k) ?? 0) >= need || onIt >= instance.settings.spanOfControl) continue;
        filled.set(k, (filled.get(k) ?? 0) + 1);
        engineers.set(placement.incident, onIt + 1);
      }
      chosen.push(placement);
      value += v;
      visit(i + 1);
      value -= v;
      chosen.pop();
      if (placement.as === "commander") commanders.delete(placement.incident);
      else {
        const k = `${placement.incident}\u0000${placement.skill}`;
        filled.set(k, (filled.get(k) ?? 1) - 1);
        engineers.set(placement.incident, (engineers.get(placement.incident) ?? 1) - 1);
      }
    }
    visit(i + 1);
  };
  visit(0);
  return best;
}
