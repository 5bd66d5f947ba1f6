/**
 * The EventStore contract: what every storage adapter must do, SQLite and PostgreSQL
 * alike. An adapter's test file calls `runEventStoreContract` with a factory that opens
 * a fresh, empty store for each test.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isWarroomError } from "../../src/domain/shared/errors.js";
import type {
  AppendRequest,
  AppendResult,
  EventStore,
  ImportedEvent,
  NewEvent,
  StoredEvent,
} from "../../src/store/event-store.js";
import { checkImportedLog } from "../../src/store/import-log.js";
import { codeOf, note } from "./sqlite-helpers.js";

export interface OpenedStore {
  store: EventStore;
  /** Opens the same storage again, after the test closed `store`; enables the durability case. */
  reopen?: () => Promise<EventStore>;
  /** Closes whatever is still open and removes the storage. */
  cleanup: () => Promise<void>;
}

const ev = (type: string, data: unknown): NewEvent => ({ type, data });
const notes = (prefix: string, n: number): NewEvent[] =>
  Array.from({ length: n }, (_, i) => ev("NoteAdded", { text: `${prefix} ${i + 1}`, n: i + 1 }));

async function expectCode(promise: Promise<unknown>, code: string): Promise<void> {
  const error = await promise.then(
    (value) => {
      throw new Error(`expected ${code} but the call succeeded with ${JSON.stringify(value)}`);
    },
    (e: unknown) => e,
  );
  expect(isWarroomError(error), `expected a WarroomError ${code}, got ${String(error)}`).toBe(true);
  expect((error as { code: string }).code).toBe(code);
}

const positions = (events: StoredEvent[]) => events.map((e) => e.position);
const versions = (events: StoredEvent[]) => events.map((e) => e.version);

function expectStrictlyIncreasing(values: number[]): void {
  for (let i = 1; i < values.length; i++) {
    expect(values[i], `position ${i} should exceed the one before`).toBeGreaterThan(values[i - 1] as number);
  }
}

/**
 * Appends that arrive together (in the same tick: one batch in either adapter) after
 * stream `old` got two events: a stale and a future expectedVersion, two writers on a new
 * stream, an idempotent retry. Each is judged on its own: `MIXED_BATCH_CODES` in order.
 * `before` runs once `old` is written, just ahead of the batch (an adapter's counters).
 */
export async function appendMixedBatch(
  store: EventStore,
  before: () => void = () => undefined,
): Promise<PromiseSettledResult<AppendResult>[]> {
  await store.append({ streamId: "old", expectedVersion: 0, events: [note("o1"), note("o2")] });
  before();
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
  return Promise.allSettled(requests.map((r) => store.append(r)));
}

export const MIXED_BATCH_CODES = [
  "ok",
  "stream.version_conflict",
  "ok",
  "stream.version_conflict",
  "ok",
  "ok",
  "ok",
  "stream.version_conflict",
];

