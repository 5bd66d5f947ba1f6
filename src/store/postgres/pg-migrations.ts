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
  {
    version: 2,
    description: "warroom_append: the group commit of a batch in one statement, under the head lock",
    // The hash text is chain.ts's chainText, built the same way here: keep them in step.
    // Rows are gathered in arrays and inserted with one statement each at the end; the
    // batch's own writes (versions, keys) are looked up in those arrays meanwhile.
    sql: `
      CREATE OR REPLACE FUNCTION warroom_append(
        p_streams text[], p_expected integer[], p_keys text[], p_request_hashes text[],
        p_counts integer[], p_types text[], p_data text[], p_recorded_at text)
      RETURNS TABLE (kind text, pos bigint, ver integer, last_ver integer, req_hash text, stream text)
      LANGUAGE plpgsql AS $fn$
      DECLARE
        head_pos bigint;
        head_hash text;
        at integer := 0;
        n integer;
        cur integer;
        v integer;
        h text;
        idx integer;
        -- this batch's writes so far
        w_streams text[] := '{}';
        w_versions integer[] := '{}';
        k_keys text[] := '{}';
        k_streams text[] := '{}';
        k_first integer[] := '{}';
        k_last integer[] := '{}';
        k_hashes text[] := '{}';
        e_pos bigint[] := '{}';
        e_stream text[] := '{}';
        e_ver integer[] := '{}';
        e_type text[] := '{}';
        e_data text[] := '{}';
        e_prev text[] := '{}';
        e_hash text[] := '{}';
        found_key record;
      BEGIN
        SELECT l.position, l.hash INTO head_pos, head_hash FROM log_head l WHERE l.id = 1 FOR UPDATE;
        FOR i IN 1 .. coalesce(array_length(p_streams, 1), 0) LOOP
          n := p_counts[i];
          IF p_keys[i] IS NOT NULL THEN
            idx := array_position(k_keys, p_keys[i]);
            IF idx IS NOT NULL THEN
              kind := 'duplicate'; pos := NULL; ver := k_first[idx]; last_ver := k_last[idx];
              req_hash := k_hashes[idx]; stream := k_streams[idx];
              RETURN NEXT;
              at := at + n;
              CONTINUE;
            END IF;
            SELECT k.stream_id, k.first_version, k.last_version, k.request_hash INTO found_key
              FROM idempotency k WHERE k.key = p_keys[i];
            IF FOUND THEN
              kind := 'duplicate'; pos := NULL; ver := found_key.first_version; last_ver := found_key.last_version;
              req_hash := found_key.request_hash; stream := found_key.stream_id;
              RETURN NEXT;
              at := at + n;
              CONTINUE;
            END IF;
          END IF;
          idx := array_position(w_streams, p_streams[i]);
          IF idx IS NOT NULL THEN
            cur := w_versions[idx];
          ELSE
            cur := coalesce((SELECT e.version FROM events e WHERE e.stream_id = p_streams[i] ORDER BY e.version DESC LIMIT 1), 0);
          END IF;
          IF cur <> p_expected[i] THEN
            kind := 'conflict'; pos := NULL; ver := cur; last_ver := NULL; req_hash := NULL; stream := NULL;
            RETURN NEXT;
            at := at + n;
            CONTINUE;
          END IF;
          kind := 'written'; pos := head_pos + 1; ver := cur + n; last_ver := NULL; req_hash := NULL; stream := NULL;
          FOR j IN 1 .. n LOOP
            head_pos := head_pos + 1;
            v := cur + j;
            h := encode(sha256(convert_to(
                   head_hash || '|' || head_pos || '|' ||
                   octet_length(p_streams[i]) || ':' || p_streams[i] || '|' || v || '|' ||
                   octet_length(p_types[at + j]) || ':' || p_types[at + j] || '|' ||
                   octet_length(p_data[at + j]) || ':' || p_data[at + j] || '|' || p_recorded_at,
                 'UTF8')), 'hex');
            e_pos := e_pos || head_pos;
            e_stream := e_stream || p_streams[i];
            e_ver := e_ver || v;
            e_type := e_type || p_types[at + j];
            e_data := e_data || p_data[at + j];
            e_prev := e_prev || head_hash;
            e_hash := e_hash || h;
            head_hash := h;
          END LOOP;
          IF idx IS NOT NULL THEN
            w_versions[idx] := cur + n;
          ELSE
            w_streams := w_streams || p_streams[i];
            w_versions := w_versions || (cur + n);
          END IF;
          IF p_keys[i] IS NOT NULL THEN
            k_keys := k_keys || p_keys[i];
            k_streams := k_streams || p_streams[i];
            k_first := k_first || (cur + 1);
            k_last := k_last || (cur + n);
            k_hashes := k_hashes || p_request_hashes[i];
          END IF;
          RETURN NEXT;
          at := at + n;
        END LOOP;
        IF array_length(e_pos, 1) IS NOT NULL THEN
          INSERT INTO events (position, stream_id, version, type, data, recorded_at, prev_hash, hash)
            SELECT u.p, u.s, u.v, u.t, u.d, p_recorded_at, u.prev, u.h
              FROM unnest(e_pos, e_stream, e_ver, e_type, e_data, e_prev, e_hash) AS u(p, s, v, t, d, prev, h);
          INSERT INTO idempotency (key, stream_id, first_version, last_version, request_hash)
            SELECT * FROM unnest(k_keys, k_streams, k_first, k_last, k_hashes);
          UPDATE log_head SET position = head_pos, hash = head_hash WHERE id = 1;
        END IF;
      END
      $fn$;
    `,
  },
  {
    version: 3,
    description: "idempotency keys found by their append, for the export",
    sql: "CREATE INDEX idempotency_by_append ON idempotency (stream_id, first_version);",
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
