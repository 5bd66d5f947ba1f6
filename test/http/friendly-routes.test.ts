/**
 * Every friendly command route, in an order where each one's preconditions hold, plus
 * the generic `/commands` route. Each must append exactly the expected event.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMMAND_ROUTES, type IncidentCommandType } from "../../src/http/command-routes.js";
import { declare, get, type Json, ok, post, startTestApp, type TestApp } from "./helpers.js";

let t: TestApp;
let id: string;
beforeAll(async () => {
  t = await startTestApp();
  id = await declare(t.http, { severity: "SEV-3" });
});
afterAll(async () => {
  await t.close();
});

interface Case {
  type: IncidentCommandType;
  path: string;
  body?: Json;
  actor?: string;
  event: string;
  check?: (incident: Json) => void;
}

const CASES: Case[] = [
  {
    type: "change-severity",
    path: "severity",
    body: { severity: "SEV-1", reason: "Spreading" },
    event: "SeverityChanged",
    check: (i) => expect(i.severity).toBe("SEV-1"),
  },
  { type: "assign-role", path: "roles", body: { role: "tech-lead", person: "bob" }, event: "RoleAssigned" },
  {
    type: "hand-over-role",
    path: "roles/tech-lead/handover",
    body: { to: "erin", briefing: "DB is the suspect" },
    event: "RoleHandedOver",
    check: (i) => expect((i.roles as Record<string, Json>)["tech-lead"]?.person).toBe("erin"),
  },
  {
    type: "release-role",
    path: "roles/tech-lead/release",
    body: { reason: "Back to the workstream" },
    event: "RoleReleased",
    check: (i) => expect(i.roles).not.toHaveProperty("tech-lead"),
  },
  {
    type: "change-status",
    path: "status",
    body: { status: "identified", note: "Bad deploy" },
    event: "StatusChanged",
    check: (i) => expect(i.status).toBe("identified"),
  },
  {
    type: "add-note",
    path: "notes",
    body: { channel: "tech", text: "p99 up 10x" },
    event: "NoteAdded",
    check: (i) => expect(i.noteCount).toEqual({ command: 0, tech: 1, stakeholder: 0 }),
  },
  {
    type: "set-cadence",
    path: "cadence",
    body: { minutes: 10 },
    event: "CadenceSet",
    check: (i) => expect(i.cadenceMinutes).toBe(10),
  },
  {
    type: "publish-update",
    path: "updates",
    body: { audience: "team", text: "Rolling back" },
    event: "UpdatePublished",
  },
  {
    type: "start-workstream",
    path: "workstreams",
    body: { name: "Database", lead: "frank", goal: "Find the slow query" },
    event: "WorkstreamStarted",
  },
  {
    type: "close-workstream",
    path: "workstreams/W1/close",
    body: { outcome: "Found it" },
    event: "WorkstreamClosed",
    check: (i) => expect((i.workstreams as Json[])[0]?.status).toBe("closed"),
  },
  { type: "assign-task", path: "tasks", body: { title: "Roll back", assignee: "dave" }, event: "TaskAssigned" },
  { type: "acknowledge-task", path: "tasks/T1/ack", actor: "dave", event: "TaskAcknowledged" },
  { type: "complete-task", path: "tasks/T1/done", body: { outcome: "Done" }, actor: "dave", event: "TaskCompleted" },
  {
    type: "cancel-task",
    path: "tasks/T2/cancel",
    body: { reason: "Not needed" },
    event: "TaskCancelled",
    check: (i) => expect((i.tasks as Json[]).map((task) => task.status)).toEqual(["done", "cancelled"]),
  },
  {
    type: "propose-option",
    path: "options",
    body: { title: "Roll back", attributes: { risk: "low" } },
    event: "OptionProposed",
  },
  {
    type: "record-decision",
    path: "decisions",
    body: { kind: "trade-off", chosen: ["A"], rationale: "Quickest" },
    event: "DecisionRecorded",
  },
  {
    type: "add-action-item",
    path: "action-items",
    body: { title: "Add an index", owner: "frank" },
    event: "ActionItemAdded",
  },
  {
    type: "complete-action-item",
    path: "action-items/AI-1/done",
    event: "ActionItemCompleted",
    check: (i) => expect((i.actionItems as Json[])[0]?.status).toBe("done"),
  },
  {
    type: "set-decision-deadline",
    path: "deadlines",
    body: { question: "Restore or fail over?", inMinutes: 10 },
    event: "DecisionDeadlineSet",
    check: (i) => expect((i.deadlines as Json[])[0]).toMatchObject({ id: "DL1", status: "open" }),
  },
  {
    type: "close-decision-deadline",
    path: "deadlines/DL1/close",
    event: "DecisionDeadlineClosed",
    check: (i) => expect((i.deadlines as Json[])[0]?.status).toBe("cancelled"),
  },
  {
    type: "set-trigger",
    path: "triggers",
    body: { condition: "no root cause", action: "roll back", inMinutes: 15 },
    event: "TriggerSet",
  },
  {
    type: "close-trigger",
    path: "triggers/TR1/close",
    body: { outcome: "averted", note: "cause found" },
    event: "TriggerClosed",
    check: (i) => expect((i.triggers as Json[])[0]?.status).toBe("averted"),
  },
  {
    type: "issue-reminders",
    path: "reminders",
    event: "ReminderIssued",
    check: (i) => expect(Object.values(i.remindersIssued as Json)).toEqual(["update-overdue"]),
  },
  {
    type: "save-postmortem",
    path: "postmortem",
    body: { markdown: "# Postmortem\n\nDraft." },
    event: "PostmortemSaved",
    check: (i) => expect((i.postmortem as Json).revision).toBe(1),
  },
  { type: "resolve", path: "resolve", body: { summary: "Rolled back" }, event: "IncidentResolved" },
  {
    type: "publish-postmortem",
    path: "postmortem/publish",
    event: "PostmortemPublished",
    check: (i) => expect(((i.postmortem as Json).published as Json[]).map((p) => p.version)).toEqual([1]),
  },
  { type: "reopen", path: "reopen", body: { reason: "It came back" }, event: "IncidentReopened" },
  {
    type: "set-impact-estimate",
    path: "impact-estimate",
    body: { revenueAtRiskPerHourUsd: 9000 },
    event: "ImpactEstimated",
    check: (i) => expect((i.impactEstimate as Json).revenueAtRiskPerHourUsd).toBe(9000),
  },
  {
    type: "set-skill-needs",
    path: "skill-needs",
    body: { needs: [{ skill: "database", count: 2 }] },
    event: "SkillNeedsSet",
    check: (i) => expect(i.skillNeeds).toEqual([{ skill: "database", count: 2 }]),
  },
];

describe("friendly command routes", () => {
  it("the cases cover every route in the table exactly once", () => {
    expect(CASES.map((c) => c.type).sort()).toEqual(Object.keys(COMMAND_ROUTES).sort());
    for (const c of CASES) {
      const template = COMMAND_ROUTES[c.type].path;
      expect(new RegExp(`^${template.replace(/:[A-Za-z]+/g, "[^/]+")}$`).test(c.path), c.path).toBe(true);
    }
  });

  it.each(CASES)("POST /api/incidents/:id/$path appends $event", async (c) => {
    // Only the update is due: the tasks are done or cancelled, and SEV-3's hour has passed.
    if (c.type === "issue-reminders") t.clock.advanceMinutes(61);
    if (c.type === "cancel-task") {
      ok(await post(t.http, `/api/incidents/${id}/tasks`, { title: "Check the CDN", assignee: "gina" }));
    }
    const before = await t.head();
    const response = await post(t.http, `/api/incidents/${id}/${c.path}`, c.body, {}, c.actor ?? "alice");
    const result = ok(response);
    const appended = result.appended as Json[];
    expect(appended.map((e) => e.type)).toEqual([c.event]);
    expect(appended[0]).toMatchObject({ by: c.actor ?? "alice", position: before + 1 });
    expect(result.duplicate).toBe(false);
    const incident = result.incident as Json;
    expect(response.headers.etag).toBe(`"${incident.version}"`);
    expect(await t.head()).toBe(before + 1);
    c.check?.(incident);
  });

  it("the generic route runs any command by type", async () => {
    const result = ok(await post(t.http, `/api/incidents/${id}/commands`, { type: "add-note", text: "via generic" }));
    expect((result.appended as Json[])[0]).toMatchObject({
      type: "NoteAdded",
      text: "via generic",
      channel: "command",
    });
  });

  it("path parameters and the route's command type win over the body", async () => {
    ok(await post(t.http, `/api/incidents/${id}/tasks`, { title: "One", assignee: "hal" }));
    ok(await post(t.http, `/api/incidents/${id}/tasks`, { title: "Two", assignee: "hal" }));
    const result = ok(await post(t.http, `/api/incidents/${id}/tasks/T4/done`, { type: "resolve", taskId: "T3" }));
    expect((result.appended as Json[])[0]).toMatchObject({ type: "TaskCompleted", text: "T4 done" });
    const detail = ok(await get(t.http, `/api/incidents/${id}`));
    expect((detail.tasks as Json[]).map((task) => [task.id, task.status])).toEqual([
      ["T1", "done"],
      ["T2", "cancelled"],
      ["T3", "assigned"],
      ["T4", "done"],
    ]);
    expect(detail.status).toBe("investigating");
  });
});
