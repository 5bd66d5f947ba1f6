/** Invariants of the matrix over any options and weights (fast-check). */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  buildMatrix,
  type MatrixOption,
  type MatrixRequest,
  type OptionsMatrix,
} from "../../src/domain/decision-support/index.js";
import { isWarroomError } from "../../src/domain/shared/errors.js";
import { optionsArbitrary, weightsArbitrary } from "./generators.js";

/** The matrix, or null when the weights leave nothing to score (a refusal, tested elsewhere). */
function tryMatrix(request: MatrixRequest): OptionsMatrix | null {
  try {
    return buildMatrix(request);
  } catch (error) {
    if (isWarroomError(error) && error.code === "validation.failed") return null;
    throw error;
  }
}

const hybridsFor = (options: MatrixOption[]) =>
  options.length >= 2 ? [[options[1]?.id ?? "B", options[0]?.id ?? "A"]] : [];

describe("matrix properties", () => {
  it("every score, cell score and contribution lies in 0 … 1, and contributions add up to the score", () => {
    fc.assert(
      fc.property(optionsArbitrary(1, 5), weightsArbitrary(), (options, weights) => {
        const m = tryMatrix({ options, weights, hybrids: hybridsFor(options), sensitivity: false });
        if (!m) return;
        for (const r of m.rows) {
          if (r.score === null) continue;
          expect(r.score).toBeGreaterThanOrEqual(0);
          expect(r.score).toBeLessThanOrEqual(1);
          for (const cell of Object.values(r.cells)) {
            if (cell.score !== null) expect(cell.score >= 0 && cell.score <= 1).toBe(true);
          }
          for (const b of r.breakdown) expect(b.contribution).toBeGreaterThanOrEqual(0);
          expect(r.breakdown.reduce((a, b) => a + b.contribution, 0)).toBeCloseTo(r.score, 4);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("the ranking does not depend on the order the options come in", () => {
    fc.assert(
      fc.property(
        optionsArbitrary(2, 5).chain((options) =>
          fc.tuple(fc.constant(options), fc.shuffledSubarray(options, { minLength: options.length })),
        ),
        weightsArbitrary(),
        ([options, shuffled], weights) => {
          const a = tryMatrix({ options, weights, hybrids: hybridsFor(options), sensitivity: false });
          const b = tryMatrix({ options: shuffled, weights, hybrids: hybridsFor(options), sensitivity: false });
          expect(b === null).toBe(a === null);
          if (!a || !b) return;
          expect(b.ranking).toEqual(a.ranking);
          const scores = (m: OptionsMatrix) => Object.fromEntries(m.rows.map((r) => [r.id, r.score]));
          expect(scores(b)).toEqual(scores(a));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("scaling every weight by the same factor changes no score and no winner", () => {
    fc.assert(
      fc.property(
        optionsArbitrary(2, 5),
        weightsArbitrary(),
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        (options, weights, k) => {
          const base = tryMatrix({ options, weights, sensitivity: false });
          if (!base) return;
          const all = Object.fromEntries(base.criteria.filter((c) => c.scored).map((c) => [c.id, c.weight * k]));
          const scaled = buildMatrix({ options, weights: all, sensitivity: false });
          expect(scaled.winner).toBe(base.winner);
          for (const r of scaled.rows) {
            expect(r.score).toBeCloseTo(base.rows.find((x) => x.id === r.id)?.score ?? Number.NaN, 5);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("is deterministic: the same request gives the same matrix", () => {
    fc.assert(
      fc.property(optionsArbitrary(1, 4), weightsArbitrary(), (options, weights) => {
        const a = tryMatrix({ options, weights, hybrids: hybridsFor(options) });
        const b = tryMatrix({ options, weights, hybrids: hybridsFor(options) });
        expect(JSON.stringify(b)).toBe(JSON.stringify(a));
      }),
      { numRuns: 100 },
    );
  });
});
