/** Triage and the staffing plan: priorities with reasons, the plan, its explanation. */
export { currentAssignments, emptyLoad, liveIncidents, loadsOf, type PersonLoad, toTriageIncident } from "./current.js";
export { canSolveExactly, exactPlan } from "./exact.js";
export { greedyPlan } from "./greedy.js";
export { buildInstance, type Instance, planObjective, planViolations } from "./instance.js";
export { buildLpModel } from "./lp-model.js";
export { type LpAnswer, type LpSolver, type PlanOptions, planStaffing } from "./plan.js";
export { formatHours, hoursUntil, rankIncidents, scorePriority } from "./priority.js";
export * from "./types.js";
