/**
 * The reminder scheduler on a ManualClock: each reminder issued once, however often and
 * however many schedulers tick; every kind of reminder; failures swallowed or reported,
 * never thrown; the timer starts and stops.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ReminderScheduler, SCHEDULER_ACTOR } from "../../src/app/reminder-scheduler.js";
import type { WarroomApp } from "../../src/app/warroom-app.js";
import type { EventOf } from "../../src/domain/incident/events.js";
import type { Incident } from "../../src/domain/incident/state.js";
import { WarroomError } from "../../src/domain/shared/errors.js";
import { type AppFixture, appFixture, IC } from "../app/helpers.js";
import { waitFor } from "../cli/helpers.js";

let f: AppFixture;
beforeEach(async () => {
  f = await appFixture();
});
afterEach(async () => {
  await f.cleanup();
});

type Reminder = EventOf<"ReminderIssued">;

/** Every reminder stored for the incident, in order. */
async function reminders(app: WarroomApp = f.app, id = "INC-1"): Promise<Reminder[]> {
  const events = await app.store.readStream(id);
  return events.filter((e) => e.type === "ReminderIssued").map((e) => e.data as Reminder);
}

const kinds = async () => (await reminders()).map((r) => r.kind);

async function declare(body: Record<string, unknown> = {}): Promise<string> {
  const result = await f.app.declare({ title: "Checkout errors", severity: "SEV-2", ...body }, IC);
  return result.incident.id;
}

function scheduler(app: WarroomApp = f.app, onError?: (error: unknown, id: string) => void) {
  return new ReminderScheduler({ app, intervalMs: 0, ...(onError ? { onError } : {}) });
}

describe("update reminders", () => {
  it("issues update-due two minutes before, then update-overdue, each once however often it ticks", async () => {
    await declare(); // SEV-2: an update every 30 minutes, due 02:30
    const s = scheduler();
    f.clock.advanceMinutes(27);
    expect((await s.tick()).issued).toEqual([]);
    f.clock.advanceMinutes(1); // 02:28
    const due = await s.tick();
    expect(due.issued.map((i) => i.entries.map((e) => e.text))).toEqual([["Reminder: an update is due at 02:30 UTC"]]);
    expect((await s.tick()).issued).toEqual([]);
    f.clock.advanceMinutes(2); // 02:30
    await s.tick();
    await s.tick();
    f.clock.advanceMinutes(5);
    await s.tick();
    const stored = await reminders();
    expect(stored.map((r) => [r.kind, r.dueAt, r.by])).toEqual([
      ["update-due", "2026-03-07T02:30:00.000Z", SCHEDULER_ACTOR],
      ["update-overdue", "2026-03-07T02:30:00.000Z", SCHEDULER_ACTOR],
    ]);
    expect(stored.map((r) => r.at)).toEqual(["2026-03-07T02:28:00.000Z", "2026-03-07T02:30:00.000Z"]);
  });

  it("a published update restarts the clock: the next due time gets its own reminders", async () => {
    await declare();
    const s = scheduler();
    f.clock.advanceMinutes(31);
    await s.tick(); // overdue for 02:30 (the due-soon window was skipped: only what is due now is issued)
    await f.app.execute("INC-1", { type: "publish-update", audience: "team", text: "Still on it" }, IC);
    f.clock.advanceMinutes(28); // 02:59, the next update is due 03:01
    await s.tick();
    f.clock.advanceMinutes(2);
    await s.tick();
    expect((await reminders()).map((r) => `${r.kind}@${r.dueAt.slice(11, 16)}`)).toEqual([
      "update-overdue@02:30",
      "update-due@03:01",
      "update-overdue@03:01",
    ]);
  });
});

describe("clocks around the work and the decisions", () => {
  it("a task's time-box, a workstream's time-box, a decision deadline (due, then passed) and a trigger", async () => {
    await declare();
    await f.app.execute("INC-1", { type: "set-cadence", minutes: null }, IC);
    await f.app.execute(
      "INC-1",
      { type: "assign-task", title: "Check the queue", assignee: "dana", timeboxMinutes: 5 },
      IC,
    );
    await f.app.execute(
      "INC-1",
      { type: "start-workstream", name: "DB", lead: "sam", goal: "stable", timeboxMinutes: 8 },
      IC,
    );
    await f.app.execute("INC-1", { type: "set-decision-deadline", question: "Roll back?", inMinutes: 10 }, IC);
    await f.app.execute(
      "INC-1",
      { type: "set-trigger", condition: "errors above 5%", action: "roll back", inMinutes: 12 },
      IC,
    );
    const s = scheduler();
    for (const minute of [5, 8, 9, 10, 12, 20]) {
      f.clock.set(`2026-03-07T02:${String(minute).padStart(2, "0")}:00.000Z`);
      await s.tick();
      await s.tick();
    }
    const stored = await reminders();
    expect(stored.map((r) => [r.kind, r.subject, r.at.slice(11, 16)])).toEqual([
      ["task-expired", "T1", "02:05"],
      ["workstream-expired", "W1", "02:08"],
      ["deadline-due", "DL1", "02:08"],
      ["deadline-passed", "DL1", "02:10"],
      ["trigger-due", "TR1", "02:12"],
    ]);
    expect(stored.find((r) => r.kind === "trigger-due")?.message).toBe(
      "trigger TR1 is due: if errors above 5%, roll back",
    );
  });

  it("a closed task, a decided deadline and a closed trigger get no reminder; a resolved incident gets none", async () => {
    await declare();
    await f.app.execute("INC-1", { type: "assign-task", title: "Look", assignee: "dana", timeboxMinutes: 5 }, IC);
    await f.app.execute("INC-1", { type: "set-trigger", condition: "no cause", action: "roll back", inMinutes: 5 }, IC);
    await f.app.execute("INC-1", { type: "complete-task", taskId: "T1" }, { actor: "dana" });
    await f.app.execute("INC-1", { type: "close-trigger", triggerId: "TR1", outcome: "averted" }, IC);
    await declare({ title: "Second" });
    await f.app.execute("INC-2", { type: "resolve", summary: "done" }, IC);
    f.clock.advanceMinutes(10);
    expect((await scheduler().tick()).issued).toEqual([]);
    expect(await reminders(f.app, "INC-1")).toEqual([]);
    expect(await reminders(f.app, "INC-2")).toEqual([]);
  });

  it("drills run on the same clock: a drill incident is reminded when its virtual time passes", async () => {
    await declare({ mode: "drill", severity: "SEV-1" });
    f.clock.advanceMinutes(15);
    await scheduler().tick();
    expect(await kinds()).toEqual(["update-overdue"]);
  });
});

