/**
 * `POST /api/alerts/:receiver`: Alertmanager, Grafana and generic alerts in. The receiver
 * is checked first (unknown: 404), then its bearer token or HMAC signature over the exact
 * body (401, nothing stored), then the payload (400 naming the field), then the ingestor
 * answers what became of every alert.
 */

import { WarroomError } from "../../domain/shared/errors.js";
import type { AlertIngestor } from "../../integrations/alerts/alert-ingestor.js";
import { normalise, truncatedCount } from "../../integrations/alerts/normalise.js";
import { authenticate } from "../../integrations/alerts/receiver-auth.js";
import type { JsonSchema } from "../route-book.js";
import type { RouteContext } from "../route-context.js";

const counts: JsonSchema = {
  type: "object",
  properties: Object.fromEntries(
    ["declared", "attached", "repeat", "resolved", "ignored", "watching"].map((k) => [k, { type: "integer" }]),
  ),
};
const answer: JsonSchema = {
  type: "object",
  properties: {
    receiver: { type: "string" },
    received: { type: "integer", description: "Alerts in the request; the counts add up to it" },
    truncated: { type: "integer", description: "Alerts the sender said it left out (Alertmanager's truncatedAlerts)" },
    counts,
    declared: { type: "array", items: { type: "string" }, description: "Incidents this request declared" },
    groups: { type: "array", items: { type: "object" } },
  },
  required: ["receiver", "received", "truncated", "counts", "declared", "groups"],
};

export function registerAlertRoutes({ app, book }: RouteContext, ingestor: AlertIngestor | null): void {
  book.add(
    {
      method: "POST",
      url: "/api/alerts/:receiver",
      access: "signed",
      operationId: "receiveAlerts",
      summary: "Receive alerts (Alertmanager webhook v4, Grafana alerting, or generic JSON through a mapping)",
      description:
        "Authenticated per receiver with `Authorization: Bearer <token>` or `Warroom-Timestamp` + `Warroom-Signature: v1=<hex HMAC-SHA256 of '<timestamp>.<body>'>` (docs/integrations.md). Alerts are deduplicated by fingerprint, grouped by service, and judged by the rules: declare an incident, attach to the open one, or ignore; resolved alerts are noted.",
      tag: "integrations",
      params: { receiver: "The receiver's name from config `alerts.receivers`" },
      body: { schema: { type: "object" }, required: true },
      response: { status: 200, description: "What became of every alert", schema: answer },
      errors: [400, 401, 404, 413, 415, 503],
    },
    async (request) => {
      const { receiver: name } = request.params as { receiver: string };
      const receiver = ingestor?.config.receivers.get(name);
      if (!ingestor || !receiver) {
        throw new WarroomError("integration.unknown_receiver", `no alert receiver named '${name.slice(0, 64)}'`, [
          { field: "receiver", message: "configure it under alerts.receivers" },
        ]);
      }
      const rawBody = (request as { rawBody?: string }).rawBody ?? "";
      authenticate(receiver, request.headers, rawBody, app.clock.now());
      const alerts = normalise(receiver.kind, request.body, ingestor.config, receiver.mapping);
      return ingestor.ingest(receiver, alerts, truncatedCount(receiver.kind, request.body));
    },
  );
}
