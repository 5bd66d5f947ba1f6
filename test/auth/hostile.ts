/**
 * Hostile requests for every route, each built so that it must be refused: a bad or
 * missing token, a role below the route's, an id that names nothing, a body that is not
 * JSON, not UTF-8, not an object, too deep, too large or full of wrong types, an unknown
 * query parameter, a wrong content type. fast-check generates them; test/http/fuzz.test.ts
 * sends them and checks every answer.
 */
import fc from "fast-check";
import type { Role } from "../../src/domain/people/roles.js";

export interface RouteInfo {
  method: string;
  /** OpenAPI form: `/api/incidents/{id}`. */
  path: string;
  access: string;
  hasQuery: boolean;
  hasBody: boolean;
  streaming: boolean;
}

export interface HostileRequest {
  kind: string;
  /** To a public route (no token). */
  isPublic?: boolean;
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
}

const RANK: Record<string, number> = { viewer: 0, responder: 1, commander: 2, admin: 3 };
const ROLE_ORDER: Role[] = ["viewer", "responder", "commander", "admin"];

/** Strings that have broken other servers: injections, traversal, markup, odd Unicode. */
export const INJECTIONS = [
  "' OR '1'='1",
  "1; DROP TABLE events; --",
  '"); db.dropDatabase(); //',
  "../../../../etc/passwd",
  "..%2F..%2Fetc%2Fpasswd",
  "<script>alert(1)</script>",
  "{{7*7}}",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a log4j-style injection, sent as literal text
  "${jndi:ldap://x/a}",
  "$(rm -rf /)",
  "%00",
  "\u0000",
  "\u202e\u0635",
  "𝕏".repeat(50),
  "__proto__",
  "constructor",
  "prototype",
  "a".repeat(250),
  " ",
  "INC-0",
  "INC-99999999",
  "-1",
  "1e309",
  "NaN",
  "null",
];

const printable = fc.stringMatching(/^[\x20-\x7e]{0,60}$/);
const hostileText = fc.oneof(fc.constantFrom(...INJECTIONS), fc.string({ maxLength: 40 }), printable);

/** A token header that is never valid: missing, malformed, unknown, revoked. */
export function badAuthorization(revoked: string): fc.Arbitrary<string | undefined> {
  return fc.oneof(
    fc.constant(undefined),
    fc.constant(`Bearer ${revoked}`),
    printable.map((s) => `Bearer ${s}`),
    printable,
    fc.stringMatching(/^[A-Za-z0-9_-]{43}$/).map((s) => `Bearer wrt_${s}`),
    fc.constantFrom("Bearer", "Bearer ", "bearer  x y", "Basic YWRtaW46YWRtaW4=", `Bearer ${"A".repeat(4000)}`),
  );
}

/** A value of a JSON type unlikely to fit the field, or hostile text. */
export const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.constantFrom("__proto__", "constructor", "a", "$where"), fc.jsonValue({ maxDepth: 1 }), {
    maxKeys: 2,
  }),
  hostileText,
);

const FIELD_NAMES = [
  "type",
  "title",
  "severity",
  "reason",
  "role",
  "person",
  "handle",
  "name",
  "to",
  "status",
  "text",
  "audience",
  "assignee",
  "summary",
  "chosen",
  "markdown",
  "people",
  "url",
  "scenario",
  "line",
];

function nested(depth: number): string {
  return `${'{"a":['.repeat(depth)}1${"]}".repeat(depth)}`;
}