describe("racing schedulers", () => {
  it("two schedulers ticking together on one app issue each reminder once", async () => {
    await declare();
    await declare({ title: "Another" });
    await f.app.execute("INC-1", { type: "assign-task", title: "Look", assignee: "dana", timeboxMinutes: 30 }, IC);
    f.clock.advanceMinutes(31);
    const [a, b] = [scheduler(), scheduler()];
    const results = await Promise.all([a.tick(), b.tick(), a.tick(), b.tick()]);
    expect(results.flatMap((r) => r.failed)).toEqual([]);
    expect((await kinds()).sort()).toEqual(["task-expired", "update-overdue"]);
    expect((await reminders(f.app, "INC-2")).map((r) => r.kind)).toEqual(["update-overdue"]);
  });

  it("two servers' schedulers on one database issue each reminder once", async () => {
    await declare();
    const other = await f.second();
    f.clock.advanceMinutes(31);
    const results = await Promise.all([scheduler().tick(), scheduler(other).tick()]);
    expect(results.flatMap((r) => r.failed)).toEqual([]);
    expect(await kinds()).toEqual(["update-overdue"]);
    await other.refresh();
    expect(await reminders(other)).toHaveLength(1);
  });
});

describe("failures never escape", () => {
  const stubApp = (incident: Partial<Incident>, execute: () => Promise<never>) =>
    ({
      clock: f.clock,
      openIncidentStates: async () => [incident as Incident],
      execute,
    }) as unknown as WarroomApp;

  it("someone else got there first (none due, version conflict): nothing reported", async () => {
    const id = await declare();
    f.clock.advanceMinutes(31);
    const incident = (await f.app.openIncidentStates()).find((i) => i.id === id) as Incident;
    const errors: unknown[] = [];
    for (const code of ["reminder.none_due", "stream.version_conflict"] as const) {
      const s = scheduler(
        stubApp(incident, async () => {
          throw new WarroomError(code, "lost the race");
        }),
        (e) => errors.push(e),
      );
      expect(await s.tick()).toEqual({ issued: [], failed: [] });
    }
    expect(errors).toEqual([]);
  });

  it("an unexpected failure is reported to onError and the tick still resolves", async () => {
    const id = await declare();
    f.clock.advanceMinutes(31);
    const incident = (await f.app.openIncidentStates()).find((i) => i.id === id) as Incident;
    const errors: [unknown, string][] = [];
    const s = scheduler(
      stubApp(incident, async () => {
        throw new Error("disk full");
      }),
      (e, incidentId) => errors.push([e, incidentId]),
    );
    expect(await s.tick()).toEqual({ issued: [], failed: [{ incidentId: "INC-1", message: "disk full" }] });
    expect(errors.map(([e, incidentId]) => [(e as Error).message, incidentId])).toEqual([["disk full", "INC-1"]]);
  });
});

describe("the timer", () => {
  it("start ticks every intervalMs until stop; a second start is a no-op; 0 never starts", async () => {
    await declare();
    f.clock.advanceMinutes(31);
    const idle = new ReminderScheduler({ app: f.app, intervalMs: 0 });
    idle.start();
    expect(idle.running).toBe(false);
    const s = new ReminderScheduler({ app: f.app, intervalMs: 20 });
    s.start();
    s.start();
    expect(s.running).toBe(true);
    let count = 0;
    await waitFor(() => {
      void reminders().then((r) => {
        count = r.length;
      });
      return count === 1;
    }, "the timer to issue the overdue reminder");
    await s.stop();
    expect(s.running).toBe(false);
    await f.app.execute("INC-1", { type: "assign-task", title: "Look", assignee: "dana", timeboxMinutes: 5 }, IC);
    f.clock.advanceMinutes(10);
    await new Promise((r) => setTimeout(r, 80));
    expect(await kinds()).toEqual(["update-overdue"]);
  });
});
