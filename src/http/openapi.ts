/**
 * The OpenAPI 3.1 document, built from the route book (so every registered route is in
 * it) and the zod schemas (so bodies and query parameters match what is validated).
 */
import { COMMAND_TYPES, commandSchemas } from "../domain/incident/commands.js";
import { ACTOR_HEADER, IDEMPOTENCY_HEADER, IF_MATCH_HEADER } from "./call-options.js";
import { COMPONENT_SCHEMAS, commandComponentName, ref, toJsonSchema } from "./openapi-schemas.js";
import type { HeaderParam, JsonSchema, RouteDoc } from "./route-book.js";

const STATUS_TEXT: Record<number, string> = {
  400: "The request is not valid (see `errors` for each field)",
  401: "No token, or a token that is unknown, revoked or malformed",
  403: "Not allowed for this person or role",
  429: "Too many requests for this token (see Retry-After)",
  404: "No such incident, item or route",
  409: "Conflicts with the incident's current state or version",
  413: "The body or a text field is too large",
  415: "The body is not application/json",
  422: "Understood but refused (e.g. an idempotency key reused for another request)",
  503: "The store is unavailable",
};

const HEADER_PARAMETERS: Record<HeaderParam, JsonSchema> = {
  WarroomActor: {
    name: ACTOR_HEADER,
    in: "header",
    required: false,
    description:
      "Signed in, the token's person acts and this header is only for an admin acting for someone else; with auth off it is required: the handle of the person acting, e.g. sarah-db (percent-encode non-ASCII letters)",
    schema: { type: "string", minLength: 1, maxLength: 300 },
  },
  IfMatch: {
    name: IF_MATCH_HEADER,
    in: "header",
    required: false,
    description: 'Refuse with 409 stream.version_conflict unless the incident is at this version: 7 or the ETag "7"',
    schema: { type: "string", pattern: '^(\\*|"\\d+"|\\d+)$' },
  },
  IdempotencyKey: {
    name: IDEMPOTENCY_HEADER,
    in: "header",
    required: false,
    description: "A retried request with the same key returns the first result (duplicate: true) and appends nothing",
    schema: { type: "string", pattern: "^[\\x21-\\x7e]{1,255}$" },
  },
  Prefer: {
    name: "Prefer",
    in: "header",
    required: false,
    description:
      "`return=minimal`: answer with the incident id, its new version and the appended positions (MinimalCommandResult) instead of the whole incident",
    schema: { type: "string", examples: ["return=minimal"] },
  },
  IfNoneMatch: {
    name: "If-None-Match",
    in: "header",
    required: false,
    description: "Answer 304 when the incident is still at this ETag",
    schema: { type: "string" },
  },
  LastEventId: {
    name: "Last-Event-ID",
    in: "header",
    required: false,
    description: "Resume after this global position (sent by EventSource on reconnect); wins over ?after",
    schema: { type: "string", pattern: "^\\d+$" },
  },
};

const RESPONSE_HEADERS: Record<string, JsonSchema> = {
  ETag: { description: 'The incident version as a strong ETag, e.g. "7"', schema: { type: "string" } },
  Location: { description: "Where the new incident is", schema: { type: "string" } },
};

export function buildOpenApi(docs: readonly RouteDoc[]): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const doc of docs) {
    const path = doc.url.replace(/:([A-Za-z]+)/g, "{$1}");
    paths[path] ??= {};
    (paths[path] as Record<string, JsonSchema>)[doc.method.toLowerCase()] = operation(doc);
  }
  const commandComponents = Object.fromEntries(
    COMMAND_TYPES.map((type) => [commandComponentName(type), toJsonSchema(commandSchemas[type])]),
  );
  return {
    openapi: "3.1.0",
    info: {
      title: "Warroom API",
      version: "1",
      description:
        "Incident command over HTTP. Every error is application/problem+json with a closed `code`. " +
        "Every route but the public and signed ones needs a bearer token (x-warroom-access says the least role; see docs/permissions.md). " +
        "The token's person acts; the live stream is server-sent events and also takes ?access_token=.",
    },
    paths,
    components: {
      schemas: {
        ...COMPONENT_SCHEMAS,
        ...commandComponents,
        Command: {
          description: "Any incident command but declare, chosen by `type`",
          oneOf: COMMAND_TYPES.filter((t) => t !== "declare").map((t) => ref(commandComponentName(t))),
          discriminator: { propertyName: "type" },
        },
      },
      parameters: HEADER_PARAMETERS,
      securitySchemes: {
        bearerToken: {
          type: "http",
          scheme: "bearer",
          description: "An API token from `warroom token create`; see docs/permissions.md for what each role may do",
        },
      },
      responses: {
        Problem: {
          description: "An error: application/problem+json with the closed error code",
          content: { "application/problem+json": { schema: ref("Problem") } },
        },
      },
    },
  };
}

function operation(doc: RouteDoc): JsonSchema {
  const parameters: JsonSchema[] = [
    ...[...doc.url.matchAll(/:([A-Za-z]+)/g)].map((m) => ({
      name: m[1],
      in: "path",
      required: true,
      description: doc.params?.[m[1] as string] ?? (m[1] === "id" ? "Incident id: INC-7, inc-7 or 7" : undefined),
      schema: { type: "string" },
    })),
    ...queryParameters(doc),
    ...(doc.headers ?? []).map((h) => ({ $ref: `#/components/parameters/${h}` })),
  ];
  const success = doc.response;
  const contentType = success.contentType ?? "application/json";
  const responses: Record<string, JsonSchema> = {
    [String(success.status)]: {
      description: success.description,
      ...(success.headers
        ? { headers: Object.fromEntries(success.headers.map((h) => [h, RESPONSE_HEADERS[h] ?? { schema: {} }])) }
        : {}),
      content: { [contentType]: { schema: success.schema ?? { type: "string" } } },
    },
  };
  if (doc.headers?.includes("IfNoneMatch")) responses["304"] = { description: "Not modified since that ETag" };
  // Every token-checked route may refuse the token (401), the role (403) or the rate (429).
  const signedIn = doc.access !== "public" && doc.access !== "signed";
  for (const status of [...new Set([...doc.errors, ...(signedIn ? [401, 403, 429] : [])])].sort()) {
    responses[String(status)] = {
      description: STATUS_TEXT[status] ?? "Error",
      content: { "application/problem+json": { schema: ref("Problem") } },
    };
  }
  responses.default = { $ref: "#/components/responses/Problem" };
  return {
    operationId: doc.operationId,
    summary: doc.summary,
    ...(doc.description ? { description: doc.description } : {}),
    tags: [doc.tag],
    "x-warroom-access": doc.access,
    // A token-checked route needs a bearer token; public and signed routes need none.
    security: doc.access === "public" || doc.access === "signed" ? [] : [{ bearerToken: [] }],
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(doc.body
      ? { requestBody: { required: doc.body.required, content: { "application/json": { schema: doc.body.schema } } } }
      : {}),
    responses,
  };
}

function queryParameters(doc: RouteDoc): JsonSchema[] {
  if (!doc.query) return [];
  const schema = toJsonSchema(doc.query);
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = (schema.required as string[] | undefined) ?? [];
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: "query",
    required: required.includes(name),
    schema: property,
  }));
}
