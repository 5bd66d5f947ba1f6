import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runInScope } from "../../src/app/auth/principal.js";
import { WarroomError } from "../../src/domain/shared/errors.js";
import { type AppFixture, appFixture, IC } from "./helpers.js";

async function expectCode(promise: Promise<unknown>, code: string, field?: string): Promise<WarroomError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WarroomError);
  const warroomError = error as WarroomError;
  expect(warroomError.code).toBe(code);
  if (field) expect(warroomError.details.map((d) => d.field)).toContain(field);
  return warroomError;
}

describe("WarroomApp commands", () => {
  let f: AppFixture;
  beforeEach(async () => {
    f = await appFixture();
  });
  afterEach(async () => {
    await f.cleanup();
  });

  it("declares INC-1, INC-2 with the declarer as commander unless one is named", async () => {
    const first = await f.app.declare({ title: "Logins failing", severity: "SEV-1" }, IC);
    const second = await f.app.declare({ title: "Slow search", severity: "SEV-3", commander: "@sam" }, IC);
    expect(first.incident.id).toBe("INC-1");
    expect(first.incident.commander).toBe("alex-ic");
    expect(second.incident.id).toBe("INC-2");
    expect(second.incident.commander).toBe("sam");
    expect(first.appended.map((e) => e.type)).toEqual(["IncidentDeclared"]);
    expect(first.incident.updateClock.nextUpdateDue).toBe("2026-03-07T02:15:00.000Z");
  });

  it("gives concurrent declares distinct, gapless ids", async () => {
    const results = await Promise.all(
      Array.from({ length: 25 }, (_, i) => f.app.declare({ title: `Incident ${i}`, severity: "SEV-2" }, IC)),
    );
    const ids = results.map((r) => r.incident.id).sort((a, b) => Number(a.slice(4)) - Number(b.slice(4)));
    expect(ids).toEqual(Array.from({ length: 25 }, (_, i) => `INC-${i + 1}`));
  });

  it("gives distinct ids when two processes declare on one database file", async () => {
    const other = await f.second();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 === 0 ? f.app : other).declare({ title: `Incident ${i}`, severity: "SEV-2" }, IC),
      ),
    );
    const ids = new Set(results.map((r) => r.incident.id));
    expect(ids.size).toBe(20);
    const listed = await f.app.listIncidents();
    expect(listed).toHaveLength(20);
  });

  it("returns the first result for a repeated idempotency key and appends nothing", async () => {
    await f.app.declare({ title: "Checkout failing", severity: "SEV-1" }, IC);
    const options = { ...IC, idempotencyKey: "note-42" };
    const first = await f.app.execute("INC-1", { type: "add-note", text: "payments 500s" }, options);
    const head = await f.app.store.headPosition();
    const again = await f.app.execute("INC-1", { type: "add-note", text: "payments 500s" }, options);
    expect(again.duplicate).toBe(true);
    expect(again.appended).toEqual(first.appended);
    expect(await f.app.store.headPosition()).toBe(head);
    await expectCode(
      f.app.execute("INC-1", { type: "add-note", text: "something else" }, options),
      "idempotency.key_reused",
    );
    expect(await f.app.store.headPosition()).toBe(head);
  });

  it("retries a declare with the same idempotency key without creating a second incident", async () => {
    const options = { ...IC, idempotencyKey: "declare-once" };
    const results = await Promise.all([
      f.app.declare({ title: "Pager storm", severity: "SEV-2" }, options),
      f.app.declare({ title: "Pager storm", severity: "SEV-2" }, options),
      f.app.declare({ title: "Pager storm", severity: "SEV-2" }, options),
    ]);
    expect(new Set(results.map((r) => r.incident.id))).toEqual(new Set(["INC-1"]));
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    expect(await f.app.listIncidents()).toHaveLength(1);
  });

  it("refuses a stale expected version and writes nothing", async () => {
    await f.app.declare({ title: "Checkout failing", severity: "SEV-1" }, IC);
    await f.app.execute("INC-1", { type: "add-note", text: "first" }, IC);
    const head = await f.app.store.headPosition();
    await expectCode(
      f.app.execute("INC-1", { type: "add-note", text: "late" }, { ...IC, expectedVersion: 1 }),
      "stream.version_conflict",
      "expectedVersion",
    );
    expect(await f.app.store.headPosition()).toBe(head);
    const ok = await f.app.execute("INC-1", { type: "add-note", text: "fresh" }, { ...IC, expectedVersion: 2 });
    expect(ok.incident.version).toBe(3);
  });

  it("lets concurrent writers without an expected version all succeed, each event once", async () => {
    await f.app.declare({ title: "Checkout failing", severity: "SEV-1" }, IC);
    const other = await f.second();
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        (i % 2 ? other : f.app).execute("INC-1", { type: "add-note", text: `note ${i}` }, IC),
      ),
    );
    const timeline = await f.app.timeline("INC-1");
    expect(timeline).toHaveLength(31);
    expect(new Set(timeline.map((e) => e.text)).size).toBe(31);
    expect(timeline.map((e) => e.version)).toEqual(Array.from({ length: 31 }, (_, i) => i + 1));
  });

  it("rejects bad input with field details and writes nothing", async () => {
    await f.app.declare({ title: "Checkout failing", severity: "SEV-1" }, IC);
    const head = await f.app.store.headPosition();
    await expectCode(f.app.declare({ title: "x", severity: "SEV-9" }, IC), "validation.failed", "severity");
    await expectCode(f.app.declare({ title: "   ", severity: "SEV-2" }, IC), "text.empty", "title");
    await expectCode(f.app.execute("INC-1", { type: "launch-rocket" }, IC), "validation.failed", "type");
    await expectCode(
      f.app.execute("INC-1", { type: "add-note", text: "x".repeat(65537) }, IC),
      "text.too_long",
      "text",
    );
    await expectCode(f.app.execute("INC-9", { type: "add-note", text: "hello" }, IC), "incident.not_found");
    await expectCode(
      f.app.execute("INC-1", { type: "assign-role", role: "wizard", person: "kim" }, IC),
      "role.unknown",
    );
    await expectCode(f.app.execute("INC-1", { type: "add-note", text: "hi" }, { actor: "" }), "actor.missing", "actor");
    await expectCode(
      f.app.execute("INC-1", { type: "add-note", text: "hi" }, { actor: "two words" }),
      "actor.missing",
      "actor",
    );
    expect(await f.app.store.headPosition()).toBe(head);
  });

  it("refuses a decision by the wrong person unless overridden, and keeps the reason", async () => {
    await f.app.declare({ title: "Corruption spreading", severity: "SEV-1" }, IC);
    await f.app.execute("INC-1", { type: "propose-option", title: "Shut down writes" }, IC);
    const decision = { type: "record-decision", kind: "trade-off", chosen: ["A"], rationale: "caps the damage" };
    await expectCode(f.app.execute("INC-1", decision, { actor: "mike-app" }), "decision.not_authorised");
    const overridden = await f.app.execute(
      "INC-1",
      { ...decision, overrideReason: "IC unreachable" },
      { actor: "mike-app" },
    );
    expect(overridden.incident.decisions[0]?.overrideReason).toBe("IC unreachable");
    expect(overridden.incident.decisions[0]?.decidedBy).toBe("mike-app");
  });

  it("accepts incident ids in any case and as bare numbers", async () => {
    await f.app.declare({ title: "Checkout failing", severity: "SEV-1" }, IC);
    expect((await f.app.getIncident("inc-1")).id).toBe("INC-1");
    expect((await f.app.getIncident("1")).id).toBe("INC-1");
  });
});

