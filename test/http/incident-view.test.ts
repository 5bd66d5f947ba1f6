/**
 * `GET /api/incidents/{id}?timeline=false`: the incident without its timeline, for clients
 * that follow the live stream; its own ETag; bad values refused.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectProblem, get, ok, post, startTestApp, type TestApp } from "./helpers.js";

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
  ok(await post(t.http, "/api/incidents", { title: "Login errors", severity: "SEV-2" }), 201);
  for (let i = 0; i < 20; i++) ok(await post(t.http, "/api/incidents/INC-1/notes", { text: `note ${i}` }));
});
afterAll(async () => {
  await t.close();
});

describe("GET /api/incidents/{id}?timeline=false", () => {
  it("answers the same incident without the timeline, under its own ETag", async () => {
    const full = await get(t.http, "/api/incidents/INC-1");
    const view = await get(t.http, "/api/incidents/INC-1?timeline=false");
    const { timeline, ...rest } = ok(full);
    expect(timeline).toHaveLength(21);
    expect(ok(view)).toEqual(rest);
    expect(view.body.length).toBeLessThan(full.body.length / 2);
    expect(view.headers.etag).not.toBe(full.headers.etag);
    const again = await get(t.http, "/api/incidents/INC-1?timeline=false", {
      "if-none-match": String(view.headers.etag),
    });
    expect(again.statusCode).toBe(304);
    // The full representation's tag does not answer for the view.
    const other = await get(t.http, "/api/incidents/INC-1?timeline=false", {
      "if-none-match": String(full.headers.etag),
    });
    expect(other.statusCode).toBe(200);
    expect(ok(await get(t.http, "/api/incidents/INC-1?timeline=true")).timeline).toHaveLength(21);
  });

  it.each([
    ["/api/incidents/INC-1?timeline=no", "timeline"],
    ["/api/incidents/INC-1?timelines=false", "timelines"],
  ])("refuses %s naming %s", async (url, field) => {
    expectProblem(await get(t.http, url), "validation.failed", field);
  });

  it("is 404 for an unknown incident, as with the timeline", async () => {
    expectProblem(await get(t.http, "/api/incidents/INC-9?timeline=false"), "incident.not_found");
  });
});
