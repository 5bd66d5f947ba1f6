/**
 * The SQLite schema as a forward-only list of migrations, tracked with
 * `PRAGMA user_version`. Each migration runs once, in order, inside one write
 * transaction at open. A database whose version is newer than this list is refused
 * untouched: an older build must never write to a schema it does not know.
 */
import type Database from "better-sqlite3";
import { WarroomError } from "../../domain/shared/errors.js";
import { chainHash, GENESIS_HASH } from "../chain.js";

export interface Migration {
  /** 1, 2, 3 … with no gaps; the database's `user_version` after it ran. */
  version: number;
  description: string;
  sql: string;
  /** Work SQL alone cannot do, run after `sql` in the same transaction. */
  run?: (db: Database.Database) => void;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: "events and idempotency keys",
    sql: `
      CREATE TABLE events (
        position    INTEGER PRIMARY KEY AUTOINCREMENT,
        stream_id   TEXT    NOT NULL,
        version     INTEGER NOT NULL CHECK (version >= 1),
        type        TEXT    NOT NULL,
        data        TEXT    NOT NULL,
        recorded_at TEXT    NOT NULL,
        UNIQUE (stream_id, version)
      );
      CREATE TABLE idempotency (
        key           TEXT    PRIMARY KEY,
        stream_id     TEXT    NOT NULL,
        first_version INTEGER NOT NULL,
        last_version  INTEGER NOT NULL,
        request_hash  TEXT
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 2,
    description: "hash chain: each event carries its predecessor's hash; the chain's head",
    sql: `
      ALTER TABLE events ADD COLUMN prev_hash TEXT NOT NULL DEFAULT '';
      ALTER TABLE events ADD COLUMN hash TEXT NOT NULL DEFAULT '';
      CREATE TABLE chain_head (
        id       INTEGER PRIMARY KEY CHECK (id = 1),
        position INTEGER NOT NULL,
        hash     TEXT    NOT NULL
      );
    `,
    run: chainExistingEvents,
  },
  {
    version: 3,
    description: "idempotency keys found by their append, for the export",
    sql: "CREATE INDEX idempotency_by_append ON idempotency (stream_id, first_version);",
  },
];

/** Computes the chain for the events a version-1 database already holds, in position order. */
function chainExistingEvents(db: Database.Database): void {
  const rows = db
    .prepare<[], [number, string, number, string, string, string]>(
      "SELECT position, stream_id, version, type, data, recorded_at FROM events ORDER BY position",
    )
    .raw()
    .iterate();
  const update = db.prepare<[string, string, number]>("UPDATE events SET prev_hash = ?, hash = ? WHERE position = ?");
  const pending: [string, string, number][] = [];
  let prev = GENESIS_HASH;
  let position = 0;
  for (const [at, streamId, version, type, data, recordedAt] of rows) {
    const hash = chainHash(prev, at, streamId, version, type, data, recordedAt);
    pending.push([prev, hash, at]);
    prev = hash;
    position = at;
  }
  // Written after the read: a statement cannot update the table it is still iterating.
  for (const args of pending) update.run(...args);
  db.prepare("INSERT INTO chain_head (id, position, hash) VALUES (1, ?, ?)").run(position, prev);
}

export const SCHEMA_VERSION = MIGRATIONS.reduce((max, m) => Math.max(max, m.version), 0);

export function readSchemaVersion(db: Database.Database): number {
  return db.pragma("user_version", { simple: true }) as number;
}

/** Refuses a database written by a newer build, before anything touches the file. */
export function assertSchemaKnown(db: Database.Database, path: string): void {
  const found = readSchemaVersion(db);
  if (found > SCHEMA_VERSION) {
    throw new WarroomError(
      "store.schema_newer",
      `The database ${path} was written by a newer Warroom (schema version ${found}, this build knows ${SCHEMA_VERSION}). ` +
        "Upgrade Warroom to open it; it has not been modified.",
    );
  }
}

/** Applies every migration newer than the database, all in one immediate transaction. */
export function migrate(db: Database.Database, path: string): { from: number; to: number } {
  let from = 0;
  const run = db.transaction(() => {
    // Re-read under the write lock: another process may have migrated meanwhile.
    assertSchemaKnown(db, path);
    from = readSchemaVersion(db);
    for (const migration of MIGRATIONS) {
      if (migration.version <= from) continue;
      db.exec(migration.sql);
      migration.run?.(db);
      db.pragma(`user_version = ${migration.version}`);
    }
  });
  run.immediate();
  return { from, to: SCHEMA_VERSION };
}
