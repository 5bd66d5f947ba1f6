/** Scoring, unknowns, custom criteria, weights, hybrids and the handbook's two decisions. */
import { describe, expect, it } from "vitest";
import {
  buildMatrix,
  DEFAULT_WEIGHTS,
  type MatrixOption,
  type OptionsMatrix,
  parseHybrids,
  parseWeights,
} from "../../src/domain/decision-support/index.js";
import { isWarroomError } from "../../src/domain/shared/errors.js";
import { EXERCISE_1, EXERCISE_3 } from "./fixtures.js";

const row = (m: OptionsMatrix, id: string) => {
  const found = m.rows.find((r) => r.id === id);
  if (!found) throw new Error(`no row ${id}`);
  return found;
};

function refusal(fn: () => unknown): { code: string; fields: (string | undefined)[]; message: string } {
  try {
    fn();
  } catch (error) {
    if (!isWarroomError(error)) throw error;
    return { code: error.code, fields: error.details.map((d) => d.field), message: error.message };
  }
  throw new Error("expected a refusal");
}

describe("the handbook's Exercise 1 (restore, fail over, work around, or C then A)", () => {
  const matrix = buildMatrix({ options: EXERCISE_1, hybrids: [["C", "A"]] });

  it("picks D, the hybrid, under the default weights", () => {
    expect(matrix.winner).toBe("D");
    expect(matrix.ranking).toEqual(["D", "C", "C→A", "A", "B"]);
    expect(row(matrix, "D").rank).toBe(1);
    expect(matrix.margin).toBeGreaterThan(0);
  });

  it("scores on the criteria that have values and lists the rest as not given", () => {
    expect(matrix.criteria.map((c) => c.id)).toEqual(["time", "dataLoss", "risk", "userImpact"]);
    expect(matrix.notGiven).toEqual([
      "likelihood of success",
      "revenue impact",
      "recovery time",
      "reputation damage",
      "legal risk",
      "cost",
    ]);
  });

  it("scores D as the weighted mean of its criterion scores, with a breakdown that adds up", () => {
    const d = row(matrix, "D");
    const expected = (1 * (60 / 330) + 3 * 1 + 2 * 0.5 + 3 * 0.75) / (1 + 3 + 2 + 3);
    expect(d.score).toBeCloseTo(expected, 6);
    const sum = d.breakdown.reduce((a, b) => a + b.contribution, 0);
    expect(sum).toBeCloseTo(d.score ?? 0, 5);
    expect(d.breakdown.find((b) => b.criterion === "userImpact")).toMatchObject({ weight: 3, score: 0.75 });
  });

  it("builds the hybrid C then A as the handbook's D: times add, data loss and risk take the worst step", () => {
    const hybrid = row(matrix, "C→A");
    expect(hybrid).toMatchObject({
      kind: "hybrid",
      steps: ["C", "A"],
      title: "Application workaround, then Full backup restore",
    });
    expect(hybrid.cells.time).toEqual({ shown: "4h30m", score: 60 / 330, how: "30m + 4h" });
    expect(hybrid.cells.time?.shown).toBe("4h30m");
    expect(EXERCISE_1[3]?.attributes.timeToCompleteMinutes).toBe(270);
    expect(hybrid.cells.dataLoss).toMatchObject({ shown: "none", score: 1 });
    expect(hybrid.cells.risk).toMatchObject({ shown: "medium", how: "worst of C, A (C)" });
    expect(hybrid.cells.userImpact?.how).toBe("C's (the first step)");
    expect(matrix.hybridRules).toContain("time to complete adds up (the steps run one after another)");
  });

  it("turns to C when time matters more, and to B when data loss stops mattering", () => {
    expect(buildMatrix({ options: EXERCISE_1, weights: { time: 5 } }).winner).toBe("C");
    expect(buildMatrix({ options: EXERCISE_1, weights: { dataLoss: 0, userImpact: 0 } }).winner).toBe("B");
  });
});

describe("the handbook's Exercise 3 (shut down now or keep running)", () => {
  const matrix = buildMatrix({ options: EXERCISE_3 });

  it("picks A, the immediate shutdown, by a wide margin", () => {
    expect(matrix.winner).toBe("A");
    expect(matrix.margin).toBeGreaterThan(0.3);
    expect(matrix.criteria.map((c) => c.id)).toEqual([
      "userImpact",
      "success",
      "revenue",
      "recovery",
      "reputation",
      "legal",
    ]);
    expect(row(matrix, "B").cells.revenue).toMatchObject({ shown: "$50M+", score: 1e6 / 51e6 });
  });

  it("says no single weight change flips it: A is better on every criterion", () => {
    expect(matrix.sensitivity?.closest).toBeNull();
    expect(matrix.sensitivity?.line).toBe("No single weight change within 0–10× flips the winner (A).");
    for (const c of matrix.sensitivity?.criteria ?? []) expect([c.up, c.down]).toEqual([null, null]);
  });
});

