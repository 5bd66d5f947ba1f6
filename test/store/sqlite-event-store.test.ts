import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/domain/shared/clock.js";
import { isWarroomError, type WarroomError } from "../../src/domain/shared/errors.js";
import type { AppendRequest, AppendResult, EventStore } from "../../src/store/event-store.js";
import { MIGRATIONS, SCHEMA_VERSION } from "../../src/store/sqlite/migrations.js";
import {
  openSqliteEventStore,
  type SqliteEventStore,
  type SqliteEventStoreOptions,
} from "../../src/store/sqlite/sqlite-event-store.js";
import { runEventStoreContract } from "./event-store-contract.js";

let root: string;
let counter = 0;
beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "warroom-sqlite-"));
});
afterAll(() => {
  fs.rmSync(root, { recursive: true, force: true });
});
const freshPath = (name = "store") => path.join(root, `${name}-${++counter}`, "warroom.db");

runEventStoreContract("SQLite", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "warroom-contract-"));
  const file = path.join(dir, "warroom.db");
  const opened: EventStore[] = [openSqliteEventStore(file)];
  return {
    store: opened[0] as EventStore,
    reopen: async () => {
      const store = openSqliteEventStore(file);
      opened.push(store);
      return store;
    },
    cleanup: async () => {
      for (const store of opened) await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
});

async function withStore<T>(
  fn: (store: SqliteEventStore, file: string) => Promise<T>,
  options?: SqliteEventStoreOptions,
) {
  const file = freshPath();
  const store = openSqliteEventStore(file, options);
  try {
    return await fn(store, file);
  } finally {
    await store.close();
  }
}

const note = (text: string) => ({ type: "NoteAdded", data: { text } });
const codeOf = (s: PromiseSettledResult<unknown>) =>
  s.status === "rejected" ? (isWarroomError(s.reason) ? s.reason.code : String(s.reason)) : "ok";

describe("SQLite event store: file and schema", () => {
  it("runs in WAL mode with synchronous=FULL, a busy timeout and foreign keys on", async () => {
    await withStore(async (store) => {
      const pragmas = store.pragmas();
      expect(pragmas.journalMode).toBe("wal");
      expect(pragmas.synchronous).toBe(2);
      expect(pragmas.busyTimeout).toBeGreaterThan(0);
      expect(pragmas.foreignKeys).toBe(1);
      expect(pragmas.userVersion).toBe(SCHEMA_VERSION);
    });
  });

  it("creates missing parent directories and the schema", async () => {
    const file = path.join(root, "deep", "er", "still", "warroom.db");
    const store = openSqliteEventStore(file);
    await store.append({ streamId: "s", expectedVersion: 0, events: [note("hi")] });
    await store.close();
    const db = new Database(file, { readonly: true });
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(["events", "idempotency"]));
    expect(db.pragma("user_version", { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.prepare("SELECT stream_id, version, type, data FROM events").get()).toEqual({
      stream_id: "s",
      version: 1,
      type: "NoteAdded",
      data: '{"text":"hi"}',
    });
    db.close();
  });

  it("has contiguous migration versions 1..n", () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(Array.from({ length: MIGRATIONS.length }, (_, i) => i + 1));
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
  });

  it("guards (stream_id, version) with a UNIQUE constraint, whatever the code does", async () => {
    await withStore(async (store, file) => {
      await store.append({ streamId: "s", expectedVersion: 0, events: [note("one")] });
      const other = new Database(file);
      expect(() =>
        other
          .prepare("INSERT INTO events (stream_id, version, type, data, recorded_at) VALUES ('s', 1, 'X', '{}', 'now')")
          .run(),
      ).toThrow(/UNIQUE/);
      other.close();
    });
  });

  it("refuses a database written by a newer Warroom, with a clear message, and leaves it untouched", () => {
    const file = freshPath("newer");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const db = new Database(file);
    db.exec("CREATE TABLE events_v99 (id INTEGER PRIMARY KEY, payload TEXT); INSERT INTO events_v99 VALUES (1, 'x');");
    db.pragma("user_version = 99");
    db.close();
    const before = fs.readFileSync(file);

    let error: unknown;
    try {
      openSqliteEventStore(file);
    } catch (e) {
      error = e;
    }
    expect(isWarroomError(error)).toBe(true);
    const failure = error as WarroomError;
    expect(failure.code).toBe("store.unavailable");
    expect(failure.message).toMatch(/written by a newer Warroom/);
    expect(failure.message).toMatch(/version 99/);
    expect(failure.message).toContain(`this build knows ${SCHEMA_VERSION}`);
    expect(failure.message).toMatch(/[Uu]pgrade/);

    expect(fs.readFileSync(file).equals(before)).toBe(true);
    const check = new Database(file, { readonly: true });
    expect(check.pragma("user_version", { simple: true })).toBe(99);
    expect(check.pragma("journal_mode", { simple: true })).toBe("delete");
    expect(check.prepare("SELECT name FROM sqlite_master WHERE name = 'events'").get()).toBeUndefined();
    check.close();
  });

  it("reports a file that is not a database as store.unavailable", () => {
    const file = freshPath("garbage");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, "this is not a database, just text. ".repeat(200));
    expect(() => openSqliteEventStore(file)).toThrow(expect.objectContaining({ code: "store.unavailable" }));
  });

  it("works in memory", async () => {
    const store = openSqliteEventStore(":memory:");
    const result = await store.append({ streamId: "m", expectedVersion: 0, events: [note("a"), note("b")] });
    expect(result.version).toBe(2);
    expect(await store.readStream("m")).toEqual(result.events);
    await store.close();
  });

  it("stamps recordedAt from the injected clock", async () => {
    const clock = new ManualClock("2026-03-04T05:06:07.000Z");
    await withStore(
      async (store) => {
        const first = await store.append({ streamId: "c", expectedVersion: 0, events: [note("a")] });
        clock.advanceMinutes(5);
        const second = await store.append({ streamId: "c", expectedVersion: 1, events: [note("b")] });
        expect(first.events[0]?.recordedAt).toBe("2026-03-04T05:06:07.000Z");
        expect(second.events[0]?.recordedAt).toBe("2026-03-04T05:11:07.000Z");
        expect((await store.readStream("c")).map((e) => e.recordedAt)).toEqual([
          "2026-03-04T05:06:07.000Z",
          "2026-03-04T05:11:07.000Z",
        ]);
      },
      { clock },
    );
  });

  it("refuses readAll limits outside 1..10000 and negative positions", async () => {
    await withStore(async (store) => {
      for (const call of [
        store.readAll(0, 0),
        store.readAll(0, 10_001),
        store.readAll(-1),
        store.readStream("s", -2),
      ]) {
        await expect(call).rejects.toMatchObject({ code: "validation.failed" });
      }
    });
  });
});

