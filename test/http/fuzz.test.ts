/**
 * Random JSON bodies to random command routes (fast-check): the answer is always 2xx
 * or 4xx, never 5xx; every 4xx is problem+json with a known code whose status comes
 * from the error table; and a refused request leaves the store exactly as it was.
 *
 * Then hostile input to EVERY route with auth on (test/auth/hostile.ts builds requests
 * that must be refused): over 10,000 requests, most through `inject` (the whole Fastify
 * pipeline without a socket, for speed) and several hundred over a real socket (invalid
 * UTF-8, oversized and deeply nested bodies among them). Every one must be a 4xx
 * problem+json naming what was wrong, and the event log must be unchanged afterwards:
 * the same head position and the same events, byte for byte.
 */
import fc from "fast-check";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ERROR_TABLE } from "../../src/app/error-table.js";
import { ERROR_CODES, type ErrorCode } from "../../src/domain/shared/errors.js";
import { COMMAND_ROUTE_LIST } from "../../src/http/command-routes.js";
import { type AuthApp, startAuthApp } from "../auth/helpers.js";
import { type HostileRequest, hostileRequestFor, type RouteInfo } from "../auth/hostile.js";
import { declare, ok, post, startTestApp, type TestApp } from "./helpers.js";

let t: TestApp;
let id: string;
const outcomes = new Map<string, number>();
beforeAll(async () => {
  t = await startTestApp();
  id = await declare(t.http);
  ok(await post(t.http, `/api/incidents/${id}/roles`, { role: "tech-lead", person: "bob" }));
  ok(await post(t.http, `/api/incidents/${id}/options`, { title: "Roll back" }));
  ok(await post(t.http, `/api/incidents/${id}/tasks`, { title: "Check", assignee: "dave" }));
});
afterAll(async () => {
  await t.close();
});

const FIELDS = [
  "type",
  "title",
  "severity",
  "reason",
  "role",
  "person",
  "to",
  "status",
  "text",
  "channel",
  "minutes",
  "followSeverity",
  "audience",
  "nextUpdateAt",
  "name",
  "lead",
  "goal",
  "timeboxMinutes",
  "assignee",
  "kind",
  "chosen",
  "rationale",
  "consulted",
  "attributes",
  "owner",
  "dueDate",
  "horizon",
  "summary",
  "taskId",
  "actionId",
  "workstreamId",
  "__proto__",
  "constructor",
];

const plausible = fc.constantFrom(
  "SEV-1",
  "SEV-5",
  "tech-lead",
  "incident-commander",
  "wizard",
  "bob",
  "alice",
  "someone",
  "A",
  "Z",
  "T1",
  "W1",
  "AI-1",
  "technical",
  "trade-off",
  "tech",
  "executive",
  "identified",
  "resolved",
  "2026-03-01T10:30:00Z",
  "",
  "  ",
  "x".repeat(70_000),
);
const value = fc.oneof(
  plausible,
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.oneof(plausible, fc.string()), { maxLength: 3 }),
  fc.jsonValue({ maxDepth: 2 }),
);
const commandLike = fc.dictionary(fc.oneof(fc.constantFrom(...FIELDS), fc.string()), value, { maxKeys: 6 });

/** A valid body per command, which the fuzzer then breaks: keys dropped, values replaced, keys added. */
const TEMPLATES: Record<string, Record<string, unknown>> = {
  declare: { title: "Fuzzed", severity: "SEV-3" },
  "change-severity": { severity: "SEV-1", reason: "worse" },
  "assign-role": { role: "deputy", person: "erin" },
  "release-role": { reason: "done" },
  "hand-over-role": { to: "erin", briefing: "all yours" },
  "change-status": { status: "identified" },
  "add-note": { text: "a note", channel: "tech" },
  "set-cadence": { minutes: 5 },
  "publish-update": { audience: "team", text: "an update" },
  "start-workstream": { name: "DB", lead: "frank", goal: "find it" },
  "close-workstream": { outcome: "found" },
  "assign-task": { title: "Check", assignee: "dave" },
  "acknowledge-task": {},
  "complete-task": { outcome: "ok" },
  "cancel-task": { reason: "moot" },
  "propose-option": { title: "Fail over", attributes: { risk: "high" } },
  "record-decision": { kind: "technical", chosen: ["A"], rationale: "fast" },
  "add-action-item": { title: "Index", owner: "frank" },
  "complete-action-item": {},
  resolve: { summary: "fixed" },
  reopen: { reason: "back" },
};