describe("WarroomApp read models", () => {
  let f: AppFixture;
  beforeEach(async () => {
    f = await appFixture();
  });
  afterEach(async () => {
    await f.cleanup();
  });

  it("lists open incidents first, most severe first, with the update clock from now", async () => {
    await f.app.declare({ title: "Minor", severity: "SEV-3" }, IC);
    await f.app.declare({ title: "Major", severity: "SEV-1" }, IC);
    await f.app.declare({ title: "Done", severity: "SEV-1" }, IC);
    await f.app.execute("INC-3", { type: "resolve", summary: "fixed" }, IC);
    f.clock.advanceMinutes(20);
    const list = await f.app.listIncidents();
    expect(list.map((i) => i.id)).toEqual(["INC-2", "INC-1", "INC-3"]);
    const major = list[0];
    expect(major?.overdue).toBe(true);
    expect(major?.overdueBySeconds).toBe(5 * 60);
    expect(list[1]?.overdue).toBe(false);
    expect(list[2]?.nextUpdateDue).toBeNull();
    expect((await f.app.listIncidents({ status: "open" })).map((i) => i.id)).toEqual(["INC-2", "INC-1"]);
    expect((await f.app.listIncidents({ severity: "SEV-3" })).map((i) => i.id)).toEqual(["INC-1"]);
  });

  it("lists open tasks and action items across incidents", async () => {
    await f.app.declare({ title: "A", severity: "SEV-2" }, IC);
    await f.app.declare({ title: "B", severity: "SEV-2" }, IC);
    await f.app.execute(
      "INC-1",
      { type: "assign-task", title: "check disks", assignee: "kim", timeboxMinutes: 10 },
      IC,
    );
    await f.app.execute("INC-2", { type: "assign-task", title: "roll back", assignee: "lee", timeboxMinutes: 5 }, IC);
    await f.app.execute("INC-2", { type: "complete-task", taskId: "T1" }, IC);
    await f.app.execute("INC-1", { type: "add-action-item", title: "alert on disk", owner: "kim" }, IC);
    f.clock.advanceMinutes(11);
    const tasks = await f.app.openTasks();
    expect(tasks.map((t) => [t.incidentId, t.id, t.expired])).toEqual([["INC-1", "T1", true]]);
    expect(await f.app.openTasks({ assignee: "lee" })).toEqual([]);
    const items = await f.app.openActionItems({ owner: "kim" });
    expect(items.map((a) => [a.incidentId, a.id])).toEqual([["INC-1", "AI-1"]]);
    // Resolved, its open tasks leave the list; reopened, they come back.
    await f.app.execute("INC-1", { type: "resolve", summary: "disks fine" }, IC);
    expect(await f.app.openTasks()).toEqual([]);
    await f.app.execute("INC-1", { type: "reopen", reason: "disks again" }, IC);
    expect((await f.app.openTasks()).map((t) => t.id)).toEqual(["T1"]);
  });

  it("counts clients' live streams in the subscriber gauge, not the server's own followers", async () => {
    const gauge = async () =>
      (await f.app.metrics.registry.getSingleMetricAsString("warroom_live_subscribers")).split("\n").at(-1);
    const internal = await f.app.follow({ afterPosition: 0 }, () => undefined);
    expect(await gauge()).toBe("warroom_live_subscribers 0");
    const client = await runInScope({ principal: undefined, touchedPrivate: false }, () =>
      f.app.follow({ afterPosition: 0 }, () => undefined),
    );
    expect(await gauge()).toBe("warroom_live_subscribers 1");
    client.close();
    client.close();
    expect(await gauge()).toBe("warroom_live_subscribers 0");
    internal.close();
  });

  it("survives a restart: the log folds back into the same state", async () => {
    await f.app.declare({ title: "Checkout failing", severity: "SEV-1" }, IC);
    await f.app.execute("INC-1", { type: "assign-role", role: "tech-lead", person: "sarah-db" }, IC);
    await f.app.execute("INC-1", { type: "propose-option", title: "Roll back", attributes: { risk: "low" } }, IC);
    const before = await f.app.getIncident("INC-1");
    const reopened = await f.second();
    const after = await reopened.getIncident("INC-1");
    expect(after).toEqual(before);
  });

  it("shows the timeline with channel and type filters", async () => {
    await f.app.declare({ title: "Checkout failing", severity: "SEV-1" }, IC);
    await f.app.execute("INC-1", { type: "add-note", channel: "tech", text: "pool at 100%" }, IC);
    await f.app.execute("INC-1", { type: "publish-update", audience: "executive", text: "Checkout down" }, IC);
    const tech = await f.app.timeline("INC-1", { channel: "tech" });
    expect(tech.map((e) => e.text)).toEqual(["pool at 100%"]);
    const updates = await f.app.timeline("INC-1", { types: ["UpdatePublished"] });
    expect(updates).toHaveLength(1);
    expect(updates[0]?.channel).toBe("stakeholder");
    expect(await f.app.timeline("INC-1", { limit: 1 })).toHaveLength(1);
    await expectCode(f.app.timeline("INC-7"), "incident.not_found");
  });
});

