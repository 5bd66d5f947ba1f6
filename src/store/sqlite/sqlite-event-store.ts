/**
 * The SQLite adapter of the EventStore port: one file, WAL, `synchronous=FULL` so an
 * acknowledged append survives a power cut.
 *
 * A durable commit costs one fsync, so appends are group-committed: requests are
 * queued and written together in ONE transaction by `SqliteBatchWriter`, which judges
 * each request on its own (a stale expectedVersion fails alone while its neighbours
 * commit; a failed transaction fails the whole batch and writes none of it).
 *
 * Where the transaction runs is the writer mode:
 * - `inline` (default): on this thread, on the store's own connection. Requests made in
 *   the same event-loop turn are flushed on `setImmediate` (or at once when the queue
 *   reaches `maxBatchSize`). No start-up cost: right for one-shot CLI commands.
 * - `thread`: on a writer thread that owns a second, write connection, so this thread's
 *   event loop keeps running (parsing requests, answering reads) during the fsync. One
 *   batch is in flight at a time; requests arriving meanwhile queue up and go as the
 *   next batch as soon as the reply arrives, which keeps arrival order and lets batches
 *   grow under load. Reads stay on this thread's connection (WAL readers see every
 *   committed write). Right for the server.
 *
 * Either way the schema is checked and migrated once, on this thread, at open, before
 * anything can write; each request resolves only after its batch has committed.
 */
import type Database from "better-sqlite3";
import { type Clock, isoNow, systemClock } from "../../domain/shared/clock.js";
import { WarroomError } from "../../domain/shared/errors.js";
import { type ChainHead, type ChainReport, EMPTY_HEAD, walkChainSync } from "../chain.js";
import type { AppendRequest, AppendResult, EventStore, LoggedEvent, StoredEvent } from "../event-store.js";
import { ImportChain, type ImportedLog, importBatches } from "../import-log.js";
import { type CheckedAppend, checkAppendRequest, checkLimit, checkNonNegativeInteger } from "../validate-append.js";
import { isInMemoryPath, openDatabase, readPragmas, type SqlitePragmas, toStoreError } from "./open-database.js";
import {
  type BatchResult,
  type DuplicateAppend,
  fromPlainError,
  lookupKey,
  type RequestOutcome,
  SqliteBatchWriter,
} from "./sqlite-batch-writer.js";
import { WriterThread } from "./sqlite-writer-thread.js";
import {
  prepareStatements,
  readStreamDataPaged,
  readStreamPaged,
  type Statements,
  toChainRows,
  toGlobalEvents,
  toLoggedEvents,
  toStreamEvents,
} from "./statements.js";

export type { SqlitePragmas } from "./open-database.js";

export type SqliteWriterMode = "inline" | "thread";

export interface SqliteEventStoreOptions {
  /**
   * Where the group commit runs: `inline` (default) on this thread, `thread` on a writer
   * thread with its own connection. An in-memory database lives in one connection, so it
   * is always written inline.
   */
  writer?: SqliteWriterMode;
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
  /** Batches that failed as a whole; every request in them was rejected. */
  failedTransactions: number;
  /** Requests in the largest batch so far. */
  largestBatch: number;
}

export const READ_ALL_MAX_LIMIT = 10_000;

interface Pending {
  request: CheckedAppend;
  /** The caller's event data, in order: the StoredEvents are built from it, not re-parsed. */
  data: unknown[];
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

/** Commits one batch: at once (inline) or on the writer thread. */
type CommitBatch = (batch: CheckedAppend[], recordedAt: string) => BatchResult | Promise<BatchResult>;

export function openSqliteEventStore(path: string, options: SqliteEventStoreOptions = {}): SqliteEventStore {
  return new SqliteEventStore(path, options);
}

export class SqliteEventStore implements EventStore {
  readonly path: string;
  /** The writer mode in effect (`inline` for an in-memory database, whatever was asked). */
  readonly writer: SqliteWriterMode;
  private readonly db: Database.Database;
  private readonly clock: Clock;
  private readonly maxBatchSize: number;
  private readonly sql: Statements;
  private readonly thread: WriterThread | null;
  private readonly commitBatch: CommitBatch;
  private queue: Pending[] = [];
  private scheduled: NodeJS.Immediate | null = null;
  /** The batch on the writer thread, settled (never rejected) once its reply is handled. */
  private inFlight: Promise<void> | null = null;
  private closed = false;
  /** An import's transaction is open on this connection: appends must not start one. */
  private importing = false;
  private closing: Promise<void> | null = null;
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
    const busyTimeoutMs = options.busyTimeoutMs ?? 5000;
    // Opens, checks and migrates the file (refusing a newer schema) before any writer exists.
    this.db = openDatabase(path, busyTimeoutMs);
    this.sql = prepareStatements(this.db);
    this.writer = options.writer === "thread" && !isInMemoryPath(path) ? "thread" : "inline";
    if (this.writer === "thread") {
      const thread = new WriterThread(path, busyTimeoutMs);
      this.thread = thread;
      this.commitBatch = (batch, recordedAt) => thread.commit(batch, recordedAt);
    } else {
      const writer = new SqliteBatchWriter(this.db, this.sql);
      this.thread = null;
      this.commitBatch = (batch, recordedAt) => writer.commit(batch, recordedAt);
    }
  }

