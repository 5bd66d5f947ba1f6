/** The training HTTP tests: a real server on an ephemeral port over a fresh SQLite file, and fetch. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { buildConfig } from "../../src/app/config.js";
import { createWarroomApp } from "../../src/app/create-app.js";
import type { WarroomApp } from "../../src/app/warroom-app.js";
import { ManualClock } from "../../src/domain/shared/clock.js";
import { buildHttpApp } from "../../src/http/build-http-app.js";

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

export async function startTrainingServer(): Promise<TrainingServer> {
  const dir = mkdtempSync(join(tmpdir(), "warroom-training-http-"));
  const clock = new ManualClock(START);
  const config = buildConfig({ dbPath: join(dir, "warroom.db") });
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