describe("SQLite event store: group commit", () => {
  it("commits 100 concurrent appends to different streams in far fewer than 100 transactions", async () => {
    await withStore(async (store) => {
      const before = store.stats();
      const results = await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          store.append({ streamId: `s-${i}`, expectedVersion: 0, events: [note(`n${i}`)] }),
        ),
      );
      const after = store.stats();
      expect(results.every((r) => r.version === 1)).toBe(true);
      expect(after.appends - before.appends).toBe(100);
      expect(after.transactions - before.transactions).toBeLessThanOrEqual(2);
      expect(after.events - before.events).toBe(100);
      expect(await store.headPosition()).toBe(100);
    });
  });

  it("commits appends awaited one after another in one transaction each", async () => {
    await withStore(async (store) => {
      for (let i = 0; i < 5; i++) await store.append({ streamId: "s", expectedVersion: i, events: [note(`${i}`)] });
      expect(store.stats()).toMatchObject({ transactions: 5, appends: 5, largestBatch: 1 });
    });
  });

  it("splits a queue longer than maxBatchSize into several transactions", async () => {
    await withStore(
      async (store) => {
        const results = await Promise.all(
          Array.from({ length: 100 }, (_, i) =>
            store.append({ streamId: `s-${i}`, expectedVersion: 0, events: [note("x")] }),
          ),
        );
        expect(results).toHaveLength(100);
        expect(store.stats()).toMatchObject({ transactions: 7, appends: 100, largestBatch: 16 });
      },
      { maxBatchSize: 16 },
    );
  });

  it("fails a conflicting request alone: its neighbours in the same batch commit", async () => {
    await withStore(async (store) => {
      await store.append({ streamId: "old", expectedVersion: 0, events: [note("o1"), note("o2")] });
      const before = store.stats();
      const requests: AppendRequest[] = [
        { streamId: "a", expectedVersion: 0, events: [note("a1")] },
        { streamId: "old", expectedVersion: 1, events: [note("stale")] },
        { streamId: "b", expectedVersion: 0, events: [note("b1"), note("b2")] },
        { streamId: "a", expectedVersion: 0, events: [note("a-again")] },
        { streamId: "old", expectedVersion: 2, events: [note("o3")] },
        { streamId: "k", expectedVersion: 0, events: [note("k1")], idempotencyKey: "key", requestHash: "h" },
        { streamId: "k", expectedVersion: 0, events: [note("k1")], idempotencyKey: "key", requestHash: "h" },
        { streamId: "c", expectedVersion: 7, events: [note("future")] },
      ];
      const settled = await Promise.allSettled(requests.map((r) => store.append(r)));
      expect(settled.map(codeOf)).toEqual([
        "ok",
        "stream.version_conflict",
        "ok",
        "stream.version_conflict",
        "ok",
        "ok",
        "ok",
        "stream.version_conflict",
      ]);
      const after = store.stats();
      expect(after.transactions - before.transactions).toBe(1);
      expect(after.conflicts - before.conflicts).toBe(3);
      expect(after.duplicates - before.duplicates).toBe(1);
      const [first, second] = [settled[5], settled[6]].map((s) => (s as PromiseFulfilledResult<AppendResult>).value);
      expect(first?.duplicate).toBe(false);
      expect(second?.duplicate).toBe(true);
      expect(second?.events).toEqual(first?.events);
      expect((await store.readStream("a")).map((e) => (e.data as { text: string }).text)).toEqual(["a1"]);
      expect((await store.readStream("old")).map((e) => e.version)).toEqual([1, 2, 3]);
      expect(await store.readStream("b")).toHaveLength(2);
      expect(await store.readStream("c")).toEqual([]);
      expect(await store.headPosition()).toBe(2 + 1 + 2 + 1 + 1);
    });
  });

  it("rejects every request of a batch whose transaction fails, and writes none of them", async () => {
    await withStore(async (store, file) => {
      await store.append({ streamId: "pre", expectedVersion: 0, events: [note("before")] });
      const saboteur = new Database(file);
      saboteur.exec(
        "CREATE TRIGGER explode BEFORE INSERT ON events WHEN NEW.type = 'Explode' BEGIN SELECT RAISE(ABORT, 'simulated disk failure'); END;",
      );
      const settled = await Promise.allSettled([
        store.append({ streamId: "x", expectedVersion: 0, events: [note("fine")] }),
        store.append({ streamId: "y", expectedVersion: 0, events: [{ type: "Explode", data: {} }] }),
        store.append({ streamId: "pre", expectedVersion: 1, events: [note("fine too")], idempotencyKey: "k" }),
      ]);
      expect(settled.map(codeOf)).toEqual(["store.unavailable", "store.unavailable", "store.unavailable"]);
      expect((settled[1] as PromiseRejectedResult).reason.message).toMatch(/simulated disk failure/);
      expect(await store.headPosition()).toBe(1);
      expect(await store.readStream("x")).toEqual([]);
      expect(await store.readStream("pre")).toHaveLength(1);
      expect(await store.findByIdempotencyKey("k")).toBeNull();
      expect(store.stats().failedTransactions).toBe(1);

      saboteur.exec("DROP TRIGGER explode");
      saboteur.close();
      const retried = await store.append({ streamId: "x", expectedVersion: 0, events: [note("fine")] });
      expect(retried.events[0]?.position).toBe(2);
    });
  });

  it("two stores on one file: exactly one of two racing writers wins", async () => {
    const file = freshPath("shared");
    const one = openSqliteEventStore(file);
    const two = openSqliteEventStore(file);
    try {
      for (let round = 0; round < 10; round++) {
        const streamId = `race-${round}`;
        const settled = await Promise.allSettled([
          one.append({ streamId, expectedVersion: 0, events: [note("one")] }),
          two.append({ streamId, expectedVersion: 0, events: [note("two")] }),
        ]);
        expect(settled.map(codeOf).sort()).toEqual(["ok", "stream.version_conflict"]);
        expect(await two.readStream(streamId)).toHaveLength(1);
      }
      const all = await one.readAll(0);
      expect(all).toHaveLength(10);
      expect(new Set(all.map((e) => e.position)).size).toBe(10);
    } finally {
      await one.close();
      await two.close();
    }
  });
});

