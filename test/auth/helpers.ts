/** An HTTP app with auth on, a person and a token per role, a revoked token, on a real socket. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { buildConfig } from "../../src/app/config.js";
import { createWarroomApp } from "../../src/app/create-app.js";
import type { WarroomApp } from "../../src/app/warroom-app.js";
import type { Role } from "../../src/domain/people/roles.js";
import { ManualClock } from "../../src/domain/shared/clock.js";
import type { RateLimitOptions } from "../../src/http/auth-rate-limit.js";
import { buildHttpApp } from "../../src/http/build-http-app.js";
import { ChatIntegration } from "../../src/integrations/chat/chat-integration.js";

export interface AuthApp {
  app: WarroomApp;
  http: FastifyInstance;
  clock: ManualClock;
  url: string;
  /** A token per role; person = `<role>-person` (e.g. viewer-person). */
  tokens: Record<Role, string>;
  revoked: string;
  /** Fetch over the real socket with an optional bearer token. */
  call(
    method: string,
    path: string,
    options?: { token?: string | null; body?: unknown; headers?: Record<string, string> },
    // biome-ignore lint/suspicious/noExplicitAny: tests read response bodies loosely
  ): Promise<{ status: number; body: any; headers: Headers }>;
  close(): Promise<void>;
}

export const ROLE_LIST: Role[] = ["viewer", "responder", "commander", "admin"];

export async function startAuthApp(
  options: { rateLimit?: RateLimitOptions; clock?: ManualClock } = {},
): Promise<AuthApp> {
  const dir = mkdtempSync(join(tmpdir(), "warroom-auth-"));
  const clock = options.clock ?? new ManualClock("2026-05-01T09:00:00.000Z");
  // Chat configured (secrets only, no Slack API): its signed routes check signatures like in production.
  const config = buildConfig({
    dbPath: join(dir, "w.db"),
    chat: { slack: { signingSecret: "test-signing-secret" }, mattermost: { token: "test-mattermost-token" } },
  });
  const app = await createWarroomApp(config, { clock });
  const tokens = {} as Record<Role, string>;
  for (const role of ROLE_LIST) {
    await app.people.add({ handle: `${role}-person`, name: `A ${role}` }, { actor: "setup" });
    tokens[role] = (await app.tokens.create({ person: `${role}-person`, role }, { actor: "setup" })).token;
  }
  await app.people.add({ handle: "gone", name: "Revoked" }, { actor: "setup" });
  const revokedToken = await app.tokens.create({ person: "gone", role: "admin" }, { actor: "setup" });
  await app.tokens.revoke(revokedToken.view.id, { actor: "setup" });
  const http = buildHttpApp({
    app,
    bodyLimitBytes: config.bodyLimitBytes,
    auth: { mode: "tokens", rateLimit: options.rateLimit ?? { perSecond: 100_000, burst: 100_000 } },
    chat: new ChatIntegration(app, config.chat),
  });
  await http.listen({ host: "127.0.0.1", port: 0 });
  const address = http.server.address();
  if (address === null || typeof address === "string") throw new Error("no address");
  const url = `http://127.0.0.1:${address.port}`;
  return {
    app,
    http,
    clock,
    url,
    tokens,
    revoked: revokedToken.token,
    async call(method, path, { token = null, body, headers = {} } = {}) {
      const response = await fetch(`${url}${path}`, {
        method,
        headers: {
          ...(token === null ? {} : { authorization: `Bearer ${token}` }),
          ...(body === undefined ? {} : { "content-type": "application/json" }),
          ...headers,
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // not JSON (metrics, HTML)
      }
      return { status: response.status, body: parsed, headers: response.headers };
    },
    async close() {
      await http.close();
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
