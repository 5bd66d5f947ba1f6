/** Reading what people typed into numbers and levels, and each criterion's 0–1 score. */
import { describe, expect, it } from "vitest";
import { CRITERIA, type CriterionDef } from "../../src/domain/decision-support/criteria.js";
import {
  dataLossScore,
  findDuration,
  findLevel,
  formatMinutes,
  formatUsd,
  halfLife,
  parseDuration,
  parseLevel,
  parseUsd,
  readDataLoss,
  withoutLevel,
} from "../../src/domain/decision-support/normalise.js";
import type { OptionAttributes } from "../../src/domain/incident/events.js";

const def = (id: CriterionDef["id"]) => CRITERIA.find((c) => c.id === id) as CriterionDef;
const score = (id: CriterionDef["id"], attributes: OptionAttributes) => def(id).read(attributes).score;

describe("durations", () => {
  it.each([
    ["90", 90],
    ["4h", 240],
    ["30m", 30],
    ["1h30m", 90],
    ["2d", 2880],
    ["2w", 20160],
    ["8 hours", 480],
    ["30 min", 30],
    ["3 weeks", 30240],
    ["6-8 hours", 480],
    ["45 seconds", 0.75],
  ])("%s is %d minutes", (text, minutes) => {
    expect(parseDuration(text)).toBeCloseTo(minutes, 9);
  });

  it.each(["weeks", "soon", "4 hours or so", "", "h4", "1h then 2h"])("'%s' is not a duration", (text) => {
    expect(parseDuration(text)).toBeNull();
  });

  it("finds the first duration in free text, a range at its upper end", () => {
    expect(findDuration("2 hours of all users' data")).toBe(120);
    expect(findDuration("the last 10 min of writes, maybe 20 min")).toBe(10);
    expect(findDuration("between 6-8 hours of orders")).toBe(480);
    expect(findDuration("recent actions")).toBeNull();
  });
});

describe("money", () => {
  it.each([
    ["$8M", 8e6],
    ["$50M+", 5e7],
    ["8 million", 8e6],
    ["$1.2k", 1200],
    ["12,000", 12000],
    ["USD 3m", 3e6],
    ["$2bn", 2e9],
    ["250", 250],
  ])("%s is %d dollars", (text, usd) => {
    expect(parseUsd(text)).toBeCloseTo(usd, 6);
  });

  it.each(["major churn", "$", "8M minutes", "two engineers", "1,00"])("'%s' is not an amount", (text) => {
    expect(parseUsd(text)).toBeNull();
  });

  it("formats amounts and minutes compactly", () => {
    expect([formatUsd(8e6), formatUsd(1500), formatUsd(250), formatUsd(2.5e9)]).toEqual([
      "$8M",
      "$1.5k",
      "$250",
      "$2.5B",
    ]);
    expect([
      formatMinutes(240),
      formatMinutes(90),
      formatMinutes(30),
      formatMinutes(20160),
      formatMinutes(2880),
    ]).toEqual(["4h", "1h30m", "30m", "2w", "2d"]);
  });
});

describe("levels", () => {
  it("reads level words and their synonyms", () => {
    expect(["Moderate", "severe", "catastrophic", "minor", "LOW", "none"].map(parseLevel)).toEqual([
      "medium",
      "high",
      "critical",
      "low",
      "low",
      "none",
    ]);
    expect(parseLevel("bad")).toBeNull();
  });

  it("finds the first level word in free text, but not 'no'", () => {
    expect(findLevel("high: 4 hours down")?.level).toBe("high");
    expect(findLevel("Catastrophic")?.level).toBe("critical");
    expect(findLevel("slow login, no data loss")).toBeNull();
    expect(findLevel("4 hours downtime for affected users")).toBeNull();
  });

  it("strips a leading level from the words customers would read", () => {
    expect(withoutLevel("low: sign-in is slower")).toBe("sign-in is slower");
    expect(withoutLevel("(high) — pages fail to load")).toBe("pages fail to load");
    expect(withoutLevel("slow sign-in: about 15s")).toBe("slow sign-in: about 15s");
    expect(withoutLevel("High")).toBe("High");
  });
});

describe("data loss", () => {
  it("reads none, lost time, a share, or some unmeasured loss", () => {
    expect(readDataLoss("none")).toEqual({ kind: "none" });
    expect(readDataLoss("No data lost")).toEqual({ kind: "none" });
    expect(readDataLoss("0")).toEqual({ kind: "none" });
    expect(readDataLoss("2 hours of all users' data")).toEqual({ kind: "duration", minutes: 120 });
    expect(readDataLoss("18% of records")).toEqual({ kind: "share", percent: 18 });
    expect(readDataLoss("recent actions lost")).toEqual({ kind: "some" });
  });

  it("scores none 1, an hour lost 0.5, a share p% as 1 − p, other loss 0", () => {
    expect(dataLossScore({ kind: "none" })).toBe(1);
    expect(dataLossScore({ kind: "duration", minutes: 60 })).toBe(0.5);
    expect(dataLossScore({ kind: "share", percent: 18 })).toBeCloseTo(0.82, 9);
    expect(dataLossScore({ kind: "some" })).toBe(0);
  });
});

describe("criterion scores", () => {
  it("time and recovery halve at their reference points; less is better", () => {
    expect(score("time", { timeToCompleteMinutes: 0 })).toBe(1);
    expect(score("time", { timeToCompleteMinutes: 60 })).toBe(0.5);
    expect(score("time", { timeToCompleteMinutes: 10 })).toBeGreaterThan(
      score("time", { timeToCompleteMinutes: 30 }) ?? 1,
    );
    expect(score("recovery", { recoveryTimeMinutes: 240 })).toBe(0.5);
    expect(halfLife(-5, 60)).toBe(1);
  });

  it("revenue reads the stated amount when no number was stored", () => {
    expect(def("revenue").read({ revenueImpact: "$1M" })).toEqual({ shown: "$1M", value: 1e6, score: 0.5 });
    expect(def("revenue").read({ revenueImpactUsd: 3e6 })).toMatchObject({ shown: "$3M", score: 0.25 });
    expect(def("revenue").read({ revenueImpact: "major churn" })).toEqual({
      shown: "major churn",
      value: null,
      score: null,
    });
  });

  it("likelihood is the percentage as a fraction; risk levels step by a quarter", () => {
    expect(score("success", { likelihoodOfSuccess: 85 })).toBe(0.85);
    expect(["low", "medium", "high", "critical"].map((risk) => score("risk", { risk } as OptionAttributes))).toEqual([
      0.75, 0.5, 0.25, 0,
    ]);
    expect(score("legal", { legalRisk: "high" })).toBe(0.25);
    expect(score("reputation", { reputation: "medium" })).toBe(0.5);
  });

  it("user impact scores only when its text names a level", () => {
    expect(score("userImpact", { userImpact: "low: slower sign-in" })).toBe(0.75);
    expect(score("userImpact", { userImpact: "slow login (5s → 15s)" })).toBeNull();
    expect(def("userImpact").read({ userImpact: "slow login" }).shown).toBe("slow login");
  });

  it("cost scores when it is an amount and is shown either way", () => {
    expect(score("cost", { cost: "$100k" })).toBe(0.5);
    expect(def("cost").read({ cost: "two engineers for a day" })).toEqual({
      shown: "two engineers for a day",
      value: null,
      score: null,
    });
  });

  it("a missing attribute is unknown (null), never zero", () => {
    for (const c of CRITERIA) expect(c.read({})).toEqual({ shown: null, value: null, score: null });
  });
});
