/** The training HTTP tests: a real server on an ephemeral port over a fresh SQLite file, and fetch. */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { parse } from "yaml";
import { buildConfig } from "../../src/app/config.js";
import { createWarroomApp } from "../../src/app/create-app.js";
import type { WarroomApp } from "../../src/app/warroom-app.js";
import { ManualClock } from "../../src/domain/shared/clock.js";
import { buildHttpApp } from "../../src/http/build-http-app.js";
import { parseOffset } from "../../src/training/duration.js";
import { SCENARIOS_DIR } from "../../src/training/scenario-loader.js";

export const START = "2026-03-01T10:00:00.000Z";

export interface TrainingServer {
  url: string;
  app: WarroomApp;
  http: FastifyInstance;
  /** Real time as the server sees it (expiry, running clocks): moves only when told. */
  clock: ManualClock;
  call(method: string, path: string, body?: unknown, actor?: string | null): Promise<Answer>;
  close(): Promise<void>;
}

export interface Answer {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: test answers are read loosely
  body: any;
}

/** A fresh SQLite file, or `dbPath` (kept on close: a restart test opens it again). */
export async function startTrainingServer(
  options: { dbPath?: string; clock?: ManualClock } = {},
): Promise<TrainingServer> {
  const dir = mkdtempSync(join(tmpdir(), "warroom-training-http-"));
  const clock = options.clock ?? new ManualClock(START);
  const config = buildConfig({ dbPath: options.dbPath ?? join(dir, "warroom.db") });
  const app = await createWarroomApp(config, { clock });
  const http = buildHttpApp({ app, bodyLimitBytes: config.bodyLimitBytes, sse: { heartbeatMs: 60_000 } });
  await http.listen({ host: "127.0.0.1", port: 0 });
  const address = http.server.address();
  if (address === null || typeof address === "string") throw new Error("no address");
  const url = `http://127.0.0.1:${address.port}`;
  return {
    url,
    app,
    http,
    clock,
    async call(method, path, body, actor = "alex-ic") {
      const response = await fetch(`${url}${path}`, {
        method,
        headers: {
          ...(actor === null ? {} : { "warroom-actor": actor }),
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
      });
      const text = await response.text();
      const type = response.headers.get("content-type") ?? "";
      return {
        status: response.status,
        headers: response.headers,
        body: type.includes("json") ? JSON.parse(text) : text,
      };
    },
    async close() {
      await http.close();
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const transcriptPath = (id: string, kind: string) => join(SCENARIOS_DIR, "transcripts", `${id}.${kind}.yaml`);

/** Who is calling: a request function that already carries the caller's identity. */
export type Caller = (method: string, path: string, body?: unknown) => Promise<Answer>;

/**
 * Plays a reference transcript through the API as `call`'s person: advance the clock to
 * each action's time, then send the action. Answers the drill id and its score report.
 */
export async function playTranscript(
  call: Caller,
  scenario: string,
  kind: string,
  record: boolean,
  // biome-ignore lint/suspicious/noExplicitAny: the report is read loosely
): Promise<{ id: string; report: any }> {
  const raw = parse(readFileSync(transcriptPath(scenario, kind), "utf8")) as { actions: Record<string, unknown>[] };
  const started = await call("POST", "/api/drills", { scenario });
  if (started.status !== 201) throw new Error(`start: ${started.status} ${JSON.stringify(started.body)}`);
  const id = started.body.id as string;
  let offset = started.body.clock.offset as number;
  for (const { at, ...action } of raw.actions) {
    const target = parseOffset(String(at), "at");
    if (target > offset) {
      const moved = await call("POST", `/api/drills/${id}/clock`, { advance: target - offset });
      if (moved.status !== 200) throw new Error(`clock: ${moved.status} ${JSON.stringify(moved.body)}`);
      offset = moved.body.clock.offset;
    }
    const done = await call("POST", `/api/drills/${id}/commands`, { action });
    if (done.status !== 200) throw new Error(`command: ${done.status} ${JSON.stringify(done.body)}`);
  }
  const report = await call("POST", `/api/drills/${id}/finish`, { record });
  if (report.status !== 200) throw new Error(`finish: ${report.status} ${JSON.stringify(report.body)}`);
  return { id, report: report.body };
}
