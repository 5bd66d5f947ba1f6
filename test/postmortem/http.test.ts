/**
 * The postmortem routes in-process (Fastify inject): the draft in three formats, the
 * saved and published postmortem, the agenda, linting, the action-item filters; every
 * bad request a problem+json naming what was wrong, with the store unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DRAFT_HTML_CSP } from "../../src/http/routes/postmortem.js";
import { HANDBOOK_BAD_POSTMORTEM } from "../analysis/fixtures/handbook.js";
import {
  declare,
  expectProblem,
  get,
  type Json,
  ok,
  post,
  START,
  startTestApp,
  type TestApp,
} from "../http/helpers.js";
import { OWN_GOOD_POSTMORTEM } from "./fixtures.js";

let t: TestApp;
const at = (minutes: number) => new Date(Date.parse(START) + minutes * 60_000).toISOString();
const SCRIPT = "<script>alert(1)</script>";

beforeAll(async () => {
  t = await startTestApp();
  await declare(t.http, { title: `Checkout ${SCRIPT} failing`, severity: "SEV-1", usersAffectedPct: 40 });
  t.clock.set(at(3));
  ok(await post(t.http, "/api/incidents/INC-1/roles", { role: "tech-lead", person: "sam" }));
  t.clock.set(at(5));
  ok(
    await post(t.http, "/api/incidents/INC-1/updates", {
      audience: "team",
      text: "Checkout is failing; we are on it.",
    }),
  );
  t.clock.set(at(9));
  ok(await post(t.http, "/api/incidents/INC-1/status", { status: "mitigating", note: `rollback ${SCRIPT}` }));
  ok(
    await post(t.http, "/api/incidents/INC-1/action-items", {
      title: "Pool alert at 80%",
      owner: "sam",
      dueDate: "2026-03-02",
      horizon: "immediate",
    }),
  );
});
afterAll(async () => {
  await t.close();
});

/** Sends the request and checks it was refused with `code`, naming `field`, with nothing stored. */
async function refused(send: () => ReturnType<typeof get>, code: Parameters<typeof expectProblem>[1], field?: string) {
  const before = await t.head();
  const response = await send();
  const body = expectProblem(response, code, field);
  expect(await t.head()).toBe(before);
  return body;
}

