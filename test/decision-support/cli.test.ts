/**
 * Decision support through the CLI (local mode, temp SQLite file, manual clock): option
 * attributes, the matrix in three formats, deadlines and triggers, decide --deadline,
 * the record per audience, show. Bad input exits non-zero naming the flag and stores
 * nothing (the incident's version does not move).
 */
process.env.TZ = "UTC";

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CommandResult } from "../../src/app/api.js";
import type { IncidentDetail } from "../../src/app/views.js";
import type { DecisionRecord } from "../../src/domain/comms/decision-record.js";
import { buildMatrix, type OptionsMatrix } from "../../src/domain/decision-support/index.js";
import { ManualClock } from "../../src/domain/shared/clock.js";
import { bound, type CliRun, tempDir } from "../cli/helpers.js";
import { IC } from "./fixtures.js";

const tmp = tempDir("warroom-ds-");
const clock = new ManualClock("2026-03-07T02:05:00.000Z");
const warroom = bound({ db: tmp.db }, { clock, env: { WARROOM_USER: IC } });
const at = (hhmm: string) => clock.set(`2026-03-07T${hhmm}:00.000Z`);

async function ok(argv: string[]): Promise<CliRun> {
  const run = await warroom(argv);
  expect(run.stderr, `${argv.join(" ")} wrote to stderr`).toBe("");
  expect(run.code, `${argv.join(" ")} failed`).toBe(0);
  return run;
}

const version = async () => (await ok(["show", "INC-1", "--json"])).json<IncidentDetail>().version;

/** Refused with `exit`, naming `field` in the problem, and nothing stored. */
async function refused(argv: string[], exit: number, code: string, field: string) {
  const before = await version();
  const run = await warroom([...argv, "--json"]);
  expect(run.code, run.stderr).toBe(exit);
  expect(run.stdout).toBe("");
  const problem = run.problem();
  expect(problem.code).toBe(code);
  expect(problem.errors.map((e) => e.field)).toContain(field);
  expect(await version()).toBe(before);
  return problem;
}

