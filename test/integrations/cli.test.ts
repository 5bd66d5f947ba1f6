/**
 * `warroom webhook …` on the local file and against a real server (which delivers to a
 * real local receiver), and `warroom alerts receivers|try` (a dry run that stores nothing).
 */

import { writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildConfig } from "../../src/app/config.js";
import { type RunningServer, startServer } from "../../src/http/server.js";
import { bound, cli, tempDir } from "../cli/helpers.js";
import { ALERTS_CONFIG, alertmanagerPayload } from "./helpers.js";

describe("warroom webhook on the local file", () => {
  const temp = tempDir();
  const run = bound({ db: temp.db }, { env: { WARROOM_USER: "alice" } });
  afterAll(() => temp.cleanup());

  it("adds, lists, shows deliveries, replays and removes", async () => {
    const added = await run([
      "--json",
      "webhook",
      "add",
      "https://hooks.example/x",
      "--event",
      "IncidentDeclared",
      "--description",
      "bridge",
    ]);
    expect(added.code, added.stderr).toBe(0);
    expect(added.json()).toMatchObject({ id: "WH1", url: "https://hooks.example/x", events: ["IncidentDeclared"] });
    const text = await run(["webhook", "add", "http://127.0.0.1:9/y"]);
    expect(text.stdout).toMatch(/✓ WH2 → http:\/\/127\.0\.0\.1:9\/y \[\*\]\n {2}signing secret \(shown once\): whsec_/);

    const list = await run(["webhook", "list"]);
    expect(list.stdout).toContain("WH1  https://hooks.example/x  [IncidentDeclared]");
    expect(list.stdout).not.toContain("whsec_");
    expect((await run(["webhook", "deliveries", "WH1"])).stdout).toContain("no delivery attempts for WH1 yet");
    expect((await run(["webhook", "replay", "wh1", "--from", "1"])).stdout).toContain("WH1 will send again from #1");
    const updated = await run([
      "--json",
      "webhook",
      "update",
      "WH2",
      "--event",
      "NoteAdded",
      "--description",
      "notes only",
    ]);
    expect(updated.code, updated.stderr).toBe(0);
    expect(updated.json()).toMatchObject({ id: "WH2", events: ["NoteAdded"], description: "notes only" });
    expect((await run(["--json", "webhook", "update", "WH2"])).problem().code).toBe("validation.failed");
    const rotated = await run(["webhook", "update", "WH2", "--rotate-secret"]);
    expect(rotated.stdout).toMatch(/new signing secret \(shown once\): whsec_/);
    expect((await run(["webhook", "remove", "WH1"])).code).toBe(0);
    expect((await run(["--json", "webhook", "list"])).json<{ id: string }[]>().map((s) => s.id)).toEqual(["WH2"]);
  });

  it("refuses bad input with the field named and a usage or not-found exit code", async () => {
    const bad = await run(["--json", "webhook", "add", "ftp://x"]);
    expect(bad.code).toBe(2);
    expect(bad.problem().errors[0]?.field).toBe("url");
    const unknown = await run(["--json", "webhook", "remove", "WH42"]);
    expect(unknown.code).toBe(3);
    expect(unknown.problem().code).toBe("webhook.not_found");
    expect((await run(["webhook", "deliveries", "WH2", "--limit", "0"])).code).toBe(2);
    expect((await run(["webhook", "replay", "WH2", "--from", "x"])).code).toBe(2);
  });
});

describe("warroom webhook against a server, delivering to a real receiver", () => {
  const temp = tempDir();
  let server: RunningServer;
  let receiver: Server;
  const bodies: { type: string; incidentId: string }[] = [];

  beforeAll(async () => {
    receiver = createServer((request, response) => {
      let body = "";
      request.on("data", (c) => (body += c));
      request.on("end", () => {
        bodies.push(JSON.parse(body));
        response.writeHead(200).end("ok");
      });
    });
    await new Promise<void>((ok) => receiver.listen(0, "127.0.0.1", ok));
    server = await startServer({
      config: buildConfig({
        auth: "off",
        dbPath: temp.db,
        port: 0,
        logLevel: "silent",
        pollIntervalMs: 50,
        webhooks: { pollIntervalMs: 50, baseDelayMs: 20, maxDelayMs: 100 },
      }),
    });
  });
  afterAll(async () => {
    await server.close();
    await new Promise((ok) => receiver.close(ok));
    temp.cleanup();
  });

  it("a subscription added through the CLI gets the incident declared through the CLI", async () => {
    const run = bound({ server: server.url }, { env: { WARROOM_USER: "alice" } });
    const address = receiver.address();
    const port = typeof address === "object" && address ? address.port : 0;
    const added = await run([
      "--json",
      "webhook",
      "add",
      `http://127.0.0.1:${port}/hook`,
      "--event",
      "IncidentDeclared",
    ]);
    expect(added.code, added.stderr).toBe(0);
    expect((await run(["declare", "Queue backlog", "--sev", "SEV-3"])).code).toBe(0);
    const deadline = Date.now() + 20_000;
    while (bodies.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    expect(bodies.map((b) => b.type)).toEqual(["IncidentDeclared"]);
    const log = await run(["webhook", "deliveries", "WH1"]);
    expect(log.stdout).toMatch(/IncidentDeclared INC-1 {2}attempt 1 {2}delivered HTTP 200/);
  });
});

describe("warroom alerts", () => {
  const temp = tempDir();
  const configPath = join(temp.dir, "warroom.config.json");
  const payloadPath = join(temp.dir, "payload.json");
  afterAll(() => temp.cleanup());
  beforeAll(() => {
    writeFileSync(configPath, JSON.stringify({ dbPath: temp.db, alerts: ALERTS_CONFIG }));
    writeFileSync(
      payloadPath,
      JSON.stringify(
        alertmanagerPayload([
          { name: "Down", severity: "critical", service: "api", fingerprint: "f1" },
          { name: "Slow", severity: "warning", service: "api", fingerprint: "f2" },
        ]),
      ),
    );
  });

  it("lists receivers and rules, and dry-runs a payload without storing anything", async () => {
    const receivers = await cli(["--config", configPath, "alerts", "receivers"]);
    expect(receivers.stdout).toContain("/api/alerts/prom  alertmanager, bearer auth, acts as prom");
    expect(receivers.stdout).toContain("→ declare");
    const tried = await cli(["--config", configPath, "--json", "alerts", "try", "prom", payloadPath]);
    expect(tried.code, tried.stderr).toBe(0);
    expect(tried.json()).toMatchObject([
      { fingerprint: "f1", group: "service:api", action: "declare", severity: "SEV-1" },
      { fingerprint: "f2", group: "service:api", action: "attach" },
    ]);
    const list = await cli(["--config", configPath, "--json", "list", "--all"]);
    expect(list.json()).toEqual([]);
    const unknown = await cli(["--config", configPath, "--json", "alerts", "try", "nope", payloadPath]);
    expect(unknown.code).toBe(3);
    expect(unknown.problem().code).toBe("integration.unknown_receiver");
  });
});
