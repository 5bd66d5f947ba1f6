import { describe, expect, it } from "vitest";
import { EVENT_TYPES, type IncidentEvent, incidentEventSchema } from "../../src/domain/incident/events.js";
import { channelOf, describe as describeEvent, toTimelineEntry } from "../../src/domain/incident/timeline.js";
import {
  actionItemAdded,
  at,
  DEV,
  declared,
  EXEC,
  ev,
  IC,
  optionProposed,
  resolved,
  roleAssigned,
  TECH,
  taskAssigned,
  workstreamStarted,
} from "./helpers.js";

/** One sample of every event type, with its expected channel and a fragment of its text. */
const samples: [IncidentEvent, "command" | "tech" | "stakeholder", string][] = [
  [declared({ title: "Checkout failing", impact: "EU users" }), "command", 'Declared SEV-2 "Checkout failing"'],
  [
    ev("SeverityChanged", { from: "SEV-2", to: "SEV-1", reason: "spreading", cadenceMinutes: 15 }),
    "command",
    "SEV-2 → SEV-1: spreading",
  ],
  [roleAssigned("tech-lead", TECH), "command", `${TECH} is tech-lead`],
  [
    ev("RoleReleased", { role: "scribe", person: DEV, reason: "shift over" }),
    "command",
    `${DEV} released scribe: shift over`,
  ],
  [
    ev("RoleHandedOver", { role: "tech-lead", from: TECH, to: DEV, briefing: "replica 2" }),
    "command",
    `tech-lead handed over ${TECH} → ${DEV}. Briefing: replica 2`,
  ],
  [
    ev("CommandHandedOver", { from: IC, to: DEV, briefing: null, overrideReason: "IC unreachable" }),
    "command",
    `${DEV} is now Incident Commander (override: IC unreachable)`,
  ],
  [
    ev("StatusChanged", { from: "investigating", to: "identified", note: "bad index" }),
    "command",
    "Status investigating → identified: bad index",
  ],
  [ev("NoteAdded", { channel: "tech", text: "replica lag 40s" }), "tech", "replica lag 40s"],
  [ev("CadenceSet", { cadenceMinutes: 10, followsSeverity: false }), "command", "Updates every 10 min"],
  [
    ev("UpdatePublished", {
      updateId: "U1",
      audience: "executive",
      text: "checkout degraded",
      impact: null,
      timeline: null,
      plan: null,
      nextUpdateAt: at(40),
    }),
    "stakeholder",
    "Update U1 to executive: checkout degraded",
  ],
  [workstreamStarted("W1", DEV), "command", `Workstream W1 "Stream W1" led by ${DEV}, 30 min`],
  [ev("WorkstreamClosed", { workstreamId: "W1", outcome: "restored" }), "command", "Workstream W1 closed: restored"],
  [taskAssigned("T1", DEV), "command", `T1 → ${DEV} (15 min): Task T1`],
  [ev("TaskAcknowledged", { taskId: "T1" }), "command", "T1 acknowledged"],
  [ev("TaskCompleted", { taskId: "T1", outcome: "done it" }), "command", "T1 done: done it"],
  [ev("TaskCancelled", { taskId: "T2", reason: "not needed" }), "command", "T2 cancelled: not needed"],
  [optionProposed("A", "Failover"), "command", `Option A proposed by ${TECH}: Failover`],
  [
    ev("DecisionRecorded", {
      decisionId: "D1",
      kind: "business",
      title: "Failover",
      chosen: ["A"],
      rationale: "least loss",
      alternatives: [],
      consulted: [EXEC],
      fallback: "restore",
      overrideReason: null,
    }),
    "command",
    "Decision D1 (business): Failover. Rationale: least loss. Fallback: restore",
  ],
  [actionItemAdded("AI-1", DEV), "command", `Action item AI-1 (short-term) → ${DEV}: Follow-up AI-1`],
  [ev("ActionItemCompleted", { actionId: "AI-1" }), "command", "Action item AI-1 done"],
  [resolved(), "command", "Resolved: Rolled back"],
  [ev("IncidentReopened", { reason: "errors back" }), "command", "Reopened: errors back"],
  [
    ev("ImpactEstimated", {
      revenueAtRiskPerHourUsd: 9000,
      impactStartsAt: "2026-03-01T13:00:00.000Z",
      worseningPctPerHour: null,
      note: null,
    }),
    "command",
    "Impact estimate: $9,000/h of revenue at risk, impact starts 13:00 UTC",
  ],
  [ev("SkillNeedsSet", { needs: [{ skill: "database", count: 2 }] }), "command", "Needs 2 database"],
  [
    ev("ReminderIssued", {
      reminderKey: "update-due:update:2026-03-01T10:15:00.000Z",
      kind: "update-due",
      subject: "update",
      dueAt: "2026-03-01T10:15:00.000Z",
      message: "an update is due at 10:15 UTC",
    }),
    "command",
    "Reminder: an update is due at 10:15 UTC",
  ],
  [
    ev("DecisionDeadlineSet", {
      deadlineId: "DL1",
      question: "restore or fail over?",
      dueAt: "2026-03-01T10:15:00.000Z",
    }),
    "command",
    "decide by 10:15 UTC: restore or fail over?",
  ],
  [
    ev("DecisionDeadlineClosed", { deadlineId: "DL1", outcome: "decided", decisionId: "D2" }),
    "command",
    "DL1 met by D2",
  ],
  [
    ev("TriggerSet", {
      triggerId: "TR1",
      condition: "no root cause",
      dueAt: "2026-03-01T10:25:00.000Z",
      action: "roll back",
    }),
    "command",
    "if no root cause by 10:25 UTC, roll back",
  ],
  [
    ev("TriggerClosed", { triggerId: "TR1", outcome: "averted", note: "cause found" }),
    "command",
    "TR1 averted: cause found",
  ],
  [ev("PostmortemSaved", { revision: 2, markdown: "# PM" }), "command", "Postmortem revision 2 saved"],
  [ev("PostmortemPublished", { publishedVersion: 1, revision: 2 }), "command", "published as version 1 (revision 2)"],
];

