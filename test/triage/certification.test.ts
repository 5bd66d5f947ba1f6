/**
 * The certification drill scored against the staffing optimiser: a rubric item
 * (`staffing-plan`, `plan-compared` in the built-in certification scenario) compares the trainee's
 * allocation with the optimiser's plan for the same fronts, with evidence per person
 * placed differently and advice; it replays identically.
 */
import { describe, expect, it } from "vitest";
import { resolveScenario } from "../../src/training/scenario-loader.js";
import { inline, item, referenceTranscript, scored } from "../training/helpers.js";

/** The built-in certification scenario carries the item (5 of its 105 points). */
const CERT = resolveScenario("certification");
const FULL = 5;

const line = (s: string) => `  - ${s}`;
const declare = {
  payments: "{ at: 1m, do: declare, incident: payments, title: Card payments failing, severity: SEV-1 }",
  database: "{ at: 1m, do: declare, incident: database, title: Slow pages, severity: SEV-2, commander: riley-ic }",
  certificate:
    "{ at: 1m, do: declare, incident: certificate, title: CDN certificate expiring, severity: SEV-2, commander: riley-ic }",
  certificateKai:
    "{ at: 1m, do: declare, incident: certificate, title: CDN certificate expiring, severity: SEV-2, commander: kai-infra }",
  databaseMine:
    "{ at: 1m30s, do: declare, incident: database, title: Slow pages, severity: SEV-2, commander: dana-db }",
};
const task = (front: string, to: string, at = "2m") =>
  `{ at: ${at}, do: task, incident: ${front}, title: Work the ${front} front, to: ${to}, timebox: 30m }`;

async function planItem(lines: string[]) {
  const t = inline(lines.map(line).join("\n"));
  const { run, score } = await scored(CERT, t);
  expect(run.errors).toEqual([]);
  return item(score, "plan-compared");
}

describe("staffing-plan evaluator", () => {
  it("gives full points to the optimiser's own allocation, naming the plan", async () => {
    const result = await planItem([
      declare.payments,
      declare.certificate,
      // database: staffed by its engineers, no commander left (two ICs, three fronts)
      declare.databaseMine,
      task("payments", "priya-pay"),
      task("payments", "tom-pay"),
      task("certificate", "kai-infra"),
      task("database", "dana-db"),
      task("database", "omar-db"),
      task("database", "wei-db"),
    ]);
    expect(result.points).toBe(FULL);
    expect(result.evidence[0]?.note).toMatch(
      /^the optimiser's plan \(exact, optimal\): payments: (alex|riley)-ic \+ priya-pay, tom-pay; certificate: /,
    );
    expect(result.evidence.some((e) => e.note.startsWith("the plan too leaves database without a commander"))).toBe(
      true,
    );
    expect(result.advice).toContain("Your allocation is the optimiser's plan");
  });

  it("withholds points for engineers left idle or on a front that is not theirs, naming each and the action", async () => {
    const lines = [
      declare.payments,
      declare.database,
      declare.certificateKai,
      task("payments", "priya-pay"),
      task("payments", "dana-db"),
      task("database", "omar-db"),
    ];
    const result = await planItem(lines);
    expect(result.points).toBeLessThan(FULL);
    const notes = result.evidence.map((e) => e.note);
    expect(notes).toContain("payments (INC-1): dana-db on payments, which is not their front: no need of it filled");
    expect(
      notes.find((n) => n.startsWith("tom-pay: you left them unassigned; the plan has them work payments")),
    ).toBeDefined();
    const wrong = result.evidence.find((e) =>
      e.note.startsWith("payments (INC-1): dana-db: you had them work payments"),
    );
    expect(wrong?.action).toBe(4);
    expect(result.advice).toMatch(/^Against the optimiser's plan: /);
  });

  it("scores the strong reference run high but not above the plan, and replays identically", async () => {
    const t = referenceTranscript("certification", "strong");
    const first = item((await scored(CERT, t)).score, "plan-compared");
    const again = item((await scored(CERT, t)).score, "plan-compared");
    expect(first).toEqual(again);
    expect(first.points).toBeGreaterThanOrEqual(0.7 * FULL);
    expect(first.points).toBeLessThanOrEqual(FULL);
    expect(first.evidence[1]?.note).toMatch(/^your allocation at T\+10m reaches \d+% of the plan's value/);
  });
});
