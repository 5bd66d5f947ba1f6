/**
 * The handbook's Training Exercise 1 (database migration gone wrong), commanded through
 * the CLI in local mode against a temp SQLite file, on a manual clock starting Saturday
 * 02:05. Checks the human output a commander reads and the --json a script reads.
 */
process.env.TZ = "UTC";

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CommandResult } from "../../src/app/api.js";
import type {
  IncidentDetail,
  IncidentSummary,
  IncidentView,
  OpenActionItem,
  OpenTaskItem,
} from "../../src/app/views.js";
import type { TimelineEntry } from "../../src/domain/incident/timeline.js";
import { ManualClock } from "../../src/domain/shared/clock.js";
import { bound, tempDir } from "./helpers.js";

const IC = "alex-ic";
const tmp = tempDir();
const clock = new ManualClock("2026-03-07T02:05:00.000Z");
const warroom = bound({ db: tmp.db }, { clock, env: { WARROOM_USER: IC } });
const at = (hhmm: string) => clock.set(`2026-03-07T${hhmm}:00.000Z`);

async function ok(argv: string[], as?: string) {
  const run = await warroom(as ? ["--as", as, ...argv] : argv);
  expect(run.stderr, `${argv.join(" ")} wrote to stderr`).toBe("");
  expect(run.code, `${argv.join(" ")} failed`).toBe(0);
  return run;
}

