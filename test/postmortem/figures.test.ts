/** Detection and response figures on crafted histories (ManualClock through the real decide). */
import { describe, expect, it } from "vitest";
import type { EventOf } from "../../src/domain/incident/events.js";
import { OPEN_STATUSES, STATUSES } from "../../src/domain/incident/events.js";
import { toTimelineEntry } from "../../src/domain/incident/timeline.js";
import { responseFigures } from "../../src/domain/postmortem/index.js";
import { rolesFilled, statusChanges } from "../../src/domain/postmortem/log.js";
import { History, tAt } from "./history.js";
import { openIncident, quietIncident, sev1Outage } from "./scenarios.js";

describe("a resolved SEV-1", () => {
  const h = sev1Outage();
  const f = responseFigures(h.source, h.now);

  it("measures the duration from declaring to resolving", () => {
    expect(f).toMatchObject({
      declaredAt: tAt(0),
      resolvedAt: tAt(70),
      endAt: tAt(70),
      ongoing: false,
      durationMinutes: 70,
      timeToDeclareMinutes: null,
    });
  });

  it("times the first role, the first update (per audience) and mitigation", () => {
    expect(f.timeToFirstRoleMinutes).toBe(2);
    expect(f.rolesFilled.map((r) => [r.role, r.person])).toEqual([
      ["tech-lead", "sam"],
      ["comms-lead", "ana"],
    ]);
    expect(f.timeToFirstUpdateMinutes).toBe(4);
    expect(f.firstUpdateByAudience).toEqual({ team: 4, executive: 30, customer: 45 });
    expect(f.timeToMitigateMinutes).toBe(35);
    expect(f.mitigatedAt).toBe(tAt(35));
  });

  it("finds the gaps between updates against the 15-minute cadence, including one left open at resolution", () => {
    expect(f.cadenceMinutes).toBe(15);
    expect(f.updatesPublished).toBe(3);
    expect(f.updateGaps.map((g) => [g.minutes, g.dueAt, g.lateMinutes, g.endedBy])).toEqual([
      [4, tAt(15), 0, "update"],
      [26, tAt(19), 11, "update"],
      [15, tAt(45), 0, "update"],
      [25, tAt(60), 10, "resolution"],
    ]);
    expect(f.longestUpdateGapMinutes).toBe(26);
    expect(f.lateUpdates).toBe(2);
  });

  it("measures decision latency from the first option and from the deadline", () => {
    expect(f.decisions).toEqual([
      {
        id: "D1",
        title: "Roll back 2.14",
        at: tAt(18),
        optionsFirstProposedAt: tAt(8),
        minutesFromOptions: 10,
        deadlineId: "DL1",
        deadlineSetAt: tAt(11),
        deadlineDueAt: tAt(21),
        minutesFromDeadlineSet: 7,
        metDeadline: true,
      },
    ]);
    expect(f.missedDeadlines).toEqual([]);
  });

  it("counts time-boxes overrun, reminders, and required roles never filled", () => {
    expect(f.tasks.total).toBe(1);
    expect(f.tasks.overran).toEqual([
      {
        id: "T1",
        title: "Check the payment client error rates",
        assignee: "priya",
        timeboxMinutes: 10,
        dueAt: tAt(15),
        closedAt: tAt(17),
        overranMinutes: 2,
      },
    ]);
    expect(f.reminders).toEqual({ total: 1, byKind: { "update-overdue": 1 } });
    expect(f.requiredRolesNeverFilled).toEqual(["exec-stakeholder"]);
  });
});