describe("timeline", () => {
  it("has a sample of every event type", () => {
    expect(samples.map(([event]) => event.type).sort()).toEqual([...EVENT_TYPES].sort());
  });

  it("samples are valid stored events", () => {
    for (const [event] of samples) expect(incidentEventSchema.parse(event)).toEqual(event);
  });

  it.each(samples.map(([event, channel, text]) => [event.type, event, channel, text] as const))(
    "%s gets the right channel and a non-empty text",
    (_type, event, channel, text) => {
      expect(channelOf(event)).toBe(channel);
      const described = describeEvent(event);
      expect(described.trim().length).toBeGreaterThan(0);
      expect(described).toContain(text);
    },
  );

  it.each(["command", "tech", "stakeholder"] as const)("a note keeps its %s channel", (channel) => {
    expect(channelOf(ev("NoteAdded", { channel, text: "x" }))).toBe(channel);
  });

  it("updates go to stakeholders whatever their audience", () => {
    for (const audience of ["team", "executive", "customer", "legal"] as const) {
      const update = ev("UpdatePublished", {
        updateId: "U1",
        audience,
        text: "t",
        impact: null,
        timeline: null,
        plan: null,
        nextUpdateAt: null,
      });
      expect(channelOf(update)).toBe("stakeholder");
      expect(describeEvent(update)).not.toContain("next update");
    }
  });

  it("omits missing optional parts instead of printing null", () => {
    const bare: IncidentEvent[] = [
      declared(),
      ev("RoleReleased", { role: "scribe", person: DEV, reason: null }),
      ev("RoleHandedOver", { role: "scribe", from: DEV, to: TECH, briefing: null }),
      ev("CommandHandedOver", { from: IC, to: DEV, briefing: null, overrideReason: null }),
      ev("StatusChanged", { from: "investigating", to: "identified", note: null }),
      ev("WorkstreamClosed", { workstreamId: "W1", outcome: null }),
      ev("TaskCompleted", { taskId: "T1", outcome: null }),
      ev("TaskCancelled", { taskId: "T1", reason: null }),
    ];
    for (const event of bare) {
      const text = describeEvent(event);
      expect(text).not.toMatch(/null|undefined|Briefing|override|: $/);
    }
    expect(describeEvent(declared())).not.toContain("Impact");
    expect(describeEvent(declared({ mode: "drill" }))).toContain("(drill)");
  });

  it("describes a cadence turned off and one that follows severity", () => {
    expect(describeEvent(ev("CadenceSet", { cadenceMinutes: null, followsSeverity: false }))).toBe(
      "Update cadence turned off",
    );
    expect(describeEvent(ev("CadenceSet", { cadenceMinutes: 30, followsSeverity: true }))).toBe(
      "Updates every 30 min (follows severity)",
    );
  });

  it("builds an entry with version, position, author and time", () => {
    const event = ev("NoteAdded", { channel: "tech", text: "hello", by: DEV, at: at(3) });
    expect(toTimelineEntry(event, 4, 117)).toEqual({
      version: 4,
      position: 117,
      at: at(3),
      by: DEV,
      type: "NoteAdded",
      channel: "tech",
      text: "hello",
    });
  });
});
