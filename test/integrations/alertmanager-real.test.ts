/**
 * A real Alertmanager (Debian's prometheus-alertmanager) started here on 127.0.0.1 with
 * clustering off, configured to send to the Warroom server under test with a bearer
 * token: an alert fired through its API declares an incident; resolving it (endsAt now)
 * notes the resolution on the timeline. Under CI=true it must run; elsewhere it is skipped
 * when the binary is missing.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type IntegrationApp, startIntegrationApp, TOKEN, tempDir } from "./helpers.js";

const BIN = process.env.ALERTMANAGER_BIN ?? "/usr/bin/prometheus-alertmanager";
const available = existsSync(BIN);
if (!available && process.env.CI === "true") throw new Error(`CI=true but Alertmanager is missing at ${BIN}`);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe.skipIf(!available)(`real Alertmanager (${BIN})`, () => {
  let warroom: IntegrationApp;
  let alertmanager: ChildProcess;
  let amUrl: string;
  let log = "";
  const temp = tempDir("warroom-am-");

  beforeAll(async () => {
    warroom = await startIntegrationApp();
    const warroomUrl = await warroom.listen();
    const port = await freePort();
    amUrl = `http://127.0.0.1:${port}`;
    const configPath = join(temp.dir, "alertmanager.yml");
    writeFileSync(
      configPath,
      [
        "global:",
        "  resolve_timeout: 5m",
        "route:",
        "  receiver: warroom",
        "  group_by: ['alertname', 'service']",
        "  group_wait: 1s",
        "  group_interval: 1s",
        "  repeat_interval: 1h",
        "receivers:",
        "  - name: warroom",
        "    webhook_configs:",
        `      - url: ${warroomUrl}/api/alerts/prom`,
        "        send_resolved: true",
        "        http_config:",
        "          authorization:",
        "            type: Bearer",
        `            credentials: ${TOKEN}`,
        "",
      ].join("\n"),
    );
    alertmanager = spawn(
      BIN,
      [
        `--config.file=${configPath}`,
        `--storage.path=${join(temp.dir, "data")}`,
        `--web.listen-address=127.0.0.1:${port}`,
        "--cluster.listen-address=",
        "--log.level=warn",
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    alertmanager.stdout?.on("data", (chunk) => (log += chunk));
    alertmanager.stderr?.on("data", (chunk) => (log += chunk));
    await until("Alertmanager to be ready", async () => ((await fetch(`${amUrl}/-/ready`)).ok ? true : undefined));
  }, 90_000);

  afterAll(async () => {
    if (alertmanager && alertmanager.exitCode === null) {
      const exited = new Promise((r) => alertmanager.once("exit", r));
      alertmanager.kill("SIGTERM");
      await exited;
    }
    await warroom?.close();
    temp.remove();
  });

  async function postToAlertmanager(
    endsAt: Date,
    labels: Record<string, string> = { alertname: "CheckoutDown", severity: "critical", service: "checkout" },
    summary = "Checkout is failing for every user",
  ): Promise<void> {
    const response = await fetch(`${amUrl}/api/v2/alerts`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify([
        {
          labels,
          annotations: { summary },
          startsAt: new Date(Date.now() - 60_000).toISOString(),
          endsAt: endsAt.toISOString(),
          generatorURL: "http://prometheus.example/graph?g0.expr=up",
        },
      ]),
    });
    expect(response.status, await response.text()).toBe(200);
  }

  it("fires: Alertmanager sends the alert and Warroom declares the incident", async () => {
    await postToAlertmanager(new Date(Date.now() + 3_600_000));
    const incident = await until(`an incident (Alertmanager log: ${log})`, async () => {
      const [first] = await warroom.app.listIncidents();
      return first;
    });
    expect(incident).toMatchObject({ severity: "SEV-1", title: "Checkout is failing for every user" });
    const detail = await warroom.app.getIncident(incident.id);
    expect(detail.services).toEqual(["checkout"]);
  }, 90_000);

  it("groups: a warning on the same service (another Alertmanager group) attaches as a note", async () => {
    const latency = { alertname: "CheckoutSlow", severity: "warning", service: "checkout" };
    await postToAlertmanager(new Date(Date.now() + 3_600_000), latency, "Checkout is slow");
    const [incident] = await warroom.app.listIncidents();
    const note = await until(`the attached note (Alertmanager log: ${log})`, async () => {
      const timeline = await warroom.app.timeline(incident?.id as string);
      return timeline.find((e) => e.type === "NoteAdded" && e.text.includes("Checkout is slow"));
    });
    expect(note.text).toMatch(/^🔔 1 alert firing \(prom\)/);
    expect(await warroom.app.listIncidents()).toHaveLength(1);
  }, 90_000);

  it("resolves: Alertmanager sends the resolution and the timeline notes it", async () => {
    await postToAlertmanager(new Date(Date.now() - 1000));
    const [incident] = await warroom.app.listIncidents();
    const note = await until(`the resolved note (Alertmanager log: ${log})`, async () => {
      const timeline = await warroom.app.timeline(incident?.id as string);
      return timeline.find(
        (e) => e.type === "NoteAdded" && e.text.includes("resolved") && e.text.includes("Checkout is failing"),
      );
    });
    expect(note.text).toMatch(/^✅ 1 alert resolved \(prom\)/);
    expect(await warroom.app.listIncidents()).toHaveLength(1);
  }, 90_000);
});