const mutated = (template: Record<string, unknown>) =>
  fc
    .record({
      drop: fc.oneof(
        { weight: 3, arbitrary: fc.constant<string[]>([]) },
        { weight: 1, arbitrary: fc.subarray(Object.keys(template)) },
      ),
      replace: fc.oneof(
        { weight: 1, arbitrary: fc.constant<Record<string, unknown>>({}) },
        {
          weight: 1,
          arbitrary: fc.dictionary(fc.constantFrom(...Object.keys(template), "type"), value, { maxKeys: 2 }),
        },
      ),
      extra: fc.oneof(
        { weight: 3, arbitrary: fc.constant<Record<string, unknown>>({}) },
        { weight: 1, arbitrary: commandLike },
      ),
    })
    .map(({ drop, replace, extra }) => {
      const out: Record<string, unknown> = { ...extra };
      for (const [k, v] of Object.entries(template)) if (!drop.includes(k)) out[k] = v;
      return { ...out, ...replace };
    });

type Body = { json: unknown } | { raw: string };
const bodyFor = (type: string): fc.Arbitrary<Body> =>
  fc.oneof(
    { weight: 6, arbitrary: mutated(TEMPLATES[type] ?? {}).map((json) => ({ json })) },
    { weight: 2, arbitrary: commandLike.map((json) => ({ json })) },
    { weight: 1, arbitrary: fc.jsonValue().map((json) => ({ json })) },
    { weight: 1, arbitrary: fc.string().map((raw) => ({ raw })) },
  );

const pathValue = fc.oneof(
  fc.constantFrom("T1", "W1", "AI-1", "A", "tech-lead", "scribe"),
  fc.string({ minLength: 1 }),
);
const route = fc.oneof(
  fc
    .constantFrom(...COMMAND_ROUTE_LIST)
    .chain((r) =>
      fc
        .tuple(fc.tuple(...r.params.map(() => pathValue)), bodyFor(r.type))
        .map(([values, body]) => ({ url: r.url, values: values as string[], body })),
    ),
  fc
    .tuple(fc.constantFrom(...Object.keys(TEMPLATES).filter((k) => k !== "declare")), fc.boolean())
    .chain(([type, typed]) =>
      bodyFor(type).map((body) => ({
        url: "/api/incidents/:id/commands",
        values: [] as string[],
        body: typed && "json" in body && isObject(body.json) ? { json: { type, ...body.json } } : body,
      })),
    ),
  bodyFor("declare").map((body) => ({ url: "/api/incidents", values: [] as string[], body })),
);
const incidentId = fc.oneof(
  { weight: 8, arbitrary: fc.constant("") },
  { weight: 1, arbitrary: fc.string({ minLength: 1 }) },
);
const headerText = fc.stringMatching(/^[\x20-\x7e]{0,24}$/);
const absent = fc.constant(undefined);
const headers = fc.record({
  actor: fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom("alice", "bob", "dave", "@carol") },
    { weight: 1, arbitrary: headerText },
    { weight: 1, arbitrary: absent },
  ),
  ifMatch: fc.oneof(
    { weight: 6, arbitrary: absent },
    { weight: 1, arbitrary: fc.nat(40).map(String) },
    { weight: 1, arbitrary: headerText },
  ),
  idempotencyKey: fc.oneof(
    { weight: 4, arbitrary: absent },
    { weight: 1, arbitrary: fc.constantFrom("k1", "k2", "k3") },
    { weight: 1, arbitrary: headerText },
  ),
});

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function expectSafe(response: LightMyRequestResponse, before: number, after: number): void {
  expect(response.statusCode, response.body).toBeLessThan(500);
  expect(response.statusCode).toBeGreaterThanOrEqual(200);
  if (response.statusCode >= 400) {
    expect(response.headers["content-type"]).toMatch(/^application\/problem\+json/);
    const problem = response.json() as { code: ErrorCode; status: number; type: string };
    expect(ERROR_CODES).toContain(problem.code);
    expect(problem.status).toBe(response.statusCode);
    expect(ERROR_TABLE[problem.code].http).toBe(response.statusCode);
    expect(problem.type).toBe(`urn:warroom:error:${problem.code}`);
    expect(after, `a refused request (${problem.code}) changed the store`).toBe(before);
    outcomes.set(problem.code, (outcomes.get(problem.code) ?? 0) + 1);
  } else {
    outcomes.set("2xx", (outcomes.get("2xx") ?? 0) + 1);
  }
}

