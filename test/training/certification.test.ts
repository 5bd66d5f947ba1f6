/**
 * The certification scenario: fronts validated against the cast, facts, injects and rubric;
 * its evidence pointing at the actions that earned or cost each point; and a run above the
 * pass mark failing on a critical item at zero.
 */
import { describe, expect, it } from "vitest";
import { isWarroomError, type WarroomError } from "../../src/domain/shared/errors.js";
import { scoreRun } from "../../src/training/rubric/score.js";
import { runDrill } from "../../src/training/runner.js";
import { parseScenario, resolveScenario } from "../../src/training/scenario-loader.js";
import { TINY_SCENARIO } from "./fixtures.js";
import {
  actionsOf,
  evidenceActions,
  inline,
  item,
  referenceTranscript,
  scenarioVariant,
  scoreReference,
} from "./helpers.js";

const ID = "certification";

function failure(fn: () => unknown): WarroomError {
  try {
    fn();
  } catch (error) {
    if (isWarroomError(error)) return error;
    throw error;
  }
  throw new Error("expected a validation failure");
}

describe("certification scenario", () => {
  it("is a certifying exam with three fronts, the certificate's deadline at T+3h and critical items", () => {
    const s = resolveScenario(ID);
    expect(s.certifies).toBe(true);
    expect(s.fronts?.map((f) => [f.key, f.severity, f.cast.length])).toEqual([
      ["payments", "SEV-1", 2],
      ["database", "SEV-2", 3],
      ["certificate", "SEV-2", 1],
    ]);
    expect(s.fronts?.[2]?.deadline?.at).toBe("3h");
    const critical = s.rubric.groups.flatMap((g) => g.items.filter((i) => i.critical).map((i) => i.id));
    expect(critical).toEqual(["triaged", "deadline-kept", "resources-allocated", "stakeholder-cadence"]);
    expect(s.rubric.passPercent).toBe(80);
    expect(resolveScenario("multi-team-coordination").certifies).toBe(false);
  });

  it("refuses fronts that name unknown people, facts, fronts, or share a person", () => {
    const error = failure(() =>
      scenarioVariant(ID, (y) =>
        y
          .replace("cast: [priya-pay, tom-pay]", "cast: [priya-pay, tom-pay, nobody-here]")
          .replace("cast: [kai-infra]", "cast: [kai-infra, dana-db]")
          .replace("facts: [cert-expiry, cert-cause, cert-plan]", "facts: [cert-expiry, cert-typo]")
          .replace(
            "    front: payments\n    lines:\n      - from: sam-support",
            "    front: billing\n    lines:\n      - from: sam-support",
          )
          .replace("params: { by: { payments: 1h, database: 2h }", "params: { by: { payments: 1h, storage: 2h }")
          .replace("params: { ics: [riley-ic], within: 10m }", "params: { ics: [robin-ic], within: 10m }"),
      ),
    );
    expect(error.code).toBe("validation.failed");
    expect(error.message).toContain("fronts.0.cast.2: nobody-here is not in the cast");
    expect(error.message).toContain("fronts.2.cast.1: dana-db already belongs to front database: one front per person");
    expect(error.message).toContain("fronts.2.facts.1: fact cert-typo is not among the facts");
    expect(error.message).toMatch(/injects\.\d+\.front: front billing is not among the fronts/);
    expect(error.message).toMatch(/params\.by\.storage: front storage is not among the fronts/);
    expect(error.message).toMatch(/params\.ics\.0: robin-ic is not in the cast/);
  });

  it("refuses multi-incident evaluators in a scenario without fronts", () => {
    const text = TINY_SCENARIO.replace(
      "        - { id: timely, evaluator: timely-decision, points: 5, competency: leadership }",
      "        - { id: timely, evaluator: resource-allocation, points: 5, competency: leadership }",
    );
    const error = failure(() => parseScenario(text, "tiny.yaml"));
    expect(error.message).toContain(
      "rubric.groups.0.items.1.evaluator: resource-allocation needs the scenario's fronts",
    );
  });

  it("points the strong commander's evidence at the actions that earned it", async () => {
    const t = referenceTranscript(ID, "strong");
    const { score } = await scoreReference(ID, "strong");
    const on = (front: string, verb: string) => actionsOf(t, verb).filter((i) => t.actions[i]?.incident === front);
    expect(evidenceActions(score, "triaged")).toEqual(
      [...actionsOf(t, "declare"), ...actionsOf(t, "trigger")].sort((a, b) => a - b),
    );
    expect(evidenceActions(score, "collision-sequenced")).toEqual([
      actionsOf(t, "say").find((i) => String(t.actions[i]?.fields.text).startsWith("@dana-db hold the failover")),
    ]);
    expect(evidenceActions(score, "stakeholder-cadence")).toEqual(on("payments", "update"));
    expect(evidenceActions(score, "trade-offs-recorded")).toEqual(actionsOf(t, "decide"));
    expect(evidenceActions(score, "fronts-resolved")).toEqual(actionsOf(t, "resolve"));
    expect(evidenceActions(score, "postmortem")).toEqual(actionsOf(t, "postmortem"));
    expect(
      item(score, "trade-offs-recorded")
        .evidence.map((e) => e.note)
        .join(" "),
    ).toContain("weighs payments against database");
  });

  it("names the weak commander's misses: the late SEV-1, the double booking, the expired certificate", async () => {
    const t = referenceTranscript(ID, "weak");
    const { score } = await scoreReference(ID, "weak");
    expect(score.passed).toBe(false);
    const triage = item(score, "triaged").evidence.map((e) => e.note);
    expect(triage).toContain("payments (INC-2): declared SEV-2 (warrants SEV-1) at T+7m");
    expect(triage).toContain("database was declared before payments");
    const alloc = item(score, "resources-allocated");
    const booked = alloc.evidence.find((e) => e.note.startsWith("payments (INC-2): dana-db double-booked"));
    expect(booked?.action).toBe(actionsOf(t, "task").find((i) => t.actions[i]?.fields.to === "dana-db"));
    expect(
      alloc.evidence.some((e) => e.note === "payments (INC-2): alex-ic commands database and payments at once"),
    ).toBe(true);
    const deadline = item(score, "deadline-kept");
    expect(deadline.points).toBe(0);
    expect(deadline.evidence[0]).toMatchObject({
      offset: "T+3h00m",
      note: "the CDN certificate expires: not resolved in time",
    });
    expect(item(score, "postmortem").evidence.some((e) => e.words?.includes("Human error"))).toBe(true);
  });

  it("counts a check-in only when the other commander is addressed, not merely mentioned", async () => {
    const scenario = resolveScenario(ID);
    const run = async (line: string) => {
      const t = inline(`  - { at: 1m, do: declare, incident: payments, title: Card payments failing, severity: SEV-1 }
  - { at: 1m, do: declare, incident: database, title: Slow pages, severity: SEV-2, commander: riley-ic }
  - ${line}
`);
      const score = scoreRun(scenario, await runDrill(scenario, t));
      return item(score, "across-incidents").evidence.filter((e) => e.note.startsWith("checked in with riley-ic"));
    };
    expect(await run("{ at: 2m, do: say, text: riley-ic runs the database front }")).toEqual([]);
    expect(await run("{ at: 2m, do: say, text: 'Riley, what do you need on the database?' }")).toHaveLength(1);
    expect(await run("{ at: 2m, do: ask, to: riley-ic, text: What do you need? }")).toHaveLength(1);
  });

  it("fails a run above the pass mark when a critical item is at zero (the certificate left to expire)", async () => {
    const strong = referenceTranscript(ID, "strong");
    const skipped = new Set([
      ...actionsOf(strong, "resolve").filter((i) => strong.actions[i]?.incident === "certificate"),
    ]);
    const t = { ...strong, actions: strong.actions.filter((a) => !skipped.has(a.index)) };
    const scenario = resolveScenario(ID);
    const score = scoreRun(scenario, await runDrill(scenario, t));
    expect(score.percent).toBeGreaterThanOrEqual(80);
    expect(item(score, "deadline-kept").points).toBe(0);
    expect(score.passed).toBe(false);
  });
});