export function runEventStoreContract(adapterName: string, open: () => Promise<OpenedStore>): void {
  describe(`EventStore contract: ${adapterName}`, () => {
    let opened: OpenedStore;
    let store: EventStore;

    beforeEach(async () => {
      opened = await open();
      store = opened.store;
    });
    afterEach(async () => {
      await opened.cleanup();
    });

    describe("appending", () => {
      it("creates a new stream with expectedVersion 0 and numbers its events 1..n", async () => {
        expect(await store.headPosition()).toBe(0);
        const result = await store.append({ streamId: "inc-1", expectedVersion: 0, events: notes("a", 3) });
        expect(result.streamId).toBe("inc-1");
        expect(result.version).toBe(3);
        expect(result.duplicate).toBe(false);
        expect(versions(result.events)).toEqual([1, 2, 3]);
        expect(result.events.every((e) => e.streamId === "inc-1" && e.type === "NoteAdded")).toBe(true);
        expect(result.events.map((e) => e.data)).toEqual(notes("a", 3).map((e) => e.data));
        for (const e of result.events) {
          expect(e.position).toBeGreaterThan(0);
          expect(new Date(e.recordedAt).toISOString()).toBe(e.recordedAt);
        }
        expectStrictlyIncreasing(positions(result.events));
        expect(await store.readStream("inc-1")).toEqual(result.events);
        expect(await store.headPosition()).toBe(result.events[2]?.position);
      });

      it("continues a stream in order across appends", async () => {
        let version = 0;
        for (let round = 0; round < 5; round++) {
          const result = await store.append({
            streamId: "inc-1",
            expectedVersion: version,
            events: notes(`r${round}`, round + 1),
          });
          expect(versions(result.events)).toEqual(Array.from({ length: round + 1 }, (_, i) => version + i + 1));
          version = result.version;
        }
        const all = await store.readStream("inc-1");
        expect(versions(all)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
        expectStrictlyIncreasing(positions(all));
        expect(all.map((e) => (e.data as { text: string }).text).slice(0, 4)).toEqual(["r0 1", "r1 1", "r1 2", "r2 1"]);
      });

      it("refuses a stale or future expectedVersion with stream.version_conflict and appends nothing", async () => {
        await expectCode(
          store.append({ streamId: "new", expectedVersion: 1, events: notes("x", 1) }),
          "stream.version_conflict",
        );
        expect(await store.readStream("new")).toEqual([]);
        expect(await store.headPosition()).toBe(0);

        await store.append({ streamId: "inc-1", expectedVersion: 0, events: notes("a", 2) });
        const before = await store.readStream("inc-1");
        const head = await store.headPosition();
        for (const expectedVersion of [0, 1, 3, 10]) {
          await expectCode(
            store.append({ streamId: "inc-1", expectedVersion, events: notes("stale", 2) }),
            "stream.version_conflict",
          );
        }
        expect(await store.readStream("inc-1")).toEqual(before);
        expect(await store.headPosition()).toBe(head);
        expect(await store.readAll(0)).toEqual(before);
      });

      it("refuses a bad request with validation.failed and appends nothing", async () => {
        await expectCode(store.append({ streamId: "inc-1", expectedVersion: 0, events: [] }), "validation.failed");
        await expectCode(
          store.append({ streamId: "inc-1", expectedVersion: -1, events: notes("a", 1) }),
          "validation.failed",
        );
        await expectCode(
          store.append({ streamId: "inc-1", expectedVersion: 0.5, events: notes("a", 1) }),
          "validation.failed",
        );
        await expectCode(
          store.append({ streamId: "", expectedVersion: 0, events: notes("a", 1) }),
          "validation.failed",
        );
        await expectCode(
          store.append({ streamId: "inc-1", expectedVersion: 0, events: [ev("", { a: 1 })] }),
          "validation.failed",
        );
        await expectCode(
          store.append({ streamId: "inc-1", expectedVersion: 0, events: [ev("NoteAdded", undefined)] }),
          "validation.failed",
        );
        for (const bad of ["nul\u0000inside", "lone\ud800", "\udc00first"]) {
          await expectCode(
            store.append({ streamId: bad, expectedVersion: 0, events: notes("a", 1) }),
            "validation.failed",
          );
          await expectCode(
            store.append({ streamId: "inc-1", expectedVersion: 0, events: [ev(bad, { a: 1 })] }),
            "validation.failed",
          );
        }
        expect(await store.readStream("inc-1")).toEqual([]);
        expect(await store.headPosition()).toBe(0);
        // The stream is still new: a valid request afterwards starts it at version 1.
        const ok = await store.append({ streamId: "inc-1", expectedVersion: 0, events: notes("a", 1) });
        expect(ok.version).toBe(1);
      });

      it("gives strictly increasing positions across interleaved streams", async () => {
        const seen: StoredEvent[] = [];
        const version: Record<string, number> = { a: 0, b: 0, c: 0 };
        for (let i = 0; i < 12; i++) {
          const streamId = ["a", "b", "c"][i % 3] as string;
          const result = await store.append({
            streamId,
            expectedVersion: version[streamId] ?? 0,
            events: notes(`${streamId}${i}`, 1 + (i % 2)),
          });
          version[streamId] = result.version;
          seen.push(...result.events);
        }
        expectStrictlyIncreasing(positions(seen));
        expect(await store.readAll(0)).toEqual(seen);
        expect(await store.headPosition()).toBe(seen.at(-1)?.position);
      });

      it("round-trips JSON data exactly: nesting, unicode, large strings, any JSON value", async () => {
        const big = "x".repeat(30_000) + "é€𝄞".repeat(5_000); // ≈ 60 KB of UTF-8
        const payloads: unknown[] = [
          { a: { b: { c: [1, 2, { d: [null, true, false, "deep"] }] } }, empty: {}, list: [] },
          { text: "Grüße, 你好, مرحبا, שלום, 🔥🚒 e\u0301 \u200d", quote: "\"'`\\", lines: "a\nb\r\n\tc" },
          { nul: "before\u0000after", lone: "\ud800", control: "\u0001\u001f" },
          { big },
          { numbers: [0, -1, 1.5, -2.25e-7, 1e21, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER] },
          null,
          "just a string",
          42,
          [1, "two", { three: 3 }],
        ];
        const result = await store.append({
          streamId: "json",
          expectedVersion: 0,
          events: payloads.map((data, i) => ev(`Type${i}`, data)),
        });
        const read = await store.readStream("json");
        expect(read.map((e) => e.data)).toEqual(payloads);
        expect(read.map((e) => e.type)).toEqual(payloads.map((_, i) => `Type${i}`));
        expect(result.events.map((e) => e.data)).toEqual(payloads);
        expect((read[3]?.data as { big: string } | undefined)?.big.length).toBe(big.length);
        expect((await store.readAll(0)).map((e) => e.data)).toEqual(payloads);
        expect(await store.readStreamData("json")).toEqual(payloads);
        expect(await store.readStreamData("json", 3)).toEqual(payloads.slice(3));
        expect(await store.readStreamData("missing")).toEqual([]);
      });

      it("reads only payloads for replay, across pages, after any version", async () => {
        const events = Array.from({ length: 2500 }, (_, i) => ev("Note", { n: i }));
        await store.append({ streamId: "long", expectedVersion: 0, events });
        await store.append({ streamId: "other", expectedVersion: 0, events: [ev("Note", { n: -1 })] });
        const all = await store.readStreamData("long");
        expect(all).toHaveLength(2500);
        expect(all).toEqual((await store.readStream("long")).map((e) => e.data));
        expect(await store.readStreamData("long", 2048)).toEqual(events.slice(2048).map((e) => e.data));
      });

      it("stores a copy: mutating the caller's object after append changes nothing", async () => {
        const data = { list: [1, 2], nested: { flag: true } };
        await store.append({ streamId: "copy", expectedVersion: 0, events: [ev("Thing", data)] });
        data.list.push(3);
        data.nested.flag = false;
        expect((await store.readStream("copy"))[0]?.data).toEqual({ list: [1, 2], nested: { flag: true } });
      });

      it("judges appends that arrive together each on its own: a conflict fails alone, a retried key is a duplicate", async () => {
        const settled = await appendMixedBatch(store);
        expect(settled.map(codeOf)).toEqual(MIXED_BATCH_CODES);
        const conflict = (settled[1] as PromiseRejectedResult).reason as { message: string; details: unknown };
        expect(isWarroomError(conflict)).toBe(true);
        expect(conflict.message).toMatch(/Stream old is at version 2, but the append expected 1/);
        expect(conflict.details).toEqual([{ field: "expectedVersion", message: conflict.message }]);
        const [first, second] = [settled[5], settled[6]].map((s) => (s as PromiseFulfilledResult<AppendResult>).value);
        expect(first?.duplicate).toBe(false);
        expect(second?.duplicate).toBe(true);
        expect(second?.events).toEqual(first?.events);
        expect((await store.readStream("a")).map((e) => (e.data as { text: string }).text)).toEqual(["a1"]);
        expect((await store.readStream("old")).map((e) => e.version)).toEqual([1, 2, 3]);
        expect(await store.readStream("b")).toHaveLength(2);
        expect(await store.readStream("c")).toEqual([]);
        expect(await store.headPosition()).toBe(2 + 1 + 2 + 1 + 1);
        expect(positions(await store.readAll(0))).toEqual([1, 2, 3, 4, 5, 6, 7]);
        expect(await store.verifyChain()).toMatchObject({ ok: true, checked: 7 });
      });
    });

    describe("reading", () => {
      it("reads a stream after a given version", async () => {
        await store.append({ streamId: "inc-1", expectedVersion: 0, events: notes("a", 5) });
        await store.append({ streamId: "other", expectedVersion: 0, events: notes("o", 2) });
        expect(versions(await store.readStream("inc-1", 2))).toEqual([3, 4, 5]);
        expect(versions(await store.readStream("inc-1", 0))).toEqual([1, 2, 3, 4, 5]);
        expect(await store.readStream("inc-1", 5)).toEqual([]);
        expect(await store.readStream("inc-1", 99)).toEqual([]);
        expect(await store.readStream("missing")).toEqual([]);
        expect((await store.readStream("inc-1", 4))[0]?.data).toEqual({ text: "a 5", n: 5 });
      });

      it("reads a long stream whole and from any version", async () => {
        let version = 0;
        while (version < 2600) {
          const result = await store.append({ streamId: "long", expectedVersion: version, events: notes("l", 650) });
          version = result.version;
        }
        await store.append({ streamId: "short", expectedVersion: 0, events: notes("s", 3) });
        const whole = await store.readStream("long");
        expect(versions(whole)).toEqual(Array.from({ length: 2600 }, (_, i) => i + 1));
        expectStrictlyIncreasing(positions(whole));
        for (const after of [1, 999, 1023, 1024, 1025, 2047, 2048, 2599]) {
          const tail = await store.readStream("long", after);
          expect(tail, `after ${after}`).toEqual(whole.slice(after));
        }
      });

      it("pages through the whole log in position order with readAll(afterPosition, limit)", async () => {
        const version: Record<string, number> = {};
        for (let i = 0; i < 15; i++) {
          const streamId = `s${i % 4}`;
          const result = await store.append({
            streamId,
            expectedVersion: version[streamId] ?? 0,
            events: notes(`${streamId}-${i}`, 2),
          });
          version[streamId] = result.version;
        }
        const everything = await store.readAll(0);
        expect(everything).toHaveLength(30);
        expectStrictlyIncreasing(positions(everything));
        expect(await store.readAll(0, 1000)).toEqual(everything);

        const paged: StoredEvent[] = [];
        let after = 0;
        for (let pages = 0; pages < 20; pages++) {
          const page = await store.readAll(after, 7);
          if (page.length === 0) break;
          expect(page.length).toBeLessThanOrEqual(7);
          paged.push(...page);
          after = page.at(-1)?.position ?? after;
        }
        expect(paged).toEqual(everything);
        expect(await store.readAll(everything.at(-1)?.position ?? 0)).toEqual([]);
        const middle = everything[9]?.position ?? 0;
        expect(await store.readAll(middle, 3)).toEqual(everything.slice(10, 13));
        // Each stream, as read through readAll, is in version order.
        for (const streamId of Object.keys(version)) {
          const own = everything.filter((e) => e.streamId === streamId);
          expect(own).toEqual(await store.readStream(streamId));
        }
      });

      it("reports the head position: 0 when empty, then the last committed position", async () => {
        expect(await store.headPosition()).toBe(0);
        const first = await store.append({ streamId: "a", expectedVersion: 0, events: notes("a", 3) });
        expect(await store.headPosition()).toBe(first.events[2]?.position);
        const second = await store.append({ streamId: "b", expectedVersion: 0, events: notes("b", 1) });
        expect(await store.headPosition()).toBe(second.events[0]?.position);
        expect(await store.headPosition()).toBe((await store.readAll(0)).at(-1)?.position);
      });
    });

    describe("concurrency", () => {
      it("two concurrent writers on one new stream: exactly one wins, 20 rounds", async () => {
        let winnerEvents = 0;
        for (let round = 0; round < 20; round++) {
          const streamId = `race-${round}`;
          const requests: AppendRequest[] = [
            { streamId, expectedVersion: 0, events: notes(`A${round}`, 2) },
            { streamId, expectedVersion: 0, events: notes(`B${round}`, 3) },
          ];
          const settled = await Promise.allSettled(requests.map((r) => store.append(r)));
          const won = settled.filter((s): s is PromiseFulfilledResult<AppendResult> => s.status === "fulfilled");
          const lost = settled.filter((s): s is PromiseRejectedResult => s.status === "rejected");
          expect(won, `round ${round}`).toHaveLength(1);
          expect(lost).toHaveLength(1);
          expect(isWarroomError(lost[0]?.reason) && lost[0]?.reason.code).toBe("stream.version_conflict");
          const winner = won[0]?.value as AppendResult;
          winnerEvents += winner.events.length;
          const stream = await store.readStream(streamId);
          expect(stream).toEqual(winner.events);
          const winnerIndex = settled.findIndex((s) => s.status === "fulfilled");
          expect(stream.map((e) => e.data)).toEqual(requests[winnerIndex]?.events.map((e) => e.data));
        }
        const all = await store.readAll(0, 1000);
        expect(all).toHaveLength(winnerEvents);
        expectStrictlyIncreasing(positions(all));
      });

      it("concurrent writers on an existing stream with the same expectedVersion: exactly one wins", async () => {
        await store.append({ streamId: "busy", expectedVersion: 0, events: notes("base", 3) });
        for (let round = 0; round < 10; round++) {
          const base = 3 + round;
          const settled = await Promise.allSettled(
            Array.from({ length: 5 }, (_, w) =>
              store.append({ streamId: "busy", expectedVersion: base, events: [ev("NoteAdded", { round, w })] }),
            ),
          );
          const won = settled.filter((s) => s.status === "fulfilled");
          expect(won, `round ${round}`).toHaveLength(1);
          for (const s of settled) {
            if (s.status === "rejected") expect(s.reason.code).toBe("stream.version_conflict");
          }
        }
        const stream = await store.readStream("busy");
        expect(versions(stream)).toEqual(Array.from({ length: 13 }, (_, i) => i + 1));
        expect(stream.slice(3).map((e) => (e.data as { round: number }).round)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      });

      it("concurrent appends to different streams all succeed", async () => {
        const results = await Promise.all(
          Array.from({ length: 30 }, (_, i) =>
            store.append({ streamId: `par-${i}`, expectedVersion: 0, events: notes(`p${i}`, 2) }),
          ),
        );
        expect(results.every((r) => r.version === 2 && !r.duplicate)).toBe(true);
        const all = await store.readAll(0);
        expect(all).toHaveLength(60);
        expectStrictlyIncreasing(positions(all));
        expect(new Set(positions(all)).size).toBe(60);
      });
    });

    describe("idempotency", () => {
      it("a retried key returns the first result with duplicate: true and appends nothing", async () => {
        const request: AppendRequest = {
          streamId: "inc-1",
          expectedVersion: 0,
          events: notes("first", 2),
          idempotencyKey: "cmd-1",
          requestHash: "hash-1",
        };
        const first = await store.append(request);
        expect(first.duplicate).toBe(false);
        expect(first.requestHash).toBe("hash-1");
        const head = await store.headPosition();

        const retry = await store.append(request);
        expect(retry.duplicate).toBe(true);
        expect(retry.streamId).toBe("inc-1");
        expect(retry.version).toBe(first.version);
        expect(retry.events).toEqual(first.events);
        expect(retry.requestHash).toBe("hash-1");
        expect(await store.headPosition()).toBe(head);
        expect(await store.readStream("inc-1")).toEqual(first.events);

        // Still a duplicate after the stream moved on, though its expectedVersion is now stale.
        await store.append({ streamId: "inc-1", expectedVersion: 2, events: notes("later", 1) });
        const late = await store.append(request);
        expect(late.duplicate).toBe(true);
        expect(positions(late.events)).toEqual(positions(first.events));
        expect(late.version).toBe(2);
        expect(versions(await store.readStream("inc-1"))).toEqual([1, 2, 3]);
      });

      it("returns the stored requestHash, not the retry's, so the caller can spot a reused key", async () => {
        await store.append({
          streamId: "a",
          expectedVersion: 0,
          events: notes("a", 1),
          idempotencyKey: "k",
          requestHash: "h-first",
        });
        const reused = await store.append({
          streamId: "b",
          expectedVersion: 0,
          events: notes("b", 4),
          idempotencyKey: "k",
          requestHash: "h-other",
        });
        expect(reused.duplicate).toBe(true);
        expect(reused.requestHash).toBe("h-first");
        expect(reused.streamId).toBe("a");
        expect(await store.readStream("b")).toEqual([]);

        const noHash = await store.append({
          streamId: "c",
          expectedVersion: 0,
          events: notes("c", 1),
          idempotencyKey: "n",
        });
        expect(noHash.requestHash).toBeUndefined();
        expect(
          (await store.append({ streamId: "c", expectedVersion: 0, events: notes("c", 1), idempotencyKey: "n" }))
            .requestHash,
        ).toBeUndefined();
      });

      it("concurrent retries with one key: one append, every caller gets the same events", async () => {
        for (let round = 0; round < 10; round++) {
          const request: AppendRequest = {
            streamId: `idem-${round}`,
            expectedVersion: 0,
            events: notes(`r${round}`, 2),
            idempotencyKey: `key-${round}`,
            requestHash: `h-${round}`,
          };
          const results = await Promise.all(Array.from({ length: 5 }, () => store.append(request)));
          expect(
            results.filter((r) => !r.duplicate),
            `round ${round}`,
          ).toHaveLength(1);
          const original = results.find((r) => !r.duplicate) as AppendResult;
          for (const r of results) {
            expect(r.events).toEqual(original.events);
            expect(r.version).toBe(2);
            expect(r.requestHash).toBe(`h-${round}`);
          }
          expect(await store.readStream(request.streamId)).toEqual(original.events);
        }
        expect(await store.readAll(0)).toHaveLength(20);
      });

      it("a request refused for a conflict does not use up its key", async () => {
        await store.append({ streamId: "s", expectedVersion: 0, events: notes("s", 1) });
        await expectCode(
          store.append({ streamId: "s", expectedVersion: 0, events: notes("x", 1), idempotencyKey: "k1" }),
          "stream.version_conflict",
        );
        expect(await store.findByIdempotencyKey("k1")).toBeNull();
        const ok = await store.append({
          streamId: "s",
          expectedVersion: 1,
          events: notes("x", 1),
          idempotencyKey: "k1",
        });
        expect(ok.duplicate).toBe(false);
        expect(ok.version).toBe(2);
      });

      it("findByIdempotencyKey: null before, the first result after", async () => {
        expect(await store.findByIdempotencyKey("cmd-9")).toBeNull();
        const first = await store.append({
          streamId: "inc-9",
          expectedVersion: 0,
          events: notes("n", 3),
          idempotencyKey: "cmd-9",
          requestHash: "h9",
        });
        const found = await store.findByIdempotencyKey("cmd-9");
        expect(found).not.toBeNull();
        expect(found?.streamId).toBe("inc-9");
        expect(found?.version).toBe(3);
        expect(found?.events).toEqual(first.events);
        expect(found?.requestHash).toBe("h9");
        expect(found?.duplicate).toBe(true);
        expect(await store.findByIdempotencyKey("cmd-10")).toBeNull();
      });
    });

    describe("importing a log", () => {
      /** 12 events over two streams, as an export would hold them. */
      const exported = (): ImportedEvent[] =>
        Array.from({ length: 12 }, (_, i) => ({
          position: i + 1,
          streamId: i % 2 === 0 ? "INC-1" : "INC-2",
          version: Math.floor(i / 2) + 1,
          type: "NoteAdded",
          data: { text: `moved ${i + 1}` },
          recordedAt: `2026-03-07T02:${String(i).padStart(2, "0")}:00.000Z`,
        }));
      async function* inBatches(events: ImportedEvent[], size: number): AsyncGenerator<ImportedEvent[]> {
        for (let i = 0; i < events.length; i += size) yield events.slice(i, i + size);
      }

      it("takes the log whole or in batches, with the same positions, times and hashes", async () => {
        const events = exported();
        const expected = checkImportedLog(events);
        const head = await store.importLog(inBatches(events, 5));
        expect(head).toEqual({ position: 12, hash: expected.at(-1)?.hash });
        const logged = await store.readLog(0, 100);
        expect(logged.map((e) => [e.position, e.streamId, e.version, e.recordedAt, e.hash])).toEqual(
          expected.map((r) => [r.position, r.streamId, r.version, r.recordedAt, r.hash]),
        );
        expect(await store.verifyChain()).toMatchObject({ ok: true, checked: 12 });
        // Appends carry on from the imported head, chained to it.
        const next = await store.append({ streamId: "INC-1", expectedVersion: 6, events: notes("after", 1) });
        expect(positions(next.events)).toEqual([13]);
        expect(await store.verifyChain()).toMatchObject({ ok: true, checked: 13 });
      });

      it("stores nothing when an event in a later batch is bad, and still takes appends", async () => {
        const events = exported();
        events[9] = { ...(events[9] as ImportedEvent), version: 9 };
        const error = await store.importLog(inBatches(events, 4)).catch((e: unknown) => e);
        expect(isWarroomError(error) && error.code).toBe("validation.failed");
        expect((error as { details: { field: string }[] }).details[0]?.field).toBe("events.9.version");
        expect(await store.headPosition()).toBe(0);
        expect(await store.readAll(0)).toEqual([]);
        const first = await store.append({ streamId: "s", expectedVersion: 0, events: notes("s", 1) });
        expect(positions(first.events)).toEqual([1]);
      });

      it("keeps idempotency keys across a move: a retry after it is still a duplicate", async () => {
        const keyed = await store.append({
          streamId: "INC-9",
          expectedVersion: 0,
          events: notes("k", 2),
          idempotencyKey: "retry-me",
          requestHash: "digest-1",
        });
        await store.append({ streamId: "INC-9", expectedVersion: 2, events: notes("plain", 1) });
        const log = await store.readLog(0, 100);
        expect(log.map((e) => e.idempotency ?? null)).toEqual([
          { key: "retry-me", lastVersion: 2, requestHash: "digest-1" },
          null,
          null,
        ]);
        const target = await open();
        try {
          await target.store.importLog(log);
          const again = await target.store.append({
            streamId: "INC-9",
            expectedVersion: 0,
            events: notes("k", 2),
            idempotencyKey: "retry-me",
            requestHash: "digest-1",
          });
          expect(again).toMatchObject({ duplicate: true, version: 2, requestHash: "digest-1" });
          expect(positions(again.events)).toEqual(positions(keyed.events));
          expect(await target.store.headPosition()).toBe(3);
          expect((await target.store.readLog(0, 100)).map((e) => e.idempotency ?? null)).toEqual(
            log.map((e) => e.idempotency ?? null),
          );
        } finally {
          await target.cleanup();
        }
      });

      it.each([
        [{ key: "", lastVersion: 1, requestHash: null }, "events.0.idempotency.key"],
        [{ key: "k", lastVersion: 0, requestHash: null }, "events.0.idempotency.lastVersion"],
        [{ key: "k", lastVersion: 99, requestHash: null }, "events.0.idempotency.lastVersion"],
        [{ key: "k", lastVersion: 1, requestHash: 5 }, "events.0.idempotency.requestHash"],
      ])("refuses a bad key %j, naming %s, storing nothing", async (idempotency, field) => {
        const events = exported();
        events[0] = { ...(events[0] as ImportedEvent), idempotency: idempotency as never };
        const error = await store.importLog(events).catch((e: unknown) => e);
        expect(isWarroomError(error) && error.code).toBe("validation.failed");
        expect((error as { details: { field: string }[] }).details[0]?.field).toBe(field);
        expect(await store.headPosition()).toBe(0);
      });

      it("refuses a store that holds events, changing nothing", async () => {
        await store.append({ streamId: "s", expectedVersion: 0, events: notes("s", 2) });
        await expectCode(store.importLog(exported()), "store.not_empty");
        expect((await store.readAll(0)).map((e) => e.streamId)).toEqual(["s", "s"]);
        expect(await store.verifyChain()).toMatchObject({ ok: true, checked: 2 });
      });
    });

    describe("lifecycle", () => {
      it("close() commits appends still queued, then later calls reject with store.unavailable", async () => {
        const pending = store.append({ streamId: "late", expectedVersion: 0, events: notes("l", 2) });
        await store.close();
        const result = await pending;
        expect(result.version).toBe(2);
        await expectCode(
          store.append({ streamId: "x", expectedVersion: 0, events: notes("x", 1) }),
          "store.unavailable",
        );
        await expectCode(store.readStream("late"), "store.unavailable");
        await expectCode(store.readAll(0), "store.unavailable");
        await expectCode(store.headPosition(), "store.unavailable");
        await expectCode(store.findByIdempotencyKey("k"), "store.unavailable");
        await store.close(); // closing twice is harmless
      });

      it("keeps everything across close and reopen (durability)", async (context) => {
        const reopen = opened.reopen;
        if (reopen === undefined) return context.skip(`${adapterName} gave no reopen(): durability not checked here`);
        await store.append({
          streamId: "d1",
          expectedVersion: 0,
          events: notes("d1", 3),
          idempotencyKey: "dk",
          requestHash: "dh",
        });
        await store.append({ streamId: "d2", expectedVersion: 0, events: [ev("Big", { text: "é".repeat(40_000) })] });
        const pending = store.append({ streamId: "d1", expectedVersion: 3, events: notes("queued", 1) });
        const before = await store.readAll(0);
        await store.close();
        await pending;

        const again = await reopen();
        const after = await again.readAll(0);
        expect(after.slice(0, before.length)).toEqual(before);
        expect(after).toHaveLength(5);
        expect(versions(await again.readStream("d1"))).toEqual([1, 2, 3, 4]);
        expect(await again.headPosition()).toBe(after.at(-1)?.position);
        const found = await again.findByIdempotencyKey("dk");
        expect(found?.requestHash).toBe("dh");
        expect(positions(found?.events ?? [])).toEqual(positions(before.slice(0, 3)));
        const retry = await again.append({
          streamId: "d1",
          expectedVersion: 0,
          events: notes("d1", 3),
          idempotencyKey: "dk",
        });
        expect(retry.duplicate).toBe(true);
        await expectCode(
          again.append({ streamId: "d1", expectedVersion: 3, events: notes("x", 1) }),
          "stream.version_conflict",
        );
        const next = await again.append({ streamId: "d1", expectedVersion: 4, events: notes("next", 1) });
        expect(next.version).toBe(5);
        expect(next.events[0]?.position).toBeGreaterThan(after.at(-1)?.position ?? 0);
        await again.close();
      });
    });
  });
}
