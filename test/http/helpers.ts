/** Shared by the HTTP tests: a fresh SQLite file per app, request helpers, problem checks. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { expect } from "vitest";
import { buildConfig } from "../../src/app/config.js";
import { createWarroomApp } from "../../src/app/create-app.js";
import { ERROR_TABLE } from "../../src/app/error-table.js";
import type { WarroomApp } from "../../src/app/warroom-app.js";
import { ManualClock } from "../../src/domain/shared/clock.js";
import type { ErrorCode } from "../../src/domain/shared/errors.js";
import { buildHttpApp } from "../../src/http/build-http-app.js";
import type { SseOptions } from "../../src/http/sse.js";

export const START = "2026-03-01T10:00:00.000Z";

export interface TestApp {
  app: WarroomApp;
  http: FastifyInstance;
  clock: ManualClock;
  dbPath: string;
  /** The store's head position. */
  head(): Promise<number>;
  /** `listen` on an ephemeral port; resolves to the base URL. */
  listen(): Promise<string>;
  close(): Promise<void>;
}

export async function startTestApp(
  options: { clock?: ManualClock; sse?: Partial<SseOptions>; bodyLimitBytes?: number } = {},
): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), "warroom-http-"));
  const dbPath = join(dir, "warroom.db");
  const clock = options.clock ?? new ManualClock(START);
  const config = buildConfig({ dbPath, ...(options.bodyLimitBytes ? { bodyLimitBytes: options.bodyLimitBytes } : {}) });
  const app = await createWarroomApp(config, { clock });
  const http = buildHttpApp({
    app,
    bodyLimitBytes: config.bodyLimitBytes,
    ...(options.sse ? { sse: options.sse } : {}),
  });
  return {
    app,
    http,
    clock,
    dbPath,
    head: () => app.store.headPosition(),
    async listen() {
      await http.listen({ host: "127.0.0.1", port: 0 });
      const address = http.server.address();
      if (address === null || typeof address === "string") throw new Error("no address");
      return `http://127.0.0.1:${address.port}`;
    },
    async close() {
      await http.close();
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type Json = Record<string, unknown>;

/** POST a JSON body as `actor` (null: no Warroom-Actor header). */
export function post(
  http: FastifyInstance,
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
  actor: string | null = "alice",
): Promise<LightMyRequestResponse> {
  return http.inject({
    method: "POST",
    url,
    headers: {
      ...(actor === null ? {} : { "warroom-actor": actor }),
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...headers,
    },
    ...(body === undefined ? {} : { payload: typeof body === "string" ? body : JSON.stringify(body) }),
  });
}

export function get(http: FastifyInstance, url: string, headers: Record<string, string> = {}) {
  return http.inject({ method: "GET", url, headers });
}

/** Succeeds, and returns the JSON body. */
export function ok(response: LightMyRequestResponse, status = 200): Json {
  if (response.statusCode !== status) {
    throw new Error(`expected ${status}, got ${response.statusCode}: ${response.body.slice(0, 500)}`);
  }
  return response.json() as Json;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  errors: { field: string | null; message: string }[];
}

/** A problem+json with the code's status and title from the one table, naming `field` when given. */
export function expectProblem(response: LightMyRequestResponse, code: ErrorCode, field?: string): ProblemBody {
  expect(response.headers["content-type"]).toMatch(/^application\/problem\+json/);
  const body = response.json() as ProblemBody;
  expect({ status: response.statusCode, code: body.code }).toEqual({ status: ERROR_TABLE[code].http, code });
  expect(body).toMatchObject({
    type: `urn:warroom:error:${code}`,
    title: ERROR_TABLE[code].title,
    status: ERROR_TABLE[code].http,
  });
  expect(typeof body.detail).toBe("string");
  expect(body.detail.length).toBeGreaterThan(0);
  expect(Array.isArray(body.errors)).toBe(true);
  if (field !== undefined) {
    const named = body.errors.filter((e) => e.field === field);
    expect(named.length, `errors name ${field}: ${JSON.stringify(body.errors)}`).toBeGreaterThan(0);
    for (const e of named) expect(e.message.length).toBeGreaterThan(0);
  }
  return body;
}

/** Declares an incident as `actor` and returns its id. */
export async function declare(http: FastifyInstance, body: Json = {}, actor = "alice"): Promise<string> {
  const result = ok(
    await post(http, "/api/incidents", { title: "Checkout errors", severity: "SEV-2", ...body }, {}, actor),
    201,
  );
  return (result.incident as { id: string }).id;
}
