/**
 * The SQLite adapter: the contract suite and the SQLite-specific cases, each run on both
 * writer modes (`inline`: the commit on the caller's thread; `thread`: on the writer
 * thread). Thread-only behaviour (pipelining, crashes, shutdown) is in
 * `sqlite-writer-thread.test.ts`; the model-based property in `sqlite-property.test.ts`.
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { ManualClock } from "../../src/domain/shared/clock.js";
import { isWarroomError, type WarroomError } from "../../src/domain/shared/errors.js";
import { MIGRATIONS, SCHEMA_VERSION } from "../../src/store/sqlite/migrations.js";
import { openSqliteEventStore, type SqliteEventStoreOptions } from "../../src/store/sqlite/sqlite-event-store.js";
import { appendMixedBatch, MIXED_BATCH_CODES, runEventStoreContract } from "./event-store-contract.js";
import { codeOf, contractStore, note, tempFiles, WRITER_MODES, withStore } from "./sqlite-helpers.js";

const { freshPath } = tempFiles("warroom-sqlite-");

for (const writer of WRITER_MODES) {
  runEventStoreContract(`sqlite ${writer}`, contractStore(writer));
}

it("has contiguous migration versions 1..n", () => {
  expect(MIGRATIONS.map((m) => m.version)).toEqual(Array.from({ length: MIGRATIONS.length }, (_, i) => i + 1));
  expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
});

describe.each(WRITER_MODES)("SQLite event store, %s writer", (writer) => {
  const open = (file: string, options: SqliteEventStoreOptions = {}) =>
    openSqliteEventStore(file, { ...options, writer });
  const inStore = <T>(
    fn: Parameters<typeof withStore<T>>[1],
    options: SqliteEventStoreOptions = {},
    file = freshPath(),
  ): Promise<T> => withStore(file, fn, { ...options, writer });

  describe("file and schema", () => {
    it("runs in WAL mode with synchronous=FULL, a busy timeout and foreign keys on, on every connection", async () => {
      await inStore(async (store) => {
        expect(store.writer).toBe(writer);
        for (const pragmas of [store.pragmas(), await store.writerPragmas()]) {
          expect(pragmas.journalMode).toBe("wal");
          expect(pragmas.synchronous).toBe(2);
          expect(pragmas.busyTimeout).toBeGreaterThan(0);
          expect(pragmas.foreignKeys).toBe(1);
          expect(pragmas.userVersion).toBe(SCHEMA_VERSION);
        }
      });
    });

    it("creates missing parent directories and the schema", async () => {
      const file = path.join(path.dirname(freshPath()), "deep", "er", "still", "warroom.db");
      const store = open(file);
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

    it("guards (stream_id, version) with a UNIQUE constraint, whatever the code does", async () => {
      await inStore(async (store, file) => {
        await store.append({ streamId: "s", expectedVersion: 0, events: [note("one")] });
        const other = new Database(file);
        expect(() =>
          other
            .prepare(
              "INSERT INTO events (stream_id, version, type, data, recorded_at) VALUES ('s', 1, 'X', '{}', 'now')",
            )
            .run(),
        ).toThrow(/UNIQUE/);
        other.close();
      });
    });

    it("refuses a database written by a newer Warroom, with a clear message, and leaves it untouched", () => {
      const file = freshPath("newer");
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const db = new Database(file);
      db.exec(
        "CREATE TABLE events_v99 (id INTEGER PRIMARY KEY, payload TEXT); INSERT INTO events_v99 VALUES (1, 'x');",
      );
      db.pragma("user_version = 99");
      db.close();
      const before = fs.readFileSync(file);

      let error: unknown;
      try {
        open(file);
      } catch (e) {
        error = e;
      }
      expect(isWarroomError(error)).toBe(true);
      const failure = error as WarroomError;
      expect(failure.code).toBe("store.schema_newer");
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
      expect(() => open(file)).toThrow(expect.objectContaining({ code: "store.unavailable" }));
    });

    it("works in memory (always written inline: the database lives in one connection)", async () => {
      const store = open(":memory:");
      expect(store.writer).toBe("inline");
      const result = await store.append({ streamId: "m", expectedVersion: 0, events: [note("a"), note("b")] });
      expect(result.version).toBe(2);
      expect(await store.readStream("m")).toEqual(result.events);
      await store.close();
    });

    it("stamps recordedAt from the injected clock", async () => {
      const clock = new ManualClock("2026-03-04T05:06:07.000Z");
      await inStore(
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
      await inStore(async (store) => {
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

  describe("group commit", () => {
    it("commits 100 concurrent appends to different streams in far fewer than 100 transactions", async () => {
      await inStore(async (store) => {
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
      await inStore(async (store) => {
        for (let i = 0; i < 5; i++) await store.append({ streamId: "s", expectedVersion: i, events: [note(`${i}`)] });
        expect(store.stats()).toMatchObject({ transactions: 5, appends: 5, largestBatch: 1 });
      });
    });

    it("splits a queue longer than maxBatchSize into several transactions", async () => {
      await inStore(
        async (store) => {
          const results = await Promise.all(
            Array.from({ length: 100 }, (_, i) =>
              store.append({ streamId: `s-${i}`, expectedVersion: 0, events: [note("x")] }),
            ),
          );
          expect(results).toHaveLength(100);
          expect(results.map((r) => r.events[0]?.position)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
          expect(store.stats()).toMatchObject({ transactions: 7, appends: 100, largestBatch: 16 });
        },
        { maxBatchSize: 16 },
      );
    });

    it("fails a conflicting request alone: its neighbours in the same batch commit", async () => {
      // What the batch stores is in the contract suite; here, that it was ONE transaction.
      await inStore(async (store) => {
        let before = store.stats();
        const settled = await appendMixedBatch(store, () => {
          before = store.stats();
        });
        expect(settled.map(codeOf)).toEqual(MIXED_BATCH_CODES);
        const after = store.stats();
        expect(after.transactions - before.transactions).toBe(1);
        expect(after.conflicts - before.conflicts).toBe(3);
        expect(after.duplicates - before.duplicates).toBe(1);
      });
    });

    it("rejects every request of a batch whose transaction fails, and writes none of them", async () => {
      await inStore(async (store, file) => {
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
      const one = open(file);
      const two = open(file);
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

    it("builds a fresh append's events from the caller's data, and a duplicate's from the log", async () => {
      await inStore(async (store) => {
        const data = { text: "as given", nested: { list: [1, 2] } };
        const first = await store.append({
          streamId: "s",
          expectedVersion: 0,
          events: [{ type: "NoteAdded", data }],
          idempotencyKey: "k",
        });
        expect(first.events[0]?.data).toBe(data);
        const again = await store.append({
          streamId: "s",
          expectedVersion: 0,
          events: [{ type: "NoteAdded", data }],
          idempotencyKey: "k",
        });
        expect(again.duplicate).toBe(true);
        expect(again.events[0]?.data).not.toBe(data);
        expect(again.events).toEqual(first.events);
      });
    });
  });
});