describe("WarroomApp live follow", () => {
  let f: AppFixture;
  beforeEach(async () => {
    f = await appFixture();
  });
  afterEach(async () => {
    await f.cleanup();
  });

  it("replays from a position then delivers live, no gap and no duplicate", async () => {
    await f.app.declare({ title: "Checkout failing", severity: "SEV-1" }, IC);
    await f.app.execute("INC-1", { type: "add-note", text: "one" }, IC);
    const seen: number[] = [];
    const writes = Promise.all(
      Array.from({ length: 20 }, (_, i) => f.app.execute("INC-1", { type: "add-note", text: `n${i}` }, IC)),
    );
    const sub = await f.app.follow({ afterPosition: 1 }, (entry) => seen.push(entry.position));
    await writes;
    await f.app.execute("INC-1", { type: "add-note", text: "last" }, IC);
    sub.close();
    const head = await f.app.store.headPosition();
    expect(seen).toEqual(Array.from({ length: head - 1 }, (_, i) => i + 2));
  });

  it("delivers events written by another process on the same file", async () => {
    await f.app.declare({ title: "Checkout failing", severity: "SEV-1" }, IC);
    const watcher = await f.second({ poll: true });
    const seen: string[] = [];
    const sub = await watcher.follow({ incidentId: "INC-1", afterPosition: 0 }, (entry) => seen.push(entry.type));
    await f.app.execute("INC-1", { type: "add-note", text: "from the other process" }, IC);
    await f.app.declare({ title: "Unrelated", severity: "SEV-4" }, IC);
    await f.app.execute("INC-1", { type: "resolve", summary: "ok" }, IC);
    await expect.poll(() => seen, { timeout: 3000 }).toEqual(["IncidentDeclared", "NoteAdded", "IncidentResolved"]);
    sub.close();
  });

  it("refuses to follow an incident that does not exist", async () => {
    await expectCode(
      f.app.follow({ incidentId: "INC-4", afterPosition: 0 }, () => undefined),
      "incident.not_found",
    );
  });
});
