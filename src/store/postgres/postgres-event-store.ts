/**
 * The PostgreSQL adapter of the EventStore port (node `pg`, one Pool), for several
 * server instances on one database. Appends are group-committed like SQLite's: requests
 * queue up, one batch is in flight at a time, and everything that arrived meanwhile goes
 * as the next batch (`pg-batch-writer.ts`: one statement, one round trip, each
 * request judged on its own). Reads run on the pool alongside.
 *
 * Every connection runs with `synchronous_commit = on` (an acknowledged append is in the
 * WAL on disk) and, when a `schema` is given, with that schema first on its search_path
 * (tests give each file its own). The schema is migrated at open (`pg-migrations.ts`).
 */
import pg from "pg";
import { type Clock, isoNow, systemClock } from "../../domain/shared/clock.js";
import { isWarroomError, WarroomError } from "../../domain/shared/errors.js";
import { type ChainHead, type ChainReport, type ChainRow, walkChain } from "../chain.js";
import type { AppendRequest, AppendResult, EventStore, LeaderLock, LoggedEvent, StoredEvent } from "../event-store.js";
import { ImportChain, type ImportedLog, importBatches } from "../import-log.js";
import { type CheckedAppend, checkAppendRequest, checkLimit, checkNonNegativeInteger } from "../validate-append.js";
import { commitPgBatch, EventColumns, insertImported, insertImportedKeys, type PgOutcome } from "./pg-batch-writer.js";
import { migratePg } from "./pg-migrations.js";
import { redactUrl } from "./redact-url.js";

export interface PostgresEventStoreOptions {
  clock?: Clock;
  /** A schema to create if missing and put first on every connection's search_path. */
  schema?: string;
  /** Connections in the pool (default 10): one writes at a time, the rest read. */
  poolSize?: number;
  /** Most append requests in one transaction (default 512). */
  maxBatchSize?: number;
  /**
   * Batches on their way at once (default 1: the next batch is everything that queued
   * while this one committed). 2 sends the next batch to wait at the head lock inside
   * PostgreSQL, which measured worse here: batches came out small, each with its own
   * WAL flush.
   */
  pipelineDepth?: number;
}

export const PG_READ_ALL_MAX_LIMIT = 10_000;

interface Pending {
  request: CheckedAppend;
  data: unknown[];
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

type Row = unknown[];

export async function openPostgresEventStore(
  url: string,
  options: PostgresEventStoreOptions = {},
): Promise<PostgresEventStore> {
  const where = redactUrl(url);
  // Settings in the URL (`?options=-c search_path=…`) are kept; durability is always on.
  const settings = [urlOptions(url), "-c synchronous_commit=on"].filter((o) => o !== "");
  if (options.schema !== undefined) {
    if (!/^[a-z_][a-z0-9_]*$/.test(options.schema)) {
      throw new WarroomError("validation.failed", `schema '${options.schema}' must be lower-case letters, digits, _`);
    }
    settings.push(`-c search_path=${options.schema}`);
  }
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10, options: settings.join(" ") });
  // An idle client that loses its connection must not crash the process.
  pool.on("error", () => undefined);
  try {
    const client = await pool.connect();
    try {
      if (options.schema !== undefined) await createSchema(client, options.schema);
      await migratePg(client, where);
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw toPgStoreError(error, `open ${where}`);
  }
  return new PostgresEventStore(pool, where, options);
}

export class PostgresEventStore implements EventStore {
  private readonly clock: Clock;
  private readonly maxBatchSize: number;
  private queue: Pending[] = [];
  private scheduled: NodeJS.Immediate | null = null;
  private readonly pipelineDepth: number;
  private readonly running = new Set<Promise<void>>();
  private closed = false;
  private closing: Promise<void> | null = null;
  private readonly counters = { transactions: 0, appends: 0, largestBatch: 0, commitMs: 0 };

  constructor(
    readonly pool: pg.Pool,
    /** The database URL without its password, for messages. */
    readonly where: string,
    options: PostgresEventStoreOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.maxBatchSize = Math.max(1, options.maxBatchSize ?? 512);
    this.pipelineDepth = Math.max(1, options.pipelineDepth ?? 1);
  }

  append(request: AppendRequest): Promise<AppendResult> {
    if (this.closed) return Promise.reject(closedError());
    let checked: CheckedAppend;
    try {
      checked = checkAppendRequest(request);
    } catch (error) {
      return Promise.reject(error);
    }
    const data = request.events.map((e) => e.data);
    return new Promise<AppendResult>((resolve, reject) => {
      this.queue.push({ request: checked, data, resolve, reject });
      if (this.running.size < this.pipelineDepth) this.scheduled ??= setImmediate(() => this.pump());
    });
  }

