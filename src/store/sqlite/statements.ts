/**
 * The prepared statements of the SQLite store, prepared once per connection, and the
 * conversion of raw rows into StoredEvents. Rows are read with `raw()` (arrays, not
 * objects) and turned into events in a plain loop: this is the hot path of a replay.
 */
import type Database from "better-sqlite3";
import type { ChainRow } from "../chain.js";
import type { LoggedEvent, StoredEvent } from "../event-store.js";

/** [position, version, type, data, recorded_at] */
export type StreamRow = [number, number, string, string, string];
/** [position, stream_id, version, type, data, recorded_at] */
export type GlobalRow = [number, string, number, string, string, string];
/** GlobalRow + [prev_hash, hash] */
export type ChainedRow = [number, string, number, string, string, string, string, string];
/** A chained row with the key of the append it starts (nulls when none). */
export type KeyedChainedRow = [...ChainedRow, string | null, number | null, string | null];
/** [stream_id, first_version, last_version, request_hash] */
export type KeyRow = [string, number, number, string | null];

const STREAM_COLUMNS = "position, version, type, data, recorded_at";

export function prepareStatements(db: Database.Database) {
  return {
    currentVersion: db.prepare<[string], number | null>("SELECT MAX(version) FROM events WHERE stream_id = ?").pluck(),
    insertEvent: db.prepare<[number, string, number, string, string, string, string, string]>(
      "INSERT INTO events (position, stream_id, version, type, data, recorded_at, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    ),
    chainHead: db.prepare<[], [number, string]>("SELECT position, hash FROM chain_head WHERE id = 1").raw(),
    setChainHead: db.prepare<[number, string]>(
      "INSERT INTO chain_head (id, position, hash) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET position = excluded.position, hash = excluded.hash",
    ),
    readChain: db
      .prepare<[number, number], ChainedRow>(
        "SELECT position, stream_id, version, type, data, recorded_at, prev_hash, hash FROM events WHERE position > ? ORDER BY position LIMIT ?",
      )
      .raw(),
    readLogWithKeys: db
      .prepare<[number, number], KeyedChainedRow>(
        `SELECT e.position, e.stream_id, e.version, e.type, e.data, e.recorded_at, e.prev_hash, e.hash,
                k.key, k.last_version, k.request_hash
           FROM events e LEFT JOIN idempotency k ON k.stream_id = e.stream_id AND k.first_version = e.version
          WHERE e.position > ? ORDER BY e.position LIMIT ?`,
      )
      .raw(),
    anyEvent: db.prepare<[], number>("SELECT COUNT(*) FROM (SELECT 1 FROM events LIMIT 1)").pluck(),
    insertKey: db.prepare<[string, string, number, number, string | null]>(
      "INSERT INTO idempotency (key, stream_id, first_version, last_version, request_hash) VALUES (?, ?, ?, ?, ?)",
    ),
    findKey: db
      .prepare<[string], KeyRow>(
        "SELECT stream_id, first_version, last_version, request_hash FROM idempotency WHERE key = ?",
      )
      .raw(),
    readStreamPage: db
      .prepare<[string, number, number], StreamRow>(
        `SELECT ${STREAM_COLUMNS} FROM events WHERE stream_id = ? AND version > ? ORDER BY version LIMIT ?`,
      )
      .raw(),
    readStreamDataPage: db
      .prepare<[string, number, number], [number, string]>(
        "SELECT version, data FROM events WHERE stream_id = ? AND version > ? ORDER BY version LIMIT ?",
      )
      .raw(),
    readRange: db
      .prepare<[string, number, number], StreamRow>(
        `SELECT ${STREAM_COLUMNS} FROM events WHERE stream_id = ? AND version > ? AND version <= ? ORDER BY version`,
      )
      .raw(),
    readAll: db
      .prepare<[number, number], GlobalRow>(
        "SELECT position, stream_id, version, type, data, recorded_at FROM events WHERE position > ? ORDER BY position LIMIT ?",
      )
      .raw(),
    head: db.prepare<[], number>("SELECT COALESCE(MAX(position), 0) FROM events").pluck(),
  };
}

export type Statements = ReturnType<typeof prepareStatements>;

/**
 * Rows per page when reading a whole stream. Reading a long stream in pages lets each
 * page's row arrays and JSON text die young instead of being promoted by the garbage
 * collector with everything else: on a 100k-event stream this takes about a quarter
 * off the read, against one `all()` of every row.
 */
export const STREAM_PAGE_SIZE = 1024;

/** Reads a stream after `afterVersion`, page by page, into one array of StoredEvents. */
export function readStreamPaged(statements: Statements, streamId: string, afterVersion: number): StoredEvent[] {
  const out: StoredEvent[] = [];
  let after = afterVersion;
  for (;;) {
    const rows = statements.readStreamPage.all(streamId, after, STREAM_PAGE_SIZE);
    appendStreamEvents(out, streamId, rows);
    const last = rows[rows.length - 1];
    if (rows.length < STREAM_PAGE_SIZE || last === undefined) return out;
    after = last[1];
  }
}

/** Reads only the payloads of a stream, page by page: the replay path. */
export function readStreamDataPaged(statements: Statements, streamId: string, afterVersion: number): unknown[] {
  const out: unknown[] = [];
  let after = afterVersion;
  for (;;) {
    const rows = statements.readStreamDataPage.all(streamId, after, STREAM_PAGE_SIZE);
    for (let i = 0; i < rows.length; i++) out.push(JSON.parse((rows[i] as [number, string])[1]));
    const last = rows[rows.length - 1];
    if (rows.length < STREAM_PAGE_SIZE || last === undefined) return out;
    after = last[0];
  }
}

export function toStreamEvents(streamId: string, rows: StreamRow[]): StoredEvent[] {
  return appendStreamEvents([], streamId, rows);
}

function appendStreamEvents(out: StoredEvent[], streamId: string, rows: StreamRow[]): StoredEvent[] {
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as StreamRow;
    out.push({
      streamId,
      version: row[1],
      position: row[0],
      type: row[2],
      data: JSON.parse(row[3]),
      recordedAt: row[4],
    });
  }
  return out;
}

export function toGlobalEvents(rows: GlobalRow[]): StoredEvent[] {
  const out: StoredEvent[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as GlobalRow;
    out[i] = {
      streamId: row[1],
      version: row[2],
      position: row[0],
      type: row[3],
      data: JSON.parse(row[4]),
      recordedAt: row[5],
    };
  }
  return out;
}

export function toChainRows(rows: ChainedRow[]): ChainRow[] {
  const out: ChainRow[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as ChainedRow;
    out[i] = {
      position: row[0],
      streamId: row[1],
      version: row[2],
      type: row[3],
      dataJson: row[4],
      recordedAt: row[5],
      prevHash: row[6],
      hash: row[7],
    };
  }
  return out;
}

export function toLoggedEvents(rows: KeyedChainedRow[]): LoggedEvent[] {
  const out: LoggedEvent[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as KeyedChainedRow;
    const event: LoggedEvent = {
      streamId: row[1],
      version: row[2],
      position: row[0],
      type: row[3],
      data: JSON.parse(row[4]),
      recordedAt: row[5],
      prevHash: row[6],
      hash: row[7],
    };
    if (row[8] !== null) event.idempotency = { key: row[8], lastVersion: row[9] as number, requestHash: row[10] };
    out[i] = event;
  }
  return out;
}
