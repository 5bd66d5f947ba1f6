/**
 * The PostgreSQL schema as a forward-only list of migrations, recorded one row per
 * version in `schema_version`. They run at open, in one transaction under an advisory
 * lock (several instances starting together migrate once). A database whose recorded
 * version is newer than this list is refused before anything is written to it.
 */
import type { PoolClient } from "pg";
import { WarroomError } from "../../domain/shared/errors.js";
import { GENESIS_HASH } from "../chain.js";

export interface PgMigration {
  version: number;
  description: string;
  sql: string;
}

export const PG_MIGRATIONS: readonly PgMigration[] = [
  {
    version: 1,
    description: "events with their hash chain, the chain's head, idempotency keys",
    sql: `
      CREATE TABLE events (
        position    bigint  PRIMARY KEY CHECK (position >= 1),
        stream_id   text    NOT NULL,
        version     integer NOT NULL CHECK (version >= 1),
        type        text    NOT NULL,
        -- The JSON text exactly as written (not jsonb): the hash covers these bytes, and
        -- jsonb would reorder keys and refuse \\u0000.
        data        text    NOT NULL,
        recorded_at text    NOT NULL,
        prev_hash   text    NOT NULL,
        hash        text    NOT NULL,
        UNIQUE (stream_id, version)
      );
      -- One row: the last position and hash. Every append locks it, which hands out
      -- positions gaplessly and in commit order, and serialises the chain.
      CREATE TABLE log_head (
        id       integer PRIMARY KEY CHECK (id = 1),
        position bigint  NOT NULL,
        hash     text    NOT NULL
      );
      INSERT INTO log_head (id, position, hash) VALUES (1, 0, '${GENESIS_HASH}');
      CREATE TABLE idempotency (
        key           text    PRIMARY KEY,
        stream_id     text    NOT NULL,
        first_version integer NOT NULL,
        last_version  integer NOT NULL,
        request_hash  text
      );
    `,
  },
];

export const PG_SCHEMA_VERSION = PG_MIGRATIONS.reduce((max, m) => Math.max(max, m.version), 0);

/** The highest version recorded in `schema_version`, 0 when the table does not exist. */
export async function readPgSchemaVersion(client: PoolClient): Promise<number> {
  const exists = await client.query<{ found: string | null }>("SELECT to_regclass('schema_version')::text AS found");
  if (exists.rows[0]?.found == null) return 0;
  const result = await client.query<{ version: number | null }>("SELECT max(version) AS version FROM schema_version");
  return result.rows[0]?.version ?? 0;
}

function assertKnown(found: number, where: string): void {
  if (found > PG_SCHEMA_VERSION) {
    throw new WarroomError(
      "store.schema_newer",
      `The database ${where} was written by a newer Warroom (schema version ${found}, this build knows ${PG_SCHEMA_VERSION}). ` +
        "Upgrade Warroom to open it; it has not been modified.",
    );
  }
}

/** Applies every migration newer than the database; refuses a newer database untouched. */
export async function migratePg(client: PoolClient, where: string): Promise<{ from: number; to: number }> {
  // Checked before the transaction writes anything (even the schema_version table).
  assertKnown(await readPgSchemaVersion(client), where);
  await client.query("BEGIN");
  try {
    await client.query("SELECT pg_advisory_xact_lock(hashtext(current_schema() || ':warroom-migrate'))");
    await client.query(
      "CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, description text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())",
    );
    // Re-read under the lock: another instance may have migrated meanwhile.
    const from = await readPgSchemaVersion(client);
    assertKnown(from, where);
    for (const migration of PG_MIGRATIONS) {
      if (migration.version <= from) continue;
      await client.query(migration.sql);
      await client.query("INSERT INTO schema_version (version, description) VALUES ($1, $2)", [
        migration.version,
        migration.description,
      ]);
    }
    await client.query("COMMIT");
    return { from, to: PG_SCHEMA_VERSION };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}
