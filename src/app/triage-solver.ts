/**
 * The HiGHS solver (WebAssembly) behind the triage planner's LpSolver port. Loading the
 * WebAssembly takes tens of milliseconds, so it happens once, on first use; a solve that
 * throws drops the instance (its memory may be left in a bad state) and the next call
 * loads a fresh one.
 */
import { createRequire } from "node:module";
import type { LpAnswer, LpSolver } from "../domain/triage/plan.js";

/** The part of highs-js used here (its bundled types describe the ES module, we load the CommonJS build). */
interface Highs {
  solve(
    lp: string,
    options: Record<string, unknown>,
  ): { Status: string; Columns?: Record<string, { Primal?: number } | undefined> };
}
const loadHighs = createRequire(import.meta.url)("highs") as () => Promise<Highs>;

let loading: Promise<Highs> | null = null;

export async function highsSolver(): Promise<LpSolver> {
  loading ??= loadHighs();
  let highs: Highs;
  try {
    highs = await loading;
  } catch (error) {
    loading = null;
    throw error;
  }
  return {
    name: "highs",
    solve(lp: string, timeLimitMs: number): LpAnswer {
      let result: ReturnType<Highs["solve"]>;
      try {
        // Presolve off: on these assignment models it costs more than it saves (2–4× faster, bench/triage.ts).
        result = highs.solve(lp, {
          output_flag: false,
          presolve: "off",
          time_limit: Math.max(0.01, timeLimitMs / 1000),
        });
      } catch (error) {
        loading = null;
        throw error;
      }
      const values: Record<string, number> = {};
      for (const [name, column] of Object.entries(result.Columns ?? {})) {
        const primal = column?.Primal;
        if (typeof primal === "number") values[name] = primal;
      }
      const hasSolution = Object.keys(values).length > 0;
      switch (result.Status) {
        case "Optimal":
          return { status: "optimal", values };
        case "Time limit reached":
          return hasSolution ? { status: "feasible", values } : { status: "time-limit", values: {} };
        case "Infeasible":
          return { status: "infeasible", values: {} };
        default:
          return { status: "error", values: {}, message: result.Status };
      }
    },
  };
}
