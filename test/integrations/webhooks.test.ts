/**
 * Outgoing webhooks against a real local receiver (a node:http server) that is down, then
 * up: it gets every subscribed event, in order, signed as docs/integrations.md says; drills,
 * private incidents and unsubscribed types are not sent; a restarted deliverer resumes
 * without repeats; replay sends again from a position; removal stops delivery.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type Server, type ServerResponse } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ERROR_TABLE } from "../../src/app/error-table.js";
import type { WebhooksConfig } from "../../src/integrations/webhooks/webhook-config.js";
import { WebhookDeliverer } from "../../src/integrations/webhooks/webhook-deliverer.js";
import { WebhookRegistry } from "../../src/integrations/webhooks/webhook-registry.js";
import { type IntegrationApp, startIntegrationApp } from "./helpers.js";

const CONFIG: WebhooksConfig = { deliver: true, baseDelayMs: 20, maxDelayMs: 200, timeoutMs: 2000, pollIntervalMs: 50 };

interface Received {
  id: string;
  type: string;
  incidentId: string;
  position: number;
  text: string;
  verified: boolean;
}

/** A receiver that verifies the signature exactly as the docs tell a receiver to. */
class Receiver {
  received: Received[] = [];
  private server: Server | null = null;
  secret = "";

  constructor(readonly port: number) {}

  async up(): Promise<void> {
    this.server = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk) => (body += chunk));
      request.on("end", () => {
        const timestamp = String(request.headers["warroom-timestamp"]);
        const expected = `v1=${createHmac("sha256", this.secret).update(`${timestamp}.${body}`).digest("hex")}`;
        const given = String(request.headers["warroom-signature"]);
        const fresh = Math.abs(Date.now() / 1000 - Number(timestamp)) <= 300;
        const verified =
          fresh && given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
        const payload = JSON.parse(body) as Received;
        this.received.push({ ...payload, verified });
        response.writeHead(verified ? 204 : 401).end();
      });
    });
    const server = this.server;
    await new Promise<void>((resolve) => server.listen(this.port, "127.0.0.1", resolve));
  }

  async down(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise((resolve) => server.close(resolve));
  }
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const address = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  return typeof address === "object" && address ? address.port : 0;
}

async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

let t: IntegrationApp;
let receiver: Receiver;
let deliverer: WebhookDeliverer;
const startDeliverer = async () => {
  deliverer = new WebhookDeliverer({
    app: t.app,
    registry: new WebhookRegistry(t.app.store, t.app.clock),
    config: CONFIG,
  });
  await deliverer.start();
};
const as = { actor: "alice" };
const json = (method: string, url: string, body?: unknown) =>
  t.http.inject({
    method: method as "POST",
    url,
    headers: { "warroom-actor": "alice", ...(body === undefined ? {} : { "content-type": "application/json" }) },
    ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
  });

beforeAll(async () => {
  t = await startIntegrationApp();
  receiver = new Receiver(await freePort());
  await startDeliverer();
});
afterAll(async () => {
  await deliverer.stop();
  await receiver.down();
  await t.close();
});

