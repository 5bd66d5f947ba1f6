import { describe, expect, it } from "vitest";
import {
  commanderOf,
  elapsedSeconds,
  type Flag,
  flags,
  formatDuration,
  openTasks,
  taskView,
  updateClock,
} from "../../src/domain/incident/derived.js";
import type { IncidentEvent } from "../../src/domain/incident/events.js";
import { DEFAULT_POLICY } from "../../src/domain/incident/policy.js";
import {
  at,
  DEV,
  declared,
  EXEC,
  ev,
  IC,
  incidentOf,
  OTHER,
  resolved,
  roleAssigned,
  T0,
  TECH,
  taskAssigned,
} from "./helpers.js";

function update(when: string, nextUpdateAt: string | null = null, updateId = "U1") {
  return ev("UpdatePublished", {
    updateId,
    audience: "team",
    text: "t",
    impact: null,
    timeline: null,
    plan: null,
    nextUpdateAt,
    at: when,
  });
}

const codes = (list: Flag[]) => list.map((f) => f.code);

describe("updateClock", () => {
  it("is due one cadence after declaration", () => {
    expect(updateClock(incidentOf([declared()]), at(10))).toEqual({
      cadenceMinutes: 30,
      nextUpdateDue: at(30),
      overdueBySeconds: 0,
      overdue: false,
    });
  });

  it("is not overdue exactly at the due time, and overdue a second later", () => {
    const incident = incidentOf([declared()]);
    expect(updateClock(incident, at(30))).toMatchObject({ overdue: false, overdueBySeconds: 0 });
    expect(updateClock(incident, at(30, 1))).toMatchObject({ overdue: true, overdueBySeconds: 1 });
  });

  it("counts whole seconds overdue", () => {
    expect(updateClock(incidentOf([declared()]), at(31, 35.9))).toMatchObject({ overdue: true, overdueBySeconds: 95 });
  });

  it.each([
    ["SEV-1", 15],
    ["SEV-2", 30],
    ["SEV-3", 60],
  ] as const)("%s is due %i minutes after the last update", (severity, cadence) => {
    const incident = incidentOf([declared({ severity, cadenceMinutes: cadence }), update(at(7))]);
    expect(updateClock(incident, at(8)).nextUpdateDue).toBe(at(7 + cadence));
  });

  it("has no due time at SEV-4", () => {
    expect(updateClock(incidentOf([declared({ severity: "SEV-4", cadenceMinutes: null })]), at(600))).toEqual({
      cadenceMinutes: null,
      nextUpdateDue: null,
      overdueBySeconds: 0,
      overdue: false,
    });
  });

  it("has no due time once resolved, however late", () => {
    expect(updateClock(incidentOf([declared(), resolved(at(5))]), at(600))).toEqual({
      cadenceMinutes: 30,
      nextUpdateDue: null,
      overdueBySeconds: 0,
      overdue: false,
    });
  });

  it("takes a promised nextUpdateAt earlier than the cadence, but never one past it", () => {
    const earlier = incidentOf([declared(), update(at(5), at(12))]);
    expect(updateClock(earlier, at(13))).toMatchObject({ nextUpdateDue: at(12), overdue: true, overdueBySeconds: 60 });
    // SEV-2: every 30 minutes. A promise of 45 minutes out does not stretch it.
    const later = incidentOf([declared(), update(at(5), at(50))]);
    expect(updateClock(later, at(40))).toMatchObject({ nextUpdateDue: at(35), overdue: true, overdueBySeconds: 300 });
    // Raised to SEV-1 after the promise: the 15-minute clock counts from the last update.
    const raised = incidentOf([
      declared(),
      update(at(5), at(50)),
      ev("SeverityChanged", { from: "SEV-2", to: "SEV-1", reason: "r", cadenceMinutes: 15, at: at(6) }),
    ]);
    expect(updateClock(raised, at(21))).toMatchObject({ nextUpdateDue: at(20), overdue: true });
    // Without a cadence (SEV-4), the promise alone sets the time.
    const none = incidentOf([
      declared(),
      ev("CadenceSet", { cadenceMinutes: null, followsSeverity: false }),
      update(at(5), at(90)),
    ]);
    expect(updateClock(none, at(60)).nextUpdateDue).toBe(at(90));
  });

  it("goes back to the cadence after an update with no promise", () => {
    const incident = incidentOf([declared(), update(at(5), at(50)), update(at(10), null, "U2")]);
    expect(updateClock(incident, at(11)).nextUpdateDue).toBe(at(40));
  });

  it("follows a severity change and a manual cadence", () => {
    const raised = incidentOf([
      declared(),
      ev("SeverityChanged", { from: "SEV-2", to: "SEV-1", reason: "r", cadenceMinutes: 15, at: at(3) }),
    ]);
    expect(updateClock(raised, at(16))).toMatchObject({ cadenceMinutes: 15, nextUpdateDue: at(15), overdue: true });
    const manual = incidentOf([declared(), ev("CadenceSet", { cadenceMinutes: 5, followsSeverity: false })]);
    expect(updateClock(manual, at(4)).nextUpdateDue).toBe(at(5));
    const off = incidentOf([declared(), ev("CadenceSet", { cadenceMinutes: null, followsSeverity: false })]);
    expect(updateClock(off, at(400)).nextUpdateDue).toBeNull();
  });

  it("restarts from a reopen", () => {
    const incident = incidentOf([declared(), resolved(at(5)), ev("IncidentReopened", { reason: "r", at: at(100) })]);
    expect(updateClock(incident, at(101))).toMatchObject({ nextUpdateDue: at(130), overdue: false });
    expect(updateClock(incident, at(131)).overdueBySeconds).toBe(60);
  });
});

