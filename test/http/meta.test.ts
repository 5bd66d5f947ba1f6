/** /openapi.json, /healthz, /metrics and the home page. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMMAND_ROUTE_LIST } from "../../src/http/command-routes.js";
import { declare, get, type Json, ok, post, startTestApp, type TestApp } from "./helpers.js";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

const EXPECTED_ROUTES: [string, string][] = [
  ["GET", "/"],
  ["GET", "/assets/*"],
  ["GET", "/healthz"],
  ["GET", "/metrics"],
  ["GET", "/openapi.json"],
  ["GET", "/api/policy"],
  ["GET", "/api/incidents"],
  ["POST", "/api/incidents"],
  ["GET", "/api/incidents/:id"],
  ["GET", "/api/incidents/:id/timeline"],
  ["GET", "/api/tasks"],
  ["GET", "/api/action-items"],
  ["GET", "/api/search"],
  ["POST", "/api/incidents/:id/commands"],
  ["GET", "/api/stream"],
  ["GET", "/api/incidents/:id/stream"],
  ["GET", "/api/incidents/:id/updates/draft"],
  ["POST", "/api/lint"],
  ["GET", "/api/incidents/:id/postmortem/draft"],
  ["GET", "/api/incidents/:id/postmortem"],
  ["GET", "/api/incidents/:id/postmortem/agenda"],
  ["POST", "/api/postmortem/lint"],
  ["GET", "/api/incidents/:id/options/matrix"],
  ["GET", "/api/incidents/:id/decisions/:decisionId/record"],
  // People, tokens and members (test/auth covers what they do).
  ["GET", "/api/people"],
  ["GET", "/api/people/:handle"],
  ["POST", "/api/people"],
  ["POST", "/api/people/import"],
  ["PATCH", "/api/people/:handle"],
  ["DELETE", "/api/people/:handle"],
  ["GET", "/api/me"],
  ["GET", "/api/tokens"],
  ["POST", "/api/tokens"],
  ["POST", "/api/tokens/:tokenId/revoke"],
  ["GET", "/api/incidents/:id/members"],
  ["POST", "/api/incidents/:id/members"],
  ["POST", "/api/incidents/:id/members/remove"],
  // Alerts, webhooks and the status page (test/integrations covers what they do).
  ["POST", "/api/alerts/:receiver"],
  ["POST", "/api/webhooks"],
  ["GET", "/api/webhooks"],
  ["GET", "/api/webhooks/:id"],
  ["PATCH", "/api/webhooks/:id"],
  ["DELETE", "/api/webhooks/:id"],
  ["GET", "/api/webhooks/:id/deliveries"],
  ["POST", "/api/webhooks/:id/replay"],
  ["GET", "/status"],
  ["GET", "/status.json"],
  ["GET", "/status/feed.atom"],
  ["GET", "/status/:service"],
  ["GET", "/status/:service/feed.atom"],
  // Chat (test/chat covers what they do).
  ["POST", "/chat/slack/commands"],
  ["POST", "/chat/slack/interactions"],
  ["POST", "/chat/slack/events"],
  ["POST", "/chat/mattermost/commands"],
  // Training (test/training-http covers what they do).
  ["GET", "/api/scenarios"],
  ["GET", "/api/scenarios/:id"],
  ["POST", "/api/drills"],
  ["GET", "/api/drills"],
  ["GET", "/api/drills/:id"],
  ["POST", "/api/drills/:id/commands"],
  ["POST", "/api/drills/:id/clock"],
  ["GET", "/api/drills/:id/feed"],
  ["GET", "/api/drills/:id/stream"],
  ["POST", "/api/drills/:id/finish"],
  ["GET", "/api/drills/:id/report"],
  ["GET", "/api/trainees/:handle/history"],
  ["GET", "/api/trainees/:handle/certificates"],
  ["GET", "/api/certificates/:id"],
  // Triage (test/triage covers what they do).
  ["GET", "/api/triage"],
  ["POST", "/api/triage"],
  ...COMMAND_ROUTE_LIST.map((r): [string, string] => ["POST", r.url]),
];
const toOpenApi = (url: string) => url.replace(/:([A-Za-z]+)/g, "{$1}");

describe("GET /openapi.json", () => {
  let doc: Json;
  beforeAll(async () => {
    const response = await get(t.http, "/openapi.json");
    expect(response.headers["content-type"]).toMatch(/^application\/json/);
    doc = JSON.parse(response.body) as Json;
  });

  it("is OpenAPI 3.1.0 and lists every route, and every listed operation is a real route", () => {
    expect(doc.openapi).toBe("3.1.0");
    const paths = doc.paths as Record<string, Record<string, Json>>;
    const listed = Object.entries(paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(listed.sort()).toEqual(EXPECTED_ROUTES.map(([m, u]) => `${m} ${toOpenApi(u)}`).sort());
    for (const [method, url] of EXPECTED_ROUTES) {
      expect(t.http.hasRoute({ method: method as "GET" | "POST" | "PATCH" | "DELETE", url }), `${method} ${url}`).toBe(
        true,
      );
    }
    const operationIds = listed.map((key) => {
      const [m, p] = key.split(" ") as [string, string];
      return paths[p]?.[m.toLowerCase()]?.operationId;
    });
    expect(new Set(operationIds).size).toBe(listed.length);
  });

  it("every $ref resolves, and every operation documents the problem+json error", () => {
    const refs: string[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === "object") {
        for (const [k, v] of Object.entries(node)) {
          if (k === "$ref" && typeof v === "string") refs.push(v);
          else walk(v);
        }
      }
    };
    walk(doc);
    expect(refs.length).toBeGreaterThan(50);
    for (const ref of new Set(refs)) {
      const target = ref
        .replace(/^#\//, "")
        .split("/")
        .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], doc);
      expect(target, ref).toBeDefined();
    }
    for (const ops of Object.values(doc.paths as Record<string, Record<string, Json>>)) {
      for (const op of Object.values(ops)) {
        expect((op.responses as Json).default).toEqual({ $ref: "#/components/responses/Problem" });
      }
    }
    const problem = (doc.components as Record<string, Record<string, Json>>).schemas?.Problem as Json;
    expect(Object.keys(problem.properties as Json).sort()).toEqual([
      "code",
      "detail",
      "errors",
      "status",
      "title",
      "type",
    ]);
  });

  it("command bodies come from the zod schemas, without `type` or path fields on friendly routes", () => {
    const paths = doc.paths as Record<string, Record<string, Json>>;
    const body = (path: string) => {
      const requestBody = paths[path]?.post?.requestBody as Json | undefined;
      return (requestBody?.content as Record<string, Json> | undefined)?.["application/json"]?.schema as Json;
    };
    const assign = body("/api/incidents/{id}/roles");
    expect(assign.required).toEqual(["role", "person"]);
    expect(Object.keys(assign.properties as Json)).not.toContain("type");
    const done = body("/api/incidents/{id}/tasks/{taskId}/done");
    expect(Object.keys(done.properties as Json)).toEqual(["outcome"]);
    const declareBody = body("/api/incidents");
    expect((declareBody.properties as Record<string, Json>).severity?.enum).toEqual([
      "SEV-1",
      "SEV-2",
      "SEV-3",
      "SEV-4",
    ]);
    const ops = paths["/api/incidents/{id}/notes"]?.post as Json;
    const params = (ops.parameters as Json[]).map((p) => p.$ref ?? p.name);
    expect(params).toEqual([
      "id",
      "#/components/parameters/WarroomActor",
      "#/components/parameters/IfMatch",
      "#/components/parameters/IdempotencyKey",
      "#/components/parameters/Prefer",
    ]);
    const timeline = ((paths["/api/incidents/{id}/timeline"]?.get?.parameters ?? []) as Json[]).map((p) => p.name);
    expect(timeline).toEqual(["id", "channel", "type", "afterVersion", "limit"]);
  });
});

describe("GET /healthz and /metrics", () => {
  it("healthz answers with the head position", async () => {
    const before = ok(await get(t.http, "/healthz"));
    expect(before).toEqual({ status: "ok", position: await t.head() });
    await declare(t.http);
    expect(ok(await get(t.http, "/healthz"))).toEqual({ status: "ok", position: (before.position as number) + 1 });
  });

  it("metrics count HTTP requests by route template and status, and appends by event type", async () => {
    const id = await declare(t.http);
    const metric = async (name: string) => {
      const text = (await get(t.http, "/metrics")).body;
      const line = text.split("\n").find((l) => l.startsWith(name));
      return line ? Number(line.slice(name.length).trim()) : 0;
    };
    const okNotes = 'warroom_http_requests_total{method="POST",route="/api/incidents/:id/notes",status="200"}';
    const badNotes = 'warroom_http_requests_total{method="POST",route="/api/incidents/:id/notes",status="400"}';
    const appended = 'warroom_appended_events_total{type="NoteAdded"}';
    const [n0, b0, a0] = [await metric(okNotes), await metric(badNotes), await metric(appended)];
    ok(await post(t.http, `/api/incidents/${id}/notes`, { text: "one" }));
    ok(await post(t.http, `/api/incidents/${id}/notes`, { text: "two" }));
    await post(t.http, `/api/incidents/${id}/notes`, { text: "" });
    expect(await metric(okNotes)).toBe(n0 + 2);
    expect(await metric(badNotes)).toBe(b0 + 1);
    expect(await metric(appended)).toBe(a0 + 2);
    const text = (await get(t.http, "/metrics")).body;
    expect(text).toMatch(
      /warroom_http_request_duration_seconds_count\{method="POST",route="\/api\/incidents\/:id\/notes",status="200"\} \d+/,
    );
    expect(text).toContain("warroom_live_subscribers 0");
    expect(text).toContain("# TYPE warroom_http_requests_total counter");
    await get(t.http, `/no/such/${"x".repeat(20)}`);
    expect((await get(t.http, "/metrics")).body).toContain('route="(unmatched)",status="404"');
  });
});
