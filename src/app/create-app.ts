/** Wires the app from config: the store adapter chosen once at start, policy, clock. */
import type { Clock } from "../domain/shared/clock.js";
import { openSqliteEventStore, type SqliteWriterMode } from "../store/sqlite/sqlite-event-store.js";
import { policyFromConfig, type WarroomConfig } from "./config.js";
import { WarroomApp } from "./warroom-app.js";

export interface CreateAppOptions {
  clock?: Clock;
  /** Poll for other writers (the server does; a one-shot CLI command does not need to). */
  poll?: boolean;
  /** Where appends commit: `inline` (default; no start-up cost) or on a writer `thread` (the server). */
  writer?: SqliteWriterMode;
}

export async function createWarroomApp(config: WarroomConfig, options: CreateAppOptions = {}): Promise<WarroomApp> {
  const store = openSqliteEventStore(config.dbPath, {
    writer: options.writer ?? "inline",
    ...(options.clock ? { clock: options.clock } : {}),
  });
  return WarroomApp.start({
    store,
    policy: policyFromConfig(config),
    ...(options.clock ? { clock: options.clock } : {}),
    pollIntervalMs: options.poll ? config.pollIntervalMs : 0,
  });
}