  append(request: AppendRequest): Promise<AppendResult> {
    if (this.closed) return Promise.reject(closedError());
    if (this.importing) {
      return Promise.reject(
        new WarroomError("store.unavailable", "an import into this store is running; append after it"),
      );
    }
    let checked: CheckedAppend;
    try {
      checked = checkAppendRequest(request);
    } catch (error) {
      return Promise.reject(error);
    }
    const data = new Array<unknown>(request.events.length);
    for (let i = 0; i < data.length; i++) data[i] = request.events[i]?.data;
    return new Promise<AppendResult>((resolve, reject) => {
      this.queue.push({ request: checked, data, resolve, reject });
      if (this.inFlight !== null) return; // goes with the next batch, when the reply arrives
      if (this.queue.length >= this.maxBatchSize) this.pump();
      else this.scheduled ??= setImmediate(() => this.pump());
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
    return this.guard("look up an idempotency key", () => {
      const found = lookupKey(this.sql, key);
      return found === null ? null : duplicateResult(found);
    });
  }

  async headPosition(): Promise<number> {
    this.assertOpen();
    return this.guard("read the head position", () => this.sql.head.get() ?? 0);
  }

  async readLog(afterPosition: number, limit = 1000): Promise<LoggedEvent[]> {
    this.assertOpen();
    checkNonNegativeInteger(afterPosition, "afterPosition");
    checkLimit(limit, READ_ALL_MAX_LIMIT);
    return this.guard("read the log", () => toLoggedEvents(this.sql.readLogWithKeys.all(afterPosition, limit)));
  }

  async verifyChain(): Promise<ChainReport> {
    this.assertOpen();
    // One read transaction: the head and every page come from the same snapshot.
    const walk = this.db.transaction(() =>
      walkChainSync(this.readHead(), (after, limit) => toChainRows(this.sql.readChain.all(after, limit))),
    );
    return this.guard("verify the hash chain", () => walk.deferred());
  }

  /**
   * Writes an exported log into this empty store in ONE transaction, batch by batch as
   * they arrive, so a log larger than memory can be imported; a bad event anywhere rolls
   * everything back. Appends are refused meanwhile (`store.unavailable`).
   */
  async importLog(log: ImportedLog): Promise<ChainHead> {
    this.assertOpen();
    if (this.importing) throw new WarroomError("store.unavailable", "an import into this store is already running");
    // Waits for queued appends so the emptiness check sees them.
    while (this.inFlight !== null) await this.inFlight;
    this.importing = true;
    let begun = false;
    try {
      this.guard("import the log", () => this.db.exec("BEGIN IMMEDIATE"));
      begun = true;
      if (this.sql.anyEvent.get() !== 0) throw notEmpty(this.path);
      const chain = new ImportChain();
      for await (const batch of importBatches(log)) {
        this.guard("import the log", () => {
          for (const event of batch) {
            const r = chain.next(event);
            this.sql.insertEvent.run(
              r.position,
              r.streamId,
              r.version,
              r.type,
              r.dataJson,
              r.recordedAt,
              r.prevHash,
              r.hash,
            );
            const key = event.idempotency;
            if (key) this.sql.insertKey.run(key.key, r.streamId, r.version, key.lastVersion, key.requestHash);
          }
        });
      }
      chain.finish();
      const head = chain.head;
      this.guard("import the log", () => {
        this.sql.setChainHead.run(head.position, head.hash);
        this.db.exec("COMMIT");
      });
      begun = false;
      return head;
    } finally {
      if (begun && this.db.inTransaction) this.db.exec("ROLLBACK");
      this.importing = false;
    }
  }

  private readHead(): ChainHead {
    const row = this.sql.chainHead.get();
    return row === undefined ? EMPTY_HEAD : { position: row[0], hash: row[1] };
  }

  /**
   * Commits whatever is queued, waits for the batch in flight, stops the writer thread and
   * closes the file. Calls made from now on reject with `store.unavailable`.
   */
  close(): Promise<void> {
    this.closing ??= this.shutDown();
    return this.closing;
  }

  stats(): SqliteStoreStats {
    return { ...this.counters };
  }

  /** The pragmas of this thread's connection (reads, and inline writes). */
  pragmas(): SqlitePragmas {
    this.assertOpen();
    return readPragmas(this.db);
  }

  /** The pragmas of the connection that commits appends: the writer thread's in `thread` mode. */
  async writerPragmas(): Promise<SqlitePragmas> {
    this.assertOpen();
    return this.thread === null ? readPragmas(this.db) : this.thread.pragmas();
  }

  /** The writer thread, in `thread` mode (tests use it to simulate a crash). */
  get writerThread(): WriterThread | null {
    return this.thread;
  }

  private async shutDown(): Promise<void> {
    this.closed = true;
    this.pump();
    while (this.inFlight !== null) await this.inFlight;
    if (this.thread !== null) await this.thread.close();
    this.db.close();
  }

  /**
   * Sends the queue as the next batch, unless one is in flight. Inline, the batch commits
   * right here; on the thread, the reply sends the next batch, then settles this one.
   */
  private pump(): void {
    if (this.scheduled !== null) {
      clearImmediate(this.scheduled);
      this.scheduled = null;
    }
    while (this.inFlight === null && this.queue.length > 0) {
      let batch: Pending[];
      if (this.queue.length <= this.maxBatchSize) {
        batch = this.queue;
        this.queue = [];
      } else {
        batch = this.queue.splice(0, this.maxBatchSize);
      }
      const requests = new Array<CheckedAppend>(batch.length);
      for (let i = 0; i < batch.length; i++) requests[i] = (batch[i] as Pending).request;
      const recordedAt = isoNow(this.clock);
      const result = this.commitBatch(requests, recordedAt);
      if (result instanceof Promise) {
        this.inFlight = result.then((reply) => {
          this.inFlight = null;
          this.pump(); // the next batch goes to the thread before this one's callers run
          this.settle(batch, reply, recordedAt);
        });
        return;
      }
      this.settle(batch, result, recordedAt);
    }
  }

  /** Resolves or rejects each request of a batch from its outcome. */
  private settle(batch: Pending[], result: BatchResult, recordedAt: string): void {
    if (!result.committed) {
      this.counters.failedTransactions++;
      const error = fromPlainError(result.error);
      for (const pending of batch) pending.reject(error);
      return;
    }
    this.counters.transactions++;
    this.counters.appends += batch.length;
    if (batch.length > this.counters.largestBatch) this.counters.largestBatch = batch.length;
    for (let i = 0; i < batch.length; i++) {
      const pending = batch[i] as Pending;
      const outcome = result.outcomes[i] as RequestOutcome;
      if ("error" in outcome) {
        this.counters.conflicts++;
        pending.reject(fromPlainError(outcome.error));
      } else if (outcome.ok.kind === "duplicate") {
        this.counters.duplicates++;
        pending.resolve(duplicateResult(outcome.ok));
      } else {
        const written = outcome.ok;
        const { streamId, expectedVersion, events, requestHash } = pending.request;
        const stored: StoredEvent[] = new Array(events.length);
        for (let j = 0; j < events.length; j++) {
          stored[j] = {
            streamId,
            version: expectedVersion + j + 1,
            position: written.positions[j] as number,
            type: (events[j] as CheckedAppend["events"][number]).type,
            data: pending.data[j],
            recordedAt,
          };
        }
        this.counters.events += events.length;
        const appended: AppendResult = { streamId, version: written.version, events: stored, duplicate: false };
        if (requestHash !== null) appended.requestHash = requestHash;
        pending.resolve(appended);
      }
    }
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

function duplicateResult(found: DuplicateAppend): AppendResult {
  const result: AppendResult = {
    streamId: found.streamId,
    version: found.version,
    events: toStreamEvents(found.streamId, found.rows),
    duplicate: true,
  };
  if (found.requestHash !== null) result.requestHash = found.requestHash;
  return result;
}

function notEmpty(where: string): WarroomError {
  return new WarroomError(
    "store.not_empty",
    `The store at ${where} already holds events: import only into an empty store (a new file or database)`,
  );
}

function closedError(): WarroomError {
  return new WarroomError("store.unavailable", "The event store is closed");
}
