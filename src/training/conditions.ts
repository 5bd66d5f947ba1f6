/**
 * Inject conditions, evaluated against the drill incident (null before it is declared); an
 * inject with a front reads that front's incident. Pure.
 */
import { updateClock } from "../domain/incident/derived.js";
import type { Incident } from "../domain/incident/state.js";
import type { InjectCondition } from "./scenario-schema.js";

export function conditionHolds(condition: InjectCondition, incident: Incident | null, now: string): boolean {
  switch (condition.kind) {
    case "not-declared":
      return incident === null;
    case "role-unassigned":
      return incident?.roles[condition.role] === undefined;
    case "no-update":
      return !incident?.updates.some((u) => condition.audience === undefined || u.audience === condition.audience);
    case "no-decision":
      return (incident?.decisions.length ?? 0) === 0;
    case "too-few-options":
      return (incident?.options.length ?? 0) < condition.min;
    case "no-tasks":
      return (incident?.tasks.length ?? 0) === 0;
    case "update-overdue":
      return incident !== null && updateClock(incident, now).overdue;
    case "unresolved":
      return incident === null || incident.status !== "resolved";
    default: {
      const never: never = condition;
      return never;
    }
  }
}