describe("an incident still open", () => {
  const h = openIncident();
  const f = responseFigures(h.source, h.now);

  it("measures to now, honours a promised next-update time, and does not invent a gap before the next is due", () => {
    expect(f).toMatchObject({ ongoing: true, endAt: tAt(50), durationMinutes: 50, resolvedAt: null });
    expect(f.updateGaps.map((g) => [g.from, g.to, g.dueAt, g.lateMinutes])).toEqual([
      [tAt(0), tAt(5), tAt(30), 0],
      [tAt(5), tAt(32), tAt(20), 12],
    ]);
    expect(f.lateUpdates).toBe(1);
  });

  it("counts an open task past its box to now, but not a cancelled one", () => {
    expect(f.tasks.total).toBe(2);
    expect(f.tasks.overran.map((t) => [t.id, t.overranMinutes, t.closedAt])).toEqual([["T1", 29, null]]);
  });

  it("reports a decision deadline that passed with no decision", () => {
    expect(f.missedDeadlines).toEqual([
      { id: "DL1", question: "Rebuild the index now?", dueAt: tAt(19), status: "open", lateMinutes: 31 },
    ]);
  });

  it("moves with the clock while open, and not once resolved", () => {
    const later = responseFigures(h.source, tAt(80));
    expect(later.durationMinutes).toBe(80);
    expect(later.updateGaps.at(-1)).toMatchObject({ from: tAt(32), to: tAt(80), endedBy: "now", lateMinutes: 18 });
    const resolved = sev1Outage();
    expect(responseFigures(resolved.source, tAt(500))).toEqual(responseFigures(resolved.source, tAt(70)));
  });
});

describe("a quiet SEV-4", () => {
  const h = quietIncident();
  const f = responseFigures(h.source, h.now);

  it("has no cadence, so no gap is late; nothing was published", () => {
    expect(f.cadenceMinutes).toBeNull();
    expect(f.updateGaps).toEqual([]);
    expect(f.longestUpdateGapMinutes).toBeNull();
    expect(f.timeToFirstUpdateMinutes).toBeNull();
    expect(f.timeToFirstRoleMinutes).toBeNull();
    expect(f.timeToMitigateMinutes).toBeNull();
    expect(f.requiredRolesNeverFilled).toEqual([]);
    expect(f.reminders.total).toBe(0);
  });
});

describe("decision latency with several decisions", () => {
  it("counts from the options proposed since the previous decision", () => {
    const h = new History();
    h.at(0).run("ic", { type: "declare", title: "Queue backlog", severity: "SEV-3" });
    h.at(1).run("ic", { type: "propose-option", title: "Scale workers" });
    h.at(4).run("ic", { type: "record-decision", kind: "trade-off", title: "Scale", chosen: ["A"], rationale: "fast" });
    h.at(20).run("ic", { type: "propose-option", title: "Drop stale jobs" });
    h.at(25).run("ic", { type: "propose-option", title: "Pause producers" });
    h.at(40).run("ic", {
      type: "record-decision",
      kind: "trade-off",
      title: "Drop",
      chosen: ["B"],
      rationale: "stale",
    });
    const f = responseFigures(h.source, h.now);
    expect(f.decisions.map((d) => [d.id, d.optionsFirstProposedAt, d.minutesFromOptions, d.metDeadline])).toEqual([
      ["D1", tAt(1), 3, null],
      ["D2", tAt(20), 20, null],
    ]);
  });
});

describe("reading the timeline", () => {
  const stamp = { at: tAt(1), by: "ic" };

  it("reads every status change back from the words the timeline gives it", () => {
    for (const from of STATUSES) {
      for (const to of OPEN_STATUSES) {
        for (const note of [null, "a note: with → arrows"]) {
          const event: EventOf<"StatusChanged"> = { ...stamp, type: "StatusChanged", from, to, note };
          expect(statusChanges([toTimelineEntry(event, 2, 2)])).toEqual([{ at: stamp.at, from, to }]);
        }
      }
    }
  });

  it("reads role assignments back, and ignores other entries", () => {
    const assigned: EventOf<"RoleAssigned"> = { ...stamp, type: "RoleAssigned", role: "comms-lead", person: "ana.b" };
    const note: EventOf<"NoteAdded"> = { ...stamp, type: "NoteAdded", channel: "command", text: "bob is tech-lead" };
    expect(rolesFilled([toTimelineEntry(assigned, 2, 2), toTimelineEntry(note, 3, 3)])).toEqual([
      { at: stamp.at, role: "comms-lead", person: "ana.b" },
    ]);
  });
});
