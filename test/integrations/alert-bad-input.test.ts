/**
 * Refused alert requests, one row each: the right status and code, the field named, and
 * the store's head position unchanged (nothing appended).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ERROR_TABLE } from "../../src/app/error-table.js";
import type { ErrorCode } from "../../src/domain/shared/errors.js";
import { sign } from "../../src/integrations/webhooks/signature.js";
import {
  alertmanagerPayload,
  HMAC_SECRET,
  type IntegrationApp,
  postAlerts,
  postSigned,
  startIntegrationApp,
  TOKEN,
} from "./helpers.js";

let t: IntegrationApp;
beforeAll(async () => {
  t = await startIntegrationApp();
});
afterAll(async () => {
  await t.close();
});

const good = alertmanagerPayload([{ name: "X", severity: "critical", service: "s", fingerprint: "f" }]);
const text = JSON.stringify(good);
const now = () => t.app.clock.now();

const ROWS: { name: string; send: () => ReturnType<typeof postAlerts>; code: ErrorCode; field: string }[] = [
  {
    name: "unknown receiver",
    send: () => postAlerts(t.http, "nope", good),
    code: "integration.unknown_receiver",
    field: "receiver",
  },
  {
    name: "no token",
    send: () => postAlerts(t.http, "prom", good, {}),
    code: "integration.unauthenticated",
    field: "Authorization",
  },
  {
    name: "wrong token",
    send: () => postAlerts(t.http, "prom", good, { authorization: `Bearer ${TOKEN}x` }),
    code: "integration.bad_signature",
    field: "Authorization",
  },

  {
    name: "unsigned (HMAC receiver)",
    send: () => postAlerts(t.http, "grafana", good, {}),
    code: "integration.unauthenticated",
    field: "Warroom-Timestamp",
  },
  {
    name: "signed with another secret",
    send: () => postSigned(t.http, "grafana", good, now(), "another-secret-0123456789"),
    code: "integration.bad_signature",
    field: "Warroom-Signature",
  },
  {
    name: "signature over a different body",
    send: () => {
      const ts = Math.floor(now() / 1000);
      return postAlerts(t.http, "grafana", `${text} `, {
        "warroom-timestamp": String(ts),
        "warroom-signature": sign(HMAC_SECRET, ts, text),
      });
    },
    code: "integration.bad_signature",
    field: "Warroom-Signature",
  },
  {
    name: "stale timestamp",
    send: () => postSigned(t.http, "grafana", good, now() - 10 * 60_000),
    code: "integration.stale_timestamp",
    field: "Warroom-Timestamp",
  },
  {
    name: "timestamp from the future",
    send: () => postSigned(t.http, "grafana", good, now() + 10 * 60_000),
    code: "integration.stale_timestamp",
    field: "Warroom-Timestamp",
  },
  {
    name: "timestamp not a number",
    send: () => postAlerts(t.http, "grafana", good, { "warroom-timestamp": "yesterday", "warroom-signature": "v1=00" }),
    code: "integration.stale_timestamp",
    field: "Warroom-Timestamp",
  },
  {
    name: "no alerts array",
    send: () => postAlerts(t.http, "prom", { ...good, alerts: undefined }),
    code: "validation.failed",
    field: "alerts",
  },
  {
    name: "alert status unknown",
    send: () => postAlerts(t.http, "prom", { ...good, alerts: [{ ...good.alerts[0], status: "burning" }] }),
    code: "validation.failed",
    field: "alerts.0.status",
  },
  {
    name: "labels not an object",
    send: () => postAlerts(t.http, "prom", { ...good, alerts: [{ ...good.alerts[0], labels: "x" }] }),
    code: "validation.failed",
    field: "alerts.0.labels",
  },
  {
    name: "unsupported webhook version",
    send: () => postAlerts(t.http, "prom", { ...good, version: "3" }),
    code: "validation.failed",
    field: "version",
  },
  {
    name: "a JSON array instead of an object",
    send: () => postAlerts(t.http, "prom", [good]),
    code: "validation.failed",
    field: "(body)",
  },
  {
    name: "malformed JSON",
    send: () => postAlerts(t.http, "prom", "{not json"),
    code: "request.malformed_json",
    field: "",
  },
  {
    name: "generic: no title at the mapped path",
    send: () => postAlerts(t.http, "custom", { events: [{ id: "1", check: { level: "critical" } }] }),
    code: "validation.failed",
    field: "events.0.check.name",
  },
  {
    name: "generic: alerts path not an array",
    send: () => postAlerts(t.http, "custom", { events: {} }),
    code: "validation.failed",
    field: "events",
  },
];

describe("bad alert requests are refused and store nothing", () => {
  for (const row of ROWS) {
    it(row.name, async () => {
      const before = await t.head();
      const response = await row.send();
      expect(response.headers["content-type"]).toMatch(/^application\/problem\+json/);
      const body = response.json() as { code: string; errors: { field: string | null }[]; detail: string };
      expect({ status: response.statusCode, code: body.code }).toEqual({
        status: ERROR_TABLE[row.code].http,
        code: row.code,
      });
      if (row.field) expect(body.errors.map((e) => e.field)).toContain(row.field);
      expect(body.detail.length).toBeGreaterThan(0);
      expect(await t.head()).toBe(before);
    });
  }

  it("the good request itself is accepted (the rows above differ from it in one thing)", async () => {
    const response = await postSigned(t.http, "grafana", good, now());
    expect(response.statusCode, response.body).toBe(200);
  });
});