describe("tasks", () => {
  const history = [declared(), taskAssigned("T1", DEV, { when: at(2), minutes: 15 })];

  it("counts seconds left and expires after the time-box", () => {
    const [task] = incidentOf(history).tasks;
    if (!task) throw new Error("no task");
    expect(taskView(task, at(10))).toMatchObject({ expired: false, secondsLeft: 7 * 60 });
    expect(taskView(task, at(17))).toMatchObject({ expired: false, secondsLeft: 0 });
    expect(taskView(task, at(17, 1))).toMatchObject({ expired: true, secondsLeft: -1 });
    expect(taskView(task, at(20))).toMatchObject({ expired: true, secondsLeft: -180 });
  });

  it("never expires a closed task", () => {
    for (const closing of [
      ev("TaskCompleted", { taskId: "T1", outcome: null, at: at(3) }),
      ev("TaskCancelled", { taskId: "T1", reason: null, at: at(3) }),
    ]) {
      const [task] = incidentOf([...history, closing]).tasks;
      if (!task) throw new Error("no task");
      expect(taskView(task, at(100))).toMatchObject({ expired: false, secondsLeft: 0 });
    }
  });

  it("lists only open tasks, acknowledged ones included", () => {
    const incident = incidentOf([
      ...history,
      taskAssigned("T2", OTHER),
      taskAssigned("T3", OTHER),
      ev("TaskAcknowledged", { taskId: "T2", at: at(3) }),
      ev("TaskCompleted", { taskId: "T3", outcome: null, at: at(3) }),
    ]);
    const open = openTasks(incident, at(30));
    expect(open.map((t) => [t.id, t.status, t.expired])).toEqual([
      ["T1", "assigned", true],
      ["T2", "acknowledged", true],
    ]);
  });
});

