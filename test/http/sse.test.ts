/**
 * The live stream over real sockets: entries in order; disconnect, miss some, resume
 * with Last-Event-ID (or ?after) and get exactly the missed ones; the subscriber gauge
 * going up and back down; heartbeats; slow clients; shutdown.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LiveEntry } from "../../src/app/api.js";
import { buildConfig } from "../../src/app/config.js";
import { startServer } from "../../src/http/server.js";
import { startTestApp, type TestApp } from "./helpers.js";
import { SseClient } from "./sse-client.js";

let t: TestApp;
let base: string;
beforeAll(async () => {
  t = await startTestApp({ sse: { heartbeatMs: 100 } });
  base = await t.listen();
});
afterAll(async () => {
  await t.close();
});

/** Commands over the same real socket server, as a client would send them. */
async function command(path: string, body: unknown, actor = "alice"): Promise<LiveEntry[]> {
  const response = await fetch(`${base}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", "warroom-actor": actor },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as { incident: { id: string }; appended: Omit<LiveEntry, "incidentId">[] };
  if (!response.ok) throw new Error(JSON.stringify(json));
  return json.appended.map((e) => ({ incidentId: json.incident.id, ...e }));
}

async function declareIncident(title: string): Promise<{ id: string; entries: LiveEntry[] }> {
  const entries = await command("/api/incidents", { title, severity: "SEV-3" });
  return { id: entries[0]?.incidentId as string, entries };
}

const note = (id: string, text: string) => command(`/api/incidents/${id}/notes`, { text });

async function notes(id: string, count: number, prefix: string): Promise<LiveEntry[]> {
  const out: LiveEntry[] = [];
  for (let i = 1; i <= count; i++) out.push(...(await note(id, `${prefix} ${i}`)));
  return out;
}

async function subscribers(): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const line = text.split("\n").find((l) => l.startsWith("warroom_live_subscribers "));
  return Number(line?.split(" ")[1]);
}

async function eventually(check: () => Promise<boolean>, what: string, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const ids = (entries: LiveEntry[]) => entries.map((e) => e.position);

describe("GET /api/stream (all incidents)", () => {
  it("delivers live entries in order, then resumes with Last-Event-ID with no gap and no duplicate", async () => {
    const start = await t.head();
    const client = await SseClient.open(`${base}/api/stream?after=${start}`);
    expect(client.status).toBe(200);
    expect(client.headers["content-type"]).toBe("text/event-stream; charset=utf-8");
    expect(client.headers["cache-control"]).toContain("no-cache");

    const a = await declareIncident("Stream A");
    const b = await declareIncident("Stream B");
    const live = [...a.entries, ...b.entries, ...(await note(a.id, "a1")), ...(await note(b.id, "b1"))];
    await client.waitForEntries(live.length);
    expect(client.retry).toBe(2000);
    expect(client.entries).toEqual(live);
    expect(client.messages.map((m) => m.id)).toEqual(ids(live).map(String));
    expect(client.messages.every((m) => m.event === "entry")).toBe(true);
    client.close();

    const missed = [...(await notes(a.id, 3, "while away")), ...(await note(b.id, "b2"))];
    const resumed = await SseClient.open(`${base}/api/stream`, { "last-event-id": client.lastId as string });
    await resumed.waitForEntries(missed.length);
    const more = await note(a.id, "back again");
    await resumed.waitForEntries(missed.length + 1);
    expect(resumed.entries).toEqual([...missed, ...more]);
    resumed.close();
  });

  it("?after=N replays from N; Last-Event-ID wins over ?after", async () => {
    const x = await declareIncident("Replay");
    const written = await notes(x.id, 4, "replay");
    const from = written[1]?.position as number;
    const byQuery = await SseClient.open(`${base}/api/stream?after=${from}`);
    await byQuery.waitForEntries(2);
    expect(byQuery.entries).toEqual(written.slice(2));

    const byHeader = await SseClient.open(`${base}/api/stream?after=0`, {
      "last-event-id": String(written[2]?.position),
    });
    await byHeader.waitForEntries(1);
    await new Promise((r) => setTimeout(r, 100));
    expect(byHeader.entries).toEqual(written.slice(3));
    byQuery.close();
    byHeader.close();
  });

  it("refuses a position past the end of the log (a restored store) rather than skip up to it", async () => {
    const head = await t.head();
    for (const [url, headers, field] of [
      [`${base}/api/stream`, { "last-event-id": String(head + 100) }, "Last-Event-ID"],
      [`${base}/api/stream?after=${head + 1}`, {}, "after"],
    ] as const) {
      const response = await fetch(url, { headers });
      expect(response.status).toBe(400);
      const problem = (await response.json()) as { code: string; errors: { field: string }[] };
      expect(problem.code).toBe("validation.failed");
      expect(problem.errors[0]?.field).toBe(field);
    }
    // The head itself is fine: nothing missed, new entries follow.
    const atHead = await SseClient.open(`${base}/api/stream?after=${head}`);
    expect(atHead.status).toBe(200);
    atHead.close();
  });

  it("from the start (no position) replays the whole log in position order", async () => {
    const head = await t.head();
    const client = await SseClient.open(`${base}/api/stream`);
    await client.waitForEntries(head);
    expect(client.entries.map((e) => e.position)).toEqual(Array.from({ length: head }, (_, i) => i + 1));
    client.close();
  });

  it("sends comment heartbeats", async () => {
    const client = await SseClient.open(`${base}/api/stream?after=${await t.head()}`);
    await client.until((c) => c.comments.includes("heartbeat"), "a heartbeat", 2000);
    client.close();
  });
});

describe("GET /api/incidents/:id/stream", () => {
  it("carries one incident only, and resumes exactly with Last-Event-ID", async () => {
    const mine = await declareIncident("Mine");
    const other = await declareIncident("Other");
    const client = await SseClient.open(`${base}/api/incidents/${mine.id}/stream`);
    await client.waitForEntries(1);
    const first = [...(await note(mine.id, "m1")), ...(await note(other.id, "o1")), ...(await note(mine.id, "m2"))];
    const expected = [...mine.entries, ...first.filter((e) => e.incidentId === mine.id)];
    await client.waitForEntries(expected.length);
    expect(client.entries).toEqual(expected);
    client.close();

    const missed: LiveEntry[] = [];
    for (let i = 0; i < 3; i++) {
      missed.push(...(await note(mine.id, `missed ${i}`)));
      await note(other.id, `noise ${i}`);
    }
    const resumed = await SseClient.open(`${base}/api/incidents/${mine.id.toLowerCase()}/stream`, {
      "last-event-id": client.lastId as string,
    });
    await resumed.waitForEntries(3);
    const live = await note(mine.id, "live again");
    await note(other.id, "more noise");
    await resumed.waitForEntries(4);
    await new Promise((r) => setTimeout(r, 100));
    expect(resumed.entries).toEqual([...missed, ...live]);
    resumed.close();
  });

  it("an unknown incident is a 404 problem before any stream starts", async () => {
    const response = await fetch(`${base}/api/incidents/INC-4040/stream`);
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(((await response.json()) as { code: string }).code).toBe("incident.not_found");
  });
});

describe("subscriptions", () => {
  it("the subscriber gauge goes up per client and back down when they leave", async () => {
    await eventually(async () => (await subscribers()) === 0, "no subscribers at the start");
    const x = await declareIncident("Gauge");
    const one = await SseClient.open(`${base}/api/stream?after=${await t.head()}`);
    const two = await SseClient.open(`${base}/api/incidents/${x.id}/stream`);
    await two.waitForEntries(1);
    expect(await subscribers()).toBe(2);
    one.close();
    await eventually(async () => (await subscribers()) === 1, "one subscriber left");
    two.close();
    await eventually(async () => (await subscribers()) === 0, "no subscribers left");
    // A closed client's subscription no longer receives anything.
    await note(x.id, "after everyone left");
    expect(two.entries).toHaveLength(1);
  });

  it("a slow client is cut off after a gap-free prefix and catches up by resuming", async () => {
    const slow = await startTestApp({ sse: { maxBufferedBytes: 64 * 1024 } });
    try {
      const url = await slow.listen();
      const created = await slow.app.declare({ title: "Firehose", severity: "SEV-3" }, { actor: "alice" });
      const id = created.incident.id;
      const client = await SseClient.open(`${url}/api/incidents/${id}/stream`);
      await client.waitForEntries(1);
      client.pause();
      const text = "y".repeat(60 * 1024);
      for (let i = 0; i < 120; i++)
        await slow.app.execute(id, { type: "add-note", text: `${i} ${text}` }, { actor: "bob" });
      client.resume();
      await client.until((c) => c.ended, "the server to end the slow stream", 10_000);
      const got = client.entries.map((e) => e.version);
      expect(got.length).toBeLessThan(121);
      expect(got).toEqual(Array.from({ length: got.length }, (_, i) => i + 1));

      // Like EventSource: reconnect with the last id until caught up; each connection continues exactly.
      const all = [...got];
      let lastId = client.lastId as string;
      for (let round = 0; all.length < 121 && round < 121; round++) {
        const next = await SseClient.open(`${url}/api/incidents/${id}/stream`, { "last-event-id": lastId });
        await next.until((c) => c.ended || all.length + c.entries.length >= 121, "more entries", 10_000);
        all.push(...next.entries.map((e) => e.version));
        lastId = next.lastId ?? lastId;
        next.close();
      }
      expect(all).toEqual(Array.from({ length: 121 }, (_, i) => i + 1));
    } finally {
      await slow.close();
    }
  });
});

describe("startServer", () => {
  it("listens on the real port, and close() ends live streams and closes the store", async () => {
    const dir = mkdtempSync(join(tmpdir(), "warroom-serve-"));
    try {
      const server = await startServer({
        config: buildConfig({
          auth: "off",
          dbPath: join(dir, "w.db"),
          port: 0,
          logLevel: "silent",
          pollIntervalMs: 20,
        }),
      });
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(server.url).not.toMatch(/:0$/);
      const health = (await (await fetch(`${server.url}/healthz`)).json()) as { status: string; position: number };
      expect(health).toEqual({ status: "ok", position: 0 });

      const client = await SseClient.open(`${server.url}/api/stream`);
      await server.app.declare({ title: "Before shutdown", severity: "SEV-4" }, { actor: "alice" });
      await client.waitForEntries(1);
      const started = Date.now();
      await server.close();
      expect(Date.now() - started).toBeLessThan(3000);
      await client.until((c) => c.ended, "the stream to end on shutdown", 3000);
      expect(await server.app.metrics.registry.getSingleMetricAsString("warroom_live_subscribers")).toMatch(
        /^warroom_live_subscribers 0$/m,
      );
      await expect(server.app.store.headPosition()).rejects.toMatchObject({ code: "store.unavailable" });
      await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
      await server.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("picks up events another process appended to the same file (polling)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "warroom-poll-"));
    try {
      const config = buildConfig({
        auth: "off",
        dbPath: join(dir, "w.db"),
        port: 0,
        logLevel: "silent",
        pollIntervalMs: 20,
      });
      const server = await startServer({ config });
      const client = await SseClient.open(`${server.url}/api/stream`);
      const { createWarroomApp } = await import("../../src/app/create-app.js");
      const other = await createWarroomApp(config);
      await other.declare({ title: "From the CLI", severity: "SEV-3" }, { actor: "zoe" });
      await other.close();
      await client.waitForEntries(1);
      expect(client.entries[0]).toMatchObject({ incidentId: "INC-1", by: "zoe", type: "IncidentDeclared" });
      client.close();
      await server.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
