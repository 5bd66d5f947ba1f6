/** Wires the app from config: the store adapter chosen once at start, policy, clock. */
import type { Clock } from "../domain/shared/clock.js";
import type { EventStore } from "../store/event-store.js";
import { redactUrl } from "../store/postgres/redact-url.js";
import { openSqliteEventStore, type SqliteWriterMode } from "../store/sqlite/sqlite-event-store.js";
import { policyFromConfig, type WarroomConfig } from "./config.js";
import { WarroomApp } from "./warroom-app.js";

export interface CreateAppOptions {
  clock?: Clock;
  /** Poll for other writers (the server does; a one-shot CLI command does not need to). */
  poll?: boolean;
  /** Where SQLite appends commit: `inline` (default; no start-up cost) or on a writer `thread` (the server). */
  writer?: SqliteWriterMode;
}

/**
 * The event store the config names: PostgreSQL when `databaseUrl` (env DATABASE_URL) is
 * set, the SQLite file at `dbPath` otherwise. Either is opened with its schema migrated,
 * or refused (`store.schema_newer`) when the database was written by a newer Warroom.
 */
export async function openEventStore(
  config: Pick<WarroomConfig, "dbPath" | "databaseUrl">,
  options: Pick<CreateAppOptions, "clock" | "writer"> = {},
): Promise<EventStore> {
  const clock = options.clock ? { clock: options.clock } : {};
  if (config.databaseUrl) {
    // Loaded on demand: a SQLite user never loads the PostgreSQL driver.
    const { openPostgresEventStore } = await import("../store/postgres/postgres-event-store.js");
    return openPostgresEventStore(config.databaseUrl, clock);
  }
  return openSqliteEventStore(config.dbPath, { writer: options.writer ?? "inline", ...clock });
}

/** Where the config's store lives, for messages: the file, or the database URL without its password. */
export function describeStore(config: Pick<WarroomConfig, "dbPath" | "databaseUrl">): string {
  return config.databaseUrl ? redactUrl(config.databaseUrl) : config.dbPath;
}

export async function createWarroomApp(config: WarroomConfig, options: CreateAppOptions = {}): Promise<WarroomApp> {
  const store = await openEventStore(config, options);
  return WarroomApp.start({
    store,
    policy: policyFromConfig(config),
    ...(options.clock ? { clock: options.clock } : {}),
    pollIntervalMs: options.poll ? config.pollIntervalMs : 0,
  });
}
