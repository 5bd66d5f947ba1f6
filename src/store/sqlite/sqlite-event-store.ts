/**
 * The SQLite adapter of the EventStore port: one file, WAL, `synchronous=FULL` so an
 * acknowledged append survives a power cut.
 *
 * better-sqlite3 is synchronous, and a durable commit costs one fsync. So appends are
 * group-committed: requests made in the same event-loop turn are queued, then written
 * in ONE immediate transaction (flushed on `setImmediate`, or at once when the queue
 * reaches `maxBatchSize`). Each request is judged on its own inside that transaction,
 * in arrival order, and written under its own SAVEPOINT, so a stale expectedVersion
 * fails alone while its neighbours commit. If the transaction itself fails (disk
 * full, I/O error, lock timeout) every request of the batch is rejected and none is
 * partly written. The UNIQUE (stream_id, version) constraint remains the final guard,
 * for instance against another process writing to the same file.
 */
import type Database from "better-sqlite3";
import { type Clock, isoNow, systemClock } from "../../domain/shared/clock.js";
import { WarroomError } from "../../domain/shared/errors.js";
import type { AppendRequest, AppendResult, EventStore, StoredEvent } from "../event-store.js";
import { isUniqueViolation, openDatabase, toStoreError } from "./open-database.js";
import {
  prepareStatements,
  readStreamDataPaged,
  readStreamPaged,
  type Statements,
  toGlobalEvents,
  toStreamEvents,
} from "./statements.js";
import { type CheckedAppend, checkAppendRequest, checkLimit, checkNonNegativeInteger } from "./validate-append.js";

export interface SqliteEventStoreOptions {
  /** Stamps `recordedAt`; the system clock by default. */
  clock?: Clock;
  /** Most append requests committed in one transaction (default 256). */
  maxBatchSize?: number;
  /** How long to wait for another process's write lock, in ms (default 5000). */
  busyTimeoutMs?: number;
}

export interface SqliteStoreStats {
  /** Transactions committed by the append queue. */
  transactions: number;
  /** Append requests settled by committed transactions (written, duplicate or conflicting). */
  appends: number;
  /** Events written. */
  events: number;
  duplicates: number;
  conflicts: number;
  /** Transactions that failed as a whole; every request in them was rejected. */
  failedTransactions: number;
  /** Requests in the largest batch so far. */
  largestBatch: number;
}

export interface SqlitePragmas {
  journalMode: string;
  synchronous: number;
  busyTimeout: number;
  foreignKeys: number;
  userVersion: number;
}

export const READ_ALL_MAX_LIMIT = 10_000;

type Outcome = { ok: AppendResult } | { error: WarroomError };

interface Pending {
  request: CheckedAppend;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

export function openSqliteEventStore(path: string, options: SqliteEventStoreOptions = {}): SqliteEventStore {
  return new SqliteEventStore(path, options);
}

export class SqliteEventStore implements EventStore {
  readonly path: string;
  private readonly db: Database.Database;
  private readonly clock: Clock;
  private readonly maxBatchSize: number;
  private readonly sql: Statements;
  private readonly commitBatch: Database.Transaction<(batch: Pending[], recordedAt: string) => Outcome[]>;
  private readonly writeRequest: Database.Transaction<(request: CheckedAppend, recordedAt: string) => AppendResult>;
  private queue: Pending[] = [];
  private scheduled: NodeJS.Immediate | null = null;
  private closed = false;
  private readonly counters: SqliteStoreStats = {
    transactions: 0,
    appends: 0,
    events: 0,
    duplicates: 0,
    conflicts: 0,
    failedTransactions: 0,
    largestBatch: 0,
  };

  constructor(path: string, options: SqliteEventStoreOptions = {}) {
    this.path = path;
    this.clock = options.clock ?? systemClock;
    this.maxBatchSize = Math.max(1, options.maxBatchSize ?? 256);
    this.db = openDatabase(path, options.busyTimeoutMs ?? 5000);
    const db = this.db;
    this.sql = prepareStatements(db);
    this.writeRequest = db.transaction((request: CheckedAppend, recordedAt: string) =>
      this.insertEvents(request, recordedAt),
    );
    this.commitBatch = db.transaction((batch: Pending[], recordedAt: string) =>
      batch.map((pending) => this.judge(pending.request, recordedAt)),
    );
  }

