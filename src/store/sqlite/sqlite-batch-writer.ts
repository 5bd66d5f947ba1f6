/**
 * The group-commit transaction of the SQLite adapter: ONE implementation, run by both
 * writer modes, on the store's own connection (`inline`) or on the writer thread's
 * (`thread`).
 *
 * A batch of checked requests is written in one immediate transaction. Each request is
 * judged on its own, in arrival order, against everything before it (the file and the
 * earlier requests of the batch): a repeated idempotency key returns the first result,
 * a stale expectedVersion fails alone, anything else is written under its own SAVEPOINT
 * (a request of one row, without a key, needs none: a single statement is atomic).
 * If the transaction itself fails (disk full, I/O error, lock timeout) the whole batch
 * fails and nothing of it is written. The UNIQUE (stream_id, version) constraint is the
 * final guard, e.g. against another process writing to the same file.
 *
 * Everything in and out is plain data (it crosses a thread boundary by structured
 * clone): requests as `CheckedAppend` (event data already JSON text), outcomes as
 * positions and versions, errors as `{ code, message, details }`. The caller builds
 * the StoredEvents from its own data and the positions returned here.
 *
 * The hash chain is extended here, inside the transaction that holds the write lock: the
 * chain's head is read once per batch, each written event gets the next position and its
 * hash in memory (no extra statement), and the head is written back once at the end. A
 * request whose SAVEPOINT rolls back leaves the running head where it was.
 */
import type Database from "better-sqlite3";
import { type ErrorCode, type ErrorDetail, WarroomError } from "../../domain/shared/errors.js";
import { type ChainHead, chainHash, EMPTY_HEAD } from "../chain.js";
import type { CheckedAppend } from "../validate-append.js";
import { isUniqueViolation, toStoreError } from "./open-database.js";
import { prepareStatements, type Statements, type StreamRow } from "./statements.js";

/** A WarroomError as plain data. */
export interface PlainError {
  code: ErrorCode;
  message: string;
  details: ErrorDetail[];
}

/** Written now: the stream's version after it, and each event's global position, in order. */
export interface WrittenAppend {
  kind: "written";
  version: number;
  positions: number[];
}

/** The key had been used: the first result, its events as stored rows (data still JSON text). */
export interface DuplicateAppend {
  kind: "duplicate";
  streamId: string;
  version: number;
  requestHash: string | null;
  rows: StreamRow[];
}

interface Written {
  append: WrittenAppend;
  head: ChainHead;
}

export type RequestOutcome = { ok: WrittenAppend | DuplicateAppend } | { error: PlainError };

export type BatchResult = { committed: true; outcomes: RequestOutcome[] } | { committed: false; error: PlainError };

export class SqliteBatchWriter {
  private readonly sql: Statements;
  private readonly commitBatch: Database.Transaction<
    (batch: readonly CheckedAppend[], recordedAt: string) => RequestOutcome[]
  >;
  private readonly writeRequest: Database.Transaction<
    (request: CheckedAppend, recordedAt: string, head: ChainHead) => Written
  >;

  constructor(db: Database.Database, statements: Statements = prepareStatements(db)) {
    this.sql = statements;
    this.writeRequest = db.transaction((request: CheckedAppend, recordedAt: string, head: ChainHead) =>
      this.insertEvents(request, recordedAt, head),
    );
    this.commitBatch = db.transaction((batch: readonly CheckedAppend[], recordedAt: string) => {
      const stored = this.sql.chainHead.get();
      const start: ChainHead = stored === undefined ? EMPTY_HEAD : { position: stored[0], hash: stored[1] };
      const head = { ...start };
      const outcomes: RequestOutcome[] = new Array(batch.length);
      for (let i = 0; i < batch.length; i++) outcomes[i] = this.judge(batch[i] as CheckedAppend, recordedAt, head);
      if (head.position !== start.position) this.sql.setChainHead.run(head.position, head.hash);
      return outcomes;
    });
  }

  /** Writes the batch in one transaction: one outcome per request, in order, or the batch's failure. */
  commit(batch: readonly CheckedAppend[], recordedAt: string): BatchResult {
    try {
      return { committed: true, outcomes: this.commitBatch.immediate(batch, recordedAt) };
    } catch (error) {
      return { committed: false, error: toPlainError(toStoreError(error, "commit the append")) };
    }
  }

  /** Runs inside the batch transaction: sees every earlier request of the batch. */
  private judge(request: CheckedAppend, recordedAt: string, head: ChainHead): RequestOutcome {
    if (request.idempotencyKey !== null) {
      const first = lookupKey(this.sql, request.idempotencyKey);
      if (first !== null) return { ok: first };
    }
    const current = this.sql.currentVersion.get(request.streamId) ?? 0;
    if (current !== request.expectedVersion) return { error: conflict(request, current) };
    try {
      // One statement is atomic on its own (a failed INSERT undoes itself and leaves the
      // transaction open), so only a request that writes two or more rows needs a SAVEPOINT.
      const single = request.events.length === 1 && request.idempotencyKey === null;
      const { append, head: next } = single
        ? this.insertEvents(request, recordedAt, head)
        : this.writeRequest(request, recordedAt, head);
      head.position = next.position;
      head.hash = next.hash;
      return { ok: append };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error; // fails the whole batch
      // Someone else got there first (another connection to the same file).
      const first = request.idempotencyKey === null ? null : lookupKey(this.sql, request.idempotencyKey);
      if (first !== null) return { ok: first };
      return { error: conflict(request, this.sql.currentVersion.get(request.streamId) ?? 0) };
    }
  }

  /** Runs under its own SAVEPOINT (a nested better-sqlite3 transaction) or as one atomic INSERT; `head` is not changed. */
  private insertEvents(request: CheckedAppend, recordedAt: string, head: ChainHead): Written {
    const { streamId, expectedVersion, idempotencyKey, requestHash, events } = request;
    const positions: number[] = new Array(events.length);
    let version = expectedVersion;
    let { position, hash } = head;
    for (let i = 0; i < events.length; i++) {
      const event = events[i] as CheckedAppend["events"][number];
      version++;
      position++;
      const prev = hash;
      hash = chainHash(prev, position, streamId, version, event.type, event.json, recordedAt);
      this.sql.insertEvent.run(position, streamId, version, event.type, event.json, recordedAt, prev, hash);
      positions[i] = position;
    }
    if (idempotencyKey !== null) {
      this.sql.insertKey.run(idempotencyKey, streamId, expectedVersion + 1, version, requestHash);
    }
    return { append: { kind: "written", version, positions }, head: { position, hash } };
  }
}

/** The first result stored under an idempotency key, or null; on any connection. */
export function lookupKey(sql: Statements, key: string): DuplicateAppend | null {
  const row = sql.findKey.get(key);
  if (row === undefined) return null;
  const [streamId, firstVersion, lastVersion, requestHash] = row;
  const rows = sql.readRange.all(streamId, firstVersion - 1, lastVersion);
  return { kind: "duplicate", streamId, version: lastVersion, requestHash, rows };
}

export function toPlainError(error: WarroomError): PlainError {
  return { code: error.code, message: error.message, details: error.details };
}

export function fromPlainError(error: PlainError): WarroomError {
  return new WarroomError(error.code, error.message, error.details);
}

function conflict(request: CheckedAppend, current: number): PlainError {
  const message =
    `Stream ${request.streamId} is at version ${current}, but the append expected ${request.expectedVersion}: ` +
    "someone else changed it; reload and retry";
  return { code: "stream.version_conflict", message, details: [{ field: "expectedVersion", message }] };
}