describe("Exercise 1 through the CLI (local mode)", () => {
  beforeAll(() => at("02:05"));
  afterAll(() => tmp.cleanup());

  it("02:05 declares a SEV-1: --json prints the incident with its id", async () => {
    const run = await ok([
      "declare",
      "Users cannot log in after Cassandra migration",
      "--sev",
      "SEV-1",
      "--impact",
      "5% of users cannot log in (data corruption)",
      "--users-pct",
      "5",
      "--service",
      "users-db",
      "--service",
      "auth",
      "--json",
    ]);
    const incident = run.json<IncidentView>();
    expect(incident.id).toBe("INC-1");
    expect(incident).toMatchObject({
      severity: "SEV-1",
      status: "investigating",
      commander: IC,
      usersAffectedPct: 5,
      services: ["users-db", "auth"],
      mode: "live",
      version: 1,
    });
    expect(incident.updateClock.nextUpdateDue).toBe("2026-03-07T02:20:00.000Z");
  });

  it("02:06 establishes the roles; each command confirms in one line plus the header", async () => {
    at("02:06");
    const first = await ok(["assign", "INC-1", "tech-lead", "sarah-db"]);
    expect(first.stdout).toBe(
      "✓ INC-1 sarah-db is tech-lead\nINC-1  SEV-1  investigating  IC alex-ic  1m00s  next update 02:20 (in 14m)\n",
    );
    await ok(["assign", "1", "infra-lead", "lisa-sre"]);
    await ok(["assign", "inc-1", "app-lead", "mike-app"]);
    await ok(["assign", "INC-1", "business-impact", "david-product"]);
    const last = await ok(["assign", "INC-1", "exec-stakeholder", "jane-vp", "--json"]);
    const result = last.json<CommandResult>();
    expect(result.duplicate).toBe(false);
    expect(result.appended.map((e) => e.text)).toEqual(["jane-vp is exec-stakeholder"]);
    expect(Object.fromEntries(Object.entries(result.incident.roles).map(([role, h]) => [role, h.person]))).toEqual({
      "incident-commander": IC,
      "tech-lead": "sarah-db",
      "infra-lead": "lisa-sre",
      "app-lead": "mike-app",
      "business-impact": "david-product",
      "exec-stakeholder": "jane-vp",
    });
    await ok(["note", "INC-1", "--channel", "tech", "users", "table:", "5% of records corrupt"], "sarah-db");
  });

  it("02:07 asks for the options with time-boxed tasks, acknowledged by name", async () => {
    at("02:07");
    await ok([
      "task",
      "INC-1",
      "add",
      "Size the backup restore: time, data loss, risk",
      "--to",
      "sarah-db",
      "--timebox",
      "5",
    ]);
    await ok([
      "task",
      "INC-1",
      "add",
      "Size the failover: time, data loss, sync later?",
      "--to",
      "lisa-sre",
      "--timebox",
      "5",
    ]);
    const t3 = await ok(["task", "INC-1", "add", "Size the workaround", "--to", "mike-app", "--timebox", "5m"]);
    expect(t3.stdout.split("\n")[0]).toBe("✓ INC-1 T3 → mike-app (5 min): Size the workaround");
    await ok(["task", "INC-1", "ack", "T1"], "sarah-db");
    await ok(["task", "ack", "INC-1", "t2"], "lisa-sre");
    // The commander heard mike-app's "yes" on the call and records it.
    await ok(["task", "INC-1", "ack", "T3"]);
    const mine = await ok(["tasks", "--mine", "--json"], "mike-app");
    expect(mine.json<OpenTaskItem[]>().map((t) => [t.incidentId, t.id, t.status])).toEqual([
      ["INC-1", "T3", "acknowledged"],
    ]);
  });

  it("02:10 puts options A–D on the table with their attributes", async () => {
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
      "4 hours downtime for affected users",
      "--proposed-by",
      "sarah-db",
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
      "10 min downtime, recent actions lost",
      "--proposed-by",
      "lisa-sre",
    ]);
    await ok([
      "option",
      "INC-1",
      "add",
      "Application workaround",
      "--time",
      "30m",
      "--data-loss",
      "none",
      "--risk",
      "medium",
      "--user-impact",
      "slow login (5s → 15s)",
      "--success",
      "90%",
      "--extra",
      "perf=degraded",
      "--proposed-by",
      "mike-app",
    ]);
    const d = await ok([
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
      "degraded 30 min, then normal",
      "--description",
      "workaround now, full restore in parallel",
      "--json",
    ]);
    const options = d.json<CommandResult>().incident.options;
    expect(options.map((o) => o.id)).toEqual(["A", "B", "C", "D"]);
    expect(options[0]?.attributes).toEqual({
      timeToCompleteMinutes: 240,
      dataLoss: "none",
      risk: "medium",
      userImpact: "4 hours downtime for affected users",
    });
    expect(options[1]?.attributes.timeToCompleteMinutes).toBe(10);
    expect(options[2]?.attributes).toMatchObject({ likelihoodOfSuccess: 90, extras: { perf: "degraded" } });
    expect(options[3]).toMatchObject({ proposedBy: IC, attributes: { timeToCompleteMinutes: 270 } });
  });

  it("02:12 closes the sizing tasks", async () => {
    at("02:12");
    await ok(["task", "INC-1", "done", "T1", "--outcome", "restore takes 4h, no data loss"], "sarah-db");
    await ok(["task", "INC-1", "done", "T2", "--outcome", "10 min, loses 2h of writes"], "lisa-sre");
    await ok(["task", "INC-1", "done", "T3", "--outcome", "30 min, login slows to 15s"], "mike-app");
  });

  it("02:14 refuses the trade-off decision from anyone but the commander (exit 5)", async () => {
    at("02:14");
    const run = await warroom([
      "--as",
      "lisa-sre",
      "decide",
      "INC-1",
      "--kind",
      "trade-off",
      "--choose",
      "B",
      "--rationale",
      "fastest",
    ]);
    expect(run.code).toBe(5);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(
      "error [decision.not_authorised]: a trade-off decision is made by the Incident Commander (alex-ic)",
    );
  });

  it("02:15 the commander decides D (C then A) as a trade-off, with rationale and fallback", async () => {
    at("02:15");
    const run = await ok([
      "decide",
      "INC-1",
      "--kind",
      "trade-off",
      "--choose",
      "D",
      "--rationale",
      "The workaround stops the bleeding in 30 min; the full restore keeps every record",
      "--fallback",
      "Fail over to the old cluster (B) if the restore fails",
      "--consulted",
      "jane-vp,david-product",
      "--consulted",
      "sarah-db",
      "--json",
    ]);
    const decision = run.json<CommandResult>().incident.decisions[0];
    expect(decision).toMatchObject({
      id: "D1",
      kind: "trade-off",
      chosen: ["D"],
      alternatives: ["A", "B", "C"],
      consulted: ["jane-vp", "david-product", "sarah-db"],
      decidedBy: IC,
      title: "Hybrid: C then A",
      fallback: "Fail over to the old cluster (B) if the restore fails",
      overrideReason: null,
    });

    await ok(["task", "INC-1", "add", "Deploy the login workaround NOW", "--to", "mike-app", "--timebox", "30"]);
    await ok(["task", "INC-1", "add", "Start the backup restore", "--to", "sarah-db", "--timebox", "4h"]);
    await ok([
      "task",
      "INC-1",
      "add",
      "Keep the old cluster ready as plan B",
      "--to",
      "lisa-sre",
      "--timebox",
      "4h30m",
    ]);
    await ok([
      "task",
      "INC-1",
      "add",
      "Prepare the customer communication",
      "--to",
      "david-product",
      "--timebox",
      "15",
    ]);
    await ok(["task", "INC-1", "ack", "T4"], "mike-app");
    await ok(["task", "INC-1", "ack", "T5"], "sarah-db");
    await ok(["status", "INC-1", "mitigating", "--note", "option D under way"]);
  });

  it("02:15 sends the executive update; the header promises 02:30", async () => {
    const run = await ok([
      "update",
      "INC-1",
      "--audience",
      "executive",
      "--impact",
      "5% of users cannot log in",
      "--plan",
      "workaround in 30 min, full restore in 4 h, zero data loss",
      "--next",
      "+15m",
      "30 min to the workaround, 4 hours to full resolution, zero data loss.",
    ]);
    expect(run.stdout).toBe(
      "✓ INC-1 Update U1 to executive: 30 min to the workaround, 4 hours to full resolution, zero data loss. (next update 02:30 UTC)\n" +
        "INC-1  SEV-1  mitigating  IC alex-ic  10m00s  next update 02:30 (in 15m)\n",
    );
  });

  it("02:19 shows the whole war room at a glance", async () => {
    at("02:19");
    const run = await ok(["show", "INC-1"]);
    const out = run.stdout;
    expect(out.split("\n")[0]).toBe("INC-1  SEV-1  mitigating  IC alex-ic  14m00s  next update 02:30 (in 11m)");
    expect(out).toContain("Users cannot log in after Cassandra migration");
    expect(out).toContain(
      "impact    5% of users cannot log in (data corruption) · 5% of users · services users-db, auth",
    );
    expect(out).toMatch(/exec-stakeholder\s+jane-vp\s+since 02:06/);
    expect(out).toContain("OPEN TASKS (4, 3 closed)");
    expect(out).toMatch(/T4\s+mike-app\s+acknowledged\s+26m left\s+Deploy the login workaround NOW/);
    expect(out).toMatch(/A\s+Full backup restore\s+4h\s+none\s+medium\s+4 hours downtime/);
    expect(out).toMatch(/D ✓\s+Hybrid: C then A\s+4h30m/);
    expect(out).toContain("D1  02:15  trade-off  by alex-ic  chose D: Hybrid: C then A");
    expect(out).toContain("rationale: The workaround stops the bleeding in 30 min");
    expect(out).toContain("fallback: Fail over to the old cluster (B) if the restore fails");
    expect(out).toContain("consulted: jane-vp, david-product, sarah-db");
    expect(out).toContain("U1  02:15  to executive  by alex-ic: 30 min to the workaround");
    expect(out).toContain("TIMELINE (last 15 of 29)");
    expect(out).toMatch(/ {2}02:15 {2}alex-ic {3}stakeholder {2}Update U1 to executive/);
    expect(out).toContain("! T6 has not been acknowledged by lisa-sre");
  });

  it("02:31 the list shows the update as OVERDUE; 02:47 the workaround task as EXPIRED", async () => {
    at("02:31");
    const list = await ok(["list"]);
    expect(list.stdout.split("\n")[0]).toMatch(/^ID\s+SEV\s+STATUS\s+IC\s+AGE\s+NEXT UPDATE\s+TITLE$/);
    expect(list.stdout).toMatch(
      /INC-1\s+SEV-1\s+mitigating\s+alex-ic\s+26m00s\s+OVERDUE by 1m00s\s+Users cannot log in/,
    );
    const header = await ok(["note", "INC-1", "restore at 10%"]);
    expect(header.stdout.split("\n")[1]).toBe(
      "INC-1  SEV-1  mitigating  IC alex-ic  26m00s  next update OVERDUE by 1m00s",
    );
    await ok(["update", "INC-1", "--audience", "team", "Workaround deploying; restore at 10%"]);

    at("02:47");
    const show = await ok(["show", "INC-1"]);
    expect(show.stdout).toMatch(/T4\s+mike-app\s+acknowledged\s+EXPIRED 2m00s ago\s+Deploy the login workaround NOW/);
    expect(show.stdout).toContain("! T4 (mike-app) passed its time-box 2m00s ago: check in");
    await ok(["task", "INC-1", "done", "T4", "--outcome", "workaround live; logins back, slower"], "mike-app");
  });

  it("06:45 restores, resolves and leaves action items", async () => {
    at("06:45");
    await ok(["task", "INC-1", "done", "T5", "--outcome", "restore complete, records verified"], "sarah-db");
    await ok(["task", "INC-1", "cancel", "T6", "--reason", "plan B not needed"]);
    await ok(["task", "INC-1", "done", "T7"], "david-product");
    await ok(["status", "INC-1", "monitoring"]);
    await ok([
      "action",
      "INC-1",
      "add",
      "Rehearse",
      "the",
      "Cassandra",
      "migration",
      "on",
      "a",
      "staging",
      "copy",
      "--owner",
      "sarah-db",
      "--horizon",
      "short-term",
      "--due",
      "2026-04-01",
    ]);
    await ok([
      "action",
      "INC-1",
      "add",
      "Alert on users-table corruption",
      "--owner",
      "lisa-sre",
      "--horizon",
      "immediate",
    ]);
    await ok(["action", "INC-1", "done", "AI-2"], "lisa-sre");
    const resolved = await ok(["resolve", "INC-1", "--summary", "Restore complete, every record verified"]);
    expect(resolved.stdout).toBe(
      "✓ INC-1 Resolved: Restore complete, every record verified\nINC-1  SEV-1  resolved  IC alex-ic  4h40m\n",
    );
    const open = await ok(["list"]);
    expect(open.stdout).toContain("No open incidents");
    const all = await ok(["list", "--all", "--json"]);
    expect(all.json<IncidentSummary[]>().map((i) => [i.id, i.status])).toEqual([["INC-1", "resolved"]]);
    const actions = await ok(["actions", "--json"]);
    expect(actions.json<OpenActionItem[]>().map((a) => [a.id, a.owner, a.horizon, a.dueDate])).toEqual([
      ["AI-1", "sarah-db", "short-term", "2026-04-01"],
    ]);
    expect((await ok(["actions"])).stdout).toMatch(
      /INC-1\s+AI-1\s+sarah-db\s+short-term\s+2026-04-01\s+Rehearse the Cassandra/,
    );
  });

  it("show --json holds every part of the state", async () => {
    const detail = (await ok(["show", "INC-1", "--json"])).json<IncidentDetail>();
    expect(detail).toMatchObject({
      id: "INC-1",
      title: "Users cannot log in after Cassandra migration",
      severity: "SEV-1",
      status: "resolved",
      commander: IC,
      resolutionSummary: "Restore complete, every record verified",
      resolvedAt: "2026-03-07T06:45:00.000Z",
      elapsedSeconds: 4 * 3600 + 40 * 60,
      now: "2026-03-07T06:45:00.000Z",
    });
    expect(Object.keys(detail.roles)).toHaveLength(6);
    expect(detail.tasks.map((t) => `${t.id}:${t.status}`)).toEqual([
      "T1:done",
      "T2:done",
      "T3:done",
      "T4:done",
      "T5:done",
      "T6:cancelled",
      "T7:done",
    ]);
    expect(detail.options.map((o) => o.title)).toEqual([
      "Full backup restore",
      "Failover to the old cluster",
      "Application workaround",
      "Hybrid: C then A",
    ]);
    expect(detail.decisions).toHaveLength(1);
    expect(detail.updates.map((u) => [u.id, u.audience, u.nextUpdateAt])).toEqual([
      ["U1", "executive", "2026-03-07T02:30:00.000Z"],
      ["U2", "team", null],
    ]);
    expect(detail.actionItems.map((a) => [a.id, a.status])).toEqual([
      ["AI-1", "open"],
      ["AI-2", "done"],
    ]);
    expect(detail.updateClock).toEqual({
      cadenceMinutes: 15,
      nextUpdateDue: null,
      overdueBySeconds: 0,
      overdue: false,
    });
    expect(detail.flags).toEqual([]);
    expect(detail.noteCount).toEqual({ command: 1, tech: 1, stakeholder: 0 });
    expect(detail.timeline).toHaveLength(detail.version);
    expect(detail.timeline[0]).toMatchObject({ version: 1, type: "IncidentDeclared", by: IC, channel: "command" });
    expect(detail.timeline.at(-1)).toMatchObject({ type: "IncidentResolved", at: "2026-03-07T06:45:00.000Z" });
  });

  it("timeline filters by channel and type, and --limit keeps the last entries", async () => {
    const updates = await ok(["timeline", "INC-1", "--channel", "stakeholder", "--json"]);
    expect(updates.json<TimelineEntry[]>().map((e) => e.type)).toEqual(["UpdatePublished", "UpdatePublished"]);
    const decisions = await ok(["timeline", "INC-1", "--type", "DecisionRecorded,IncidentResolved", "--json"]);
    expect(decisions.json<TimelineEntry[]>().map((e) => e.type)).toEqual(["DecisionRecorded", "IncidentResolved"]);
    const last = await ok(["timeline", "INC-1", "--limit", "2"]);
    expect(last.stdout.trim().split("\n")).toEqual([
      "06:45  lisa-sre  command      Action item AI-2 done",
      "06:45  alex-ic   command      Resolved: Restore complete, every record verified",
    ]);
  });
});
