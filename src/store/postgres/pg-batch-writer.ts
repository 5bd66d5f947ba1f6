/**
 * The group-commit transaction of the PostgreSQL adapter: ONE statement, one round trip,
 * whatever the batch's size. `warroom_append` (a PL/pgSQL function, migration 2) runs in
 * the statement's own transaction:
 *
 *   - it locks the one-row `log_head` (FOR UPDATE): no other writer, in this process or
 *     another instance, can append until this transaction commits;
 *   - it judges each request on its own, in arrival order: a used idempotency key returns
 *     the first result (also one used earlier in the same batch), a stale expectedVersion
 *     fails alone, anything else is written, each event at the next position with its
 *     chain hash (the same text `chainText` builds, hashed with SHA-256 in the database);
 *   - it writes the new head; the commit follows at synchronous_commit=on, so an
 *     acknowledged append is flushed to the WAL.
 *
 * Nothing is decided between round trips while the lock is held, so a busy event loop in
 * the server never lengthens the time other writers wait. Positions are handed out under
 * the lock: they are gapless, and a later position never commits before an earlier one,
 * so a reader polling `readAll(afterPosition)` cannot skip an event. If the statement
 * fails (a UNIQUE constraint fired for a writer that bypassed the lock, the connection
 * broke), the whole batch fails and nothing of it is written.
 */
import type pg from "pg";
import type { CheckedAppend } from "../validate-append.js";

export type PgOutcome =
  | { kind: "written"; version: number; positions: number[] }
  | { kind: "conflict"; current: number }
  /** The key had been used (before, or earlier in this batch): the caller reads the first result back. */
  | { kind: "duplicate"; streamId: string; firstVersion: number; lastVersion: number; requestHash: string | null };

type Row = [string, string | null, number, number | null, string | null, string | null];

/** Sends the batch as one statement (autocommit); throws if it fails. */
export async function commitPgBatch(
  db: pg.Pool | pg.PoolClient,
  batch: readonly CheckedAppend[],
  recordedAt: string,
): Promise<PgOutcome[]> {
  const streams: string[] = [];
  const expected: number[] = [];
  const keys: (string | null)[] = [];
  const hashes: (string | null)[] = [];
  const counts: number[] = [];
  const types: string[] = [];
  const data: string[] = [];
  for (const request of batch) {
    streams.push(request.streamId);
    expected.push(request.expectedVersion);
    keys.push(request.idempotencyKey);
    hashes.push(request.requestHash);
    counts.push(request.events.length);
    for (const event of request.events) {
      types.push(event.type);
      data.push(event.json);
    }
  }
  const result = await db.query<Row>({
    name: "warroom-append",
    text: "SELECT kind, pos, ver, last_ver, req_hash, stream FROM warroom_append($1, $2, $3, $4, $5, $6, $7, $8)",
    values: [streams, expected, keys, hashes, counts, types, data, recordedAt],
    rowMode: "array",
  });
  if (result.rows.length !== batch.length) {
    throw new Error(`warroom_append answered ${result.rows.length} outcomes for ${batch.length} requests`);
  }
  return result.rows.map(([kind, pos, ver, lastVer, reqHash, stream], i): PgOutcome => {
    if (kind === "written") {
      const first = Number(pos);
      const n = (batch[i] as CheckedAppend).events.length;
      return { kind, version: ver, positions: Array.from({ length: n }, (_, j) => first + j) };
    }
    if (kind === "conflict") return { kind, current: ver };
    return {
      kind: "duplicate",
      streamId: stream ?? "",
      firstVersion: ver,
      lastVersion: lastVer ?? ver,
      requestHash: reqHash,
    };
  });
}

/** The events of an import, as columns: inserted in one statement per chunk. */
export class EventColumns {
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

/** Inserts imported events (hashes already computed) and moves the head, in the caller's transaction. */
export async function insertImported(client: pg.PoolClient, e: EventColumns, head: { position: number; hash: string }) {
  await client.query(
    `WITH new_events AS (
       INSERT INTO events (position, stream_id, version, type, data, recorded_at, prev_hash, hash)
       SELECT * FROM unnest($1::bigint[], $2::text[], $3::integer[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
     )
     UPDATE log_head SET position = $9, hash = $10 WHERE id = 1`,
    [e.position, e.streamId, e.version, e.type, e.data, e.recordedAt, e.prevHash, e.hash, head.position, head.hash],
  );
}

/** Imported idempotency keys `[key, stream, firstVersion, lastVersion, requestHash]`, in the caller's transaction. */
export async function insertImportedKeys(
  client: pg.PoolClient,
  keys: [string, string, number, number, string | null][],
) {
  if (keys.length === 0) return;
  await client.query(
    `INSERT INTO idempotency (key, stream_id, first_version, last_version, request_hash)
     SELECT * FROM unnest($1::text[], $2::text[], $3::integer[], $4::integer[], $5::text[])`,
    [keys.map((k) => k[0]), keys.map((k) => k[1]), keys.map((k) => k[2]), keys.map((k) => k[3]), keys.map((k) => k[4])],
  );
}
