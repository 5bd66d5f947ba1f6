/**
 * The triage facts on an incident: an impact estimate (merged field by field, null clears,
 * unchanged refused) and the skills it needs (merged by skill, replaced as a whole), both
 * on the timeline and refused on a resolved incident.
 */
import { describe, expect, it } from "vitest";
import { describe as describeEvent } from "../../src/domain/incident/timeline.js";
import { declared, given, resolved } from "../domain/helpers.js";

const STARTS = "2026-03-01T13:00:00.000Z";

describe("set-impact-estimate", () => {
  it("records revenue at risk, when the impact starts and the trend, on the state and the timeline", () => {
    const outcome = given(declared()).when({
      type: "set-impact-estimate",
      revenueAtRiskPerHourUsd: 540000,
      impactStartsAt: "2026-03-01T14:00:00+01:00",
      worseningPctPerHour: 20,
    });
    const event = outcome.emitsOne("ImpactEstimated", {
      revenueAtRiskPerHourUsd: 540000,
      impactStartsAt: STARTS,
      worseningPctPerHour: 20,
      note: null,
    });
    expect(outcome.after.impactEstimate).toMatchObject({ revenueAtRiskPerHourUsd: 540000, impactStartsAt: STARTS });
    expect(describeEvent(event)).toBe(
      "Impact estimate: $540,000/h of revenue at risk, impact starts 13:00 UTC, worsening 20%/h",
    );
  });

  it("keeps what is not given, clears what is null, refuses an estimate that changes nothing", () => {
    const history = given(declared()).and({
      type: "set-impact-estimate",
      revenueAtRiskPerHourUsd: 1000,
      worseningPctPerHour: 5,
    });
    history
      .when({ type: "set-impact-estimate", worseningPctPerHour: null })
      .emitsOne("ImpactEstimated", { revenueAtRiskPerHourUsd: 1000, worseningPctPerHour: null });
    history.when({ type: "set-impact-estimate", revenueAtRiskPerHourUsd: 1000 }).throws("estimate.unchanged");
    history.when({ type: "set-impact-estimate" }).throws("validation.failed", "revenueAtRiskPerHourUsd");
  });

  it("is refused on a resolved incident and for a negative revenue", () => {
    given(declared(), resolved())
      .when({ type: "set-impact-estimate", revenueAtRiskPerHourUsd: 1 })
      .throws("incident.resolved");
    expect(() => given(declared()).when({ type: "set-impact-estimate", revenueAtRiskPerHourUsd: -1 })).toThrow(
      /revenue at risk is 0 or more/,
    );
  });
});

describe("set-skill-needs", () => {
  it("merges the same skill, lower-cases it, and replaces the earlier list", () => {
    const outcome = given(declared()).when({
      type: "set-skill-needs",
      needs: [
        { skill: "Database", count: 2 },
        { skill: "database", count: 1 },
        { skill: "payments", count: 1 },
      ],
    });
    const event = outcome.emitsOne("SkillNeedsSet", {
      needs: [
        { skill: "database", count: 3 },
        { skill: "payments", count: 1 },
      ],
    });
    expect(describeEvent(event)).toBe("Needs 3 database, 1 payments");
    const history = given(declared()).and({ type: "set-skill-needs", needs: [{ skill: "database", count: 3 }] });
    history.when({ type: "set-skill-needs", needs: [{ skill: "database", count: 3 }] }).throws("estimate.unchanged");
    expect(history.when({ type: "set-skill-needs", needs: [] }).after.skillNeeds).toEqual([]);
  });

  it("refuses a count of zero and a skill that is not a word", () => {
    expect(() => given(declared()).when({ type: "set-skill-needs", needs: [{ skill: "db", count: 0 }] })).toThrow();
    expect(() => given(declared()).when({ type: "set-skill-needs", needs: [{ skill: "<b>", count: 1 }] })).toThrow(
      /a skill is a word/,
    );
  });
});
