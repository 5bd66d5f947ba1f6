/**
 * The group-commit transaction of the PostgreSQL adapter. A batch of checked requests
 * is written in ONE transaction of four round trips, whatever its size:
 *
 *   1. BEGIN, and lock the one-row `log_head` (FOR UPDATE): from here until COMMIT no
 *      other writer, in this process or another instance, can append;
 *   2. read the current version of every stream the batch touches and every
 *      idempotency key it carries;
 *   3. judge each request on its own, in arrival order, in memory (a repeated key is a
 *      duplicate, a stale expectedVersion fails alone), give each written event the next
 *      position and its chain hash, and insert them all, the keys and the new head in
 *      one statement;
 *   4. COMMIT (synchronous_commit=on: acknowledged means flushed to the WAL).
 *
 * Judging in memory under the head lock is what savepoints would give, without a round
 * trip per request: nothing else can change a stream or a key while the lock is held.
 * Positions are handed out under the lock, so they are gapless and a later position
 * never commits before an earlier one: a reader polling `readAll(afterPosition)` cannot
 * skip an event. The UNIQUE constraints stay as the final guard; if one fires (a writer
 * that bypassed the lock), the whole batch fails and nothing of it is written.
 */
import type { PoolClient } from "pg";
import { type ChainHead, chainHash } from "../chain.js";
import type { CheckedAppend } from "../validate-append.js";

export interface PgConflict {
  kind: "conflict";
  current: number;
}
export interface PgWritten {
  kind: "written";
  version: number;
  positions: number[];
}
/** The key was used before this batch: the caller reads the first result back. */
export interface PgStoredDuplicate {
  kind: "stored-duplicate";
  streamId: string;
  firstVersion: number;
  lastVersion: number;
  requestHash: string | null;
}
/** The key was first used earlier in this batch, by request `index`. */
export interface PgBatchDuplicate {
  kind: "batch-duplicate";
  index: number;
}

export type PgOutcome = PgConflict | PgWritten | PgStoredDuplicate | PgBatchDuplicate;

type KeyRow = [string, string, number, number, string | null];