/* ------------------------------------------------------------------------------------ */
/* Property: random interleavings of appends match a simple sequential model.           */
/* ------------------------------------------------------------------------------------ */

interface Op {
  stream: number;
  /** "right": the version the stream had when the wave was sent; a number: that exact version. */
  expected: "right" | number;
  key: number | null;
  count: number;
}

interface ModelKey {
  streamId: string;
  version: number;
  positions: number[];
  hash: string;
}

const opArb: fc.Arbitrary<Op> = fc.record({
  stream: fc.integer({ min: 0, max: 3 }),
  expected: fc.oneof(
    { weight: 3, arbitrary: fc.constant("right" as const) },
    { weight: 2, arbitrary: fc.integer({ min: 0, max: 8 }) },
  ),
  key: fc.option(fc.integer({ min: 0, max: 5 }), { nil: null, freq: 2 }),
  count: fc.integer({ min: 1, max: 3 }),
});

describe("SQLite event store: property", () => {
  it("any interleaving of appends leaves the store matching a sequential model", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(opArb, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 8 }),
        async (waves, maxBatchSize) => {
          const file = freshPath("prop");
          const store = openSqliteEventStore(file, { maxBatchSize });
          try {
            const versions = new Map<string, number>();
            const keys = new Map<string, ModelKey>();
            const appended: unknown[] = [];
            let head = 0;
            let opIndex = 0;
            for (const wave of waves) {
              // Sent together: each sees the versions as they were before the wave.
              const requests = wave.map((op): AppendRequest => {
                const streamId = `s${op.stream}`;
                const index = opIndex++;
                const request: AppendRequest = {
                  streamId,
                  expectedVersion: op.expected === "right" ? (versions.get(streamId) ?? 0) : op.expected,
                  events: Array.from({ length: op.count }, (_, i) => ({ type: "E", data: { op: index, i } })),
                };
                if (op.key !== null) {
                  request.idempotencyKey = `k${op.key}`;
                  request.requestHash = `h${index}`;
                }
                return request;
              });
              const settled = await Promise.allSettled(requests.map((r) => store.append(r)));

              // The model, in arrival order.
              requests.forEach((request, i) => {
                const outcome = settled[i] as PromiseSettledResult<AppendResult>;
                const prior = request.idempotencyKey ? keys.get(request.idempotencyKey) : undefined;
                if (prior) {
                  expect(outcome.status).toBe("fulfilled");
                  const result = (outcome as PromiseFulfilledResult<AppendResult>).value;
                  expect(result.duplicate).toBe(true);
                  expect(result.streamId).toBe(prior.streamId);
                  expect(result.version).toBe(prior.version);
                  expect(result.events.map((e) => e.position)).toEqual(prior.positions);
                  expect(result.requestHash).toBe(prior.hash);
                  return;
                }
                const current = versions.get(request.streamId) ?? 0;
                if (request.expectedVersion !== current) {
                  expect(codeOf(outcome)).toBe("stream.version_conflict");
                  return;
                }
                expect(outcome.status).toBe("fulfilled");
                const result = (outcome as PromiseFulfilledResult<AppendResult>).value;
                const positions = request.events.map((_, j) => head + j + 1);
                expect(result.duplicate).toBe(false);
                expect(result.events.map((e) => e.position)).toEqual(positions);
                expect(result.events.map((e) => e.version)).toEqual(request.events.map((_, j) => current + j + 1));
                head += request.events.length;
                versions.set(request.streamId, current + request.events.length);
                appended.push(...request.events.map((e) => e.data));
                if (request.idempotencyKey) {
                  keys.set(request.idempotencyKey, {
                    streamId: request.streamId,
                    version: current + request.events.length,
                    positions,
                    hash: request.requestHash as string,
                  });
                }
              });
            }

            const all = await store.readAll(0, 10_000);
            expect(all.map((e) => e.data)).toEqual(appended);
            expect(all.map((e) => e.position)).toEqual(Array.from({ length: head }, (_, i) => i + 1));
            expect(await store.headPosition()).toBe(head);
            for (const s of [0, 1, 2, 3]) {
              const streamId = `s${s}`;
              const stream = await store.readStream(streamId);
              expect(stream.map((e) => e.version)).toEqual(
                Array.from({ length: versions.get(streamId) ?? 0 }, (_, i) => i + 1),
              );
            }
            for (const [key, model] of keys) {
              const found = await store.findByIdempotencyKey(key);
              expect(found?.events.map((e) => e.position)).toEqual(model.positions);
              expect(found?.requestHash).toBe(model.hash);
            }
          } finally {
            await store.close();
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