describe("unknown values", () => {
  const options: MatrixOption[] = [
    { id: "A", title: "Known", attributes: { risk: "low", timeToCompleteMinutes: 60 } },
    { id: "B", title: "Half known", attributes: { risk: "high" } },
  ];
  const matrix = buildMatrix({ options, weights: { risk: 1, time: 1 } });

  it("are shown as unknown and count as the middle of the scale, not as zero", () => {
    const b = row(matrix, "B");
    expect(b.cells.time).toEqual({ shown: null, score: null, how: null });
    expect(b.breakdown.find((x) => x.criterion === "time")).toMatchObject({ unknown: true, score: 0.5 });
    expect(b.score).toBeCloseTo((0.25 + 0.5) / 2, 9);
  });

  it("leave nothing to rank when no option has a value that can be scored", () => {
    const m = buildMatrix({ options: [{ id: "A", title: "x", attributes: { cost: "two people" } }] });
    expect(m).toMatchObject({ winner: null, ranking: [], sensitivity: null });
    expect(m.rows[0]).toMatchObject({ score: null, rank: null });
    expect(m.criteria).toEqual([expect.objectContaining({ id: "cost", scored: false })]);
  });

  it("make a hybrid's value unknown when any step's is", () => {
    const m = buildMatrix({ options, hybrids: [["A", "B"]] });
    expect(row(m, "A→B").cells.time).toMatchObject({ score: null, how: "unknown: B has no usable value" });
  });
});

describe("custom criteria from numeric extras", () => {
  const options: MatrixOption[] = [
    { id: "A", title: "a", attributes: { risk: "low", extras: { queue: 10, risk: 2, note: "x" } } },
    { id: "B", title: "b", attributes: { risk: "low", extras: { queue: 30, risk: 5 } } },
    { id: "C", title: "c", attributes: { risk: "low", extras: { queue: 20 } } },
  ];

  it("score relative to the other options, more is better unless said otherwise", () => {
    const m = buildMatrix({ options });
    expect(m.criteria.filter((c) => c.custom).map((c) => c.id)).toEqual(["queue", "extras.risk"]);
    expect(["A", "B", "C"].map((id) => row(m, id).cells.queue?.score)).toEqual([0, 1, 0.5]);
    expect(m.winner).toBe("B");
    const lower = buildMatrix({ options, lowerBetter: ["queue"], weights: { "extras.risk": 0 } });
    expect(["A", "B", "C"].map((id) => row(lower, id).cells.queue?.score)).toEqual([1, 0, 0.5]);
    expect(lower.winner).toBe("A");
  });

  it("take their own weight, else the custom weight", () => {
    const m = buildMatrix({ options, weights: { custom: 4, queue: 2 } });
    expect(m.criteria.find((c) => c.id === "queue")?.weight).toBe(2);
    expect(m.criteria.find((c) => c.id === "extras.risk")?.weight).toBe(4);
    expect(buildMatrix({ options }).criteria.find((c) => c.id === "queue")?.weight).toBe(DEFAULT_WEIGHTS.custom);
  });

  it("combine in a hybrid by the weakest step", () => {
    const m = buildMatrix({ options, hybrids: [["A", "B"]], lowerBetter: ["queue"] });
    expect(row(m, "A→B").cells.queue).toMatchObject({ shown: "30", score: 0 });
  });
});

