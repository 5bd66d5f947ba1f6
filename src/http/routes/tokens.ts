/**
 * API tokens over HTTP (admins only; the secret is in the creation answer and nowhere
 * else), `GET /api/me` (who this token is), and the members of a private incident.
 */

import { currentPrincipal } from "../../app/auth/principal.js";
import { callOptions } from "../call-options.js";
import { requireJsonObject } from "../command-io.js";
import type { JsonSchema } from "../route-book.js";
import { READ_ERRORS, type RouteContext } from "../route-context.js";

const string = { type: "string" };
const nullableTime = { type: ["string", "null"], format: "date-time" };
const TOKEN_SCHEMA: JsonSchema = {
  type: "object",
  properties: {
    id: { ...string, description: "TOK-…; what `token revoke` takes" },
    person: string,
    role: { type: "string", enum: ["viewer", "responder", "commander", "admin"] },
    name: string,
    createdAt: { ...string, format: "date-time" },
    createdBy: string,
    lastUsedAt: { ...nullableTime, description: "Written to the log at most every few minutes per token" },
    revokedAt: nullableTime,
  },
  required: ["id", "person", "role", "name", "createdAt", "lastUsedAt", "revokedAt"],
};
const WRITE_ERRORS = [400, 401, 403, 404, 409, 413, 415, 429, 503];
const MEMBERS_SCHEMA: JsonSchema = {
  type: "object",
  properties: {
    incidentId: string,
    private: { type: "boolean" },
    added: { type: "array", items: string, description: "People added explicitly (lower-case handles)" },
  },
};

export function registerTokenRoutes({ app, book }: RouteContext): void {
  book.add(
    {
      method: "GET",
      url: "/api/me",
      access: "viewer",
      operationId: "whoAmI",
      summary: "Who the token belongs to and its role (auth off: no one, and every role)",
      tag: "meta",
      response: {
        status: 200,
        description: "The signed-in person",
        schema: {
          type: "object",
          properties: {
            auth: { enum: ["tokens", "off"] },
            person: { type: ["string", "null"] },
            role: string,
            tokenId: { type: ["string", "null"] },
          },
        },
      },
      errors: READ_ERRORS,
    },
    async () => {
      const principal = currentPrincipal();
      return principal ? { auth: "tokens", ...principal } : { auth: "off", person: null, role: "admin", tokenId: null };
    },
  );

  book.add(
    {
      method: "GET",
      url: "/api/tokens",
      access: "admin",
      operationId: "listTokens",
      summary: "Every API token (never the secret), with its last use",
      tag: "meta",
      response: {
        status: 200,
        description: "Tokens, newest first",
        schema: { type: "object", properties: { tokens: { type: "array", items: TOKEN_SCHEMA } } },
      },
      errors: READ_ERRORS,
    },
    async () => ({ tokens: app.tokens.list() }),
  );

  book.add(
    {
      method: "POST",
      url: "/api/tokens",
      access: "admin",
      operationId: "createToken",
      summary: "Create an API token for a person in the directory; the answer is the only time the token is shown",
      tag: "meta",
      body: {
        schema: {
          type: "object",
          properties: { person: string, role: { enum: ["viewer", "responder", "commander", "admin"] }, name: string },
          required: ["person", "role"],
        },
        required: true,
      },
      response: {
        status: 201,
        description: "The token (`token`) and its record",
        schema: { type: "object", properties: { token: string, record: TOKEN_SCHEMA } },
      },
      errors: WRITE_ERRORS,
    },
    async (request, reply) => {
      const { token, view } = await app.tokens.create(requireJsonObject(request.body), callOptions(request));
      return reply.code(201).header("Cache-Control", "no-store").send({ token, record: view });
    },
  );

  book.add(
    {
      method: "POST",
      url: "/api/tokens/:tokenId/revoke",
      access: "admin",
      operationId: "revokeToken",
      summary: "Revoke an API token: it stops working at once",
      tag: "meta",
      params: { tokenId: "Token id, e.g. TOK-0A1B2C3D4E" },
      response: { status: 200, description: "The revoked token", schema: TOKEN_SCHEMA },
      errors: WRITE_ERRORS,
    },
    async (request) => app.tokens.revoke((request.params as { tokenId: string }).tokenId, callOptions(request)),
  );

  book.add(
    {
      method: "GET",
      url: "/api/incidents/:id/members",
      access: "viewer",
      operationId: "listMembers",
      summary: "People added explicitly to the incident (beyond its declarer, role holders and assignees)",
      tag: "incidents",
      response: { status: 200, description: "The members", schema: MEMBERS_SCHEMA },
      errors: READ_ERRORS,
    },
    async (request) => {
      const detail = await app.getIncident((request.params as { id: string }).id);
      return { incidentId: detail.id, private: detail.private, added: [...app.members.of(detail.id)].sort() };
    },
  );

  for (const kind of ["add", "remove"] as const) {
    book.add(
      {
        method: "POST",
        url: kind === "add" ? "/api/incidents/:id/members" : "/api/incidents/:id/members/remove",
        access: "commander",
        operationId: kind === "add" ? "addMember" : "removeMember",
        summary:
          kind === "add"
            ? "Let a person see a private incident"
            : "Take away a person's explicit membership (role holders and assignees stay members)",
        tag: "commands",
        body: { schema: { type: "object", properties: { person: string }, required: ["person"] }, required: true },
        response: { status: 200, description: "The members", schema: MEMBERS_SCHEMA },
        errors: WRITE_ERRORS,
      },
      async (request) => {
        const detail = await app.getIncident((request.params as { id: string }).id);
        const { actor } = callOptions(request);
        const added = await app.members.change(kind, detail.id, requireJsonObject(request.body), actor);
        return { incidentId: detail.id, private: detail.private, added };
      },
    );
  }
}
