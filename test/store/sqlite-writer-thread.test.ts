/**
 * The `thread` writer mode only: the commit pipeline (one batch in flight, the next one
 * gathered meanwhile), an event loop that keeps running during a commit, shutdown,
 * and a writer thread that dies (every waiting request fails, none hangs).
 */
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { isWarroomError } from "../../src/domain/shared/errors.js";
import { openSqliteEventStore, type SqliteEventStore } from "../../src/store/sqlite/sqlite-event-store.js";
import type { WriterThread } from "../../src/store/sqlite/sqlite-writer-thread.js";
import { codeOf, nextTurn, note, tempFiles, withStore } from "./sqlite-helpers.js";

const { freshPath } = tempFiles("warroom-writer-thread-");

const threadOf = (store: SqliteEventStore): WriterThread => {
  const thread = store.writerThread;
  if (thread === null) throw new Error("expected a store with a writer thread");
  return thread;
};

/** Holds the file's write lock from another connection until released. */
function holdWriteLock(file: string): { release: () => void } {
  const blocker = new Database(file);
  blocker.exec("BEGIN IMMEDIATE");
  return {
    release: () => {
      blocker.exec("ROLLBACK");
      blocker.close();
    },
  };
}

async function rejection(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  const error = await promise.then(
    () => new Error("expected a rejection"),
    (e: unknown) => e,
  );
  expect(isWarroomError(error), String(error)).toBe(true);
  return error as { code: string; message: string };
}

