/**
 * The sensitivity line, checked by brute force: for each weight, scan 0 … 10× on a fine
 * grid, recompute the whole matrix at every point, and compare where the winner first
 * changes (above and below the current weight) with what the analysis reported.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  buildMatrix,
  criterionLine,
  type MatrixOption,
  type OptionsMatrix,
} from "../../src/domain/decision-support/index.js";
import { isWarroomError } from "../../src/domain/shared/errors.js";
import { EXERCISE_1, EXERCISE_3 } from "./fixtures.js";
import { optionsArbitrary, weightsArbitrary } from "./generators.js";

const winnerAt = (options: MatrixOption[], weights: Record<string, number>, id: string, x: number) =>
  buildMatrix({ options, weights: { ...weights, [id]: x }, sensitivity: false }).winner;

/** Checks every criterion's reported flips against a scan with `steps` grid points. */
function bruteForce(options: MatrixOption[], weights: Record<string, number>, matrix: OptionsMatrix, steps: number) {
  const s = matrix.sensitivity;
  if (!s) throw new Error("no sensitivity");
  const base = matrix.winner;
  for (const c of s.criteria) {
    const [, high] = c.range;
    const step = high / steps;
    const grid = Array.from({ length: steps + 1 }, (_, i) => i * step);
    // Up: the first grid point above the weight whose winner differs.
    const above = grid.filter((x) => x > c.weight + 1e-9);
    const firstUp = above.find((x) => winnerAt(options, weights, c.criterion, x) !== base);
    // Down: the first grid point below the weight (walking down) whose winner differs.
    const below = grid.filter((x) => x < c.weight - 1e-9 && !(x === 0 && onlyWeight(weights, matrix, c.criterion)));
    const firstDown = [...below].reverse().find((x) => winnerAt(options, weights, c.criterion, x) !== base);
    const where = `${c.criterion} (weight ${c.weight})`;
    if (c.up === null) expect(firstUp, `${where}: nothing should flip above`).toBeUndefined();
    else {
      expect(winnerAt(options, weights, c.criterion, c.up.suggested), `${where}: the suggested weight flips`).toBe(
        c.up.winner,
      );
      expect(c.up.winner).not.toBe(base);
      expect(c.up.suggested).toBeGreaterThan(c.up.at);
      expect(c.up.suggested - c.up.at).toBeLessThanOrEqual(0.01 + 1e-9);
      if (firstUp !== undefined) {
        expect(firstUp, `${where}: first flip on the grid is at or after the crossing`).toBeGreaterThanOrEqual(
          c.up.at - 1e-9,
        );
        expect(firstUp, `${where}: …and within one grid step of it`).toBeLessThanOrEqual(c.up.at + step + 1e-9);
      } else
        expect(c.up.at + step, `${where}: a flip the grid missed is within a step of the end`).toBeGreaterThan(high);
    }
    if (c.down === null) expect(firstDown, `${where}: nothing should flip below`).toBeUndefined();
    else {
      expect(winnerAt(options, weights, c.criterion, c.down.suggested)).toBe(c.down.winner);
      expect(c.down.winner).not.toBe(base);
      expect(c.down.suggested).toBeLessThan(c.down.at);
      if (firstDown !== undefined) {
        expect(firstDown).toBeLessThanOrEqual(c.down.at + 1e-9);
        expect(firstDown).toBeGreaterThanOrEqual(c.down.at - step - 1e-9);
      } else expect(c.down.at).toBeLessThan(step);
    }
  }
  // The headline is the smallest relative change among all the flips.
  const changes = s.criteria.flatMap((c) =>
    [c.up, c.down].filter((f) => f !== null).map((f) => Math.abs(f.at - c.weight) / (c.weight > 0 ? c.weight : 1)),
  );
  if (changes.length === 0) expect(s.closest).toBeNull();
  else {
    const closest = s.closest;
    expect(closest).not.toBeNull();
    if (closest)
      expect(Math.abs(closest.at - closest.from) / (closest.from > 0 ? closest.from : 1)).toBeCloseTo(
        Math.min(...changes),
        5,
      );
  }
}

/** With every other scored weight at 0, a weight of 0 leaves nothing to score: skip that point. */
function onlyWeight(weights: Record<string, number>, matrix: OptionsMatrix, id: string): boolean {
  return matrix.criteria.filter((c) => c.scored && c.id !== id).every((c) => (weights[c.id] ?? c.weight) === 0);
}

describe("sensitivity, by brute force", () => {
  it("Exercise 1: D holds until user impact drops below 1.94 or time passes 1.55", () => {
    const matrix = buildMatrix({ options: EXERCISE_1 });
    bruteForce(EXERCISE_1, {}, matrix, 3000);
    const s = matrix.sensitivity;
    const time = s?.criteria.find((c) => c.criterion === "time");
    const impact = s?.criteria.find((c) => c.criterion === "userImpact");
    expect(time?.up).toMatchObject({ winner: "C", suggested: 1.55 });
    // D leads C by 3 × (0.75 − 0.5) on user impact and trails by (60/90 − 60/330) per unit of time weight.
    expect(time?.up?.at).toBeCloseTo(0.75 / (60 / 90 - 60 / 330), 4);
    expect(impact?.down).toMatchObject({ winner: "C", suggested: 1.93 });
    expect(s?.line).toBe("Closest call: lowering user impact from 3 to 1.93 or less makes C the winner instead of D.");
    expect(criterionLine(time ?? (undefined as never))).toBe("time to complete (weight 1): C wins at 1.55 or more");
    expect(criterionLine(s?.criteria.find((c) => c.criterion === "dataLoss") ?? (undefined as never))).toBe(
      "data loss (weight 3): B wins at 0.63 or less",
    );
  });

  it("Exercise 1 with a hybrid row and other weights", () => {
    const weights = { time: 2.5, risk: 0, userImpact: 1 };
    const matrix = buildMatrix({ options: EXERCISE_1, weights });
    bruteForce(EXERCISE_1, weights, matrix, 3000);
  });

  it("Exercise 3: nothing flips A within 0–10×", () => {
    const matrix = buildMatrix({ options: EXERCISE_3 });
    bruteForce(EXERCISE_3, {}, matrix, 2000);
    expect(matrix.sensitivity?.criteria.map(criterionLine)).toContain(
      "likelihood of success (weight 3): no single change within 0–30 flips it",
    );
  });

  it("random option sets and weights", () => {
    fc.assert(
      fc.property(optionsArbitrary(2, 4), weightsArbitrary(), (options, weights) => {
        let matrix: OptionsMatrix;
        try {
          matrix = buildMatrix({ options, weights });
        } catch (error) {
          if (isWarroomError(error) && error.code === "validation.failed") return; // every weight 0
          throw error;
        }
        if (matrix.sensitivity) bruteForce(options, weights, matrix, 400);
      }),
      { numRuns: 40, seed: 4242 },
    );
  });
});
