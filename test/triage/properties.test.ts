/**
 * Properties on random instances: no plan (greedy, HiGHS, exact) books anyone twice, gives
 * an IC two incidents or breaks any other rule; the optimiser's objective is never below
 * the greedy plan's; on small instances HiGHS and the exact search agree on the optimum;
 * and every need left open is listed as uncovered.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { highsSolver } from "../../src/app/triage-solver.js";
import {
  buildInstance,
  DEFAULT_SETTINGS,
  greedyPlan,
  type LpSolver,
  type Placement,
  planStaffing,
  planViolations,
  type TriagePlan,
} from "../../src/domain/triage/index.js";
import { smallInstance } from "./fixtures.js";

let highs: LpSolver;
beforeAll(async () => {
  highs = await highsSolver();
});

function placements(plan: TriagePlan): Placement[] {
  return plan.assignments.flatMap((a) => [
    ...(a.commander ? [{ person: a.commander, incident: a.incident, as: "commander" as const, skill: null }] : []),
    ...a.reasons
      .filter((r) => r.as === "engineer")
      .map((r) => ({ person: r.person, incident: a.incident, as: "engineer" as const, skill: r.skill })),
  ]);
}

describe("plan properties", () => {
  it("the greedy plan never breaks a rule", () => {
    fc.assert(
      fc.property(smallInstance, (input) => {
        const instance = buildInstance(input, DEFAULT_SETTINGS);
        expect(planViolations(instance, greedyPlan(instance))).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it("the optimiser never double-books, never gives an IC two incidents, and never scores below greedy", () => {
    fc.assert(
      fc.property(smallInstance, (input) => {
        const plan = planStaffing(input, { solver: highs });
        const instance = buildInstance(input, DEFAULT_SETTINGS);
        const placed = placements(plan);
        expect(planViolations(instance, placed)).toEqual([]);
        expect(new Set(placed.map((p) => p.person)).size).toBe(placed.length);
        expect(plan.solver.objective).toBeGreaterThanOrEqual(plan.solver.greedyObjective);
        if (input.incidents.length > 0) expect(plan.solver.status).toBe("optimal");
      }),
      { numRuns: 60 },
    );
  });

  it("HiGHS and the exact search find the same optimum on small instances", () => {
    fc.assert(
      fc.property(smallInstance, (input) => {
        const viaHighs = planStaffing(input, { solver: highs, settings: { candidatesPerNeed: 50 } });
        const exact = planStaffing(input, { solver: "exact", settings: { candidatesPerNeed: 50 } });
        expect(viaHighs.solver.objective).toBeCloseTo(exact.solver.objective, 2);
      }),
      { numRuns: 40 },
    );
  });

  it("every need the plan leaves open is reported as uncovered, with what would cover it", () => {
    fc.assert(
      fc.property(smallInstance, (input) => {
        const plan = planStaffing(input, { solver: highs });
        const instance = buildInstance(input, DEFAULT_SETTINGS);
        for (const i of instance.incidents) {
          const a = plan.assignments.find((x) => x.incident === i.source.id);
          const commandGap = plan.uncovered.some((u) => u.incident === i.source.id && u.what === "commander");
          expect(commandGap).toBe(!a?.commander);
          for (const need of i.needs) {
            const filled = a?.reasons.filter((r) => r.as === "engineer" && r.skill === need.skill).length ?? 0;
            const gap = plan.uncovered.find((u) => u.incident === i.source.id && u.skill === need.skill);
            expect(gap?.missing ?? 0).toBe(need.count - filled);
            if (gap) expect(gap.wouldCover).not.toBe("");
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});