  async readStream(streamId: string, afterVersion = 0): Promise<StoredEvent[]> {
    checkNonNegativeInteger(afterVersion, "afterVersion");
    const rows = await this.rows(
      "read a stream",
      "SELECT position, version, type, data, recorded_at FROM events WHERE stream_id = $1 AND version > $2 ORDER BY version",
      [streamId, afterVersion],
    );
    return rows.map((r) => streamEvent(streamId, r));
  }

  async readStreamData(streamId: string, afterVersion = 0): Promise<unknown[]> {
    checkNonNegativeInteger(afterVersion, "afterVersion");
    const rows = await this.rows(
      "read a stream",
      "SELECT data FROM events WHERE stream_id = $1 AND version > $2 ORDER BY version",
      [streamId, afterVersion],
    );
    return rows.map((r) => JSON.parse(r[0] as string));
  }

  async readAll(afterPosition: number, limit = 1000): Promise<StoredEvent[]> {
    return (await this.readLog(afterPosition, limit)).map(({ prevHash: _p, hash: _h, ...event }): StoredEvent => event);
  }

  async readLog(afterPosition: number, limit = 1000): Promise<LoggedEvent[]> {
    checkNonNegativeInteger(afterPosition, "afterPosition");
    checkLimit(limit, PG_READ_ALL_MAX_LIMIT);
    const rows = await this.rows(
      "read the log",
      `SELECT e.position, e.stream_id, e.version, e.type, e.data, e.recorded_at, e.prev_hash, e.hash,
              k.key, k.last_version, k.request_hash
         FROM events e LEFT JOIN idempotency k ON k.stream_id = e.stream_id AND k.first_version = e.version
        WHERE e.position > $1 ORDER BY e.position LIMIT $2`,
      [afterPosition, limit],
    );
    return rows.map((r) => {
      const row = toChainRow(r);
      const event: LoggedEvent = {
        streamId: row.streamId,
        version: row.version,
        position: row.position,
        type: row.type,
        data: JSON.parse(row.dataJson),
        recordedAt: row.recordedAt,
        prevHash: row.prevHash,
        hash: row.hash,
      };
      if (r[8] !== null && r[8] !== undefined) {
        event.idempotency = {
          key: String(r[8]),
          lastVersion: Number(r[9]),
          requestHash: (r[10] as string | null) ?? null,
        };
      }
      return event;
    });
  }

  async findByIdempotencyKey(key: string): Promise<AppendResult | null> {
    const rows = await this.rows(
      "look up an idempotency key",
      "SELECT stream_id, first_version, last_version, request_hash FROM idempotency WHERE key = $1",
      [key],
    );
    const row = rows[0];
    if (row === undefined) return null;
    return this.storedDuplicate(row[0] as string, row[1] as number, row[2] as number, row[3] as string | null);
  }

  async headPosition(): Promise<number> {
    const rows = await this.rows("read the head position", "SELECT position FROM log_head WHERE id = 1", []);
    return Number(rows[0]?.[0] ?? 0);
  }

  async verifyChain(): Promise<ChainReport> {
    this.assertOpen();
    const client = await this.connect("verify the hash chain");
    try {
      // One snapshot: the head and every page agree, whatever is appended meanwhile.
      await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
      const head = await readHead(client, "");
      const report = await walkChain(head, async (after, limit) => {
        const page = await client.query<Row>({
          text: `${CHAIN_SELECT} WHERE position > $1 ORDER BY position LIMIT $2`,
          values: [after, limit],
          rowMode: "array",
        });
        return page.rows.map(toChainRow);
      });
      await client.query("COMMIT");
      return report;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw toPgStoreError(error, "verify the hash chain");
    } finally {
      client.release();
    }
  }

