/**
 * Property: random waves of concurrent appends (right, stale and future versions,
 * repeated idempotency keys, any batch size) leave the store matching a simple
 * sequential model, on both writer modes.
 *
 * One store per (writer mode, maxBatchSize) serves every run, each run on its own
 * streams and keys, so the writer thread starts a handful of times, not once per run.
 */
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import type { AppendRequest, AppendResult } from "../../src/store/event-store.js";
import { openSqliteEventStore, type SqliteEventStore } from "../../src/store/sqlite/sqlite-event-store.js";
import { codeOf, tempFiles, WRITER_MODES } from "./sqlite-helpers.js";

const { freshPath } = tempFiles("warroom-sqlite-prop-");

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

describe.each(WRITER_MODES)("SQLite event store, %s writer: property", (writer) => {
  const stores = new Map<number, SqliteEventStore>();
  const storeFor = (maxBatchSize: number) => {
    let store = stores.get(maxBatchSize);
    if (store === undefined) {
      store = openSqliteEventStore(freshPath(`prop-${writer}`), { writer, maxBatchSize });
      stores.set(maxBatchSize, store);
    }
    return store;
  };
  afterAll(async () => {
    for (const store of stores.values()) await store.close();
  });

  it("any interleaving of appends leaves the store matching a sequential model", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(opArb, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 8 }),
        async (waves, maxBatchSize) => {
          const store = storeFor(maxBatchSize);
          // This run's own streams and keys, after whatever earlier runs wrote.
          const prefix = `run${++run}-`;
          const start = await store.headPosition();
          const versions = new Map<string, number>();
          const keys = new Map<string, ModelKey>();
          const appended: unknown[] = [];
          let head = start;
          let opIndex = 0;
          for (const wave of waves) {
            // Sent together: each sees the versions as they were before the wave.
            const requests = wave.map((op): AppendRequest => {
              const streamId = `${prefix}s${op.stream}`;
              const index = opIndex++;
              const request: AppendRequest = {
                streamId,
                expectedVersion: op.expected === "right" ? (versions.get(streamId) ?? 0) : op.expected,
                events: Array.from({ length: op.count }, (_, i) => ({ type: "E", data: { op: index, i } })),
              };
              if (op.key !== null) {
                request.idempotencyKey = `${prefix}k${op.key}`;
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

          const all = await store.readAll(start, 10_000);
          expect(all.map((e) => e.data)).toEqual(appended);
          expect(all.map((e) => e.position)).toEqual(Array.from({ length: head - start }, (_, i) => start + i + 1));
          expect(await store.headPosition()).toBe(head);
          for (const s of [0, 1, 2, 3]) {
            const streamId = `${prefix}s${s}`;
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
        },
      ),
      { numRuns: 60 },
    );
  });
});
