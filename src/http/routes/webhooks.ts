/**
 * Outgoing webhook subscriptions (admin): add (the answer carries the signing secret,
 * shown once), list, remove, the delivery log, and replay from a position. Delivery
 * itself runs in the server (`WebhookDeliverer`), after commit.
 */
import { z } from "zod";
import { WebhookRegistry } from "../../integrations/webhooks/webhook-registry.js";
import { callOptions } from "../call-options.js";
import { requireJsonObject } from "../command-io.js";
import { parseInput } from "../query-schemas.js";
import type { JsonSchema } from "../route-book.js";
import type { RouteContext } from "../route-context.js";

const subscription: JsonSchema = {
  type: "object",
  properties: {
    id: { type: "string" },
    url: { type: "string" },
    events: { type: "array", items: { type: "string" } },
    description: { type: "string" },
    includePrivate: { type: "boolean" },
    secret: { type: "string", description: "Only in the answer to adding it" },
    secretHint: { type: "string" },
    cursor: { type: "integer", description: "Events after this position are still to send" },
  },
  required: ["id", "url", "events"],
};
const newSubscription: JsonSchema = {
  type: "object",
  properties: {
    url: { type: "string", format: "uri" },
    events: { type: "array", items: { type: "string" }, description: "Event types, or * (the default)" },
    description: { type: "string" },
    includePrivate: { type: "boolean", default: false },
  },
  required: ["url"],
};
const deliveriesQuery = z
  .object({ limit: z.coerce.number().int("limit is a whole number").min(1).max(200).optional() })
  .strict();
const replayBody = z.object({ fromPosition: z.number().int().min(1, "fromPosition starts at 1") }).strict();
const idParam = { id: "The subscription id, e.g. WH1" };

export function registerWebhookRoutes({ app, book }: RouteContext): WebhookRegistry {
  const registry = new WebhookRegistry(app.store, app.clock);
  book.add(
    {
      method: "POST",
      url: "/api/webhooks",
      access: "admin",
      operationId: "addWebhook",
      summary: "Subscribe a URL to incident events (signed with HMAC-SHA256; the secret is in this answer only)",
      tag: "integrations",
      headers: ["WarroomActor"],
      body: { schema: newSubscription, required: true },
      response: { status: 201, description: "The subscription with its secret", schema: subscription },
      errors: [400, 401, 403, 413, 415],
    },
    async (request, reply) => {
      const { actor } = callOptions(request);
      const added = await registry.add(requireJsonObject(request.body), actor);
      reply.code(201);
      return added;
    },
  );
  book.add(
    {
      method: "GET",
      url: "/api/webhooks",
      access: "admin",
      operationId: "listWebhooks",
      summary: "Webhook subscriptions with their cursor and last delivery (secrets hidden)",
      tag: "integrations",
      response: { status: 200, description: "The subscriptions", schema: { type: "array", items: subscription } },
      errors: [401, 403],
    },
    async () => registry.list(),
  );
  book.add(
    {
      method: "GET",
      url: "/api/webhooks/:id",
      access: "admin",
      operationId: "getWebhook",
      summary: "One subscription with its cursor and last delivery (secret hidden)",
      tag: "integrations",
      params: idParam,
      response: { status: 200, description: "The subscription", schema: subscription },
      errors: [400, 401, 403, 404],
    },
    async (request) => registry.get((request.params as { id: string }).id),
  );
  book.add(
    {
      method: "PATCH",
      url: "/api/webhooks/:id",
      access: "admin",
      operationId: "updateWebhook",
      summary:
        "Change a subscription's url, events, description or includePrivate; delivery carries on from its cursor",
      tag: "integrations",
      headers: ["WarroomActor"],
      params: idParam,
      body: {
        schema: {
          type: "object",
          properties: {
            url: { type: "string", format: "uri" },
            events: { type: "array", items: { type: "string" } },
            description: { type: "string" },
            includePrivate: { type: "boolean" },
            rotateSecret: { const: true, description: "A new signing secret, in this answer only" },
          },
        },
        required: true,
      },
      response: { status: 200, description: "The subscription as changed", schema: subscription },
      errors: [400, 401, 403, 404, 413, 415],
    },
    async (request) => {
      const { id } = request.params as { id: string };
      return registry.update(id, requireJsonObject(request.body), callOptions(request).actor);
    },
  );
  book.add(
    {
      method: "DELETE",
      url: "/api/webhooks/:id",
      access: "admin",
      operationId: "removeWebhook",
      summary: "Remove a subscription (its delivery log stays in the store)",
      tag: "integrations",
      headers: ["WarroomActor"],
      params: idParam,
      response: { status: 204, description: "Removed" },
      errors: [400, 401, 403, 404],
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      await registry.remove(id, callOptions(request).actor);
      return reply.code(204).send();
    },
  );
  book.add(
    {
      method: "GET",
      url: "/api/webhooks/:id/deliveries",
      access: "admin",
      operationId: "webhookDeliveries",
      summary: "The latest delivery attempts (delivered or failed, with the retry time), oldest first",
      tag: "integrations",
      params: idParam,
      query: deliveriesQuery,
      response: { status: 200, description: "The log", schema: { type: "array", items: { type: "object" } } },
      errors: [400, 401, 403, 404],
    },
    async (request) => {
      const { id } = request.params as { id: string };
      const query = parseInput(deliveriesQuery, request.query, "query");
      return registry.deliveries(id, query.limit ?? 50);
    },
  );
  book.add(
    {
      method: "POST",
      url: "/api/webhooks/:id/replay",
      access: "admin",
      operationId: "replayWebhook",
      summary: "Send every matching event from a position on again, in order",
      tag: "integrations",
      headers: ["WarroomActor"],
      params: idParam,
      body: {
        schema: {
          type: "object",
          properties: { fromPosition: { type: "integer", minimum: 1 } },
          required: ["fromPosition"],
        },
        required: true,
      },
      response: { status: 202, description: "Queued; the deliverer picks it up", schema: subscription },
      errors: [400, 401, 403, 404, 413, 415],
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const body = parseInput(replayBody, requireJsonObject(request.body), "body");
      await registry.replay(id, body.fromPosition, callOptions(request).actor);
      reply.code(202);
      return registry.get(id);
    },
  );
  return registry;
}
