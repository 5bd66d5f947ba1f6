/**
 * The certification drill scored against the staffing optimiser: a rubric item
 * (`staffing-plan`) on a variant of the certification scenario compares the trainee's
 * allocation with the optimiser's plan for the same fronts, with evidence per person
 * placed differently and advice; it replays identically.
 */
import { describe, expect, it } from "vitest";
import { inline, item, referenceTranscript, scenarioVariant, scored } from "../training/helpers.js";

const CERT = scenarioVariant("certification", (y) =>
  y.replace("    - name: Allocation\n      points: 20\n", "    - name: Allocation\n      points: 30\n").replace(
    "          params: { ics: [riley-ic], within: 10m }\n",
    `          params: { ics: [riley-ic], within: 10m }
        - id: plan-compared
          evaluator: staffing-plan
          points: 10
          competency: leadership
          description: The allocation at T+10m against the staffing optimiser's plan
          params: { ics: [riley-ic], at: 10m, fronts: { payments: { usersPct: 100, revenuePerHourUsd: 540000 } } }
`,
  ),
);

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
    expect(result.points).toBe(10);
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
    expect(result.points).toBeLessThan(10);
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
    expect(first.points).toBeGreaterThanOrEqual(7);
    expect(first.points).toBeLessThanOrEqual(10);
    expect(first.evidence[1]?.note).toMatch(/^your allocation at T\+10m reaches \d+% of the plan's value/);
  });
});
