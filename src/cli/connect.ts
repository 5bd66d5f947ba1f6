/**
 * Local or remote: with --server (or WARROOM_SERVER) the CLI talks HTTP to a running
 * Warroom; otherwise it opens the SQLite file itself. Both are a `WarroomApi`.
 */
import { existsSync } from "node:fs";
import type { WarroomApi } from "../app/api.js";
import { loadConfig, type WarroomConfig } from "../app/config.js";
import { createWarroomApp } from "../app/create-app.js";
import { WarroomHttpClient } from "../client/http-client.js";
import { WarroomError } from "../domain/shared/errors.js";
import { tokenFor } from "./credentials.js";
import type { CliIo } from "./io.js";

export interface GlobalOptions {
  db?: string;
  server?: string;
  as?: string;
  /** API token for --server (else WARROOM_TOKEN, else the one `warroom login` saved). */
  token?: string;
  json?: boolean;
  config?: string;
}

export interface Connection {
  api: WarroomApi;
  mode: "local" | "remote";
  /** The file or URL, for messages. */
  where: string;
}

export function serverUrl(globals: GlobalOptions, env: CliIo["env"]): string | undefined {
  const value = (globals.server ?? env.WARROOM_SERVER ?? "").trim();
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new WarroomError("validation.failed", `--server: '${value}' is not a URL such as http://localhost:3000`, [
      { field: "--server", message: "expected a URL such as http://localhost:3000" },
    ]);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new WarroomError("validation.failed", `--server: '${value}' must start with http:// or https://`, [
      { field: "--server", message: "expected an http:// or https:// URL" },
    ]);
  }
  return value.replace(/\/+$/, "");
}

/** Defaults ← config file ← environment ← --db and other flags. */
export function configFrom(
  globals: GlobalOptions,
  io: CliIo,
  overrides: { port?: number; host?: string } = {},
): WarroomConfig {
  return loadConfig({ ...(globals.db ? { dbPath: globals.db } : {}), ...overrides }, io.env, globals.config);
}

/**
 * A command that only reads refuses a database file that is not there when its path was
 * given (--db, WARROOM_DB): a typo must not answer "no incidents" from a new empty file.
 */
export function requireExistingStore(globals: GlobalOptions, io: CliIo, dbPath: string): void {
  const explicit = globals.db !== undefined || (io.env.WARROOM_DB ?? "") !== "";
  if (!explicit || dbPath === ":memory:" || existsSync(dbPath)) return;
  const message = `there is no database at ${dbPath}: check --db or WARROOM_DB (the first declare creates one)`;
  throw new WarroomError("validation.failed", message, [{ field: "--db", message }]);
}

export async function connect(
  globals: GlobalOptions,
  io: CliIo,
  options: { follow?: boolean; readOnly?: boolean } = {},
): Promise<Connection> {
  const url = serverUrl(globals, io.env);
  if (url) {
    const token = tokenFor(url, globals.token, io.env);
    const api = new WarroomHttpClient(url, {
      ...(token ? { token, sendActorWithToken: Boolean(globals.as ?? io.env.WARROOM_USER) } : {}),
      onReconnect: ({ attempt, error }) => {
        if (attempt === 1 || attempt % 10 === 0) {
          io.stderr.write(`connection to ${url} lost${error ? ` (${error.message})` : ""}; reconnecting…\n`);
        }
      },
    });
    return { api, mode: "remote", where: url };
  }
  const config = configFrom(globals, io);
  if (options.readOnly && !config.databaseUrl) requireExistingStore(globals, io, config.dbPath);
  const api = await createWarroomApp(config, {
    ...(io.clock ? { clock: io.clock } : {}),
    poll: options.follow === true,
  });
  return { api, mode: "local", where: config.dbPath };
}
