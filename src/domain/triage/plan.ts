/**
 * The staffing plan: rank the incidents, build the greedy plan, then ask the solver for
 * the optimum of the same objective. The solver is a port (HiGHS in the app, exact search
 * for small drills, none at all): if it fails, runs out of time, or answers worse than
 * the greedy plan, the greedy plan is used and `solver.status` says "fallback-greedy".
 */
import { canSolveExactly, exactPlan } from "./exact.js";
import { explainAssignments, findMoves, findUncovered } from "./explain.js";
import { greedyPlan } from "./greedy.js";
import { buildInstance, type Instance, planObjective, planViolations } from "./instance.js";
import { buildLpModel, placementsOf } from "./lp-model.js";
import {
  DEFAULT_SETTINGS,
  type Placement,
  type SolverReport,
  type TriageInput,
  type TriagePlan,
  type TriageSettings,
} from "./types.js";

export interface LpAnswer {
  status: "optimal" | "feasible" | "time-limit" | "infeasible" | "error";
  /** Column values by name (absent when there is no solution). */
  values: Record<string, number>;
  message?: string;
}

/** Solves a 0–1 programme in CPLEX LP text within a time limit. */
export interface LpSolver {
  name: string;
  solve(lp: string, timeLimitMs: number): LpAnswer;
}

export interface PlanOptions {
  settings?: Partial<TriageSettings>;
  /** An LP solver, "exact" (small instances only, else greedy), or null for the greedy plan. */
  solver?: LpSolver | "exact" | null;
  /** Milliseconds from some origin, to report how long solving took (absent: 0). */
  timer?: () => number;
}

export function planStaffing(input: TriageInput, options: PlanOptions = {}): TriagePlan {
  const settings = { ...DEFAULT_SETTINGS, ...options.settings };
  const timer = options.timer ?? (() => 0);
  const instance = buildInstance(input, settings);
  const started = timer();
  const greedy = greedyPlan(instance);
  const greedyObjective = planObjective(instance, greedy);
  const chosen = solve(instance, greedy, greedyObjective, options.solver ?? null);
  const solver: SolverReport = {
    ...chosen.report,
    objective: planObjective(instance, chosen.placements),
    greedyObjective,
    ms: Math.round((timer() - started) * 10) / 10,
  };
  return {
    now: input.now,
    incidents: instance.incidents.map((i) => i.rank),
    assignments: explainAssignments(instance, chosen.placements),
    uncovered: findUncovered(instance, chosen.placements),
    moves: findMoves(instance, chosen.placements),
    solver,
  };
}

type Report = Omit<SolverReport, "objective" | "greedyObjective" | "ms">;

function solve(
  instance: Instance,
  greedy: Placement[],
  greedyObjective: number,
  solver: LpSolver | "exact" | null,
): { placements: Placement[]; report: Report } {
  const noModel = { variables: 0, constraints: 0, candidatesPruned: false };
  if (instance.incidents.length === 0) {
    return { placements: [], report: { status: "empty", engine: "none", note: "no open incident", model: noModel } };
  }
  const fallback = (note: string, model = noModel): { placements: Placement[]; report: Report } => ({
    placements: greedy,
    report: { status: "fallback-greedy", engine: "greedy", note, model },
  });
  if (solver === null || (solver === "exact" && !canSolveExactly(instance))) {
    const note = solver === null ? "greedy plan (no solver asked)" : "greedy plan (too large for the exact search)";
    return { placements: greedy, report: { status: "greedy", engine: "greedy", note, model: noModel } };
  }
  if (solver === "exact") {
    const placements = exactPlan(instance);
    return {
      placements,
      report: { status: "optimal", engine: "exact", note: "proved optimal by exhaustive search", model: noModel },
    };
  }
  const model = buildLpModel(instance, greedy);
  const stats = { variables: model.variables, constraints: model.constraints, candidatesPruned: model.pruned };
  let answer: LpAnswer;
  try {
    answer = solver.solve(model.text, instance.settings.timeLimitMs);
  } catch (error) {
    return fallback(`the solver failed (${error instanceof Error ? error.message : String(error)})`, stats);
  }
  if (answer.status !== "optimal" && answer.status !== "feasible") {
    const why = answer.status === "time-limit" ? `no answer within ${instance.settings.timeLimitMs} ms` : answer.status;
    return fallback(`the solver gave no plan (${why}${answer.message ? `: ${answer.message}` : ""})`, stats);
  }
  const placements = placementsOf(model, answer.values);
  const broken = planViolations(instance, placements);
  if (broken.length > 0) return fallback(`the solver's plan broke a rule (${broken[0]})`, stats);
  if (planObjective(instance, placements) < greedyObjective) {
    return fallback("the solver's best within the time limit was worse than the greedy plan", stats);
  }
  const pruned = model.pruned ? `; candidates pruned to ${instance.settings.candidatesPerNeed} per need` : "";
  return {
    placements,
    report: {
      status: answer.status,
      engine: solver.name,
      note:
        answer.status === "optimal"
          ? `optimal for the model${pruned}`
          : `best found within ${instance.settings.timeLimitMs} ms${pruned}`,
      model: stats,
    },
  };
}
