/**
 * Running the CLI in-process (`runCli`) against a temp-dir SQLite file, with captured
 * output, an injected clock and (for --follow / serve) an abort signal; and spawning the
 * real entry point with tsx for the few tests that need a separate process.
 */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { runCli } from "../../src/cli/run.js";
import type { Clock } from "../../src/domain/shared/clock.js";

export const REPO = resolve(import.meta.dirname, "../..");

export class Capture {
  text = "";
  isTTY = false;
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as one JSON document. */
  json<T = unknown>(): T;
  /** The last line of stderr parsed as JSON (the problem object with --json). */
  problem(): {
    type: string;
    title: string;
    status: number;
    detail: string;
    code: string;
    errors: { field: string | null; message: string }[];
  };
}

export interface CliOptions {
  clock?: Clock;
  env?: Record<string, string | undefined>;
  signal?: AbortSignal;
  stdout?: Capture;
}

export function tempDir(prefix = "warroom-cli-"): { dir: string; db: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, db: join(dir, "warroom.db"), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function cli(argv: string[], options: CliOptions = {}): Promise<CliRun> {
  const stdout = options.stdout ?? new Capture();
  const stderr = new Capture();
  const code = await runCli(argv, {
    stdout,
    stderr,
    env: { NO_COLOR: "1", ...options.env },
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return result(code, stdout.text, stderr.text);
}

function result(code: number, stdout: string, stderr: string): CliRun {
  return {
    code,
    stdout,
    stderr,
    json: <T>() => JSON.parse(stdout) as T,
    problem: () => {
      const lines = stderr.trim().split("\n");
      return JSON.parse(lines.at(-1) ?? "") as ReturnType<CliRun["problem"]>;
    },
  };
}

/** A CLI bound to one database file (local mode) or one server (remote mode). */
export function bound(target: { db: string } | { server: string }, defaults: CliOptions = {}) {
  const prefix = "db" in target ? ["--db", target.db] : ["--server", target.server];
  return (argv: string[], options: CliOptions = {}) =>
    cli([...prefix, ...argv], { ...defaults, ...options, env: { ...defaults.env, ...options.env } });
}

/** Spawns the real entry point (`src/cli/main.ts` through tsx), as a user's shell would. */
export function spawnCli(argv: string[], env: Record<string, string> = {}): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ["--import", "tsx", join(REPO, "src/cli/main.ts"), ...argv], {
    cwd: REPO,
    env: { ...process.env, NO_COLOR: "1", WARROOM_SERVER: "", WARROOM_DB: "", ...env },
  });
}

export function runSpawned(argv: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((done, reject) => {
    const child = spawnCli(argv, env);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => done(result(code ?? -1, stdout, stderr)));
  });
}

/** A port nothing listens on (bound then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  await new Promise<void>((ok) => server.close(() => ok()));
  return port;
}

/** Polls `check` until it returns true or the time is up. */
export async function waitFor(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