describe("outgoing webhooks", () => {
  let first = 0;
  let incident = "";

  it("a receiver that was down gets everything, in order and signed, once it is back", async () => {
    const added = await json("POST", "/api/webhooks", {
      url: `http://127.0.0.1:${receiver.port}/hook`,
      events: ["IncidentDeclared", "NoteAdded"],
      description: "ops bridge",
    });
    expect(added.statusCode, added.body).toBe(201);
    const subscription = added.json() as { id: string; secret: string };
    expect(subscription).toMatchObject({ id: "WH1", events: ["IncidentDeclared", "NoteAdded"] });
    expect(subscription.secret).toMatch(/^whsec_/);
    receiver.secret = subscription.secret;

    const declared = await t.app.declare({ title: "Checkout down", severity: "SEV-1" }, as);
    incident = declared.incident.id;
    first = declared.appended[0]?.position as number;
    for (let i = 1; i <= 5; i++) await t.app.execute(incident, { type: "add-note", text: `note ${i}` }, as);
    await t.app.execute(incident, { type: "change-status", status: "identified" }, as);
    await t.app.declare({ title: "Drill", severity: "SEV-2", mode: "drill" }, as);
    await t.app.declare({ title: "Secret thing", severity: "SEV-2", private: true }, as);

    await until("failed attempts while the receiver is down", async () => {
      const log = (await json("GET", "/api/webhooks/WH1/deliveries")).json() as { outcome: string }[];
      return log.filter((e) => e.outcome === "failed").length >= 3;
    });
    await receiver.up();
    await until("six deliveries", () => receiver.received.length >= 6);
    await new Promise((r) => setTimeout(r, 300));

    expect(receiver.received.map((r) => r.type)).toEqual(["IncidentDeclared", ...Array(5).fill("NoteAdded")]);
    expect(receiver.received.map((r) => r.text.includes("note") || r.type === "IncidentDeclared")).not.toContain(false);
    const positions = receiver.received.map((r) => r.position);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(receiver.received.every((r) => r.verified && r.incidentId === incident)).toBe(true);
    expect(receiver.received[0]?.id).toBe(`WH1-${first}`);

    const log = (await json("GET", "/api/webhooks/WH1/deliveries?limit=200")).json() as {
      outcome: string;
      attempt: number;
      retryAt?: string;
    }[];
    expect(log.filter((e) => e.outcome === "delivered")).toHaveLength(6);
    const failures = log.filter((e) => e.outcome === "failed");
    expect(failures.every((e) => typeof e.retryAt === "string")).toBe(true);
    expect(Math.max(...log.map((e) => e.attempt))).toBeGreaterThanOrEqual(3);
    const [listed] = (await json("GET", "/api/webhooks")).json() as {
      secret?: string;
      cursor: number;
      delivered: number;
    }[];
    expect(listed).toMatchObject({ delivered: 6, cursor: positions.at(-1) });
    expect(listed?.secret).toBeUndefined();
    const metrics = (await t.http.inject({ method: "GET", url: "/metrics" })).body;
    expect(metrics).toContain('warroom_webhook_attempts_total{subscription="WH1",outcome="delivered"} 6');
    expect(metrics).toMatch(/warroom_webhook_attempts_total\{subscription="WH1",outcome="failed"\} [1-9]/);
  });

  it("a restarted deliverer resumes from its cursor without repeats", async () => {
    await deliverer.stop();
    await t.app.execute(incident, { type: "add-note", text: "while stopped" }, as);
    await startDeliverer();
    await until("the note made while stopped", () => receiver.received.length >= 7);
    await new Promise((r) => setTimeout(r, 300));
    expect(receiver.received).toHaveLength(7);
    expect(receiver.received.at(-1)?.text).toContain("while stopped");
  });

  it("replay sends again from a position, in order", async () => {
    const before = receiver.received.length;
    const replay = await json("POST", "/api/webhooks/wh1/replay", { fromPosition: first });
    expect(replay.statusCode, replay.body).toBe(202);
    await until("the replayed events", () => receiver.received.length >= before + 7);
    const again = receiver.received.slice(before);
    expect(again.map((r) => r.id)).toEqual(receiver.received.slice(0, 7).map((r) => r.id));
  });

  it("removal stops delivery", async () => {
    expect((await json("DELETE", "/api/webhooks/WH1")).statusCode).toBe(204);
    expect((await json("GET", "/api/webhooks")).json()).toEqual([]);
    const before = receiver.received.length;
    await t.app.execute(incident, { type: "add-note", text: "after removal" }, as);
    await new Promise((r) => setTimeout(r, 400));
    expect(receiver.received).toHaveLength(before);
  });

  it("sends private incidents only to a subscription that asks for them, and never drills", async () => {
    const plain = (
      await json("POST", "/api/webhooks", {
        url: `http://127.0.0.1:${receiver.port}/plain`,
        events: ["IncidentDeclared"],
      })
    ).json() as { id: string };
    const withPrivate = (
      await json("POST", "/api/webhooks", {
        url: `http://127.0.0.1:${receiver.port}/private`,
        events: ["IncidentDeclared"],
        includePrivate: true,
      })
    ).json() as { id: string; secret: string };
    const before = receiver.received.length;
    receiver.secret = withPrivate.secret;
    await t.app.declare({ title: "Private one", severity: "SEV-2", private: true }, as);
    await t.app.declare({ title: "Drill two", severity: "SEV-2", mode: "drill" }, as);
    await until("the private declaration", () => receiver.received.length > before);
    await new Promise((r) => setTimeout(r, 300));
    const got = receiver.received.slice(before);
    expect(got.map((r) => r.id.split("-")[0])).toEqual([withPrivate.id]);
    expect(got[0]?.incidentId).toMatch(/^INC-/);
    await json("DELETE", `/api/webhooks/${plain.id}`);
    await json("DELETE", `/api/webhooks/${withPrivate.id}`);
  });

  it("a changed URL takes over a failing delivery; a removal during back-off stops the retries", async () => {
    const dead = await freePort();
    const added = (
      await json("POST", "/api/webhooks", { url: `http://127.0.0.1:${dead}/gone`, events: ["NoteAdded"] })
    ).json() as { id: string; secret: string };
    receiver.secret = added.secret;
    const before = receiver.received.length;
    await t.app.execute(incident, { type: "add-note", text: "rerouted" }, as);
    const failedAttempts = async () =>
      ((await json("GET", `/api/webhooks/${added.id}/deliveries`)).json() as { outcome: string }[]).filter(
        (e) => e.outcome === "failed",
      ).length;
    await until("a failed attempt at the dead URL", async () => (await failedAttempts()) >= 1);
    const patched = await json("PATCH", `/api/webhooks/${added.id}`, { url: `http://127.0.0.1:${receiver.port}/new` });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ id: added.id, url: `http://127.0.0.1:${receiver.port}/new` });
    await until("the rerouted note", () => receiver.received.length > before);
    expect(receiver.received.slice(before).map((r) => r.text)).toEqual([expect.stringContaining("rerouted")]);
    // The receiver answers before the deliverer records the success: wait for the record.
    const delivered = async () =>
      ((await json("GET", `/api/webhooks/${added.id}`)).json() as { delivered: number }).delivered;
    await until("the delivery recorded", async () => (await delivered()) >= 1);
    expect(await delivered()).toBe(1);

    await json("PATCH", `/api/webhooks/${added.id}`, { url: `http://127.0.0.1:${dead}/gone-again` });
    await t.app.execute(incident, { type: "add-note", text: "never delivered" }, as);
    await until("failing again", async () => (await failedAttempts()) >= 2);
    expect((await json("DELETE", `/api/webhooks/${added.id}`)).statusCode).toBe(204);
    await new Promise((r) => setTimeout(r, 400));
    const stopped = (await t.app.store.readStream(`WHK-${added.id}`)).length;
    await new Promise((r) => setTimeout(r, 600));
    expect((await t.app.store.readStream(`WHK-${added.id}`)).length).toBe(stopped);
  });

  it("concurrent reads of one registry fold each event once (the listing and the deliverer share it)", async () => {
    const shared = new WebhookRegistry(t.app.store, t.app.clock);
    const fresh = new WebhookRegistry(t.app.store, t.app.clock);
    const ids = (await fresh.cursorState("WH1")).log.length;
    await Promise.all([shared.list(), shared.list(), shared.cursorState("WH1"), shared.cursorState("WH1")]);
    expect((await shared.cursorState("WH1")).log).toHaveLength(ids);
    expect((await shared.cursorState("WH1")).version).toBe((await fresh.cursorState("WH1")).version);
    const added = await shared.add({ url: "http://127.0.0.1:9/x" }, "alice");
    expect((await Promise.all([shared.subscriptions(), shared.subscriptions()]))[1].map((s) => s.id)).toContain(
      added.id,
    );
    await shared.remove(added.id, "alice");
  });

  it("a rotated secret signs from then on, and is shown only in the answer to rotating", async () => {
    const added = (
      await json("POST", "/api/webhooks", {
        url: `http://127.0.0.1:${receiver.port}/rot`,
        events: ["IncidentDeclared"],
      })
    ).json() as { id: string; secret: string };
    const rotated = await json("PATCH", `/api/webhooks/${added.id}`, { rotateSecret: true });
    const { secret } = rotated.json() as { secret: string };
    expect(secret).toMatch(/^whsec_/);
    expect(secret).not.toBe(added.secret);
    expect((await json("GET", `/api/webhooks/${added.id}`)).body).not.toContain(secret);
    receiver.secret = secret;
    const before = receiver.received.length;
    await t.app.declare({ title: "Rotated", severity: "SEV-4" }, as);
    await until("the delivery signed with the new secret", () => receiver.received.length > before);
    expect(receiver.received.at(-1)).toMatchObject({ type: "IncidentDeclared", verified: true });
    await json("DELETE", `/api/webhooks/${added.id}`);
  });

  it("refuses bad subscriptions naming the field, storing nothing", async () => {
    const rows: [string, string, unknown, string, string][] = [
      ["POST", "/api/webhooks", { url: "ftp://example.com/x" }, "validation.failed", "url"],
      ["POST", "/api/webhooks", { url: "not a url" }, "validation.failed", "url"],
      ["POST", "/api/webhooks", { url: "http://x.example", events: ["NoSuchEvent"] }, "validation.failed", "events.0"],
      ["POST", "/api/webhooks", { url: "http://x.example", events: [] }, "validation.failed", "events"],
      ["POST", "/api/webhooks", { url: "http://x.example", extra: 1 }, "validation.failed", "extra"],
      ["POST", "/api/webhooks/WH9/replay", { fromPosition: 1 }, "webhook.not_found", "id"],
      ["POST", "/api/webhooks/WH1/replay", { fromPosition: 0 }, "validation.failed", "fromPosition"],
      ["DELETE", "/api/webhooks/WH1", undefined, "webhook.not_found", "id"],
      ["DELETE", "/api/webhooks/WH3", undefined, "webhook.not_found", "id"],
      ["GET", "/api/webhooks/WH1/deliveries", undefined, "webhook.not_found", "id"],
      ["GET", "/api/webhooks/WH1", undefined, "webhook.not_found", "id"],
      ["PATCH", "/api/webhooks/WH1", { url: "http://x.example" }, "webhook.not_found", "id"],
    ];
    for (const [method, url, body, code, field] of rows) {
      const head = await t.head();
      const response = await json(method, url, body);
      const problem = response.json() as { code: string; errors: { field: string }[] };
      expect({ url, status: response.statusCode, code: problem.code }).toEqual({
        url,
        status: ERROR_TABLE[code as keyof typeof ERROR_TABLE].http,
        code,
      });
      expect(
        problem.errors.map((e) => e.field),
        url,
      ).toContain(field);
      expect(await t.head()).toBe(head);
    }
  });
});