  append(request: AppendRequest): Promise<AppendResult> {
    if (this.closed) return Promise.reject(closedError());
    let checked: CheckedAppend;
    try {
      checked = checkAppendRequest(request);
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise<AppendResult>((resolve, reject) => {
      this.queue.push({ request: checked, resolve, reject });
      if (this.queue.length >= this.maxBatchSize) this.flush();
      else this.scheduled ??= setImmediate(() => this.flush());
    });
  }

  async readStream(streamId: string, afterVersion = 0): Promise<StoredEvent[]> {
    this.assertOpen();
    checkNonNegativeInteger(afterVersion, "afterVersion");
    return this.guard("read a stream", () => readStreamPaged(this.sql, streamId, afterVersion));
  }

  async readStreamData(streamId: string, afterVersion = 0): Promise<unknown[]> {
    this.assertOpen();
    checkNonNegativeInteger(afterVersion, "afterVersion");
    return this.guard("read a stream", () => readStreamDataPaged(this.sql, streamId, afterVersion));
  }

  async readAll(afterPosition: number, limit = 1000): Promise<StoredEvent[]> {
    this.assertOpen();
    checkNonNegativeInteger(afterPosition, "afterPosition");
    checkLimit(limit, READ_ALL_MAX_LIMIT);
    return this.guard("read the log", () => toGlobalEvents(this.sql.readAll.all(afterPosition, limit)));
  }

  async findByIdempotencyKey(key: string): Promise<AppendResult | null> {
    this.assertOpen();
    return this.guard("look up an idempotency key", () => this.lookupKey(key));
  }

  async headPosition(): Promise<number> {
    this.assertOpen();
    return this.guard("read the head position", () => this.sql.head.get() ?? 0);
  }

  /** Commits whatever is queued, then closes the file. Later calls reject with `store.unavailable`. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    this.db.close();
  }

  stats(): SqliteStoreStats {
    return { ...this.counters };
  }

  pragmas(): SqlitePragmas {
    this.assertOpen();
    const read = (name: string) => this.db.pragma(name, { simple: true });
    return {
      journalMode: String(read("journal_mode")),
      synchronous: Number(read("synchronous")),
      busyTimeout: Number(read("busy_timeout")),
      foreignKeys: Number(read("foreign_keys")),
      userVersion: Number(read("user_version")),
    };
  }

  /** Writes the queued requests in one transaction and settles each promise. */
  private flush(): void {
    if (this.scheduled !== null) {
      clearImmediate(this.scheduled);
      this.scheduled = null;
    }
    const batch = this.queue;
    if (batch.length === 0) return;
    this.queue = [];
    let outcomes: Outcome[];
    try {
      outcomes = this.commitBatch.immediate(batch, isoNow(this.clock));
    } catch (error) {
      this.counters.failedTransactions++;
      for (const pending of batch) pending.reject(toStoreError(error, "commit the append"));
      return;
    }
    this.counters.transactions++;
    this.counters.appends += batch.length;
    this.counters.largestBatch = Math.max(this.counters.largestBatch, batch.length);
    batch.forEach((pending, i) => {
      const outcome = outcomes[i] as Outcome;
      if ("error" in outcome) {
        this.counters.conflicts++;
        pending.reject(outcome.error);
      } else {
        if (outcome.ok.duplicate) this.counters.duplicates++;
        else this.counters.events += outcome.ok.events.length;
        pending.resolve(outcome.ok);
      }
    });
  }

  /** Runs inside the batch transaction: sees every earlier request of the batch. */
  private judge(request: CheckedAppend, recordedAt: string): Outcome {
    if (request.idempotencyKey !== null) {
      const first = this.lookupKey(request.idempotencyKey);
      if (first !== null) return { ok: first };
    }
    const current = this.sql.currentVersion.get(request.streamId) ?? 0;
    if (current !== request.expectedVersion) return { error: conflictError(request, current) };
    try {
      return { ok: this.writeRequest(request, recordedAt) };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error; // fails the whole batch
      // Someone else got there first (another connection to the same file).
      const first = request.idempotencyKey === null ? null : this.lookupKey(request.idempotencyKey);
      if (first !== null) return { ok: first };
      return { error: conflictError(request, this.sql.currentVersion.get(request.streamId) ?? 0) };
    }
  }

  /** Runs under its own SAVEPOINT (a nested better-sqlite3 transaction). */
  private insertEvents(request: CheckedAppend, recordedAt: string): AppendResult {
    const { streamId, expectedVersion, idempotencyKey, requestHash } = request;
    const events: StoredEvent[] = [];
    let version = expectedVersion;
    for (const event of request.events) {
      version++;
      const { lastInsertRowid } = this.sql.insertEvent.run(streamId, version, event.type, event.json, recordedAt);
      const position = Number(lastInsertRowid);
      events.push({ streamId, version, position, type: event.type, data: JSON.parse(event.json), recordedAt });
    }
    if (idempotencyKey !== null) {
      this.sql.insertKey.run(idempotencyKey, streamId, expectedVersion + 1, version, requestHash);
    }
    const result: AppendResult = { streamId, version, events, duplicate: false };
    if (requestHash !== null) result.requestHash = requestHash;
    return result;
  }

  private lookupKey(key: string): AppendResult | null {
    const row = this.sql.findKey.get(key);
    if (row === undefined) return null;
    const [streamId, firstVersion, lastVersion, requestHash] = row;
    const events = toStreamEvents(streamId, this.sql.readRange.all(streamId, firstVersion - 1, lastVersion));
    const result: AppendResult = { streamId, version: lastVersion, events, duplicate: true };
    if (requestHash !== null) result.requestHash = requestHash;
    return result;
  }

  private assertOpen(): void {
    if (this.closed) throw closedError();
  }

  private guard<T>(action: string, read: () => T): T {
    try {
      return read();
    } catch (error) {
      throw toStoreError(error, action);
    }
  }
}

function conflictError(request: CheckedAppend, current: number): WarroomError {
  const message =
    `Stream ${request.streamId} is at version ${current}, but the append expected ${request.expectedVersion}: ` +
    "someone else changed it; reload and retry";
  return new WarroomError("stream.version_conflict", message, [{ field: "expectedVersion", message }]);
}

function closedError(): WarroomError {
  return new WarroomError("store.unavailable", "The event store is closed");
}