describe("decision support through the CLI", () => {
  beforeAll(async () => {
    at("02:05");
    await ok(["declare", "Users cannot sign in", "--sev", "1", "--impact", "5% of users cannot sign in"]);
    await ok(["assign", "INC-1", "exec-stakeholder", "jane-vp"]);
  });
  afterAll(() => tmp.cleanup());

  it("sets a decision deadline by clock time and by minutes from now", async () => {
    at("02:08");
    const run = await ok(["deadline", "INC-1", "Restore, fail over or work around?", "--by", "02:15"]);
    expect(run.stdout).toContain(
      "✓ INC-1 Decision deadline DL1: decide by 02:15 UTC: Restore, fail over or work around?",
    );
    const second = await ok(["deadline", "INC-1", "Tell customers?", "--by", "+10m", "--json"]);
    expect(second.json<CommandResult>().incident.deadlines[1]).toMatchObject({
      id: "DL2",
      dueAt: "2026-03-07T02:18:00.000Z",
      status: "open",
    });
    await ok(["deadline", "INC-1", "close", "DL2"]);
  });

  it("adds options with the new attributes: revenue, recovery, reputation, legal risk", async () => {
    at("02:10");
    await ok([
      "option",
      "INC-1",
      "add",
      "Full backup restore",
      "--time",
      "4h",
      "--data-loss",
      "none",
      "--risk",
      "medium",
      "--user-impact",
      "high: affected users cannot sign in for hours",
    ]);
    await ok([
      "option",
      "INC-1",
      "add",
      "Failover to the old cluster",
      "--time",
      "10",
      "--data-loss",
      "2 hours of all users' data",
      "--risk",
      "low",
      "--user-impact",
      "medium: 10 minutes down",
    ]);
    const run = await ok([
      "option",
      "INC-1",
      "add",
      "Application workaround",
      "--time",
      "30m",
      "--data-loss",
      "none",
      "--risk",
      "Moderate",
      "--user-impact",
      "medium: sign-in is slow until a lasting fix",
      "--revenue",
      "$50k",
      "--recovery",
      "2w",
      "--reputation",
      "moderate",
      "--legal-risk",
      "low",
      "--extra",
      "queue=12",
      "--json",
    ]);
    expect(run.json<CommandResult>().incident.options[2]?.attributes).toEqual({
      timeToCompleteMinutes: 30,
      dataLoss: "none",
      risk: "medium",
      userImpact: "medium: sign-in is slow until a lasting fix",
      revenueImpact: "$50k",
      revenueImpactUsd: 50_000,
      recoveryTimeMinutes: 20160,
      reputation: "medium",
      legalRisk: "low",
      extras: { queue: 12 },
    });
    await ok([
      "option",
      "INC-1",
      "add",
      "Hybrid: C then A",
      "--time",
      "4h30m",
      "--data-loss",
      "none",
      "--risk",
      "medium",
      "--user-impact",
      "low: slower sign-in for half an hour",
    ]);
  });

  it("refuses option attributes it cannot read, storing nothing", async () => {
    await refused(["option", "INC-1", "add", "Wait", "--recovery", "a while"], 2, "validation.failed", "--recovery");
    await refused(
      ["option", "INC-1", "add", "Wait", "--legal-risk", "awful"],
      2,
      "validation.failed",
      "attributes.legalRisk",
    );
  });

  it("prints the matrix side by side with scores, the winner and the sensitivity", async () => {
    const run = await ok(["options", "INC-1", "--hybrid", "C,A"]);
    const lines = run.stdout.split("\n");
    expect(lines[0]).toBe("INC-1 OPTIONS  scores 0–1, higher is better; ×weight");
    expect(lines[1]?.trim().split(/\s+/)).toEqual(["A", "B", "C", "D", "C→A"]);
    expect(lines.find((l) => l.startsWith("queue (custom)"))).toMatch(/×1\s+\?\s+\?/);
    const json = (await ok(["options", "INC-1", "--hybrid", "C,A", "--json"])).json<OptionsMatrix>();
    const winner = json.rows.find((r) => r.id === json.winner);
    expect(lines.find((l) => l.startsWith("SCORE"))?.split(/\s{2,}/)[json.rows.indexOf(winner as never) + 1]).toMatch(
      /#1$/,
    );
    expect(run.stdout).toContain(`\nWinner: ${winner?.id} ${winner?.title} (`);
    expect(run.stdout).toContain(`\n${json.sensitivity?.line}\n`);
  });

  it("takes weights per call and prints JSON and Markdown", async () => {
    const json = (await ok(["options", "INC-1", "--weights", "time=10,dataLoss=1", "--json"])).json<
      OptionsMatrix & { incidentId: string }
    >();
    expect(json.incidentId).toBe("INC-1");
    expect(json.criteria.find((c) => c.id === "time")?.weight).toBe(10);
    const detail = (await ok(["show", "INC-1", "--json"])).json<IncidentDetail>();
    const expected = buildMatrix({ options: detail.options, weights: { time: 10, dataLoss: 1 } });
    expect(json.winner).toBe(expected.winner);
    expect(json.winner).toBe("B");
    const md = await ok(["options", "INC-1", "--markdown", "--weights", "risk:3", "--hybrid", "C then A"]);
    expect(md.stdout).toMatch(/^### Options for INC-1\n\n\| Criterion \| Weight \| A: Full backup restore \|/);
    expect(md.stdout).toContain("| risk | 3 |");
    expect(md.stdout).toContain("| queue (custom) | 1 |");
  });

  it("refuses bad weights, an unknown hybrid option or a direction for a built-in, naming the flag", async () => {
    await refused(["options", "INC-1", "--weights", "speed=2"], 2, "validation.failed", "--weights");
    await refused(["options", "INC-1", "--weights", "risk=-1"], 2, "validation.failed", "--weights");
    await refused(["options", "INC-1", "--hybrid", "C,Z"], 3, "option.not_found", "--hybrid");
    await refused(["options", "INC-1", "--hybrid", "C"], 2, "validation.failed", "--hybrid");
    await refused(["options", "INC-1", "--lower-better", "risk"], 2, "validation.failed", "--lower-better");
  });

  it("records the decision against its deadline, which closes", async () => {
    at("02:15");
    const run = await ok([
      "decide",
      "INC-1",
      "--kind",
      "trade-off",
      "--choose",
      "D",
      "--deadline",
      "dl1",
      "--rationale",
      "The workaround gets people in within 30 minutes and the restore keeps every record",
      "--fallback",
      "Fail over to the old cluster if the restore fails",
      "--json",
    ]);
    const result = run.json<CommandResult>();
    expect(result.appended.map((e) => e.text)).toEqual([
      expect.stringMatching(/^Decision D1 \(trade-off\): Hybrid: C then A\./),
      "Decision deadline DL1 met by D1",
    ]);
    expect(result.incident.deadlines[0]).toMatchObject({ id: "DL1", status: "decided", decisionId: "D1" });
    await refused(
      ["decide", "INC-1", "--kind", "trade-off", "--choose", "A", "--rationale", "x", "--deadline", "DL9"],
      3,
      "deadline.not_found",
      "deadlineId",
    );
  });

  it("sets a trigger and closes it with an outcome", async () => {
    at("02:16");
    await ok(["task", "INC-1", "add", "Deploy the login workaround", "--to", "mike-app", "--timebox", "30"]);
    const run = await ok([
      "trigger",
      "INC-1",
      "--if",
      "the restore is not at 50%",
      "--by",
      "04:15",
      "--then",
      "fail over to the old cluster",
    ]);
    expect(run.stdout).toContain(
      "✓ INC-1 Trigger TR1: if the restore is not at 50% by 04:15 UTC, fail over to the old cluster",
    );
    await ok(["trigger", "INC-1", "--if", "errors above 5%", "--by", "+20m", "--then", "roll back"]);
    const closed = await ok([
      "trigger",
      "INC-1",
      "close",
      "TR2",
      "--outcome",
      "averted",
      "--note",
      "errors fell",
      "--json",
    ]);
    expect(closed.json<CommandResult>().incident.triggers[1]).toMatchObject({ status: "averted", note: "errors fell" });
  });

  it("refuses incomplete or contradictory trigger and deadline commands, storing nothing", async () => {
    await refused(["trigger", "INC-1", "--if", "x", "--by", "+5m"], 2, "validation.failed", "--then");
    await refused(["trigger", "INC-1", "--then", "y", "--by", "+5m"], 2, "validation.failed", "--if");
    await refused(["trigger", "INC-1", "--if", "x", "--then", "y"], 2, "validation.failed", "--by");
    await refused(["trigger", "INC-1", "close", "TR1"], 2, "validation.failed", "--outcome");
    await refused(["trigger", "INC-1", "close", "TR1", "--outcome", "exploded"], 2, "validation.failed", "outcome");
    await refused(["trigger", "INC-1", "close", "TR2", "--outcome", "fired"], 4, "trigger.closed", "triggerId");
    await refused(["trigger", "INC-1", "shut", "TR1", "--outcome", "fired"], 2, "validation.failed", "(arguments)");
    await refused(["deadline", "INC-1", "Decide?", "--by", "soonish"], 2, "validation.failed", "--by");
    await refused(["deadline", "INC-1", "Decide?"], 2, "validation.failed", "--by");
    await refused(["deadline", "INC-1", "close", "DL1"], 4, "deadline.closed", "deadlineId");
  });

  it("show lists the open deadlines and triggers, and the new option attributes", async () => {
    at("02:18");
    const out = (await ok(["show", "INC-1"])).stdout;
    expect(out).toContain(
      "OPEN DEADLINES AND TRIGGERS\n  TR1  check at 04:15  in 1h57m  if the restore is not at 50%: fail over to the old cluster\n",
    );
    expect(out).not.toMatch(/^ {2}DL1 /m);
    expect(out).toMatch(/REVENUE\s+RECOVERY\s+REPUTATION\s+LEGAL/);
    expect(out).toMatch(/\$50k\s+336h\s+medium\s+low/);
  });

  it("prints the decision record for each audience", async () => {
    const team = await ok(["decision", "INC-1", "D1"]);
    expect(team.stdout).toContain("Decision D1: Hybrid: C then A\n");
    expect(team.stdout).toContain("- mike-app: Deploy the login workaround (T1, due 02:46 UTC, assigned)\n");
    expect(team.stdout).toContain("- TR1: if the restore is not at 50% by 04:15 UTC, fail over to the old cluster\n");
    const exec = await ok(["decision", "INC-1", "d1", "--audience", "executive", "--markdown"]);
    expect(
      exec.stdout.startsWith("### INC-1 decision D1: Hybrid: C then A\n\n**Impact:** 5% of users cannot sign in"),
    ).toBe(true);
    const customer = await ok(["decision", "INC-1", "D1", "--audience", "customer", "--json"]);
    const record = customer.json<DecisionRecord>();
    expect(record.text).toContain("What you will notice: slower sign-in for half an hour.");
    expect(record.findings.filter((f) => f.severity === "error")).toEqual([]);
  });

  it("refuses an unknown decision or audience", async () => {
    await refused(["decision", "INC-1", "D9"], 3, "decision.not_found", "decisionId");
    await refused(["decision", "INC-1", "D1", "--audience", "board"], 2, "validation.failed", "--audience");
  });
});