describe("weights", () => {
  it("come from the defaults, overridden per call by criterion or alias", () => {
    expect(parseWeights("risk=3, Time:1,legal-risk=2,likelihood=0.5", "--weights")).toEqual({
      risk: 3,
      time: 1,
      legal: 2,
      success: 0.5,
    });
    const m = buildMatrix({ options: EXERCISE_1, defaults: { ...DEFAULT_WEIGHTS, risk: 7 }, weights: { time: 2 } });
    expect(Object.fromEntries(m.criteria.map((c) => [c.id, c.weight]))).toEqual({
      time: 2,
      dataLoss: 3,
      risk: 7,
      userImpact: 3,
    });
  });

  it.each([
    ["risk", "is not key=number"],
    ["risk=-1", "is not a number of 0 or more"],
    ["risk=lots", "is not a number of 0 or more"],
    ["risk=1001", "the most is 1000"],
    ["risk=1,risk=2", "given twice"],
  ])("refuses '%s', naming the field", (spec, message) => {
    const problem = refusal(() => parseWeights(spec, "--weights"));
    expect(problem).toMatchObject({ code: "validation.failed", fields: ["--weights"] });
    expect(problem.message).toContain(message);
  });

  it("refuses a criterion that does not exist, listing those that do", () => {
    const problem = refusal(() =>
      buildMatrix({ options: EXERCISE_1, weights: { speed: 2 }, fields: { weights: "w" } }),
    );
    expect(problem).toMatchObject({ code: "validation.failed", fields: ["w"] });
    expect(problem.message).toContain("no criterion 'speed'; criteria: time, dataLoss");
  });

  it("refuses weights that leave every scored criterion at zero", () => {
    const zero = { time: 0, dataLoss: 0, risk: 0, userImpact: 0 };
    expect(refusal(() => buildMatrix({ options: EXERCISE_1, weights: zero }))).toMatchObject({
      code: "validation.failed",
      fields: ["weights"],
    });
  });

  it("refuses a direction for a criterion that is not custom", () => {
    const problem = refusal(() => buildMatrix({ options: EXERCISE_1, lowerBetter: ["risk"] }));
    expect(problem.fields).toEqual(["lowerBetter"]);
    expect(problem.message).toContain("built-in criteria have a fixed direction");
  });
});

describe("hybrid requests", () => {
  it("read C,A, 'C then A', C>A and C→A alike", () => {
    expect(parseHybrids(["c,a", "B then C", "A>D", "D→B"], "hybrid")).toEqual([
      ["C", "A"],
      ["B", "C"],
      ["A", "D"],
      ["D", "B"],
    ]);
  });

  it.each([
    [["C"], "two or more options"],
    [["C,C"], "lists an option twice"],
    [["C,A", "c then a"], "asked for twice"],
    [["A,B,C,D,E,F,G"], "the most is 6"],
  ])("refuse %j", (specs, message) => {
    const problem = refusal(() => parseHybrids(specs, "--hybrid"));
    expect(problem).toMatchObject({ code: "validation.failed", fields: ["--hybrid"] });
    expect(problem.message).toContain(message);
  });

  it("refuse an option that does not exist", () => {
    const problem = refusal(() => buildMatrix({ options: EXERCISE_1, hybrids: [["C", "Z"]] }));
    expect(problem).toMatchObject({ code: "option.not_found", fields: ["hybrid"] });
    expect(problem.message).toContain("no option Z (options: A, B, C, D)");
  });

  it("multiply likelihoods and add money", () => {
    const m = buildMatrix({
      options: [
        { id: "A", title: "a", attributes: { likelihoodOfSuccess: 90, revenueImpactUsd: 1e6 } },
        { id: "B", title: "b", attributes: { likelihoodOfSuccess: 50, revenueImpact: "$2M" } },
      ],
      hybrids: [["A", "B"]],
    });
    expect(row(m, "A→B").cells.success).toMatchObject({ shown: "45%", score: 0.45, how: "90% × 50%" });
    expect(row(m, "A→B").cells.revenue).toMatchObject({ shown: "$3M", score: 0.25 });
  });
});

describe("decisions taken", () => {
  it("mark the rows they chose, a hybrid decision its hybrid row", () => {
    const m = buildMatrix({
      options: EXERCISE_1,
      hybrids: [["C", "A"]],
      decisions: [
        { id: "D1", chosen: ["D"] },
        { id: "D2", chosen: ["C", "A"] },
      ],
    });
    expect(m.rows.map((r) => [r.id, r.chosenIn])).toEqual([
      ["A", []],
      ["B", []],
      ["C", []],
      ["D", ["D1"]],
      ["C→A", ["D2"]],
    ]);
  });
});

describe("configured weights", () => {
  it("default to the built-in weights, take partial overrides and refuse bad ones, listing each", async () => {
    const { buildConfig } = await import("../../src/app/config.js");
    expect(buildConfig({}).decisionWeights).toEqual(DEFAULT_WEIGHTS);
    expect(buildConfig({ decisionWeights: { time: 4 } }).decisionWeights).toEqual({ ...DEFAULT_WEIGHTS, time: 4 });
    const problem = refusal(() => buildConfig({ decisionWeights: { risk: -1, speed: 2, legal: 5000 } }));
    expect(problem.code).toBe("validation.failed");
    for (const text of ["decisionWeights.risk: risk must be 0 or more", "decisionWeights.legal", "speed"]) {
      expect(problem.message).toContain(text);
    }
  });
});