describe("GET /api/incidents/:id/postmortem/draft", () => {
  it("answers the structured draft as JSON by default, with its markdown", async () => {
    const body = ok(await get(t.http, "/api/incidents/INC-1/postmortem/draft"));
    expect(body).toMatchObject({ incidentId: "INC-1", heldBack: 0 });
    expect((body.figures as Json).timeToFirstUpdateMinutes).toBe(5);
    expect((body.figures as Json).timeToMitigateMinutes).toBe(9);
    expect(body.markdown).toContain("## What went poorly");
    expect((body.sections as { id: string }[]).map((s) => s.id)).toContain("external-message");
  });

  it("format=md is text/markdown; format=html is an escaped page that runs nothing", async () => {
    const md = await get(t.http, "/api/incidents/inc-1/postmortem/draft?format=md");
    expect(md.statusCode).toBe(200);
    expect(md.headers["content-type"]).toBe("text/markdown; charset=utf-8");
    expect(md.body).toMatch(/^# Postmortem: INC-1 — Checkout <script>/);
    const html = await get(t.http, "/api/incidents/1/postmortem/draft?format=html");
    expect(html.statusCode).toBe(200);
    expect(html.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(html.headers["content-security-policy"]).toBe(DRAFT_HTML_CSP);
    expect(html.body).not.toContain("<script");
    expect(html.body).toContain("Checkout &lt;script&gt;alert(1)&lt;/script&gt; failing");
    expect(html.body).toContain("rollback &lt;script&gt;");
  });

  it("refuses an unknown format or parameter, and an unknown incident", async () => {
    await refused(() => get(t.http, "/api/incidents/INC-1/postmortem/draft?format=pdf"), "validation.failed", "format");
    await refused(() => get(t.http, "/api/incidents/INC-1/postmortem/draft?fromat=md"), "validation.failed", "fromat");
    await refused(() => get(t.http, "/api/incidents/INC-9/postmortem/draft"), "incident.not_found");
  });
});

describe("GET /api/incidents/:id/postmortem/agenda", () => {
  it("is the 60-minute agenda with the incident's facts", async () => {
    const body = ok(await get(t.http, "/api/incidents/INC-1/postmortem/agenda"));
    const items = body.items as { title: string; minutes: number }[];
    expect(items.map((i) => i.minutes)).toEqual([5, 10, 20, 10, 15]);
    expect(body.totalMinutes).toBe(60);
    expect(JSON.stringify(body)).toContain("40% of users affected");
    await refused(() => get(t.http, "/api/incidents/INC-9/postmortem/agenda"), "incident.not_found");
  });
});

describe("saving, publishing and reading the postmortem", () => {
  it("has none to read before one is saved", async () => {
    await refused(() => get(t.http, "/api/incidents/INC-1/postmortem"), "postmortem.not_found");
  });

  it("saves revisions with an optimistic base, refusing a stale one with nothing stored", async () => {
    ok(await post(t.http, "/api/incidents/INC-1/postmortem", { markdown: HANDBOOK_BAD_POSTMORTEM }));
    ok(await post(t.http, "/api/incidents/INC-1/postmortem", { markdown: OWN_GOOD_POSTMORTEM, baseRevision: 1 }));
    await refused(
      () => post(t.http, "/api/incidents/INC-1/postmortem", { markdown: "# other\n", baseRevision: 1 }),
      "postmortem.stale_revision",
      "baseRevision",
    );
    expect(ok(await get(t.http, "/api/incidents/INC-1/postmortem"))).toMatchObject({
      kind: "revision",
      revision: 2,
      version: null,
      markdown: OWN_GOOD_POSTMORTEM.trim(),
      published: [],
      unpublishedChanges: true,
    });
  });

  it("refuses to publish before resolving; after, freezes versions", async () => {
    await refused(() => post(t.http, "/api/incidents/INC-1/postmortem/publish"), "incident.not_resolved");
    t.clock.set(at(40));
    ok(await post(t.http, "/api/incidents/INC-1/resolve", { summary: "rolled back" }));
    ok(await post(t.http, "/api/incidents/INC-1/postmortem/publish"));
    ok(await post(t.http, "/api/incidents/INC-1/postmortem", { markdown: `${OWN_GOOD_POSTMORTEM}\nMore.` }));
    expect(ok(await get(t.http, "/api/incidents/INC-1/postmortem?version=1"))).toMatchObject({
      kind: "published",
      version: 1,
      revision: 2,
      latestRevision: 3,
      markdown: OWN_GOOD_POSTMORTEM.trim(),
      unpublishedChanges: true,
    });
  });

  it("refuses a version that is not a positive whole number, or not published", async () => {
    for (const bad of ["0", "abc", "1.5", "-1"]) {
      await refused(
        () => get(t.http, `/api/incidents/INC-1/postmortem?version=${bad}`),
        "validation.failed",
        "version",
      );
    }
    const body = await refused(
      () => get(t.http, "/api/incidents/INC-1/postmortem?version=2"),
      "postmortem.not_found",
      "version",
    );
    expect(body.detail).toBe("INC-1 has no published version 2 (published: 1)");
  });
});

describe("POST /api/postmortem/lint", () => {
  it("answers { ok, findings } and stores nothing", async () => {
    const before = await t.head();
    expect(ok(await post(t.http, "/api/postmortem/lint", { markdown: OWN_GOOD_POSTMORTEM }))).toEqual({
      ok: true,
      findings: [],
    });
    const bad = ok(await post(t.http, "/api/postmortem/lint", { markdown: HANDBOOK_BAD_POSTMORTEM }));
    expect(bad.ok).toBe(false);
    const rules = (bad.findings as { rule: string }[]).map((f) => f.rule);
    expect(rules).toEqual(expect.arrayContaining(["blame.person", "blame.human-error", "blame.punishment"]));
    expect(await t.head()).toBe(before);
  });

  it.each([
    ["no body", undefined, "validation.failed", "markdown"],
    ["a body that is not an object", [1, 2], "validation.failed", "(body)"],
    ["markdown that is not a string", { markdown: 42 }, "validation.failed", "markdown"],
    ["an unknown field", { markdown: "# x", text: "y" }, "validation.failed", "text"],
    ["empty markdown", { markdown: "" }, "text.empty", "markdown"],
    ["only whitespace", { markdown: "  \n " }, "text.empty", "markdown"],
    ["a NUL character", { markdown: "# a\u0000b" }, "validation.failed", "markdown"],
    ["markdown over the text limit", { markdown: "a".repeat(65_537) }, "text.too_long", "markdown"],
  ] as const)("refuses %s", async (_what, body, code, field) => {
    await refused(() => post(t.http, "/api/postmortem/lint", body), code, field);
  });

  it("refuses a body that is not JSON", async () => {
    await refused(
      () =>
        t.http.inject({
          method: "POST",
          url: "/api/postmortem/lint",
          headers: { "content-type": "text/markdown" },
          payload: "# x",
        }),
      "request.unsupported_media_type",
    );
    await refused(() => post(t.http, "/api/postmortem/lint", "{not json"), "request.malformed_json");
  });
});

describe("GET /api/action-items", () => {
  it("flags overdue items by the injected clock and filters on it", async () => {
    t.clock.set("2026-03-03T09:00:00.000Z");
    const all = ok(await get(t.http, "/api/action-items")).actionItems as Json[];
    expect(all.map((a) => [a.id, a.overdue])).toEqual([["AI-1", true]]);
    expect(ok(await get(t.http, "/api/action-items?overdue=true&owner=sam")).actionItems).toHaveLength(1);
    expect(ok(await get(t.http, "/api/action-items?overdue=false")).actionItems).toEqual([]);
    ok(await post(t.http, "/api/incidents/INC-1/action-items/AI-1/done"));
    expect(ok(await get(t.http, "/api/action-items")).actionItems).toEqual([]);
    const done = ok(await get(t.http, "/api/action-items?status=all")).actionItems as Json[];
    expect(done.map((a) => [a.id, a.status, a.overdue])).toEqual([["AI-1", "done", false]]);
  });

  it("refuses a bad filter", async () => {
    await refused(() => get(t.http, "/api/action-items?overdue=maybe"), "validation.failed", "overdue");
    await refused(() => get(t.http, "/api/action-items?status=done"), "validation.failed", "status");
    await refused(() => get(t.http, "/api/action-items?owner=a%20b"), "validation.failed", "owner");
  });

  it("documents the new routes and filters in /openapi.json", async () => {
    const doc = ok(await get(t.http, "/openapi.json"));
    const paths = doc.paths as Record<string, Record<string, Json>>;
    expect(paths["/api/incidents/{id}/postmortem/draft"]?.get?.operationId).toBe("draftPostmortem");
    expect(paths["/api/incidents/{id}/postmortem"]?.get?.operationId).toBe("getPostmortem");
    expect(paths["/api/incidents/{id}/postmortem/agenda"]?.get?.operationId).toBe("postmortemAgenda");
    expect(paths["/api/postmortem/lint"]?.post?.operationId).toBe("lintPostmortem");
    const params = ((paths["/api/action-items"]?.get?.parameters ?? []) as { name: string }[]).map((p) => p.name);
    expect(params).toEqual(expect.arrayContaining(["owner", "status", "overdue"]));
  });
});
