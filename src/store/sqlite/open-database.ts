/**
 * Opening the SQLite file: parent directory, pragmas, schema check, migrations; and
 * the translation of SQLite failures into WarroomErrors. The store's own connection is
 * opened (and the schema migrated) with `openDatabase`, once, before anything writes;
 * the writer thread's connection is opened afterwards with `openWriterConnection`,
 * which sets the same pragmas but never migrates.
 */
import fs from "node:fs";
import nodePath from "node:path";
import Database from "better-sqlite3";
import { WarroomError } from "../../domain/shared/errors.js";
import { assertSchemaKnown, migrate } from "./migrations.js";

export function isInMemoryPath(path: string): boolean {
  return path === ":memory:" || path === "";
}

export function openDatabase(path: string, busyTimeoutMs: number): Database.Database {
  const inMemory = isInMemoryPath(path);
  let db: Database.Database;
  try {
    if (!inMemory) fs.mkdirSync(nodePath.dirname(nodePath.resolve(path)), { recursive: true });
    db = new Database(path);
  } catch (error) {
    throw toStoreError(error, `open ${path}`);
  }
  try {
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
    // Before anything that writes (journal mode, migrations): a newer file stays untouched.
    assertSchemaKnown(db, path);
    setWritePragmas(db);
    migrate(db, path);
    return db;
  } catch (error) {
    db.close();
    throw toStoreError(error, `open ${path}`);
  }
}

/**
 * A second connection to a file `openDatabase` has already opened and migrated: the
 * writer thread's. Same pragmas; the schema is checked again (another process may have
 * upgraded the file since) but never migrated here.
 */
export function openWriterConnection(path: string, busyTimeoutMs: number): Database.Database {
  let db: Database.Database;
  try {
    db = new Database(path, { fileMustExist: true });
  } catch (error) {
    throw toStoreError(error, `open ${path} for writing`);
  }
  try {
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
    assertSchemaKnown(db, path);
    setWritePragmas(db);
    return db;
  } catch (error) {
    db.close();
    throw toStoreError(error, `open ${path} for writing`);
  }
}

function setWritePragmas(db: Database.Database): void {
  db.pragma("journal_mode = WAL");
  // Acknowledged means durable: fsync the WAL on every commit.
  db.pragma("synchronous = FULL");
  db.pragma("foreign_keys = ON");
}

export interface SqlitePragmas {
  journalMode: string;
  synchronous: number;
  busyTimeout: number;
  foreignKeys: number;
  userVersion: number;
}

export function readPragmas(db: Database.Database): SqlitePragmas {
  const read = (name: string) => db.pragma(name, { simple: true });
  return {
    journalMode: String(read("journal_mode")),
    synchronous: Number(read("synchronous")),
    busyTimeout: Number(read("busy_timeout")),
    foreignKeys: Number(read("foreign_keys")),
    userVersion: Number(read("user_version")),
  };
}

export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}

/** Any failure of the database itself is `store.unavailable`; WarroomErrors pass through. */
export function toStoreError(error: unknown, action: string): WarroomError {
  if (error instanceof WarroomError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  const detail = error instanceof Error ? error.message : String(error);
  const message =
    code === "SQLITE_BUSY"
      ? `The event store could not ${action}: the database is locked by another process; retry shortly`
      : `The event store could not ${action}: ${detail}`;
  const wrapped = new WarroomError("store.unavailable", message);
  wrapped.cause = error;
  return wrapped;
}
