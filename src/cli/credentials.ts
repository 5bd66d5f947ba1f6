/**
 * Where the CLI finds its API token for a server: `--token`, env WARROOM_TOKEN, or the
 * credentials file `warroom login` writes ($XDG_CONFIG_HOME/warroom/credentials.json,
 * default ~/.config/warroom/credentials.json, mode 0600), keyed by server URL. The
 * local-file CLI needs none: whoever can open the database file can do anything anyway.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { WarroomError } from "../domain/shared/errors.js";

interface CredentialsFile {
  servers: Record<string, { token: string; person?: string; savedAt?: string }>;
}

export function credentialsPath(env: NodeJS.ProcessEnv | Record<string, string | undefined>): string {
  if (env.WARROOM_CREDENTIALS) return env.WARROOM_CREDENTIALS;
  const base = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), ".config");
  return join(base, "warroom", "credentials.json");
}

export function readCredentials(path: string): CredentialsFile {
  if (!existsSync(path)) return { servers: {} };
  try {
    const parsed = JSON.parse(readFileSync(path, "utf8")) as Partial<CredentialsFile>;
    return { servers: typeof parsed.servers === "object" && parsed.servers !== null ? parsed.servers : {} };
  } catch (error) {
    throw new WarroomError("validation.failed", `cannot read ${path}: ${(error as Error).message}`, [
      { field: "credentials", message: "not valid JSON; fix or delete it and run warroom login again" },
    ]);
  }
}

export function saveToken(path: string, server: string, token: string, person: string): void {
  const file = readCredentials(path);
  file.servers[server] = { token, person, savedAt: new Date().toISOString() };
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileSync(path, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
}

/** --token, else WARROOM_TOKEN, else the saved token for this server, else none. */
export function tokenFor(
  server: string,
  explicit: string | undefined,
  env: NodeJS.ProcessEnv | Record<string, string | undefined>,
): string | undefined {
  const given = (explicit ?? env.WARROOM_TOKEN ?? "").trim();
  if (given) return given;
  return readCredentials(credentialsPath(env)).servers[server]?.token;
}
