/**
 * A decision told to each audience, on Exercise 1 after the commander chose D: the team
 * hears who does what by when, executives the impact, timeline and rationale, customers
 * what they will notice (checked with the text analyser: no internal names, no jargon),
 * legal the facts.
 */
import { describe, expect, it } from "vitest";
import { analyse } from "../../src/domain/analysis/index.js";
import { decisionRecord } from "../../src/domain/comms/decision-record.js";
import { isWarroomError } from "../../src/domain/shared/errors.js";
import { EXERCISE_1, exerciseOneIncident, IC, runCommands, time } from "./fixtures.js";

const NOW = time("02:18");
const incident = exerciseOneIncident();
const record = (audience: "team" | "executive" | "customer" | "legal") => decisionRecord(incident, "D1", audience, NOW);

describe("the decision record", () => {
  it("for the team: the plan, each action with its owner and due time, fallback, trigger, why", () => {
    const r = record("team");
    expect(r.title).toBe("Decision D1: Hybrid: C then A");
    expect(r.text.split("\n")).toEqual([
      "Decision D1: Hybrid: C then A",
      "Chosen: D — Hybrid: C then A.",
      "Decided: by alex-ic at 02:15 UTC (trade-off); consulted jane-vp, david-product.",
      "Actions: who does what by when.",
      "- mike-app: Deploy the login workaround (T1, due 02:46 UTC, acknowledged)",
      "- sarah-db: Start the backup restore (T2, due 06:16 UTC, assigned)",
      "Fallback: Fail over to the old cluster (B) if the restore fails.",
      "Triggers:",
      "- TR1: if the restore is not at 50% by 04:15 UTC, fail over to the old cluster",
      "Why: The workaround gets people signing in again within 30 minutes and the restore keeps every record.",
      "Deadline: meets DL1 (decide by 02:15 UTC): Restore, fail over or work around?",
      "Next update at 02:20 UTC.",
    ]);
    expect(r.findings.filter((f) => f.severity === "error")).toEqual([]);
  });

  it("for executives: impact first, then the decision, timeline, rationale, alternatives and plan B", () => {
    const r = record("executive");
    const labels = r.lines.map((l) => l.label);
    expect(labels).toEqual([
      "Impact",
      "Decision",
      "Timeline",
      "Why",
      "Alternatives considered",
      "If it fails",
      "Consulted",
      null,
    ]);
    expect(r.text).toContain("Impact: 5% of users cannot sign in (SEV-1, 5% of users affected).");
    expect(r.text).toContain("Timeline: about 4h30m to complete; no data loss expected.");
    expect(r.text).toContain(
      "Alternatives considered: A Full backup restore; B Failover to the old cluster; C Application workaround.",
    );
    expect(r.text).not.toContain("mike-app");
    expect(analyse(r.text, "executive", { now: NOW }).findings.filter((f) => f.severity === "error")).toEqual([]);
  });

  it("for customers: what they will notice and their data, with no internal names and no analyser errors", () => {
    const r = record("customer");
    expect(r.text.split("\n")).toEqual([
      "An update on the service problem",
      "We have chosen how to fix the problem and the work has started.",
      "What you will notice: sign-in is slower for about half an hour, then back to normal.",
      "Your data: we do not expect any data to be lost.",
      "We are sorry for the disruption.",
      "Next update at 02:20 UTC.",
    ]);
    expect(analyse(r.text, "customer", { now: NOW }).findings.filter((f) => f.severity === "error")).toEqual([]);
    for (const name of [IC, "mike-app", "sarah-db", "jane-vp", ...EXERCISE_1.map((o) => o.title), "D1", "INC-1"]) {
      expect(r.text).not.toContain(name);
    }
    expect(r.withheld).toEqual([]);
  });

  it("for legal: who decided when, the impact, the times, the data involved, the alternatives and who was consulted", () => {
    const r = record("legal");
    expect(r.text).toContain("Recorded: decision D1 at 02:15 UTC by alex-ic (trade-off decision).");
    expect(r.text).toContain(
      "Timeline: declared at 02:05 UTC; decided at 02:15 UTC; expected about 4h30m to complete.",
    );
    expect(r.text).toContain("Data involved: no data loss expected.");
    expect(r.text).toContain("- B Failover to the old cluster (data loss: 2 hours of all users' data)");
    expect(r.text).toContain("Consulted: jane-vp, david-product.");
    expect(r.findings.filter((f) => f.severity === "error")).toEqual([]);
  });

  it("renders Markdown with the title as a heading and one paragraph per line", () => {
    const md = record("executive").markdown;
    expect(md.startsWith("### INC-1 decision D1: Hybrid: C then A\n\n**Impact:** 5% of users")).toBe(true);
    expect(md).toContain("\n\n**Why:** The workaround");
  });

  it("tells a hybrid decision as its steps: first step, then all of them", () => {
    const later = runCommands(
      [
        [
          IC,
          "02:30",
          { type: "record-decision", kind: "trade-off", chosen: ["C", "A"], rationale: "Same plan, as steps" },
        ],
      ],
      incident,
    );
    const r = decisionRecord(later, "D2", "executive", time("02:31"));
    expect(r.text).toContain(
      "Decision: we are going with C then A: Application workaround, then Full backup restore, decided at 02:30 UTC.",
    );
    expect(r.text).toContain(
      "Timeline: first step (Application workaround) in about 30m, all steps in about 4h30m; no data loss expected.",
    );
    // Actions after D2 belong to D2; D1's window closed when D2 was made.
    expect(decisionRecord(later, "D2", "team", time("02:31")).text).toContain(
      "Actions: none assigned yet: give each step a named owner and a time-box.",
    );
    expect(decisionRecord(later, "D1", "team", time("02:31")).text).toContain(
      "- mike-app: Deploy the login workaround",
    );
  });

  it("withholds typed words that break a rule for the audience, and says so", () => {
    const leaky = runCommands(
      [
        [
          IC,
          "02:40",
          {
            type: "propose-option",
            title: "Drain db-prod-3.internal",
            attributes: {
              userImpact: "high: the Cassandra cluster on db-prod-3.internal rejects writes",
              dataLoss: "none",
            },
          },
        ],
        [IC, "02:41", { type: "record-decision", kind: "trade-off", chosen: ["E"], rationale: "Fastest" }],
      ],
      incident,
    );
    const r = decisionRecord(leaky, "D2", "customer", time("02:42"));
    expect(r.text).toContain("What you will notice: [to confirm: what customers will notice].");
    expect(r.text).not.toContain("db-prod-3");
    expect(r.withheld).toEqual([
      { what: "what customers will notice", rules: expect.arrayContaining(["internal-hostname"]) },
    ]);
    expect(r.findings.filter((f) => f.severity === "error")).toEqual([]);
  });

  it("refuses a decision that does not exist, naming the decisions there are", () => {
    try {
      decisionRecord(incident, "D7", "team", NOW);
      throw new Error("expected a refusal");
    } catch (error) {
      expect(isWarroomError(error) && error.code).toBe("decision.not_found");
      expect((error as Error).message).toBe("no decision D7 on INC-1 (decisions: D1)");
    }
  });
});
