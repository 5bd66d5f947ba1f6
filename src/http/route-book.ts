/**
 * Routes are registered through the book, which keeps a description of each one; the
 * OpenAPI document is built from the book, so it cannot miss a route.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { z } from "zod";

export type JsonSchema = Record<string, unknown>;

/** Headers documented as parameters, by key into the OpenAPI `components.parameters`. */
export type HeaderParam = "WarroomActor" | "IfMatch" | "IdempotencyKey" | "Prefer" | "IfNoneMatch" | "LastEventId";

/**
 * Who may call a route (see docs/permissions.md). `public`: no token (health, the page
 * shell that lets a browser sign in, a public status page). `signed`: no token because the
 * handler verifies the calling platform's signature (Slack, Alertmanager receivers). The
 * four roles are ordered: each includes everything the ones before it may do.
 */
export type RouteAccess = "public" | "signed" | "viewer" | "responder" | "commander" | "admin";

export { ROLES, type Role } from "../domain/people/roles.js";

export interface RouteDoc {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Required: the least a caller needs (enforced by the auth hook, documented in OpenAPI). */
  access: RouteAccess;
  /** Fastify syntax: `/api/incidents/:id`. */
  url: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: "meta" | "incidents" | "commands" | "live" | "integrations" | "training";
  headers?: HeaderParam[];
  query?: z.ZodType;
  /** Documentation of each path parameter. */
  params?: Record<string, string>;
  body?: { schema: JsonSchema; required: boolean };
  response: {
    status: number;
    description: string;
    /** `application/json` unless stated. */
    contentType?: string;
    schema?: JsonSchema;
    /** Response headers documented, e.g. `ETag`, `Location`. */
    headers?: string[];
  };
  /** Problem statuses this route may answer with (the problem body is always the same shape). */
  errors: number[];
}

export type RouteHandler = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

export class RouteBook {
  readonly docs: RouteDoc[] = [];

  constructor(private readonly http: FastifyInstance) {}

  add(doc: RouteDoc, handler: RouteHandler, options: { exposeHeadRoute?: boolean } = {}): void {
    this.docs.push(doc);
    this.http.route({
      method: doc.method,
      url: doc.url,
      handler,
      exposeHeadRoute: options.exposeHeadRoute ?? doc.method === "GET",
    });
  }
}