describe("flags", () => {
  it("raises nothing for a staffed SEV-2 on time", () => {
    expect(flags(incidentOf([declared(), roleAssigned("tech-lead", TECH)]), at(5), DEFAULT_POLICY)).toEqual([]);
  });

  it("flags the commander holding another role", () => {
    const list = flags(
      incidentOf([declared(), roleAssigned("tech-lead", IC), roleAssigned("scribe", IC)]),
      at(5),
      DEFAULT_POLICY,
    );
    expect(codes(list)).toEqual(["commander-holds-other-role"]);
    expect(list[0]?.message).toContain("tech-lead, scribe");
  });

  it("stops flagging the commander once command moves to someone without the role", () => {
    const incident = incidentOf([
      declared(),
      roleAssigned("tech-lead", TECH),
      roleAssigned("scribe", IC),
      ev("CommandHandedOver", { from: IC, to: DEV, briefing: null, overrideReason: null, at: at(2) }),
    ]);
    expect(codes(flags(incident, at(5), DEFAULT_POLICY))).toEqual([]);
  });

  it.each([
    ["SEV-1", 15, ["tech-lead", "comms-lead", "exec-stakeholder"]],
    ["SEV-2", 30, ["tech-lead"]],
    ["SEV-3", 60, []],
    ["SEV-4", null, []],
  ] as const)("lists the roles %s requires and nobody holds", (severity, cadence, missing) => {
    const list = flags(incidentOf([declared({ severity, cadenceMinutes: cadence })]), at(1), DEFAULT_POLICY);
    expect(list.filter((f) => f.code === "required-role-missing").map((f) => f.message)).toEqual(
      missing.map((role) => expect.stringContaining(role)),
    );
  });

  it("names each missing role with the right article", () => {
    const list = flags(incidentOf([declared({ severity: "SEV-1", cadenceMinutes: 15 })]), at(1), DEFAULT_POLICY);
    expect(list.filter((f) => f.code === "required-role-missing").map((f) => f.message)).toEqual([
      "SEV-1 expects a tech-lead; nobody holds it",
      "SEV-1 expects a comms-lead; nobody holds it",
      "SEV-1 expects an exec-stakeholder; nobody holds it",
    ]);
  });

  it("clears a missing-role flag once the role is filled", () => {
    const sev1 = [
      declared({ severity: "SEV-1", cadenceMinutes: 15 }),
      roleAssigned("tech-lead", TECH),
      roleAssigned("exec-stakeholder", EXEC),
    ];
    const list = flags(incidentOf(sev1), at(1), DEFAULT_POLICY);
    expect(list.map((f) => f.message)).toEqual([expect.stringContaining("comms-lead")]);
  });

  it("flags an overdue update with how late it is", () => {
    const incident = incidentOf([declared(), roleAssigned("tech-lead", TECH)]);
    expect(codes(flags(incident, at(30), DEFAULT_POLICY))).toEqual([]);
    const list = flags(incident, at(31, 35), DEFAULT_POLICY);
    expect(codes(list)).toEqual(["update-overdue"]);
    expect(list[0]?.message).toContain("1m35s");
    expect(list[0]?.message).toContain(at(30));
  });

  it("flags an expired task, and an unacknowledged one after two minutes", () => {
    const incident = incidentOf([
      declared(),
      roleAssigned("tech-lead", TECH),
      taskAssigned("T1", DEV, { when: at(2), minutes: 5 }),
      taskAssigned("T2", OTHER, { when: at(2), minutes: 60 }),
    ]);
    expect(codes(flags(incident, at(4), DEFAULT_POLICY))).toEqual([]);
    const list = flags(incident, at(8), DEFAULT_POLICY);
    expect(codes(list)).toEqual(["task-expired", "task-unacknowledged"]);
    expect(list[0]?.message).toContain("T1");
    expect(list[0]?.message).toContain("1m00s");
    expect(list[1]?.message).toContain("T2");
  });

  it("does not flag an acknowledged task until it expires", () => {
    const history: IncidentEvent[] = [
      declared(),
      roleAssigned("tech-lead", TECH),
      taskAssigned("T1", DEV, { when: at(2), minutes: 10 }),
      ev("TaskAcknowledged", { taskId: "T1", at: at(3) }),
    ];
    expect(codes(flags(incidentOf(history), at(11), DEFAULT_POLICY))).toEqual([]);
    expect(codes(flags(incidentOf(history), at(13), DEFAULT_POLICY))).toEqual(["task-expired"]);
  });

  it("keeps only the commander flag once resolved", () => {
    const incident = incidentOf([
      declared({ severity: "SEV-1", cadenceMinutes: 15 }),
      roleAssigned("scribe", IC),
      taskAssigned("T1", DEV, { minutes: 5 }),
      resolved(at(5)),
    ]);
    expect(codes(flags(incident, at(500), DEFAULT_POLICY))).toEqual(["commander-holds-other-role"]);
  });
});

describe("small views", () => {
  it("commanderOf names the IC", () => {
    expect(commanderOf(incidentOf([declared({ commander: DEV })]))).toBe(DEV);
  });

  it("elapsedSeconds never goes negative", () => {
    expect(elapsedSeconds(incidentOf([declared()]), "2026-03-01T09:00:00.000Z")).toBe(0);
    expect(elapsedSeconds(incidentOf([declared()]), at(2, 5))).toBe(125);
    expect(incidentOf([declared()]).declaredAt).toBe(T0);
  });

  it.each([
    [0, "0s"],
    [59, "59s"],
    [60, "1m00s"],
    [95, "1m35s"],
    [3599, "59m59s"],
    [3600, "1h00m"],
    [7260, "2h01m"],
    [-5, "0s"],
    [61.9, "1m01s"],
  ])("formatDuration(%d) is %s", (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});
