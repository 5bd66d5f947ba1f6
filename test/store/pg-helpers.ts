/**
 * The PostgreSQL tests run against the real server at WARROOM_TEST_PG_URL (CI starts
 * one; locally `npm run pg:start`). Without it they skip with the reason, except under
 * CI=true, where a missing server fails the run. Each test gets its own schema, dropped
 * afterwards, so test files running in parallel never see each other's tables.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import {
  openPostgresEventStore,
  type PostgresEventStore,
  type PostgresEventStoreOptions,
} from "../../src/store/postgres/postgres-event-store.js";
import type { OpenedStore } from "./event-store-contract.js";

export const PG_URL = process.env.WARROOM_TEST_PG_URL ?? "";

if (PG_URL === "" && process.env.CI === "true") {
  throw new Error("WARROOM_TEST_PG_URL is not set under CI=true: the PostgreSQL tests must run in CI");
}

/** Why the PostgreSQL tests are skipped here, or "" when they run. */
export const PG_SKIP = PG_URL === "" ? "WARROOM_TEST_PG_URL is not set (npm run pg:start starts a local server)" : "";

/** A new, unused schema name. */
export function schemaName(prefix: string): string {
  return `${prefix}_${process.pid}_${randomBytes(4).toString("hex")}`;
}

/** Runs SQL on the test database outside any store (setting up, tampering, cleaning up). */
export async function adminQuery(sql: string, values: unknown[] = []): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    return await client.query(sql, values);
  } finally {
    await client.end();
  }
}

export async function dropSchema(schema: string): Promise<void> {
  await adminQuery(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
}

export function openPgStore(schema: string, options: PostgresEventStoreOptions = {}): Promise<PostgresEventStore> {
  return openPostgresEventStore(PG_URL, { ...options, schema, poolSize: options.poolSize ?? 4 });
}

/** The contract suite's factory: a fresh schema per test, reopenable, dropped afterwards. */
export function pgContractStore(): () => Promise<OpenedStore> {
  return async () => {
    const schema = schemaName("contract");
    const opened = [await openPgStore(schema)];
    return {
      store: opened[0] as PostgresEventStore,
      reopen: async () => {
        const store = await openPgStore(schema);
        opened.push(store);
        return store;
      },
      cleanup: async () => {
        for (const store of opened) await store.close();
        await dropSchema(schema);
      },
    };
  };
}