  /** The log in ONE transaction, inserted 5,000 rows at a time as its batches arrive; a bad event rolls all back. */
  async importLog(log: ImportedLog): Promise<ChainHead> {
    this.assertOpen();
    const client = await this.connect("import the log");
    try {
      await client.query("BEGIN");
      await readHead(client, "FOR UPDATE");
      const any = await client.query("SELECT 1 FROM events LIMIT 1");
      if (any.rowCount !== 0) {
        throw new WarroomError(
          "store.not_empty",
          `The database ${this.where} already holds events: import only into an empty store (a new database or schema)`,
        );
      }
      const chain = new ImportChain();
      let columns = new EventColumns();
      const keys: [string, string, number, number, string | null][] = [];
      for await (const batch of importBatches(log)) {
        for (const event of batch) {
          const r = chain.next(event);
          columns.push(r.position, r.streamId, r.version, r.type, r.dataJson, r.recordedAt, r.prevHash, r.hash);
          const key = event.idempotency;
          if (key) keys.push([key.key, r.streamId, r.version, key.lastVersion, key.requestHash]);
          if (columns.position.length >= 5000) {
            await insertImported(client, columns, chain.head);
            columns = new EventColumns();
          }
        }
      }
      if (columns.position.length > 0) await insertImported(client, columns, chain.head);
      chain.finish();
      for (let start = 0; start < keys.length; start += 5000)
        await insertImportedKeys(client, keys.slice(start, start + 5000));
      await client.query("COMMIT");
      return chain.head;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw toPgStoreError(error, "import the log");
    } finally {
      client.release();
    }
  }

  /**
   * A session-level advisory lock, one per name and schema, held on a connection of its
   * own: if this process dies or loses the connection, PostgreSQL releases it and another
   * instance can take it.
   */
  async leaderLock(name: string): Promise<LeaderLock | null> {
    this.assertOpen();
    const client = await this.connect("take the leader lock");
    let held = false;
    try {
      const result = await client.query<{ held: boolean }>(
        "SELECT pg_try_advisory_lock(hashtext($1 || ':' || current_schema())) AS held",
        [`warroom:${name}`],
      );
      held = result.rows[0]?.held === true;
    } finally {
      if (!held) client.release();
    }
    if (!held) return null;
    let alive = true;
    const onError = () => {
      alive = false;
    };
    client.on("error", onError);
    return {
      check: async () => {
        if (!alive) return false;
        try {
          await client.query("SELECT 1");
          return true;
        } catch {
          alive = false;
          return false;
        }
      },
      release: async () => {
        client.off("error", onError);
        if (!alive) {
          client.release(true);
          return;
        }
        alive = false;
        // Ending the session releases the lock even if the unlock fails.
        await client.query("SELECT pg_advisory_unlock_all()").catch(() => undefined);
        client.release(true);
      },
    };
  }

