/** Health, metrics, the OpenAPI document and the policy. (The web app at `/` is in web.ts.) */
import { buildOpenApi } from "../openapi.js";
import { ref } from "../openapi-schemas.js";
import type { JsonSchema } from "../route-book.js";
import { READ_ERRORS, type RouteContext } from "../route-context.js";

export function registerMetaRoutes({ app, book }: RouteContext): void {
  book.add(
    {
      method: "GET",
      url: "/healthz",
      access: "public",
      operationId: "health",
      summary: "Liveness and the store's head position",
      tag: "meta",
      response: { status: 200, description: "The server and its store answer", schema: ref("Health") },
      errors: [503],
    },
    async () => ({ status: "ok", position: await app.store.headPosition() }),
  );

  book.add(
    {
      method: "GET",
      url: "/metrics",
      access: "viewer",
      operationId: "metrics",
      summary: "Prometheus metrics (app and HTTP)",
      tag: "meta",
      response: { status: 200, description: "Prometheus text exposition", contentType: "text/plain" },
      errors: [],
    },
    async (_request, reply) => {
      reply.type(app.metrics.registry.contentType);
      return app.metrics.registry.metrics();
    },
  );

  let openApi: JsonSchema | null = null;
  book.add(
    {
      method: "GET",
      url: "/openapi.json",
      access: "viewer",
      operationId: "openApi",
      summary: "This API described as OpenAPI 3.1",
      tag: "meta",
      response: { status: 200, description: "The OpenAPI document", schema: { type: "object" } },
      errors: [],
    },
    async () => {
      // Built on first use, when every route is in the book.
      openApi ??= buildOpenApi(book.docs);
      return openApi;
    },
  );

  book.add(
    {
      method: "GET",
      url: "/api/policy",
      access: "viewer",
      operationId: "getPolicy",
      summary: "Severity criteria, cadences, the role catalogue and limits",
      tag: "meta",
      response: { status: 200, description: "The incident policy", schema: ref("Policy") },
      errors: READ_ERRORS,
    },
    async () => app.policy(),
  );
}
