/**
 * The SQLite schema as a forward-only list of migrations, tracked with
 * `PRAGMA user_version`. Each migration runs once, in order, inside one write
 * transaction at open. A database whose version is newer than this list is refused
 * untouched: an older build must never write to a schema it does not know.
 */
import type Database from "better-sqlite3";
import { WarroomError } from "../../domain/shared/errors.js";

export interface Migration {
  /** 1, 2, 3 … with no gaps; the database's `user_version` after it ran. */
  version: number;
  description: string;
  sql: string;
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
];

export const SCHEMA_VERSION = MIGRATIONS.reduce((max, m) => Math.max(max, m.version), 0);

export function readSchemaVersion(db: Database.Database): number {
  return db.pragma("user_version", { simple: true }) as number;
}

/** Refuses a database written by a newer build, before anything touches the file. */
export function assertSchemaKnown(db: Database.Database, path: string): void {
  const found = readSchemaVersion(db);
  if (found > SCHEMA_VERSION) {
    throw new WarroomError(
      "store.unavailable",
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
      db.pragma(`user_version = ${migration.version}`);
    }
  });
  run.immediate();
  return { from, to: SCHEMA_VERSION };
}