/** Runs the batch on `client` (outside any transaction); throws if the transaction fails. */
export async function commitPgBatch(
  client: PoolClient,
  batch: readonly CheckedAppend[],
  recordedAt: string,
): Promise<PgOutcome[]> {
  const locked = (await client.query(
    "BEGIN; SELECT position, hash FROM log_head WHERE id = 1 FOR UPDATE",
  )) as unknown as {
    rows: { position: string; hash: string }[];
  }[];
  try {
    const headRow = locked[1]?.rows[0];
    if (headRow === undefined) throw new Error("the log_head row is missing: the schema was changed outside Warroom");
    const head: ChainHead = { position: Number(headRow.position), hash: headRow.hash };
    const start = head.position;
    const { versions, keys } = await readBatchState(client, batch);

    const outcomes: PgOutcome[] = new Array(batch.length);
    const batchKeys = new Map<string, number>();
    const rows = new EventColumns();
    const keyRows = new KeyColumns();
    for (let i = 0; i < batch.length; i++) {
      const request = batch[i] as CheckedAppend;
      const key = request.idempotencyKey;
      if (key !== null) {
        const earlier = batchKeys.get(key);
        if (earlier !== undefined) {
          outcomes[i] = { kind: "batch-duplicate", index: earlier };
          continue;
        }
        const stored = keys.get(key);
        if (stored !== undefined) {
          outcomes[i] = {
            kind: "stored-duplicate",
            streamId: stored[1],
            firstVersion: stored[2],
            lastVersion: stored[3],
            requestHash: stored[4],
          };
          continue;
        }
      }
      const current = versions.get(request.streamId) ?? 0;
      if (current !== request.expectedVersion) {
        outcomes[i] = { kind: "conflict", current };
        continue;
      }
      const positions: number[] = new Array(request.events.length);
      let version = current;
      for (let j = 0; j < request.events.length; j++) {
        const event = request.events[j] as CheckedAppend["events"][number];
        version++;
        const position = head.position + 1;
        const prev = head.hash;
        const hash = chainHash(prev, position, request.streamId, version, event.type, event.json, recordedAt);
        rows.push(position, request.streamId, version, event.type, event.json, recordedAt, prev, hash);
        head.position = position;
        head.hash = hash;
        positions[j] = position;
      }
      versions.set(request.streamId, version);
      if (key !== null) {
        batchKeys.set(key, i);
        keyRows.push(key, request.streamId, current + 1, version, request.requestHash);
      }
      outcomes[i] = { kind: "written", version, positions };
    }
    if (head.position !== start) await insertAll(client, rows, keyRows, head);
    await client.query("COMMIT");
    return outcomes;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}

/** Round trip 2: the streams' versions and the keys' first results, in one query. */
async function readBatchState(
  client: PoolClient,
  batch: readonly CheckedAppend[],
): Promise<{ versions: Map<string, number>; keys: Map<string, KeyRow> }> {
  const streams = [...new Set(batch.map((r) => r.streamId))];
  const keyList = [...new Set(batch.flatMap((r) => (r.idempotencyKey === null ? [] : [r.idempotencyKey])))];
  const result = await client.query<[number, string, number | null, number | null, string | null, string | null]>({
    text: `SELECT 0, s, (SELECT version FROM events WHERE stream_id = s ORDER BY version DESC LIMIT 1), NULL::integer, NULL::text, NULL::text
             FROM unnest($1::text[]) AS s
           UNION ALL
           SELECT 1, key, first_version, last_version, request_hash, stream_id FROM idempotency WHERE key = ANY($2::text[])`,
    values: [streams, keyList],
    rowMode: "array",
  });
  const versions = new Map<string, number>();
  const keys = new Map<string, KeyRow>();
  for (const [kind, name, a, b, hash, streamId] of result.rows) {
    if (kind === 0) versions.set(name, a ?? 0);
    else keys.set(name, [name, streamId ?? "", a ?? 0, b ?? 0, hash]);
  }
  return { versions, keys };
}

class EventColumns {
  readonly position: number[] = [];
  readonly streamId: string[] = [];
  readonly version: number[] = [];
  readonly type: string[] = [];
  readonly data: string[] = [];
  readonly recordedAt: string[] = [];
  readonly prevHash: string[] = [];
  readonly hash: string[] = [];
  push(p: number, s: string, v: number, t: string, d: string, r: string, prev: string, h: string): void {
    this.position.push(p);
    this.streamId.push(s);
    this.version.push(v);
    this.type.push(t);
    this.data.push(d);
    this.recordedAt.push(r);
    this.prevHash.push(prev);
    this.hash.push(h);
  }
}

class KeyColumns {
  readonly key: string[] = [];
  readonly streamId: string[] = [];
  readonly first: number[] = [];
  readonly last: number[] = [];
  readonly requestHash: (string | null)[] = [];
  push(k: string, s: string, first: number, last: number, h: string | null): void {
    this.key.push(k);
    this.streamId.push(s);
    this.first.push(first);
    this.last.push(last);
    this.requestHash.push(h);
  }
}

/** Round trip 3: every event, every key and the new head in one statement. */
export async function insertAll(
  client: PoolClient,
  e: EventColumns,
  k: KeyColumns | null,
  head: ChainHead,
): Promise<void> {
  await client.query(
    `WITH new_events AS (
       INSERT INTO events (position, stream_id, version, type, data, recorded_at, prev_hash, hash)
       SELECT * FROM unnest($1::bigint[], $2::text[], $3::integer[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
     ), new_keys AS (
       INSERT INTO idempotency (key, stream_id, first_version, last_version, request_hash)
       SELECT * FROM unnest($9::text[], $10::text[], $11::integer[], $12::integer[], $13::text[])
     )
     UPDATE log_head SET position = $14, hash = $15 WHERE id = 1`,
    [
      e.position,
      e.streamId,
      e.version,
      e.type,
      e.data,
      e.recordedAt,
      e.prevHash,
      e.hash,
      k?.key ?? [],
      k?.streamId ?? [],
      k?.first ?? [],
      k?.last ?? [],
      k?.requestHash ?? [],
      head.position,
      head.hash,
    ],
  );
}

export { EventColumns };
