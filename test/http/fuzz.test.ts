/**
 * Random JSON bodies to random command routes (fast-check): the answer is always 2xx
 * or 4xx, never 5xx; every 4xx is problem+json with a known code whose status comes
 * from the error table; and a refused request leaves the store exactly as it was.
 */
import fc from "fast-check";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ERROR_TABLE } from "../../src/app/error-table.js";
import { ERROR_CODES, type ErrorCode } from "../../src/domain/shared/errors.js";
import { COMMAND_ROUTE_LIST } from "../../src/http/command-routes.js";
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