describe("a subscription change during a long back-off", () => {
  it("applies at once instead of after the back-off", async () => {
    const other = await startIntegrationApp();
    const slow = new WebhookDeliverer({
      app: other.app,
      registry: new WebhookRegistry(other.app.store, other.app.clock),
      config: { ...CONFIG, baseDelayMs: 120_000, maxDelayMs: 120_000 },
    });
    const live = new Receiver(await freePort());
    await live.up();
    try {
      await slow.start();
      const registry = new WebhookRegistry(other.app.store, other.app.clock);
      const added = await registry.add({ url: `http://127.0.0.1:${await freePort()}/dead` }, "alice");
      live.secret = added.secret;
      await other.app.declare({ title: "Slow back-off", severity: "SEV-3" }, { actor: "alice" });
      await until("the first failure", async () => (await registry.deliveries(added.id)).length >= 1);
      await registry.update(added.id, { url: `http://127.0.0.1:${live.port}/live` }, "alice");
      await until("delivery to the new URL well inside the two-minute back-off", () => live.received.length === 1);
      expect(live.received[0]).toMatchObject({ type: "IncidentDeclared", verified: true });
    } finally {
      await slow.stop();
      await live.down();
      await other.close();
    }
  });
});

describe("a receiver that hangs", () => {
  it("holds up no command; stopping aborts the request in flight and records no failure for it", async () => {
    const other = await startIntegrationApp();
    const held: ServerResponse[] = [];
    const hanging = createServer((_request, response) => void held.push(response));
    await new Promise<void>((ok) => hanging.listen(0, "127.0.0.1", ok));
    const address = hanging.address();
    const port = typeof address === "object" && address ? address.port : 0;
    const registry = new WebhookRegistry(other.app.store, other.app.clock);
    const deliverer = new WebhookDeliverer({ app: other.app, registry, config: { ...CONFIG, timeoutMs: 600_000 } });
    try {
      await deliverer.start();
      const added = await registry.add({ url: `http://127.0.0.1:${port}/hang` }, "alice");
      await other.app.declare({ title: "Hanging receiver", severity: "SEV-3" }, { actor: "alice" });
      await until("the request to reach the hanging receiver", () => held.length === 1);
      // Commands never wait for delivery: they go on while the receiver holds the request.
      const incident = (await other.app.listIncidents())[0]?.id as string;
      for (let i = 0; i < 10; i++)
        await other.app.execute(incident, { type: "add-note", text: `meanwhile ${i}` }, { actor: "alice" });
      expect((await other.app.timeline(incident)).filter((e) => e.type === "NoteAdded")).toHaveLength(10);
      expect(held).toHaveLength(1);
      await deliverer.stop();
      expect(await registry.deliveries(added.id)).toEqual([]);
    } finally {
      for (const response of held) response.destroy();
      await new Promise((ok) => hanging.close(ok));
      await other.close();
    }
  });
});
