/**
 * HTTP: the draft route and POST /api/lint (shapes, problem+json for every bad input,
 * nothing stored), both in /openapi.json; reminders reaching live-stream subscribers;
 * and `startServer` running the scheduler on its clock and stopping it on close.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildConfig } from "../../src/app/config.js";
import { ReminderScheduler } from "../../src/app/reminder-scheduler.js";
import type { IncidentDetail } from "../../src/app/views.js";
import { runCli } from "../../src/cli/run.js";
import { lintReport } from "../../src/domain/comms/lint-report.js";
import { draftUpdate } from "../../src/domain/comms/templates.js";
import { AUDIENCES } from "../../src/domain/incident/events.js";
import { ManualClock } from "../../src/domain/shared/clock.js";
import { startServer } from "../../src/http/server.js";
import { Capture } from "../cli/helpers.js";
import { declare, expectProblem, get, type Json, ok, post, startTestApp, type TestApp } from "../http/helpers.js";
import { SseClient } from "../http/sse-client.js";

let t: TestApp;
let id: string;
let base: string;
beforeAll(async () => {
  t = await startTestApp();
  base = await t.listen();
  id = await declare(t.http, { severity: "SEV-1", impact: "5% of users cannot log in", usersAffectedPct: 5 });
});
afterAll(async () => {
  await t.close();
});

const detail = async () => ok(await get(t.http, `/api/incidents/${id}`)) as unknown as IncidentDetail;

describe("GET /api/incidents/:id/updates/draft", () => {
  it("answers the draft for each audience, the same the domain drafts, and stores nothing", async () => {
    const head = await t.head();
    for (const audience of AUDIENCES) {
      const body = ok(await get(t.http, `/api/incidents/${id.toLowerCase()}/updates/draft?audience=${audience}`));
      const current = await detail();
      expect(body).toEqual(draftUpdate(current, audience, current.now));
    }
    const executive = ok(await get(t.http, `/api/incidents/${id}/updates/draft?audience=executive`));
    expect(executive.text).toMatch(/^Impact: 5% of users cannot log in\.\n/);
    expect(executive.parts).toMatchObject({ nextUpdateAt: "2026-03-01T10:15:00.000Z" });
    expect(await t.head()).toBe(head);
  });

  it("refuses a bad or missing audience and unknown parameters (400), an unknown incident (404)", async () => {
    const bad = expectProblem(
      await get(t.http, `/api/incidents/${id}/updates/draft?audience=board`),
      "validation.failed",
      "audience",
    );
    expect(bad.detail).toBe("audience: 'board' is not an audience; use one of team, executive, customer, legal");
    expectProblem(await get(t.http, `/api/incidents/${id}/updates/draft`), "validation.failed", "audience");
    expectProblem(
      await get(t.http, `/api/incidents/${id}/updates/draft?audience=team&tone=warm`),
      "validation.failed",
      "tone",
    );
    const missing = expectProblem(
      await get(t.http, "/api/incidents/INC-99/updates/draft?audience=team"),
      "incident.not_found",
      "incidentId",
    );
    expect(missing.detail).toBe("incident INC-99 does not exist");
  });
});

describe("POST /api/lint", () => {
  const TEXT = "Logins fail because the Redis connection pool is exhausted. We are sorry. Next update at 11:00 UTC.";

  it("answers exactly { audience, ok, findings: [{ rule, severity, message, excerpt }] } and stores nothing", async () => {
    const head = await t.head();
    const body = ok(await post(t.http, "/api/lint", { text: TEXT, audience: "customer" }, {}, null));
    expect(Object.keys(body).sort()).toEqual(["audience", "findings", "ok"]);
    expect(body).toEqual(lintReport(TEXT, "customer", "2026-03-01T10:00:00.000Z"));
    expect(body.ok).toBe(false);
    for (const finding of body.findings as Json[]) {
      expect(Object.keys(finding).sort()).toEqual(["excerpt", "message", "rule", "severity"]);
    }
    const clean = ok(
      await post(t.http, "/api/lint", { text: "Restart done; errors are back to zero.", audience: "team" }),
    );
    expect(clean.ok).toBe(true);
    expect(await t.head()).toBe(head);
  });

  const BAD: [what: string, body: unknown, code: Parameters<typeof expectProblem>[1], field: string, says: RegExp][] = [
    [
      "an unknown audience",
      { text: TEXT, audience: "board" },
      "validation.failed",
      "audience",
      /'board' is not an audience/,
    ],
    ["no audience", { text: TEXT }, "validation.failed", "audience", /audience/],
    ["no text", { audience: "team" }, "validation.failed", "text", /text/],
    ["text that is not a string", { text: 42, audience: "team" }, "validation.failed", "text", /text/],
    [
      "an unknown field",
      { text: TEXT, audience: "team", strict: true },
      "validation.failed",
      "strict",
      /strict is not a known body parameter/,
    ],
    ["empty text", { text: "", audience: "team" }, "text.empty", "text", /text is empty: there is nothing to lint/],
    ["blank text", { text: "  \n ", audience: "legal" }, "text.empty", "text", /empty/],
    ["binary text (NUL)", { text: "abc\u0000def", audience: "team" }, "validation.failed", "text", /binary/],
    [
      "a lone surrogate",
      { text: "abc \ud800 def", audience: "team" },
      "validation.failed",
      "text",
      /not valid Unicode/,
    ],
    [
      "text over 64 KiB",
      { text: "word ".repeat(14_000), audience: "team" },
      "text.too_long",
      "text",
      /70000 bytes; the limit is 65536 bytes/,
    ],
    ["a body that is not an object", ["text"], "validation.failed", "(body)", /JSON object/],
  ];
  for (const [what, body, code, field, says] of BAD) {
    it(`refuses ${what} with problem+json naming ${field}`, async () => {
      const head = await t.head();
      const problem = expectProblem(await post(t.http, "/api/lint", body), code, field);
      expect(problem.detail).toMatch(says);
      expect(await t.head()).toBe(head);
    });
  }

  it("refuses a body that is not JSON (400) or not sent as JSON (415)", async () => {
    expectProblem(await post(t.http, "/api/lint", "{not json"), "request.malformed_json");
    const plain = await t.http.inject({
      method: "POST",
      url: "/api/lint",
      headers: { "content-type": "text/plain" },
      payload: TEXT,
    });
    expectProblem(plain, "request.unsupported_media_type");
  });
});

describe("the CLI against this server (--server)", () => {
  it("update --draft drafts from the server's incident and clock", async () => {
    const stdout = new Capture();
    const code = await runCli(["--server", base, "update", id, "--audience", "team", "--draft", "--json"], {
      stdout,
      stderr: new Capture(),
      env: { NO_COLOR: "1" },
    });
    expect(code).toBe(0);
    const current = await detail();
    expect(JSON.parse(stdout.text)).toEqual(draftUpdate(current, "team", current.now));
  });
});

describe("/openapi.json", () => {
  it("documents both routes with their parameters and result shapes", async () => {
    const doc = ok(await get(t.http, "/openapi.json"));
    const paths = doc.paths as Record<string, Record<string, Json>>;
    const draft = paths["/api/incidents/{id}/updates/draft"]?.get ?? {};
    const lint = paths["/api/lint"]?.post ?? {};
    expect(draft.operationId).toBe("draftUpdate");
    expect((draft.parameters as Json[]).map((p) => [p.name, p.in, p.required])).toEqual([
      ["id", "path", true],
      ["audience", "query", true],
    ]);
    expect(lint.operationId).toBe("lintMessage");
    const schema = (lint.responses as Record<string, Json>)["200"] as Json;
    expect(JSON.stringify(schema)).toContain('"required":["audience","ok","findings"]');
  });
});

describe("reminders on the live stream", () => {
  it("an SSE subscriber receives the reminder entries the scheduler issues, marked as ReminderIssued by warroom", async () => {
    const client = await SseClient.open(`${base}/api/incidents/${id}/stream?after=${await t.head()}`);
    const scheduler = new ReminderScheduler({ app: t.app, intervalMs: 0 });
    t.clock.advanceMinutes(14); // SEV-1: the update is due at 10:15; "due" goes out two minutes before
    await scheduler.tick();
    t.clock.advanceMinutes(2);
    await scheduler.tick();
    await scheduler.tick();
    await client.until((c) => c.entries.length >= 2, "two reminders");
    expect(client.entries.map((e) => [e.type, e.by, e.text])).toEqual([
      ["ReminderIssued", "warroom", "Reminder: an update is due at 10:15 UTC"],
      ["ReminderIssued", "warroom", "Reminder: the update due at 10:15 UTC is overdue"],
    ]);
    client.close();
  });
});

describe("startServer", () => {
  it("runs the scheduler on the server's clock every reminderIntervalMs and stops it on close", async () => {
    const dir = mkdtempSync(join(tmpdir(), "warroom-reminders-"));
    const clock = new ManualClock("2026-03-01T10:00:00.000Z");
    const config = buildConfig({
      auth: "off",
      dbPath: join(dir, "warroom.db"),
      port: 0,
      logLevel: "silent",
      reminderIntervalMs: 25,
    });
    const server = await startServer({ config, clock });
    try {
      expect(server.reminders.running).toBe(true);
      const declared = await fetch(`${server.url}/api/incidents`, {
        method: "POST",
        headers: { "content-type": "application/json", "warroom-actor": "alice" },
        body: JSON.stringify({ title: "Checkout errors", severity: "SEV-1" }),
      });
      expect(declared.status).toBe(201);
      clock.advanceMinutes(16);
      const deadline = Date.now() + 5000;
      let types: string[] = [];
      while (!types.includes("ReminderIssued") && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 25));
        const timeline = (await (await fetch(`${server.url}/api/incidents/INC-1/timeline`)).json()) as {
          entries: { type: string }[];
        };
        types = timeline.entries.map((e) => e.type);
      }
      expect(types.filter((type) => type === "ReminderIssued")).toHaveLength(1);
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
    expect(server.reminders.running).toBe(false);
  });
});
