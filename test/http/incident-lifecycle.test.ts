/**
 * A whole incident over HTTP, checking the exact JSON: declare → roles → options →
 * decide → task ack/done → update → resolve → reopen, then the detail, the timeline,
 * the list and the cross-incident task and action-item views.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TimelineEntry } from "../../src/domain/incident/timeline.js";
import { get, type Json, ok, post, START, startTestApp, type TestApp } from "./helpers.js";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

const at = (minutes: number) => new Date(Date.parse(START) + minutes * 60_000).toISOString();
const entry = (version: number, minutes: number, by: string, type: string, text: string): TimelineEntry =>
  ({ version, position: version, at: at(minutes), by, type, channel: "command", text }) as TimelineEntry;

describe("a whole incident over HTTP", () => {
  const appended: TimelineEntry[] = [];
  const step = async (minutes: number, url: string, body: unknown, actor: string, expected: TimelineEntry) => {
    t.clock.set(at(minutes));
    const response = await post(t.http, `/api/incidents/INC-1/${url}`, body, {}, actor);
    const result = ok(response);
    expect(result.appended).toEqual([expected]);
    expect(result.duplicate).toBe(false);
    expect(response.headers.etag).toBe(`"${expected.version}"`);
    appended.push(expected);
    return result.incident as Json;
  };

  it("declares: 201, Location, ETag and the exact CommandResult", async () => {
    const response = await post(t.http, "/api/incidents", {
      title: "Checkout errors",
      severity: "SEV-2",
      impact: "Card payments fail for 30% of users",
      usersAffectedPct: 30,
      services: ["checkout", "payments"],
    });
    expect(response.statusCode).toBe(201);
    expect(response.headers.location).toBe("/api/incidents/INC-1");
    expect(response.headers.etag).toBe('"1"');
    const declared = entry(
      1,
      0,
      "alice",
      "IncidentDeclared",
      'Declared SEV-2 "Checkout errors"; Incident Commander: alice. Impact: Card payments fail for 30% of users',
    );
    expect(response.json()).toEqual({
      incident: {
        id: "INC-1",
        title: "Checkout errors",
        severity: "SEV-2",
        impact: "Card payments fail for 30% of users",
        usersAffectedPct: 30,
        services: ["checkout", "payments"],
        mode: "live",
        private: false,
        declaredBy: "alice",
        declaredAt: START,
        status: "investigating",
        resolvedAt: null,
        resolutionSummary: null,
        roles: { "incident-commander": { person: "alice", since: START } },
        cadenceMinutes: 30,
        cadenceFollowsSeverity: true,
        lastUpdateAt: START,
        promisedNextUpdateAt: null,
        updates: [],
        workstreams: [],
        tasks: [],
        options: [],
        decisions: [],
        actionItems: [],
        noteCount: { command: 0, tech: 0, stakeholder: 0 },
        deadlines: [],
        triggers: [],
        remindersIssued: {},
        postmortem: null,
        version: 1,
        lastEventAt: START,
        commander: "alice",
        elapsedSeconds: 0,
        updateClock: { cadenceMinutes: 30, nextUpdateDue: at(30), overdueBySeconds: 0, overdue: false },
        flags: [{ code: "required-role-missing", message: "SEV-2 expects a tech-lead; nobody holds it" }],
        now: START,
      },
      appended: [declared],
      duplicate: false,
    });
    appended.push(declared);
  });

  it("assigns roles", async () => {
    const incident = await step(
      1,
      "roles",
      { role: "tech-lead", person: "@bob" },
      "alice",
      entry(2, 1, "alice", "RoleAssigned", "bob is tech-lead"),
    );
    expect(incident.roles).toEqual({
      "incident-commander": { person: "alice", since: START },
      "tech-lead": { person: "bob", since: at(1) },
    });
    expect(incident.flags).toEqual([]);
    await step(
      2,
      "roles",
      { role: "scribe", person: "carol" },
      "alice",
      entry(3, 2, "alice", "RoleAssigned", "carol is scribe"),
    );
  });

  it("gathers options", async () => {
    await step(
      3,
      "options",
      {
        title: "Roll back release 42",
        attributes: { timeToCompleteMinutes: 10, risk: "low", likelihoodOfSuccess: 80 },
      },
      "bob",
      entry(4, 3, "bob", "OptionProposed", "Option A proposed by bob: Roll back release 42"),
    );
    const incident = await step(
      4,
      "options",
      { title: "Fail over to the standby region", attributes: { risk: "high", dataLoss: "up to 5 min of orders" } },
      "alice",
      entry(5, 4, "alice", "OptionProposed", "Option B proposed by alice: Fail over to the standby region"),
    );
    expect(incident.options).toEqual([
      {
        id: "A",
        title: "Roll back release 42",
        description: null,
        attributes: { timeToCompleteMinutes: 10, risk: "low", likelihoodOfSuccess: 80 },
        proposedBy: "bob",
        proposedAt: at(3),
      },
      {
        id: "B",
        title: "Fail over to the standby region",
        description: null,
        attributes: { risk: "high", dataLoss: "up to 5 min of orders" },
        proposedBy: "alice",
        proposedAt: at(4),
      },
    ]);
  });

  it("records the Tech Lead's technical decision", async () => {
    const incident = await step(
      5,
      "decisions",
      { kind: "technical", chosen: ["a"], rationale: "Fastest and lowest risk", fallback: "Fail over (B)" },
      "bob",
      entry(
        6,
        5,
        "bob",
        "DecisionRecorded",
        "Decision D1 (technical): Roll back release 42. Rationale: Fastest and lowest risk. Fallback: Fail over (B)",
      ),
    );
    expect(incident.decisions).toEqual([
      {
        id: "D1",
        kind: "technical",
        title: "Roll back release 42",
        chosen: ["A"],
        rationale: "Fastest and lowest risk",
        alternatives: ["B"],
        consulted: [],
        fallback: "Fail over (B)",
        decidedBy: "bob",
        at: at(5),
        overrideReason: null,
      },
    ]);
  });

  it("assigns a task, which its assignee acknowledges (empty body) and completes", async () => {
    await step(
      6,
      "tasks",
      { title: "Roll back release 42", assignee: "dave", timeboxMinutes: 10 },
      "alice",
      entry(7, 6, "alice", "TaskAssigned", "T1 → dave (10 min): Roll back release 42"),
    );
    const tasks = ok(await get(t.http, "/api/tasks?assignee=dave")).tasks as Json[];
    expect(tasks).toEqual([
      {
        id: "T1",
        title: "Roll back release 42",
        assignee: "dave",
        assignedBy: "alice",
        assignedAt: at(6),
        timeboxMinutes: 10,
        dueAt: at(16),
        workstreamId: null,
        status: "assigned",
        acknowledgedAt: null,
        closedAt: null,
        outcome: null,
        expired: false,
        secondsLeft: 600,
        incidentId: "INC-1",
        incidentTitle: "Checkout errors",
        severity: "SEV-2",
      },
    ]);
    await step(7, "tasks/T1/ack", undefined, "dave", entry(8, 7, "dave", "TaskAcknowledged", "T1 acknowledged"));
    const incident = await step(
      14,
      "tasks/t1/done",
      { outcome: "Rolled back" },
      "dave",
      entry(9, 14, "dave", "TaskCompleted", "T1 done: Rolled back"),
    );
    expect(incident.tasks).toEqual([
      expect.objectContaining({
        id: "T1",
        status: "done",
        acknowledgedAt: at(7),
        closedAt: at(14),
        outcome: "Rolled back",
      }),
    ]);
    expect(ok(await get(t.http, "/api/tasks")).tasks).toEqual([]);
  });

  it("publishes an update with a promised next-update time", async () => {
    const next = at(45);
    t.clock.set(at(15));
    const response = await post(t.http, "/api/incidents/INC-1/updates", {
      audience: "executive",
      text: "Checkout recovered after a rollback",
      nextUpdateAt: next,
    });
    const result = ok(response);
    const expected = {
      ...entry(
        10,
        15,
        "alice",
        "UpdatePublished",
        `Update U1 to executive: Checkout recovered after a rollback (next update ${next.slice(11, 16)} UTC)`,
      ),
      channel: "stakeholder",
    } as TimelineEntry;
    expect(result.appended).toEqual([expected]);
    appended.push(expected);
    expect((result.incident as Json).updateClock).toEqual({
      cadenceMinutes: 30,
      nextUpdateDue: next,
      overdueBySeconds: 0,
      overdue: false,
    });
  });

  it("resolves, then reopens", async () => {
    const resolved = await step(
      20,
      "resolve",
      { summary: "Rolled back release 42" },
      "alice",
      entry(11, 20, "alice", "IncidentResolved", "Resolved: Rolled back release 42"),
    );
    expect(resolved).toMatchObject({
      status: "resolved",
      resolvedAt: at(20),
      resolutionSummary: "Rolled back release 42",
    });
    expect(ok(await get(t.http, "/api/incidents?status=open")).incidents).toEqual([]);
    const reopened = await step(
      25,
      "reopen",
      { reason: "Errors returned" },
      "alice",
      entry(12, 25, "alice", "IncidentReopened", "Reopened: Errors returned"),
    );
    expect(reopened).toMatchObject({ status: "investigating", resolvedAt: null, resolutionSummary: null, version: 12 });
  });

  it("serves the detail with ETag, the whole timeline, and the summary list", async () => {
    t.clock.set(at(30));
    const response = await get(t.http, "/api/incidents/inc-1");
    expect(response.headers.etag).toBe('"12"');
    const detail = ok(response);
    expect(detail.timeline).toEqual(appended);
    expect(detail).toMatchObject({ id: "INC-1", version: 12, elapsedSeconds: 1800, now: at(30) });
    expect((await get(t.http, "/api/incidents/INC-1", { "if-none-match": '"12"' })).statusCode).toBe(304);

    expect(ok(await get(t.http, "/api/incidents/INC-1/timeline")).entries).toEqual(appended);
    expect(ok(await get(t.http, "/api/incidents/INC-1/timeline?afterVersion=10")).entries).toEqual(appended.slice(10));
    expect(ok(await get(t.http, "/api/incidents/INC-1/timeline?limit=2")).entries).toEqual(appended.slice(-2));
    expect(ok(await get(t.http, "/api/incidents/INC-1/timeline?channel=stakeholder")).entries).toEqual([appended[9]]);
    expect(ok(await get(t.http, "/api/incidents/INC-1/timeline?type=RoleAssigned,TaskAcknowledged")).entries).toEqual([
      appended[1],
      appended[2],
      appended[7],
    ]);

    expect(ok(await get(t.http, "/api/incidents?status=open&severity=SEV-2&mode=live"))).toEqual({
      incidents: [
        {
          id: "INC-1",
          title: "Checkout errors",
          severity: "SEV-2",
          status: "investigating",
          mode: "live",
          private: false,
          commander: "alice",
          declaredAt: START,
          resolvedAt: null,
          elapsedSeconds: 1800,
          nextUpdateDue: at(55),
          overdue: false,
          overdueBySeconds: 0,
          openTasks: 0,
          expiredTasks: 0,
          attention: [],
          version: 12,
        },
      ],
    });
    expect(ok(await get(t.http, "/api/incidents?severity=SEV-1")).incidents).toEqual([]);
  });

  it("tracks action items across incidents", async () => {
    t.clock.set(at(40));
    await post(t.http, "/api/incidents/INC-1/action-items", {
      title: "Canary releases",
      owner: "bob",
      dueDate: "2026-03-15",
    });
    expect(ok(await get(t.http, "/api/action-items?owner=bob"))).toEqual({
      actionItems: [
        {
          id: "AI-1",
          title: "Canary releases",
          owner: "bob",
          dueDate: "2026-03-15",
          horizon: "short-term",
          status: "open",
          createdAt: at(40),
          completedAt: null,
          incidentId: "INC-1",
          incidentTitle: "Checkout errors",
          overdue: false,
        },
      ],
    });
    expect(ok(await get(t.http, "/api/action-items?owner=nobody-here")).actionItems).toEqual([]);
  });

  it("serves the policy", async () => {
    const policy = ok(await get(t.http, "/api/policy"));
    expect(policy.maxTextBytes).toBe(65536);
    expect((policy.roles as Json[]).map((r) => r.id)).toContain("tech-lead");
  });
});
