/**
 * Drills are bounded in memory: a few per trainee, a server-wide limit, idle drills
 * expire and free their engine, finished ones are forgotten after a while.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/domain/shared/clock.js";
import { openSqliteEventStore } from "../../src/store/sqlite/sqlite-event-store.js";
import { DEFAULT_DRILL_LIMITS, DrillRegistry } from "../../src/training/drill-registry.js";
import { startTrainingServer, type TrainingServer } from "./helpers.js";

describe("drill limits over HTTP", () => {
  let s: TrainingServer;
  beforeAll(async () => {
    s = await startTrainingServer();
  });
  afterAll(async () => {
    await s.close();
  });

  it("refuses a trainee's drill past the per-trainee limit with 429, until one finishes", async () => {
    const ids: string[] = [];
    for (let i = 0; i < DEFAULT_DRILL_LIMITS.maxPerTrainee; i++) {
      const started = await s.call("POST", "/api/drills", { scenario: "impossible-decision" }, "busy-ic");
      expect(started.status).toBe(201);
      ids.push(started.body.id);
    }
    const over = await s.call("POST", "/api/drills", { scenario: "impossible-decision" }, "busy-ic");
    expect(over.status).toBe(429);
    expect(over.body.code).toBe("drill.limit_reached");
    expect(over.body.detail).toContain("busy-ic");
    expect((await s.call("POST", "/api/drills", { scenario: "impossible-decision" }, "other-ic")).status).toBe(201);
    await s.call("POST", `/api/drills/${ids[0]}/finish`, {}, "busy-ic");
    expect((await s.call("POST", "/api/drills", { scenario: "impossible-decision" }, "busy-ic")).status).toBe(201);
  });

  it("forgets a drill left idle past the limit: 404, and it no longer counts", async () => {
    const started = await s.call("POST", "/api/drills", { scenario: "impossible-decision" }, "idle-ic");
    const id = started.body.id as string;
    s.clock.advance(DEFAULT_DRILL_LIMITS.idleMs - 1000);
    expect((await s.call("GET", `/api/drills/${id}`)).status).toBe(200); // touched: the idle time starts again
    s.clock.advance(DEFAULT_DRILL_LIMITS.idleMs);
    const gone = await s.call("GET", `/api/drills/${id}`);
    expect(gone.status).toBe(404);
    expect(gone.body.code).toBe("drill.not_found");
    expect(gone.body.detail).toContain("expired");
    expect((await s.call("GET", "/api/drills?trainee=idle-ic")).body).toEqual([]);
  });
});

describe("drill registry limits", () => {
  const clock = new ManualClock("2026-03-01T10:00:00.000Z");
  const store = openSqliteEventStore(":memory:", { clock });
  const registry = new DrillRegistry({
    store,
    clock,
    tickMs: 0,
    limits: { maxLive: 2, maxFinished: 1, keepFinishedMs: 60_000 },
  });
  afterAll(async () => {
    await registry.close();
    await store.close();
  });

  it("holds at most maxLive running drills, counting drills still opening", async () => {
    const starts = await Promise.allSettled(
      ["a-ic", "b-ic", "c-ic"].map((t) => registry.start("impossible-decision", t)),
    );
    expect(starts.map((r) => r.status).sort()).toEqual(["fulfilled", "fulfilled", "rejected"]);
    const refused = starts.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason.code).toBe("drill.limit_reached");
    expect(registry.size).toBe(2);
  });

  it("keeps at most maxFinished finished drills, and each for keepFinishedMs", async () => {
    const running = await registry.list({ status: "running" });
    for (const d of running) await registry.get(d.id).finish(null);
    await registry.sweep();
    expect((await registry.list()).length).toBe(1);
    clock.advance(60_000);
    await registry.sweep();
    expect(registry.size).toBe(0);
  });
});
