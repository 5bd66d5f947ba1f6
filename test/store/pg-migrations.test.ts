/**
 * PostgreSQL schema migrations: versioned in `schema_version`, applied once at open
 * (also when several instances start together), and a database written by a newer
 * Warroom refused with a clear message before anything in it changes.
 */
import { afterEach, describe, expect, it } from "vitest";
import { isWarroomError, type WarroomError } from "../../src/domain/shared/errors.js";
import { PG_MIGRATIONS, PG_SCHEMA_VERSION } from "../../src/store/postgres/pg-migrations.js";
import { adminQuery, dropSchema, openPgStore, PG_SKIP, schemaName } from "./pg-helpers.js";

describe.skipIf(PG_SKIP !== "")(`PostgreSQL migrations ${PG_SKIP}`, () => {
  const schemas: string[] = [];
  const fresh = (prefix: string) => {
    const schema = schemaName(prefix);
    schemas.push(schema);
    return schema;
  };
  afterEach(async () => {
    for (const schema of schemas.splice(0)) await dropSchema(schema);
  });

  it("has contiguous versions 1..n", () => {
    expect(PG_MIGRATIONS.map((m) => m.version)).toEqual(PG_MIGRATIONS.map((_, i) => i + 1));
    expect(PG_SCHEMA_VERSION).toBe(PG_MIGRATIONS.length);
  });

  it("records each applied version once, even when several instances open a new database together", async () => {
    const schema = fresh("migrate");
    const stores = await Promise.all(Array.from({ length: 4 }, () => openPgStore(schema, { poolSize: 1 })));
    for (const store of stores) await store.close();
    const again = await openPgStore(schema);
    await again.close();
    const rows = await adminQuery(`SELECT version, description FROM ${schema}.schema_version ORDER BY version`);
    expect(rows.rows.map((r) => r.version)).toEqual(PG_MIGRATIONS.map((m) => m.version));
    const tables = await adminQuery(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name",
      [schema],
    );
    expect(tables.rows.map((r) => r.table_name)).toEqual(["events", "idempotency", "log_head", "schema_version"]);
  });

  it("refuses a database written by a newer Warroom, with a clear message, and leaves it untouched", async () => {
    const schema = fresh("newer");
    await adminQuery(`CREATE SCHEMA ${schema}`);
    await adminQuery(
      `CREATE TABLE ${schema}.schema_version (version integer PRIMARY KEY, description text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now());
       INSERT INTO ${schema}.schema_version (version, description) VALUES (1, 'old'), (99, 'from the future');
       CREATE TABLE ${schema}.events_v99 (id integer PRIMARY KEY, payload text);
       INSERT INTO ${schema}.events_v99 VALUES (1, 'x');`,
    );
    let error: unknown;
    try {
      await openPgStore(schema);
    } catch (e) {
      error = e;
    }
    expect(isWarroomError(error)).toBe(true);
    const failure = error as WarroomError;
    expect(failure.code).toBe("store.schema_newer");
    expect(failure.message).toMatch(/written by a newer Warroom \(schema version 99, this build knows \d+\)/);
    expect(failure.message).toMatch(/Upgrade Warroom/);
    expect(failure.message).not.toMatch(/:[^@/]*@/); // no password in the message

    const tables = await adminQuery(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name",
      [schema],
    );
    expect(tables.rows.map((r) => r.table_name)).toEqual(["events_v99", "schema_version"]);
    const versions = await adminQuery(`SELECT version FROM ${schema}.schema_version ORDER BY version`);
    expect(versions.rows.map((r) => r.version)).toEqual([1, 99]);
  });

  it("reports an unreachable server as store.unavailable", async () => {
    const { openPostgresEventStore } = await import("../../src/store/postgres/postgres-event-store.js");
    await expect(openPostgresEventStore("postgres://nobody:secret@127.0.0.1:1/none")).rejects.toMatchObject({
      code: "store.unavailable",
      message: expect.not.stringContaining("secret"),
    });
  });
});
