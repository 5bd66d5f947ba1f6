/**
 * The public status page (no token): `/status` and `/status/:service` as HTML,
 * `/status.json` (`?service=`) and `/status/feed.atom`, `/status/:service/feed.atom`.
 * Only what `statusView` lets through is shown: live, non-private incidents and their
 * customer updates that pass the customer rules.
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { fail } from "../../domain/shared/errors.js";
import type { StatusPageConfig } from "../../integrations/status/status-config.js";
import { renderStatusAtom, renderStatusHtml } from "../../integrations/status/status-render.js";
import { statusView } from "../../integrations/status/status-view.js";
import { parseInput } from "../query-schemas.js";
import type { RouteContext } from "../route-context.js";

const SERVICE = /^[\p{L}\p{N} ._-]{1,100}$/u;
const jsonQuery = z.object({ service: z.string().optional() }).strict();
const html = "text/html; charset=utf-8";
const atom = "application/atom+xml; charset=utf-8";
// Nothing on the page runs or loads from elsewhere; the inline style is the only exception.
const CSP =
  "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

function serviceOf(value: string | undefined, field: string): string | undefined {
  if (value === undefined) return undefined;
  if (!SERVICE.test(value))
    fail("validation.failed", `${field}: a service name is 1 to 100 letters, digits, spaces, '.', '_' or '-'`, field);
  return value;
}

function base(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

export function registerStatusPageRoutes({ app, book }: RouteContext, config: StatusPageConfig): void {
  const page = async (reply: FastifyReply, service?: string) => {
    const view = await statusView(app, config, service);
    const path = service === undefined ? "/status" : `/status/${encodeURIComponent(service)}`;
    const json = service === undefined ? "/status.json" : `/status.json?service=${encodeURIComponent(service)}`;
    reply.type(html).header("Content-Security-Policy", CSP).header("Cache-Control", "public, max-age=15");
    return renderStatusHtml(view, { feed: `${path}/feed.atom`, json });
  };
  const feed = async (request: FastifyRequest, reply: FastifyReply, service?: string) => {
    const view = await statusView(app, config, service);
    const path = service === undefined ? "/status" : `/status/${encodeURIComponent(service)}`;
    reply.type(atom).header("Cache-Control", "public, max-age=15");
    return renderStatusAtom(view, { self: `${base(request)}${path}/feed.atom`, page: `${base(request)}${path}` });
  };
  const common = { access: "public" as const, tag: "integrations" as const, errors: [400] };
  const serviceParam = { service: "A service named on incidents, e.g. checkout" };

  book.add(
    {
      ...common,
      method: "GET",
      url: "/status",
      operationId: "statusPage",
      summary: "The public status page (HTML)",
      response: { status: 200, description: "The page", contentType: "text/html" },
    },
    (_request, reply) => page(reply),
  );
  book.add(
    {
      ...common,
      method: "GET",
      url: "/status.json",
      operationId: "statusJson",
      summary: "The public status as JSON (services, live incidents, customer updates)",
      query: jsonQuery,
      response: { status: 200, description: "The status", schema: { type: "object" } },
    },
    async (request, reply) => {
      const query = parseInput(jsonQuery, request.query, "query");
      reply.header("Cache-Control", "public, max-age=15");
      return statusView(app, config, serviceOf(query.service, "service"));
    },
  );
  book.add(
    {
      ...common,
      method: "GET",
      url: "/status/feed.atom",
      operationId: "statusFeed",
      summary: "Every customer update as an Atom feed",
      response: { status: 200, description: "The feed", contentType: "application/atom+xml" },
    },
    (request, reply) => feed(request, reply),
  );
  book.add(
    {
      ...common,
      method: "GET",
      url: "/status/:service",
      operationId: "serviceStatusPage",
      summary: "One service's status page (HTML)",
      params: serviceParam,
      response: { status: 200, description: "The page", contentType: "text/html" },
    },
    (request, reply) => page(reply, serviceOf((request.params as { service: string }).service, "service")),
  );
  book.add(
    {
      ...common,
      method: "GET",
      url: "/status/:service/feed.atom",
      operationId: "serviceStatusFeed",
      summary: "One service's customer updates as an Atom feed",
      params: serviceParam,
      response: { status: 200, description: "The feed", contentType: "application/atom+xml" },
    },
    (request, reply) => feed(request, reply, serviceOf((request.params as { service: string }).service, "service")),
  );
}
