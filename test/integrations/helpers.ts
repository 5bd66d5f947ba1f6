/** Shared by the integration tests: an app with alert receivers, signed requests, payload builders. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { buildConfig, type ConfigInput } from "../../src/app/config.js";
import { createWarroomApp } from "../../src/app/create-app.js";
import type { WarroomApp } from "../../src/app/warroom-app.js";
import type { Clock } from "../../src/domain/shared/clock.js";
import { buildHttpApp } from "../../src/http/build-http-app.js";
import { resolveAlertsConfig } from "../../src/integrations/alerts/alert-config.js";
import { signedHeaders } from "../../src/integrations/webhooks/signature.js";

export const TOKEN = "am-token-0123456789abcdef";
export const HMAC_SECRET = "grafana-secret-0123456789";

export const ALERTS_CONFIG: ConfigInput["alerts"] = {
  receivers: [
    { name: "prom", kind: "alertmanager", auth: { type: "bearer", token: TOKEN } },
    { name: "grafana", kind: "grafana", auth: { type: "hmac", secret: HMAC_SECRET } },
    {
      name: "custom",
      kind: "generic",
      auth: { type: "bearer", token: TOKEN },
      mapping: {
        alerts: "events",
        title: "check.name",
        severity: "check.level",
        fingerprint: "id",
        status: "state",
        service: "check.service",
        description: "message",
      },
    },
  ],
};

export interface IntegrationApp {
  app: WarroomApp;
  http: FastifyInstance;
  dbPath: string;
  head(): Promise<number>;
  listen(): Promise<string>;
  close(): Promise<void>;
}

export function tempDir(prefix = "warroom-int-"): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** An app and its HTTP adapter on `dbPath` (a fresh file unless given: a second instance shares it). */
export async function startIntegrationApp(
  options: { dbPath?: string; clock?: Clock; config?: Partial<ConfigInput>; authOn?: boolean } = {},
): Promise<IntegrationApp> {
  const temp = options.dbPath ? null : tempDir();
  const dbPath = options.dbPath ?? join((temp as { dir: string }).dir, "warroom.db");
  const config = buildConfig({ dbPath, alerts: ALERTS_CONFIG, ...options.config });
  const app = await createWarroomApp(config, options.clock ? { clock: options.clock } : {});
  const http = buildHttpApp({
    app,
    bodyLimitBytes: 4 * 1024 * 1024,
    alerts: resolveAlertsConfig(config.alerts),
    ...(options.authOn ? { auth: { mode: "tokens" as const } } : {}),
  });
  return {
    app,
    http,
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
      temp?.remove();
    },
  };
}

export interface AlertSpec {
  name: string;
  severity?: string;
  service?: string;
  status?: "firing" | "resolved";
  fingerprint?: string;
  summary?: string;
}

/** An Alertmanager webhook payload (version 4) as Alertmanager sends it. */
export function alertmanagerPayload(alerts: AlertSpec[], status: "firing" | "resolved" = "firing") {
  return {
    version: "4",
    groupKey: '{}:{alertname="test"}',
    truncatedAlerts: 0,
    status,
    receiver: "warroom",
    groupLabels: {},
    commonLabels: {},
    commonAnnotations: {},
    externalURL: "http://alertmanager.example:9093",
    alerts: alerts.map((a) => ({
      status: a.status ?? status,
      labels: {
        alertname: a.name,
        ...(a.severity ? { severity: a.severity } : {}),
        ...(a.service ? { service: a.service } : {}),
      },
      annotations: a.summary ? { summary: a.summary } : {},
      startsAt: "2026-03-01T10:00:00Z",
      endsAt: a.status === "resolved" ? "2026-03-01T10:05:00Z" : "0001-01-01T00:00:00Z",
      generatorURL: "http://prometheus.example:9090/graph",
      ...(a.fingerprint ? { fingerprint: a.fingerprint } : {}),
    })),
  };
}

export function postAlerts(
  http: FastifyInstance,
  receiver: string,
  body: unknown,
  headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` },
): Promise<LightMyRequestResponse> {
  return http.inject({
    method: "POST",
    url: `/api/alerts/${receiver}`,
    headers: { "content-type": "application/json", ...headers },
    payload: typeof body === "string" ? body : JSON.stringify(body),
  });
}

/** Signs `body` as an HMAC receiver expects, at `nowMs`. */
export function postSigned(
  http: FastifyInstance,
  receiver: string,
  body: unknown,
  nowMs: number,
  secret = HMAC_SECRET,
) {
  const text = JSON.stringify(body);
  return postAlerts(http, receiver, text, signedHeaders(secret, text, nowMs));
}