describe("fuzzing the command routes", () => {
  it("random bodies and headers: 2xx or problem+json 4xx, store unchanged on 4xx", async () => {
    await fc.assert(
      fc.asyncProperty(route, incidentId, headers, async (r, incident, h) => {
        const b = r.body;
        let index = 0;
        const url = r.url
          .replace(":id", encodeURIComponent(incident || id))
          .replace(/:[A-Za-z]+/g, () => encodeURIComponent(r.values[index++] ?? "x"));
        const before = await t.head();
        const response = await t.http.inject({
          method: "POST",
          url,
          headers: {
            "content-type": "application/json",
            ...(h.actor === undefined ? {} : { "warroom-actor": h.actor }),
            ...(h.ifMatch === undefined ? {} : { "if-match": h.ifMatch }),
            ...(h.idempotencyKey === undefined ? {} : { "idempotency-key": h.idempotencyKey }),
          },
          payload: "raw" in b ? b.raw : JSON.stringify(b.json),
        });
        expectSafe(response, before, await t.head());
      }),
      { numRuns: 500 },
    );
    // The fuzzer reached deep enough to be refused by the domain, not only by the edge.
    const codes = [...outcomes.keys()];
    expect(codes).toContain("validation.failed");
    expect(codes).toContain("2xx");
    const domain = codes.filter((c) => !/^(validation|request|actor)\./.test(c) && c !== "2xx");
    expect(domain.length, `domain refusals seen: ${domain.join(", ")}`).toBeGreaterThanOrEqual(5);
  });

  it("random query strings on the read routes are answered, never with a 5xx", async () => {
    const paths = ["/api/incidents", `/api/incidents/${id}/timeline`, "/api/tasks", "/api/action-items"];
    const key = fc.oneof(
      fc.constantFrom("status", "severity", "mode", "channel", "type", "afterVersion", "limit", "assignee", "owner"),
      fc.stringMatching(/^[a-z]{1,8}$/),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...paths),
        fc.array(fc.tuple(key, fc.string()), { maxLength: 4 }),
        async (p, q) => {
          const query = new URLSearchParams(q).toString();
          const before = await t.head();
          const response = await t.http.inject({ method: "GET", url: query ? `${p}?${query}` : p });
          expectSafe(response, before, await t.head());
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("hostile input to every route, auth on", () => {
  let h: AuthApp;
  let routes: RouteInfo[];
  let incidentId: string;
  const seen = new Map<string, number>();

  beforeAll(async () => {
    h = await startAuthApp();
    const declared = await h.call("POST", "/api/incidents", {
      token: h.tokens.commander,
      body: { title: "Under attack", severity: "SEV-2" },
    });
    incidentId = declared.body.incident.id;
    await h.call("POST", `/api/incidents/${incidentId}/tasks`, {
      token: h.tokens.commander,
      body: { title: "Look", assignee: "responder-person" },
    });
    // Every token used once now: its first use is logged (later uses within minutes are not).
    for (const token of Object.values(h.tokens)) await h.call("GET", "/api/me", { token });
    const openapi = await h.call("GET", "/openapi.json", { token: h.tokens.viewer });
    routes = [];
    for (const [path, ops] of Object.entries(openapi.body.paths as Record<string, Record<string, Json>>)) {
      for (const [method, op] of Object.entries(ops)) {
        const parameters = (op.parameters ?? []) as { in: string }[];
        const content = Object.values((op.responses as Record<string, { content?: object }>) ?? {}).flatMap((r) =>
          Object.keys(r.content ?? {}),
        );
        routes.push({
          method: method.toUpperCase(),
          path,
          access: String(op["x-warroom-access"]),
          hasQuery: parameters.some((p) => p.in === "query"),
          hasBody: op.requestBody !== undefined,
          streaming: content.includes("text/event-stream"),
        });
      }
    }
  });
  afterAll(async () => {
    await h.close();
  });

  /** Public routes that take no input at all (no parameters, query or body) cannot be given a bad one. */
  const inputless = (r: RouteInfo) => r.access === "public" && !r.hasQuery && !r.hasBody && !/[{*]/.test(r.path);

  function check(request: HostileRequest, status: number, contentType: string, text: string): void {
    const label = `${request.kind} ${request.method} ${request.url.slice(0, 120)}: ${status} ${text.slice(0, 300)}`;
    // A public page (the status page) may render for any service name it is given: never a 5xx, never an error
    // that is not problem+json, and (checked at the end) never a write.
    if (request.isPublic && status < 400) {
      expect(status, label).toBeLessThan(400);
      seen.set(`${request.kind} → public page`, (seen.get(`${request.kind} → public page`) ?? 0) + 1);
      return;
    }
    expect(status, label).toBeGreaterThanOrEqual(400);
    expect(status, label).toBeLessThan(500);
    expect(contentType, label).toMatch(/^application\/problem\+json/);
    const problem = JSON.parse(text) as { code: ErrorCode; status: number; detail: string; errors: unknown[] };
    expect(ERROR_CODES, label).toContain(problem.code);
    expect(ERROR_TABLE[problem.code].http, label).toBe(status);
    expect(problem.detail.length, label).toBeGreaterThan(0);
    if (problem.code === "validation.failed") expect(problem.errors.length, label).toBeGreaterThan(0);
    seen.set(`${request.kind} → ${problem.code}`, (seen.get(`${request.kind} → ${problem.code}`) ?? 0) + 1);
  }

  async function dump(): Promise<string> {
    return JSON.stringify(await h.app.store.readAll(0, 10_000));
  }

  it("refuses 10,000+ hostile requests with a 4xx problem naming what was wrong, and writes nothing", async () => {
    const headBefore = await h.app.store.headPosition();
    const logBefore = await dump();
    const targets = routes.filter((r) => !inputless(r));
    expect(targets.length).toBeGreaterThan(60);
    const fixture = () => ({ incidentId, revoked: h.revoked, tokens: h.tokens });
    const anyRequest = fc.constantFrom(...targets).chain((route) => hostileRequestFor(route, fixture()));
    let injected = 0;
    await fc.assert(
      fc.asyncProperty(anyRequest, async (request) => {
        const response = await h.http.inject({
          method: request.method as "GET",
          url: request.url,
          headers: request.headers,
          ...(request.payload === undefined ? {} : { payload: request.payload }),
        });
        injected++;
        check(request, response.statusCode, String(response.headers["content-type"] ?? ""), response.body);
      }),
      { numRuns: 9_600 },
    );
    // Every route at least a few times, whatever the random draw gave.
    for (const route of targets) {
      await fc.assert(
        fc.asyncProperty(hostileRequestFor(route, fixture()), async (request) => {
          const response = await h.http.inject({
            method: request.method as "GET",
            url: request.url,
            headers: request.headers,
            ...(request.payload === undefined ? {} : { payload: request.payload }),
          });
          injected++;
          check(request, response.statusCode, String(response.headers["content-type"] ?? ""), response.body);
        }),
        { numRuns: 5 },
      );
    }
    // Over a real socket: a sample of everything, plus bodies over the limit.
    let socketed = 0;
    const overSocket = async (request: HostileRequest) => {
      const controller = new AbortController();
      const response = await fetch(`${h.url}${request.url}`, {
        method: request.method,
        headers: request.headers,
        ...(request.payload === undefined || request.method === "GET" ? {} : { body: request.payload }),
        signal: controller.signal,
      });
      socketed++;
      check(request, response.status, response.headers.get("content-type") ?? "", await response.text());
    };
    await fc.assert(fc.asyncProperty(anyRequest, overSocket), { numRuns: 500 });
    const bodyRoutes = targets.filter((r) => r.hasBody);
    for (const route of bodyRoutes.slice(0, 40)) {
      await overSocket({
        kind: "too-large",
        method: route.method,
        url: route.path.replace(/\{[A-Za-z]+\}/g, incidentId),
        headers: { authorization: `Bearer ${h.tokens.admin}`, "content-type": "application/json" },
        payload: JSON.stringify({ title: "x".repeat(300 * 1024) }),
      });
    }
    const total = injected + socketed;
    expect(total).toBeGreaterThanOrEqual(10_000);
    expect(socketed).toBeGreaterThanOrEqual(500);
    expect(await h.app.store.headPosition()).toBe(headBefore);
    expect(await dump()).toBe(logBefore);
    // The generator reached every kind of refusal.
    const kinds = new Set([...seen.keys()].map((k) => k.split(" → ")[1]));
    for (const code of [
      "auth.missing_token",
      "auth.invalid_token",
      "auth.forbidden",
      "request.malformed_json",
      "validation.failed",
      "incident.not_found",
      "request.unsupported_media_type",
      "request.too_large",
    ]) {
      expect(kinds, [...seen].map(([k, n]) => `${k}: ${n}`).join("\n")).toContain(code);
    }
  }, 600_000);
});