/** Bodies that no route accepts. */
export const hostileBody: fc.Arbitrary<{ payload: string | Buffer; contentType: string; kind: string }> = fc.oneof(
  // Not JSON at all.
  fc
    .string({ minLength: 1, maxLength: 80 })
    .map((s) => ({ payload: `{${s}`, contentType: "application/json", kind: "not-json" })),
  // Not UTF-8: lone continuation bytes, an overlong slash, a truncated sequence.
  fc
    .tuple(fc.constantFrom([0xff], [0xc0, 0xaf], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0x80]), printable)
    .map(([bad, text]) => ({
      payload: Buffer.concat([
        Buffer.from(`{"title":"${text.replace(/["\\]/g, "")}`),
        Buffer.from(bad),
        Buffer.from('"}'),
      ]),
      contentType: "application/json",
      kind: "invalid-utf8",
    })),
  // JSON, but not an object.
  fc
    .oneof(
      fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }),
      fc.integer(),
      fc.string(),
      fc.constant(null),
      fc.boolean(),
    )
    .map((json) => ({ payload: JSON.stringify(json), contentType: "application/json", kind: "not-object" })),
  // Deeply nested.
  fc
    .integer({ min: 200, max: 20_000 })
    .map((depth) => ({ payload: nested(depth), contentType: "application/json", kind: "deep" })),
  // Wrong types for every field we know of, and an unknown field.
  fc
    .tuple(
      fc.uniqueArray(fc.constantFrom(...FIELD_NAMES), { minLength: 1, maxLength: 6 }),
      fc.array(wrongValue, { minLength: 6, maxLength: 6 }),
      hostileText,
    )
    .map(([names, values, extra]) => {
      const body: Record<string, unknown> = { [`nx_${extra}`]: values[0] };
      names.forEach((name, i) => {
        body[name] = values[i] ?? 1;
      });
      return { payload: JSON.stringify(body), contentType: "application/json", kind: "wrong-types" };
    }),
  // Not sent as JSON.
  fc
    .tuple(
      fc.constantFrom("text/plain", "application/xml", "multipart/form-data; boundary=x", "application/json-patch"),
      printable,
    )
    .map(([contentType, text]) => ({ payload: text || "x", contentType, kind: "media-type" })),
);

/** A path with every parameter filled: `{id}` with the real incident, others with `other`. */
export function fill(path: string, id: string, other: (name: string) => string): string {
  return path
    .replace(/\{([A-Za-z]+)\}/g, (_m, name: string) =>
      name === "id" ? encodeURIComponent(id) : encodeURIComponent(other(name)),
    )
    .replace("*", encodeURIComponent(other("file")));
}

export interface Fixture {
  incidentId: string;
  revoked: string;
  tokens: Record<Role, string>;
}

/** One hostile request for the route. */
export function hostileRequestFor(route: RouteInfo, fx: Fixture): fc.Arbitrary<HostileRequest> {
  const options: fc.Arbitrary<HostileRequest>[] = [];
  const tokenChecked = route.access !== "public" && route.access !== "signed";
  const admin = { authorization: `Bearer ${fx.tokens.admin}` };
  const base = (kind: string, url: string, headers: Record<string, string>): HostileRequest => ({
    kind,
    ...(route.access === "public" ? { isPublic: true } : {}),
    method: route.method,
    url,
    headers,
  });
  const plainUrl = fill(route.path, fx.incidentId, () => "nx-none");

  if (tokenChecked) {
    options.push(
      fc.tuple(badAuthorization(fx.revoked), fc.option(hostileBody)).map(([authorization, body]) => ({
        ...base("bad-token", plainUrl, authorization === undefined ? {} : { authorization }),
        ...(body && route.hasBody
          ? {
              payload: body.payload,
              headers: { ...(authorization === undefined ? {} : { authorization }), "content-type": body.contentType },
            }
          : {}),
      })),
    );
    const lower = ROLE_ORDER.filter((role) => (RANK[role] ?? 0) < (RANK[route.access] ?? 0));
    if (lower.length > 0) {
      options.push(
        fc.constantFrom(...lower).map((role) => ({
          ...base("low-role", plainUrl, {
            authorization: `Bearer ${fx.tokens[role]}`,
            "content-type": "application/json",
          }),
          ...(route.hasBody ? { payload: "{}" } : {}),
        })),
      );
    }
  }
  // Ids that name nothing (the prefix guarantees it), with hostile text in them.
  if (/\{|\*/.test(route.path)) {
    options.push(
      hostileText.map((text) => ({
        ...base(
          "bad-id",
          fill(route.path, `nx${text}`, () => `nx${text}`),
          { ...admin, "content-type": "application/json" },
        ),
        ...(route.hasBody ? { payload: "{}" } : {}),
      })),
    );
  }
  if (route.hasBody || route.method === "POST" || route.method === "PATCH") {
    options.push(
      hostileBody.map((body) => ({
        ...base(`body:${body.kind}`, plainUrl, { ...admin, "content-type": body.contentType }),
        payload: body.payload,
      })),
    );
  }
  if (route.hasQuery) {
    options.push(
      fc.tuple(fc.stringMatching(/^[a-z]{1,10}$/), hostileText).map(([key, value]) => ({
        ...base("query", `${plainUrl}?${new URLSearchParams({ [`nx_${key}`]: value }).toString()}`, admin),
      })),
    );
  }
  return options.length === 0 ? fc.constant(base("bad-id", plainUrl, admin)) : fc.oneof(...options);
}
