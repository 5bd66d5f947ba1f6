/**
 * Bad input, one row each: the right problem+json (status and code from the one error
 * table), an `errors` entry naming the field, and the store's head position unchanged.
 */
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ErrorCode } from "../../src/domain/shared/errors.js";
import { declare, expectProblem, ok, post, startTestApp, type TestApp } from "./helpers.js";

let t: TestApp;
let id: string;
beforeAll(async () => {
  t = await startTestApp();
  id = await declare(t.http);
  ok(await post(t.http, `/api/incidents/${id}/roles`, { role: "tech-lead", person: "bob" }));
  ok(await post(t.http, `/api/incidents/${id}/options`, { title: "Roll back" }));
});
afterAll(async () => {
  await t.close();
});

type Send = () => Promise<LightMyRequestResponse>;
interface Row {
  name: string;
  send: Send;
  code: ErrorCode;
  field?: string;
  /** Words the human-readable detail must contain. */
  detail?: string[];
}

const notes = () => `/api/incidents/${id}/notes`;
const raw = (url: string, payload: string | Buffer, headers: Record<string, string>) => () =>
  t.http.inject({ method: "POST", url, payload, headers: { "warroom-actor": "alice", ...headers } });

const ROWS: Row[] = [
  {
    name: "unknown incident",
    send: () => post(t.http, "/api/incidents/INC-999/notes", { text: "hello" }),
    code: "incident.not_found",
    field: "incidentId",
    detail: ["INC-999"],
  },
  {
    name: "unknown incident (GET)",
    send: () => t.http.inject({ method: "GET", url: "/api/incidents/INC-999" }),
    code: "incident.not_found",
    field: "incidentId",
  },
  {
    name: "unknown incident (timeline)",
    send: () => t.http.inject({ method: "GET", url: "/api/incidents/INC-999/timeline" }),
    code: "incident.not_found",
  },
  {
    name: "invalid severity on declare",
    send: () => post(t.http, "/api/incidents", { title: "x", severity: "SEV-9" }),
    code: "validation.failed",
    field: "severity",
    detail: ["severity", "SEV-1"],
  },
  {
    name: "invalid severity on change",
    send: () => post(t.http, `/api/incidents/${id}/severity`, { severity: "critical", reason: "worse" }),
    code: "validation.failed",
    field: "severity",
    detail: ["severity"],
  },
  {
    name: "unknown role",
    send: () => post(t.http, `/api/incidents/${id}/roles`, { role: "wizard", person: "bob" }),
    code: "role.unknown",
    field: "role",
    detail: ["wizard"],
  },
  {
    name: "unknown role in the path",
    send: () => post(t.http, `/api/incidents/${id}/roles/wizard/release`, {}),
    code: "role.unknown",
    field: "role",
  },
  { name: "empty text", send: () => post(t.http, notes(), { text: "   " }), code: "text.empty", field: "text" },
  {
    name: "missing text",
    send: () => post(t.http, notes(), { channel: "tech" }),
    code: "validation.failed",
    field: "text",
    detail: ["text"],
  },
  {
    name: "64 KiB + 1 of text",
    send: () => post(t.http, notes(), { text: "x".repeat(64 * 1024 + 1) }),
    code: "text.too_long",
    field: "text",
    detail: ["65537", "65536"],
  },
  {
    name: "64 KiB + 1 bytes of multi-byte text",
    send: () => post(t.http, `/api/incidents/${id}/resolve`, { summary: `${"é".repeat(32 * 1024)}x` }),
    code: "text.too_long",
    field: "summary",
  },
  {
    name: "body over the limit",
    send: () => post(t.http, notes(), { text: "x".repeat(300 * 1024) }),
    code: "request.too_large",
    detail: ["262144"],
  },
  {
    name: "malformed JSON",
    send: raw(notes(), '{"text": "unterminated', { "content-type": "application/json" }),
    code: "request.malformed_json",
    field: "(body)",
  },
  {
    name: "prototype poisoning",
    send: raw(notes(), '{"text": "x", "__proto__": {"admin": true}}', { "content-type": "application/json" }),
    code: "request.malformed_json",
  },
  {
    name: "body is an array",
    send: () => post(t.http, notes(), [{ text: "x" }]),
    code: "validation.failed",
    field: "(body)",
  },
  { name: "body is null", send: () => post(t.http, notes(), "null"), code: "validation.failed", field: "(body)" },
  {
    name: "wrong content type (text/plain)",
    send: raw(notes(), '{"text": "x"}', { "content-type": "text/plain" }),
    code: "request.unsupported_media_type",
    field: "Content-Type",
  },
  {
    name: "wrong content type (form)",
    send: raw(notes(), "text=x", { "content-type": "application/x-www-form-urlencoded" }),
    code: "request.unsupported_media_type",
  },
  {
    name: "body without a content type",
    send: raw(notes(), '{"text": "x"}', {}),
    code: "request.unsupported_media_type",
  },
  {
    name: "missing actor",
    send: () => post(t.http, notes(), { text: "hello" }, {}, null),
    code: "actor.missing",
    field: "Warroom-Actor",
    detail: ["Warroom-Actor"],
  },
  {
    name: "missing actor beats a bad body",
    send: () => post(t.http, "/api/incidents", { severity: "nope" }, {}, null),
    code: "actor.missing",
    field: "Warroom-Actor",
  },
  { name: "blank actor", send: () => post(t.http, notes(), { text: "hello" }, {}, "   "), code: "actor.missing" },
  {
    name: "actor that is not a handle",
    send: () => post(t.http, notes(), { text: "hello" }, {}, "Alice Smith"),
    code: "actor.missing",
    field: "actor",
  },
  {
    name: "technical decision by someone other than the Tech Lead",
    send: () => post(t.http, `/api/incidents/${id}/decisions`, { kind: "technical", chosen: ["A"], rationale: "fast" }),
    code: "decision.not_authorised",
    field: "actor",
    detail: ["bob"],
  },
  {
    name: "decision for an option that does not exist",
    send: () =>
      post(t.http, `/api/incidents/${id}/decisions`, { kind: "technical", chosen: ["Z"], rationale: "x" }, {}, "bob"),
    code: "option.not_found",
    field: "chosen",
  },
  {
    name: "task for nobody in particular",
    send: () => post(t.http, `/api/incidents/${id}/tasks`, { title: "Check logs", assignee: "someone" }),
    code: "task.unassigned",
    field: "assignee",
  },
  {
    name: "unknown task",
    send: () => post(t.http, `/api/incidents/${id}/tasks/T99/ack`),
    code: "task.not_found",
    field: "taskId",
  },
  {
    name: "unknown command type",
    send: () => post(t.http, `/api/incidents/${id}/commands`, { type: "launch-missiles" }),
    code: "validation.failed",
    field: "type",
    detail: ["type"],
  },
  {
    name: "declare through the generic route",
    send: () => post(t.http, `/api/incidents/${id}/commands`, { type: "declare", title: "x", severity: "SEV-1" }),
    code: "validation.failed",
    field: "type",
  },
  {
    name: "wrong type of field",
    send: () => post(t.http, `/api/incidents/${id}/cadence`, { minutes: "ten" }),
    code: "validation.failed",
    field: "minutes",
    detail: ["minutes"],
  },
  {
    name: "bad incident list status",
    send: () => t.http.inject({ method: "GET", url: "/api/incidents?status=closed" }),
    code: "validation.failed",
    field: "status",
    detail: ["status", "open, resolved, all"],
  },
  {
    name: "unknown query parameter",
    send: () => t.http.inject({ method: "GET", url: "/api/incidents?sevrity=SEV-1" }),
    code: "validation.failed",
    field: "sevrity",
    detail: ["sevrity"],
  },
  {
    name: "timeline limit 0",
    send: () => t.http.inject({ method: "GET", url: `/api/incidents/${id}/timeline?limit=0` }),
    code: "validation.failed",
    field: "limit",
    detail: ["limit"],
  },
  {
    name: "timeline limit not a number",
    send: () => t.http.inject({ method: "GET", url: `/api/incidents/${id}/timeline?limit=ten` }),
    code: "validation.failed",
    field: "limit",
    detail: ["limit"],
  },
  {
    name: "timeline unknown event type",
    send: () => t.http.inject({ method: "GET", url: `/api/incidents/${id}/timeline?type=NoteAdded,Nope` }),
    code: "validation.failed",
    detail: ["type"],
  },
  {
    name: "stream after -1",
    send: () => t.http.inject({ method: "GET", url: "/api/stream?after=-1" }),
    code: "validation.failed",
    field: "after",
    detail: ["after"],
  },
  {
    name: "stream Last-Event-ID not a number",
    send: () => t.http.inject({ method: "GET", url: "/api/stream", headers: { "last-event-id": "abc" } }),
    code: "validation.failed",
    field: "Last-Event-ID",
    detail: ["Last-Event-ID"],
  },
  {
    name: "stream of an unknown incident",
    send: () => t.http.inject({ method: "GET", url: "/api/incidents/INC-404/stream" }),
    code: "incident.not_found",
  },
  {
    name: "unknown route",
    send: () => t.http.inject({ method: "GET", url: "/api/nothing-here" }),
    code: "route.not_found",
    detail: ["/api/nothing-here"],
  },
  {
    name: "wrong method",
    send: () => t.http.inject({ method: "DELETE", url: `/api/incidents/${id}` }),
    code: "route.not_found",
  },
];

describe("bad input", () => {
  it.each(ROWS)("$name → $code", async (row) => {
    const before = await t.head();
    const response = await row.send();
    const problem = expectProblem(response, row.code, row.field);
    for (const word of row.detail ?? []) expect(problem.detail).toContain(word);
    expect(await t.head()).toBe(before);
  });

  it("never leaks a stack trace, and refusals leave the incident as it was", async () => {
    const before = await t.http.inject({ method: "GET", url: `/api/incidents/${id}` });
    for (const row of ROWS) {
      const response = await row.send();
      expect(response.body).not.toMatch(/at .+\.(ts|js):\d+/);
    }
    const after = await t.http.inject({ method: "GET", url: `/api/incidents/${id}` });
    expect(after.headers.etag).toBe(before.headers.etag);
    const strip = (body: string) => ({ ...JSON.parse(body), now: null, elapsedSeconds: null });
    expect(strip(after.body)).toEqual(strip(before.body));
  });
});
