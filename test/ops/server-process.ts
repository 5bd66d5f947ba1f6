/**
 * Real `warroom serve` processes for the operations tests. The CLI is bundled once per
 * test file with esbuild (the compiler tsx itself runs on) so each process starts in
 * about a second instead of three: the crash test restarts a server twenty times.
 * Auth is off here (WARROOM_AUTH=off): these tests are about storage, not sign-in.
 */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { build } from "esbuild";

const REPO = path.resolve(import.meta.dirname, "../..");

/**
 * Bundles src/cli/main.ts, and the SQLite writer thread's worker beside it (the store
 * loads it from next to itself), into node_modules/.cache so their packages resolve.
 * Returns the entry file.
 */
export async function bundleCli(name: string): Promise<string> {
  const outdir = path.join(REPO, "node_modules/.cache/warroom-ops", `${name}-${process.pid}`);
  await build({
    entryPoints: {
      main: path.join(REPO, "src/cli/main.ts"),
      "sqlite-writer-worker": path.join(REPO, "src/store/sqlite/sqlite-writer-worker.ts"),
    },
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    outdir,
    logLevel: "error",
  });
  fs.writeFileSync(path.join(outdir, "package.json"), JSON.stringify({ type: "module" }));
  return path.join(outdir, "main.js");
}

export function removeBundle(file: string): void {
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
}

/** A config file that makes a server notice other writers quickly and issue no reminders. */
export function opsConfigFile(dir: string): string {
  const file = path.join(dir, "warroom.config.json");
  fs.writeFileSync(file, JSON.stringify({ pollIntervalMs: 50, reminderIntervalMs: 0 }));
  return file;
}

export interface ServerProcess {
  url: string;
  child: ChildProcessWithoutNullStreams;
  stderr(): string;
  /** Resolves with the exit code or signal once the process is gone. */
  exited: Promise<string>;
  /** SIGTERM (a clean stop), waiting for the exit. */
  stop(): Promise<string>;
  /** SIGKILL: the process dies wherever it is. */
  kill(): Promise<string>;
}

export function startServer(entry: string, env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, [entry, "serve", "--port", "0", "--json"], {
    cwd: os.tmpdir(),
    env: {
      ...process.env,
      WARROOM_AUTH: "off",
      LOG_LEVEL: "warn",
      WARROOM_SERVER: "",
      DATABASE_URL: "",
      NO_COLOR: "1",
      ...env,
    },
  });
  let stderr = "";
  let stdout = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<string>((resolve) => {
    child.once("exit", (code, signal) => resolve(signal ?? String(code)));
  });
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split("\n").find((l) => l.startsWith("{"));
      if (line === undefined) return;
      child.stdout.off("data", onData);
      const { url } = JSON.parse(line) as { url: string };
      const server: ServerProcess = {
        url,
        child,
        stderr: () => stderr,
        exited,
        stop: () => {
          child.kill("SIGTERM");
          return exited;
        },
        kill: () => {
          child.kill("SIGKILL");
          return exited;
        },
      };
      resolve(server);
    };
    child.stdout.on("data", onData);
    void exited.then((how) => reject(new Error(`the server exited (${how}) before listening:\n${stderr}`)));
  });
}

/** POSTs JSON as `actor`; the status and the parsed body. */
export async function post(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", "warroom-actor": "alex-ic", ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text === "" ? {} : (JSON.parse(text) as Record<string, unknown>) };
}
