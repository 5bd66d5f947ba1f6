/**
 * Two servers on one PostgreSQL share the background work: exactly one holds the leader
 * lock and sends webhooks, so a receiver gets each event once however many servers
 * there are; when the leader stops, the other takes over and delivery carries on.
 */
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildConfig } from "../../src/app/config.js";
import { type RunningServer, startServer } from "../../src/http/server.js";
import { openPostgresEventStore } from "../../src/store/postgres/postgres-event-store.js";
import { adminQuery, dropSchema, PG_SKIP, PG_URL, schemaName } from "../store/pg-helpers.js";

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe.skipIf(PG_SKIP !== "")(`background work on one of several servers ${PG_SKIP}`, () => {
  const schema = schemaName("lead");
  const url = `${PG_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  /** Positions the receiver got, in arrival order. */
  const received: number[] = [];
  let receiver: Server;
  let receiverUrl = "";
  const servers: RunningServer[] = [];

  const start = () =>
    startServer({
      config: buildConfig({
        databaseUrl: url,
        port: 0,
        host: "127.0.0.1",
        auth: "off",
        logLevel: "silent",
        pollIntervalMs: 50,
        leaderRetryMs: 100,
        reminderIntervalMs: 0,
        webhooks: { pollIntervalMs: 50, baseDelayMs: 50, maxDelayMs: 200, timeoutMs: 2000 },
      }),
    });
  const post = async (server: RunningServer, path: string, body: unknown) => {
    const response = await fetch(`${server.url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", "warroom-actor": "alice" },
      body: JSON.stringify(body),
    });
    expect(response.status, await response.clone().text()).toBeLessThan(300);
    return (await response.json()) as Record<string, unknown>;
  };
  /** Every incident event's position in the log. */
  const incidentPositions = async () => {
    const store = await openPostgresEventStore(url);
    try {
      return (await store.readAll(0, 10_000)).filter((e) => e.streamId.startsWith("INC-")).map((e) => e.position);
    } finally {
      await store.close();
    }
  };

  beforeAll(async () => {
    await adminQuery(`CREATE SCHEMA ${schema}`);
    receiver = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk) => {
        body += chunk;
      });
      request.on("end", () => {
        received.push((JSON.parse(body) as { position: number }).position);
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    const address = receiver.address();
    receiverUrl = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/hook`;
    servers.push(await start(), await start());
  }, 60_000);

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close().catch(() => undefined)));
    await new Promise((resolve) => receiver.close(resolve));
    await dropSchema(schema);
  });

  it("one server leads; each event reaches the receiver once; the other takes over when it stops", async () => {
    const [a, b] = servers as [RunningServer, RunningServer];
    expect([a.leading, b.leading].filter(Boolean)).toHaveLength(1);
    const leader = a.leading ? a : b;
    const follower = a.leading ? b : a;

    await post(follower, "/api/webhooks", { url: receiverUrl, events: ["IncidentDeclared", "NoteAdded"] });
    const declared = await post(a, "/api/incidents", { title: "Checkout down", severity: "SEV-1" });
    const id = (declared.incident as { id: string }).id;
    for (let i = 0; i < 10; i++) await post(i % 2 ? a : b, `/api/incidents/${id}/notes`, { text: `note ${i}` });
    const first = await incidentPositions();
    expect(first).toHaveLength(11);
    await until("every event delivered", () => first.every((p) => received.includes(p)));
    // A moment longer: a second sender would have sent them again by now.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(received).toEqual(first);

    await leader.close();
    await until("the other server to lead", () => follower.leading);
    for (let i = 0; i < 5; i++) await post(follower, `/api/incidents/${id}/notes`, { text: `after ${i}` });
    const all = await incidentPositions();
    await until("the new events delivered", () => all.every((p) => received.includes(p)));
    expect([...new Set(received)]).toEqual(all);
  }, 60_000);
});

describe.skipIf(PG_SKIP !== "")(`servers starting together on an empty PostgreSQL ${PG_SKIP}`, () => {
  const schema = schemaName("boot");
  const url = `${PG_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  afterAll(() => dropSchema(schema));

  it("all start, and exactly one makes the first admin token, which works on every one", async () => {
    await adminQuery(`CREATE SCHEMA ${schema}`);
    const config = buildConfig({
      databaseUrl: url,
      port: 0,
      host: "127.0.0.1",
      logLevel: "silent",
      reminderIntervalMs: 0,
    });
    const servers = await Promise.all([startServer({ config }), startServer({ config }), startServer({ config })]);
    try {
      const tokens = servers.map((s) => s.bootstrap?.token).filter((t): t is string => t !== undefined);
      expect(tokens).toHaveLength(1);
      for (const server of servers) {
        await server.app.refresh();
        const response = await fetch(`${server.url}/api/incidents`, {
          headers: { authorization: `Bearer ${tokens[0]}` },
        });
        expect(response.status).toBe(200);
      }
      expect(servers[0]?.app.tokens.list()).toHaveLength(1);
    } finally {
      await Promise.all(servers.map((s) => s.close()));
    }
  }, 60_000);
});