describe("SQLite event store, thread writer", () => {
  it("sends the requests that arrive during a commit together, as the next batch, in order", async () => {
    await withStore(
      freshPath(),
      async (store) => {
        const first = store.append({ streamId: "s", expectedVersion: 0, events: [note("first")] });
        await nextTurn(); // the first batch is now on the thread
        const more = Array.from({ length: 50 }, (_, i) =>
          store.append({ streamId: "s", expectedVersion: i + 1, events: [note(`n${i}`)] }),
        );
        const results = await Promise.all([first, ...more]);
        expect(results.map((r) => r.version)).toEqual(Array.from({ length: 51 }, (_, i) => i + 1));
        expect(store.stats()).toMatchObject({ transactions: 2, appends: 51, largestBatch: 50, conflicts: 0 });
      },
      { writer: "thread" },
    );
  });

  it("keeps this thread's event loop and reads going while a commit waits on the file", async () => {
    const file = freshPath();
    await withStore(
      file,
      async (store) => {
        await store.append({ streamId: "s", expectedVersion: 0, events: [note("before")] });
        const lock = holdWriteLock(file);
        let settled = false;
        const pending = store.append({ streamId: "s", expectedVersion: 1, events: [note("during")] });
        void pending.finally(() => {
          settled = true;
        });
        // The commit waits for the lock on the writer thread; timers and reads still run here.
        const started = Date.now();
        await new Promise((resolve) => setTimeout(resolve, 100));
        expect(Date.now() - started).toBeLessThan(1000);
        expect(settled).toBe(false);
        expect(await store.readStream("s")).toHaveLength(1);
        lock.release();
        expect((await pending).version).toBe(2);
        expect(await store.readStream("s")).toHaveLength(2);
      },
      { writer: "thread", busyTimeoutMs: 5000 },
    );
  });

  it("close() commits the batch in flight and everything queued behind it", async () => {
    const file = freshPath();
    const store = openSqliteEventStore(file, { writer: "thread", maxBatchSize: 4 });
    const inFlight = store.append({ streamId: "s", expectedVersion: 0, events: [note("0")] });
    await nextTurn();
    const queued = Array.from({ length: 10 }, (_, i) =>
      store.append({ streamId: "s", expectedVersion: i + 1, events: [note(`${i + 1}`)] }),
    );
    const closing = store.close();
    const refused = await rejection(store.append({ streamId: "x", expectedVersion: 0, events: [note("x")] }));
    expect(refused.code).toBe("store.unavailable");
    await closing;
    const results = await Promise.all([inFlight, ...queued]);
    expect(results.map((r) => r.version)).toEqual(Array.from({ length: 11 }, (_, i) => i + 1));
    expect(store.stats()).toMatchObject({ transactions: 4, appends: 11 });
    expect(threadOf(store).worker.threadId).toBe(-1); // the thread has ended
    const again = openSqliteEventStore(file);
    expect((await again.readStream("s")).map((e) => e.version)).toEqual(results.map((r) => r.version));
    await again.close();
  });

  it("a crashed writer thread fails the batch in flight and the queued requests with store.unavailable", async () => {
    const file = freshPath();
    const store = openSqliteEventStore(file, { writer: "thread" });
    try {
      await store.append({ streamId: "s", expectedVersion: 0, events: [note("before")] });
      // Crash the thread from JavaScript, ahead of the next batch. (Terminating it while it
      // sits inside a native SQLite call aborts the whole process in better-sqlite3, so a
      // test must not do that; the store itself never does.)
      threadOf(store).worker.postMessage({ kind: "explode" });
      const inFlight = store.append({ streamId: "s", expectedVersion: 1, events: [note("in flight")] });
      await nextTurn();
      const queued = store.append({ streamId: "t", expectedVersion: 0, events: [note("queued")] });

      const lost = await rejection(inFlight);
      expect(lost.code).toBe("store.unavailable");
      expect(lost.message).toMatch(
        /writer thread stopped \(it failed: .*\) while committing this append: it may or may not/,
      );
      const unsent = await rejection(queued);
      expect(unsent.code).toBe("store.unavailable");
      expect(unsent.message).toMatch(/writer thread stopped \(it failed: .*\); nothing was written/);

      // Later appends fail at once; reads still work; nothing of the lost batch was written.
      const later = await rejection(store.append({ streamId: "u", expectedVersion: 0, events: [note("later")] }));
      expect(later.code).toBe("store.unavailable");
      expect(await store.headPosition()).toBe(1);
      expect(await store.readStream("t")).toEqual([]);
    } finally {
      await store.close();
    }
    await expect(store.readStream("s")).rejects.toMatchObject({ code: "store.unavailable" });
  });

  it("an uncaught error on the writer thread fails what waits for it, and close() still works", async () => {
    const store = openSqliteEventStore(freshPath(), { writer: "thread" });
    await store.append({ streamId: "s", expectedVersion: 0, events: [note("before")] });
    // A message the thread does not know makes it throw: the same path as any crash there.
    threadOf(store).worker.postMessage({ kind: "explode" });
    const waiting = store.append({ streamId: "s", expectedVersion: 1, events: [note("after")] });
    const error = await rejection(waiting);
    expect(error.code).toBe("store.unavailable");
    expect(error.message).toMatch(/writer thread stopped \(it failed: .*does not know/);
    await expect(store.writerPragmas()).rejects.toMatchObject({ code: "store.unavailable" });
    expect(await store.headPosition()).toBe(1);
    await store.close();
  });

  it("an inline store and a thread store on one file see each other's writes and race fairly", async () => {
    const file = freshPath();
    const inline = openSqliteEventStore(file, { writer: "inline" });
    const threaded = openSqliteEventStore(file, { writer: "thread" });
    try {
      for (let round = 0; round < 5; round++) {
        const streamId = `race-${round}`;
        const settled = await Promise.allSettled([
          inline.append({ streamId, expectedVersion: 0, events: [note("inline")] }),
          threaded.append({ streamId, expectedVersion: 0, events: [note("thread")] }),
        ]);
        expect(settled.map(codeOf).sort()).toEqual(["ok", "stream.version_conflict"]);
      }
      expect(await inline.readAll(0)).toEqual(await threaded.readAll(0));
      expect(await inline.headPosition()).toBe(5);
    } finally {
      await inline.close();
      await threaded.close();
    }
  });
});
