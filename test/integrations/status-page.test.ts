/**
 * The public status page in HTML, JSON and Atom: live public incidents with their clean
 * customer updates only. Never private incidents, drills, internal text (titles, notes,
 * team or executive updates, resolve summaries), nor a customer update the customer rules
 * find an error in. Escaped everywhere; public without a token while admin routes are not.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildConfig } from "../../src/app/config.js";
import { createWarroomApp } from "../../src/app/create-app.js";
import type { WarroomApp } from "../../src/app/warroom-app.js";
import { ManualClock } from "../../src/domain/shared/clock.js";
import { buildHttpApp } from "../../src/http/build-http-app.js";
import type { StatusView } from "../../src/integrations/status/status-view.js";
import { tempDir } from "./helpers.js";

const clock = new ManualClock("2026-03-01T10:00:00.000Z");
const temp = tempDir();
let app: WarroomApp;
let http: ReturnType<typeof buildHttpApp>;
const as = { actor: "alice" };

const CLEAN_1 = "We are investigating errors at checkout for some customers. Next update in 30 minutes.";
const CLEAN_2 = "We have found the cause <b>&</b> are rolling out a fix; orders are safe. Next update in 30 minutes.";
const BLOCKED = "The k8s pod OOMKilled on db-shard-3 after the Cassandra migration.";
const SECRETS = [
  "Cassandra shard corrupt",
  "internal note about bob",
  "team update: rollback of build 4512",
  "exec: revenue at risk $2M",
  "summary: restored from backup",
  "status note: canary looks fine",
  "Private payroll leak",
  "private customer update",
  "Drill outage",
  "drill customer update",
  "untold",
  "k8s",
  "OOMKilled",
];

beforeAll(async () => {
  const config = buildConfig({ dbPath: `${temp.dir}/w.db`, statusPage: { title: "Acme status", resolvedDays: 7 } });
  app = await createWarroomApp(config, { clock });
  http = buildHttpApp({ app, bodyLimitBytes: 1 << 20, statusPage: config.statusPage, auth: { mode: "tokens" } });

  const live = (
    await app.declare({ title: "Cassandra shard corrupt", severity: "SEV-1", services: ["checkout", "payments"] }, as)
  ).incident.id;
  await app.execute(live, { type: "add-note", text: "internal note about bob" }, as);
  await app.execute(live, { type: "publish-update", audience: "customer", text: CLEAN_1 }, as);
  await app.execute(
    live,
    { type: "publish-update", audience: "team", text: "team update: rollback of build 4512" },
    as,
  );
  await app.execute(live, { type: "publish-update", audience: "executive", text: "exec: revenue at risk $2M" }, as);
  clock.advanceMinutes(10);
  await app.execute(live, { type: "change-status", status: "mitigating", note: "status note: canary looks fine" }, as);
  await app.execute(live, { type: "publish-update", audience: "customer", text: BLOCKED }, as);
  await app.execute(live, { type: "publish-update", audience: "customer", text: CLEAN_2 }, as);

  const secret = (
    await app.declare({ title: "Private payroll leak", severity: "SEV-1", private: true, services: ["checkout"] }, as)
  ).incident.id;
  await app.execute(
    secret,
    { type: "publish-update", audience: "customer", text: "private customer update, next update in 30 minutes" },
    as,
  );
  const drill = (
    await app.declare({ title: "Drill outage", severity: "SEV-1", mode: "drill", services: ["checkout"] }, as)
  ).incident.id;
  await app.execute(
    drill,
    { type: "publish-update", audience: "customer", text: "drill customer update, next update in 30 minutes" },
    as,
  );
  await app.declare({ title: "untold", severity: "SEV-2", services: ["search"] }, as);
});
afterAll(async () => {
  await http.close();
  await app.close();
  temp.remove();
});

const get = (url: string) => http.inject({ method: "GET", url });

describe("status page", () => {
  it("JSON: the live incident with its clean customer updates, newest first, mitigating shown as identified", async () => {
    const response = await get("/status.json");
    expect(response.statusCode, response.body).toBe(200);
    const view = response.json() as StatusView;
    expect(view.title).toBe("Acme status");
    expect(view.incidents).toHaveLength(1);
    const [incident] = view.incidents;
    expect(incident).toMatchObject({ name: "Service disruption: checkout, payments", status: "identified" });
    expect(incident?.updates.map((u) => [u.status, u.text])).toEqual([
      ["identified", CLEAN_2],
      ["investigating", CLEAN_1],
    ]);
    expect(view.services).toEqual([
      { name: "checkout", status: "major-outage" },
      { name: "payments", status: "major-outage" },
    ]);
    expect(view.overall).toBe("major-outage");
  });

  it("never shows private incidents, drills, internal text or a blocked customer update, in any format", async () => {
    for (const url of [
      "/status.json",
      "/status",
      "/status/checkout",
      "/status/feed.atom",
      "/status/checkout/feed.atom",
    ]) {
      const body = (await get(url)).body;
      for (const secret of SECRETS) expect(body, `${url} shows '${secret}'`).not.toContain(secret);
    }
  });

  it("HTML escapes what it shows, runs no script and is public with auth on", async () => {
    const response = await get("/status");
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toMatch(/^text\/html/);
    expect(response.headers["content-security-policy"]).toContain("default-src 'none'");
    expect(response.body).toContain("We have found the cause &lt;b&gt;&amp;&lt;/b&gt; are rolling out a fix");
    expect(response.body).not.toContain("<b>&</b>");
    expect(response.body).not.toMatch(/<script/i);
    expect(response.body).toContain("1 active incident");
    expect((await get("/api/webhooks")).statusCode).toBe(401);
  });

  it("Atom: one entry per clean customer update, escaped", async () => {
    const response = await get("/status/checkout/feed.atom");
    expect(response.headers["content-type"]).toMatch(/^application\/atom\+xml/);
    expect(response.body.match(/<entry>/g)).toHaveLength(2);
    expect(response.body).toContain("&lt;b&gt;&amp;&lt;/b&gt;");
    expect(response.body).toMatch(
      /^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom">/,
    );
  });

  it("per service: another service is operational with nothing listed; a bad name is refused", async () => {
    const view = (await get("/status.json?service=search")).json() as StatusView;
    expect(view).toMatchObject({ service: "search", overall: "operational", incidents: [] });
    expect((await get("/status/search")).body).toContain("All systems operational");
    const bad = await get("/status.json?service=%3Cscript%3E");
    expect(bad.statusCode).toBe(400);
    expect((bad.json() as { errors: { field: string }[] }).errors[0]?.field).toBe("service");
  });

  it("a resolved incident shows as resolved, then leaves the page after resolvedDays", async () => {
    const [summary] = await app.listIncidents({ status: "open", mode: "live" });
    const id = (await app.listIncidents()).find((i) => i.title === "Cassandra shard corrupt")?.id as string;
    expect(summary).toBeDefined();
    await app.execute(id, { type: "resolve", summary: "summary: restored from backup" }, as);
    let view = (await get("/status.json")).json() as StatusView;
    expect(view.incidents[0]).toMatchObject({ status: "resolved" });
    expect(view.overall).toBe("operational");
    expect((await get("/status")).body).toContain("Recently resolved");
    clock.advanceMinutes(8 * 24 * 60);
    view = (await get("/status.json")).json() as StatusView;
    expect(view.incidents).toEqual([]);
  });
});
