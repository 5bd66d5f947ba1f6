/**
 * `GET /api/search` over HTTP: the answer's shape, query-string parsing (`limit` as text,
 * repeated or unknown parameters), and a 400 problem naming the parameter for bad input.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectProblem, get, ok, post, startTestApp, type TestApp } from "./helpers.js";

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
  ok(await post(t.http, "/api/incidents", { title: "Login errors", severity: "SEV-2" }), 201);
  for (const text of ["token service 503s", "token cache flushed", "login works again"]) {
    ok(await post(t.http, "/api/incidents/INC-1/notes", { text, channel: "tech" }));
  }
});
afterAll(async () => {
  await t.close();
});

describe("GET /api/search", () => {
  it("answers the hits newest first, with the terms it searched for", async () => {
    const answer = ok(await get(t.http, "/api/search?q=Token&limit=1"));
    expect(answer).toMatchObject({ query: "Token", terms: ["token"], truncated: true });
    expect(answer.hits).toEqual([
      expect.objectContaining({
        incidentId: "INC-1",
        incidentTitle: "Login errors",
        type: "NoteAdded",
        channel: "tech",
        field: "text",
        snippet: "token cache flushed",
      }),
    ]);
    const all = ok(await get(t.http, "/api/search?q=token&status=open&mode=live"));
    expect((all.hits as { snippet: string }[]).map((h) => h.snippet)).toEqual([
      "token cache flushed",
      "token service 503s",
    ]);
  });

  it.each([
    ["/api/search", "q"],
    ["/api/search?q=", "q"],
    [`/api/search?q=${"x".repeat(201)}`, "q"],
    ["/api/search?q=x&limit=ten", "limit"],
    ["/api/search?q=x&limit=0", "limit"],
    ["/api/search?q=x&limit=501", "limit"],
    ["/api/search?q=x&status=closed", "status"],
    ["/api/search?q=x&q=y", "q"],
    ["/api/search?q=x&text=y", "text"],
  ])("refuses %s with a 400 naming %s, and appends nothing", async (url, field) => {
    const head = await t.head();
    expectProblem(await get(t.http, url), "validation.failed", field);
    expect(await t.head()).toBe(head);
  });
});