  /** Commits what is queued, waits for the batch in flight, then ends the pool. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.closed = true;
      while (this.running.size > 0 || this.queue.length > 0) {
        this.pump();
        await Promise.all(this.running);
      }
      await this.pool.end();
    })();
    return this.closing;
  }

  /** Sends the queue as the next batch, unless `pipelineDepth` batches are already on their way. */
  private pump(): void {
    if (this.scheduled !== null) {
      clearImmediate(this.scheduled);
      this.scheduled = null;
    }
    while (this.running.size < this.pipelineDepth && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatchSize);
      const run: Promise<void> = this.commit(batch).finally(() => {
        this.running.delete(run);
        this.pump();
      });
      this.running.add(run);
    }
  }

  /** Group-commit figures: transactions, the appends they carried, the largest batch, time in commits. */
  stats(): { transactions: number; appends: number; largestBatch: number; commitMs: number } {
    return { ...this.counters };
  }

  private async commit(batch: Pending[]): Promise<void> {
    const recordedAt = isoNow(this.clock);
    const started = performance.now();
    let outcomes: PgOutcome[];
    try {
      outcomes = await commitPgBatch(
        this.pool,
        batch.map((p) => p.request),
        recordedAt,
      );
      this.counters.transactions++;
      this.counters.appends += batch.length;
      this.counters.largestBatch = Math.max(this.counters.largestBatch, batch.length);
      this.counters.commitMs += performance.now() - started;
    } catch (error) {
      const failure = toPgStoreError(error, "commit the append");
      if (!isWarroomError(error)) {
        failure.message +=
          ". If the connection broke during the commit the append may or may not be stored: read the stream before retrying; an idempotency key makes a retry safe";
      }
      for (const pending of batch) pending.reject(failure);
      return;
    }
    for (let i = 0; i < batch.length; i++) {
      const pending = batch[i] as Pending;
      try {
        pending.resolve(await this.settle(pending, outcomes[i] as PgOutcome, recordedAt));
      } catch (error) {
        pending.reject(error);
      }
    }
  }

  private async settle(pending: Pending, outcome: PgOutcome, recordedAt: string): Promise<AppendResult> {
    const { streamId, expectedVersion, events, requestHash } = pending.request;
    switch (outcome.kind) {
      case "conflict": {
        const message =
          `Stream ${streamId} is at version ${outcome.current}, but the append expected ${expectedVersion}: ` +
          "someone else changed it; reload and retry";
        throw new WarroomError("stream.version_conflict", message, [{ field: "expectedVersion", message }]);
      }
      case "written": {
        const stored = events.map(
          (event, j): StoredEvent => ({
            streamId,
            version: expectedVersion + j + 1,
            position: outcome.positions[j] as number,
            type: event.type,
            data: pending.data[j],
            recordedAt,
          }),
        );
        const result: AppendResult = { streamId, version: outcome.version, events: stored, duplicate: false };
        if (requestHash !== null) result.requestHash = requestHash;
        return result;
      }
      case "duplicate":
        return this.storedDuplicate(outcome.streamId, outcome.firstVersion, outcome.lastVersion, outcome.requestHash);
    }
  }

  private async storedDuplicate(
    streamId: string,
    firstVersion: number,
    lastVersion: number,
    requestHash: string | null,
  ): Promise<AppendResult> {
    const rows = await this.rows(
      "read an earlier result",
      "SELECT position, version, type, data, recorded_at FROM events WHERE stream_id = $1 AND version >= $2 AND version <= $3 ORDER BY version",
      [streamId, firstVersion, lastVersion],
    );
    const result: AppendResult = {
      streamId,
      version: lastVersion,
      events: rows.map((r) => streamEvent(streamId, r)),
      duplicate: true,
    };
    if (requestHash !== null) result.requestHash = requestHash;
    return result;
  }

  private async rows(action: string, text: string, values: unknown[]): Promise<Row[]> {
    this.assertOpen();
    try {
      return (await this.pool.query<Row>({ text, values, rowMode: "array" })).rows;
    } catch (error) {
      throw toPgStoreError(error, action);
    }
  }

  private async connect(action: string): Promise<pg.PoolClient> {
    try {
      return await this.pool.connect();
    } catch (error) {
      throw toPgStoreError(error, action);
    }
  }

  private assertOpen(): void {
    if (this.closed) throw closedError();
  }
}

const CHAIN_SELECT = "SELECT position, stream_id, version, type, data, recorded_at, prev_hash, hash FROM events";

function toChainRow(r: Row): ChainRow {
  return {
    position: Number(r[0]),
    streamId: r[1] as string,
    version: r[2] as number,
    type: r[3] as string,
    dataJson: r[4] as string,
    recordedAt: r[5] as string,
    prevHash: r[6] as string,
    hash: r[7] as string,
  };
}

function streamEvent(streamId: string, r: Row): StoredEvent {
  return {
    streamId,
    version: r[1] as number,
    position: Number(r[0]),
    type: r[2] as string,
    data: JSON.parse(r[3] as string),
    recordedAt: r[4] as string,
  };
}

async function readHead(client: pg.PoolClient, lock: "" | "FOR UPDATE"): Promise<ChainHead> {
  const result = await client.query<{ position: string; hash: string }>(
    `SELECT position, hash FROM log_head WHERE id = 1 ${lock}`,
  );
  const row = result.rows[0];
  if (row === undefined) throw new Error("the log_head row is missing: the schema was changed outside Warroom");
  return { position: Number(row.position), hash: row.hash };
}

async function createSchema(client: pg.PoolClient, schema: string): Promise<void> {
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  } catch (error) {
    // Two instances creating it at once: one wins, the other finds it there.
    const code = (error as { code?: string }).code;
    if (code !== "23505" && code !== "42P06") throw error;
  }
}

function urlOptions(url: string): string {
  try {
    return new URL(url).searchParams.get("options") ?? "";
  } catch {
    return "";
  }
}

/** Any failure of the database itself is `store.unavailable`; WarroomErrors pass through. */
export function toPgStoreError(error: unknown, action: string): WarroomError {
  if (error instanceof WarroomError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  const detail = error instanceof Error ? error.message : String(error);
  const message =
    code === "ECONNREFUSED"
      ? `The event store could not ${action}: PostgreSQL is not reachable (${detail})`
      : `The event store could not ${action}: ${detail}`;
  const wrapped = new WarroomError("store.unavailable", message);
  wrapped.cause = error;
  return wrapped;
}

function closedError(): WarroomError {
  return new WarroomError("store.unavailable", "The event store is closed");
}
