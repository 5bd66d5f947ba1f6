/**
 * Alert receivers end to end through the HTTP adapter: Alertmanager (bearer), Grafana
 * (HMAC) and a generic mapping; dedup by fingerprint, grouping by service, rules, resolved
 * notes, concurrency within one process and across two instances on one file, restarts.
 */
import { afterEach, describe, expect, it } from "vitest";
import { groupStreamId } from "../../src/integrations/alerts/alert-events.js";
import type { IngestAnswer } from "../../src/integrations/alerts/alert-ingestor.js";
import { alertmanagerPayload, type IntegrationApp, postAlerts, postSigned, startIntegrationApp } from "./helpers.js";

const running: IntegrationApp[] = [];
async function start(options: Parameters<typeof startIntegrationApp>[0] = {}) {
  const t = await startIntegrationApp(options);
  running.push(t);
  return t;
}
afterEach(async () => {
  for (const t of running.splice(0).reverse()) await t.close();
});

function answer(response: { statusCode: number; body: string; json(): unknown }): IngestAnswer {
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as IngestAnswer;
}

async function notes(t: IntegrationApp, id: string): Promise<string[]> {
  return (await t.app.timeline(id)).filter((e) => e.type === "NoteAdded").map((e) => e.text);
}

describe("Alertmanager receiver", () => {
  it("declares on a critical alert, deduplicates, attaches the same service's alerts and notes the resolution", async () => {
    const t = await start();
    const fire = alertmanagerPayload([
      {
        name: "CheckoutErrors",
        severity: "critical",
        service: "checkout",
        fingerprint: "fp-1",
        summary: "Checkout 5xx above 5%",
      },
    ]);
    const first = answer(await postAlerts(t.http, "prom", fire));
    expect(first.counts.declared).toBe(1);
    expect(first.declared).toHaveLength(1);
    const id = first.declared[0] as string;
    const incident = await t.app.getIncident(id);
    expect(incident).toMatchObject({ severity: "SEV-1", services: ["checkout"], title: "Checkout 5xx above 5%" });

    // The same alert again (Alertmanager repeats while firing): nothing new.
    const again = answer(await postAlerts(t.http, "prom", fire));
    expect(again.counts).toMatchObject({ repeat: 1, declared: 0 });
    expect(again.declared).toEqual([]);

    // A warning on the same service attaches as a note; on another service it only watches.
    const warn = answer(
      await postAlerts(
        t.http,
        "prom",
        alertmanagerPayload([
          { name: "CheckoutLatency", severity: "warning", service: "checkout", fingerprint: "fp-2" },
          { name: "SearchLatency", severity: "warning", service: "search", fingerprint: "fp-3" },
        ]),
      ),
    );
    expect(warn.counts).toMatchObject({ attached: 1, watching: 1 });
    expect((await t.app.listIncidents()).length).toBe(1);
    expect((await notes(t, id)).some((n) => n.includes("CheckoutLatency") && n.includes("fp-2"))).toBe(true);

    const resolved = answer(
      await postAlerts(
        t.http,
        "prom",
        alertmanagerPayload(
          [
            {
              name: "CheckoutErrors",
              severity: "critical",
              service: "checkout",
              fingerprint: "fp-1",
              status: "resolved",
            },
          ],
          "resolved",
        ),
      ),
    );
    expect(resolved.counts.resolved).toBe(1);
    expect((await notes(t, id)).some((n) => n.startsWith("✅ 1 alert resolved") && n.includes("fp-1"))).toBe(true);
    const metrics = (await t.http.inject({ method: "GET", url: "/metrics" })).body;
    expect(metrics).toContain('warroom_alerts_total{receiver="prom",outcome="declared"} 1');
    expect(metrics).toContain('warroom_alerts_total{receiver="prom",outcome="repeat"} 1');
    expect(metrics).toContain('warroom_alerts_total{receiver="prom",outcome="resolved"} 1');
  });

  it("a blank summary or service falls back to the alert name and the sender's group", async () => {
    const t = await start();
    const payload = alertmanagerPayload([
      { name: "DiskFull", severity: "critical", fingerprint: "b-1", summary: "  " },
    ]);
    (payload.alerts[0] as { labels: Record<string, string> }).labels.service = "   ";
    const id = answer(await postAlerts(t.http, "prom", payload)).declared[0] as string;
    expect(await t.app.getIncident(id)).toMatchObject({ title: "DiskFull", services: [] });
  });

  it("a declaration the incident policy refuses is answered with its error and leaves the group free", async () => {
    const t = await start({ config: { policy: { maxTextBytes: 12 } } });
    const long = alertmanagerPayload([
      { name: "A very long alert title indeed", severity: "critical", service: "x", fingerprint: "l-1" },
    ]);
    for (let i = 0; i < 2; i++) {
      const refused = await postAlerts(t.http, "prom", long);
      expect((refused.json() as { code: string }).code).toBe("text.too_long");
    }
    const stream = (await t.app.store.readAll(0)).filter((e) => e.streamId.startsWith("ALR-")).map((e) => e.type);
    expect(stream).toEqual([
      "AlertIncidentClaimed",
      "AlertClaimAbandoned",
      "AlertIncidentClaimed",
      "AlertClaimAbandoned",
    ]);
    expect(await t.app.listIncidents()).toEqual([]);
  });

  it("says when Alertmanager left alerts out of a notification (truncatedAlerts)", async () => {
    const t = await start();
    const payload = {
      ...alertmanagerPayload([{ name: "Many", severity: "critical", service: "bulk", fingerprint: "m-1" }]),
      truncatedAlerts: 42,
    };
    const result = answer(await postAlerts(t.http, "prom", payload));
    expect(result).toMatchObject({ received: 1, truncated: 42 });
    const [note] = await notes(t, result.declared[0] as string);
    expect(note).toContain("the sender left 42 alerts out of this notification");
  });

  it("declares a new incident when the group's incident was resolved", async () => {
    const t = await start();
    const fire = alertmanagerPayload([{ name: "DiskFull", severity: "critical", service: "db", fingerprint: "d-1" }]);
    const id = answer(await postAlerts(t.http, "prom", fire)).declared[0] as string;
    await t.app.execute(id, { type: "resolve", summary: "Disk cleaned" }, { actor: "alice" });
    const older = alertmanagerPayload([{ name: "DiskSlow", severity: "warning", service: "db", fingerprint: "d-0" }]);
    expect(answer(await postAlerts(t.http, "prom", older)).counts.watching).toBe(1);
    const next = answer(await postAlerts(t.http, "prom", fire));
    expect(next.declared).toHaveLength(1);
    expect(next.declared[0]).not.toBe(id);
    // An alert that never fed the new incident resolves without a note on it; one that did, with one.
    const resolve = (fingerprint: string, name: string) =>
      alertmanagerPayload([{ name, severity: "warning", service: "db", fingerprint, status: "resolved" }], "resolved");
    expect(answer(await postAlerts(t.http, "prom", resolve("d-0", "DiskSlow"))).counts.resolved).toBe(1);
    expect((await notes(t, next.declared[0] as string)).filter((n) => n.startsWith("✅"))).toEqual([]);
    expect(answer(await postAlerts(t.http, "prom", resolve("d-1", "DiskFull"))).counts.resolved).toBe(1);
    expect((await notes(t, next.declared[0] as string)).filter((n) => n.startsWith("✅"))).toHaveLength(1);
  });

  it("takes the severity from the rules and ignores what they say to ignore", async () => {
    const t = await start({
      config: {
        alerts: {
          receivers: [
            { name: "prom", kind: "alertmanager", auth: { type: "bearer", token: "am-token-0123456789abcdef" } },
          ],
          rules: [
            { match: { alertname: "Watchdog" }, action: "ignore" },
            { match: { team: ["payments", "billing"] }, action: "declare", severity: "SEV-2" },
            { match: {}, action: "attach" },
          ],
        },
      },
    });
    const payload = alertmanagerPayload([{ name: "Watchdog", severity: "critical", fingerprint: "w" }]);
    expect(answer(await postAlerts(t.http, "prom", payload)).counts.ignored).toBe(1);
    const billing = alertmanagerPayload([{ name: "Refunds", severity: "info", service: "refunds", fingerprint: "r" }]);
    (billing.alerts[0] as { labels: Record<string, string> }).labels.team = "billing";
    const id = answer(await postAlerts(t.http, "prom", billing)).declared[0] as string;
    expect((await t.app.getIncident(id)).severity).toBe("SEV-2");
  });
});

describe("with API tokens required", () => {
  it("a receiver needs no Warroom token: its own bearer token or signature is the check", async () => {
    const t = await start({ authOn: true });
    const fire = alertmanagerPayload([{ name: "Down", severity: "critical", service: "api", fingerprint: "t-1" }]);
    expect(answer(await postAlerts(t.http, "prom", fire)).declared).toHaveLength(1);
    const before = await t.head();
    const refused = await postAlerts(t.http, "prom", fire, { authorization: "Bearer not-the-receiver-token" });
    expect(refused.statusCode).toBe(401);
    expect((refused.json() as { code: string }).code).toBe("integration.bad_signature");
    expect(await t.head()).toBe(before);
    expect((await t.http.inject({ method: "GET", url: "/api/webhooks" })).statusCode).toBe(401);
  });
});

describe("Grafana and generic receivers", () => {
  it("accepts a Grafana alert signed with HMAC", async () => {
    const t = await start();
    const body = {
      receiver: "warroom",
      status: "firing",
      orgId: 1,
      version: "1",
      groupKey: "{}:{}",
      truncatedAlerts: 0,
      title: "[FIRING:1] Payments",
      state: "alerting",
      message: "…",
      groupLabels: {},
      commonLabels: {},
      commonAnnotations: {},
      externalURL: "http://grafana.example/",
      alerts: [
        {
          status: "firing",
          labels: { alertname: "PaymentsDown", severity: "critical", service: "payments" },
          annotations: { summary: "Payments API is down" },
          startsAt: "2026-03-01T10:00:00Z",
          endsAt: "0001-01-01T00:00:00Z",
          generatorURL: "http://grafana.example/alerting/1",
          fingerprint: "g-1",
          silenceURL: "",
          dashboardURL: "",
          panelURL: "",
          values: { B: 0 },
          valueString: "[ var='B' value=0 ]",
        },
      ],
    };
    const id = answer(await postSigned(t.http, "grafana", body, t.app.clock.now())).declared[0] as string;
    expect((await t.app.getIncident(id)).title).toBe("Payments API is down");
  });

  it("reads a generic payload through its mapping", async () => {
    const t = await start();
    const fire = {
      events: [
        {
          id: "c-1",
          state: "CRITICAL",
          message: "Queue depth over 10k",
          check: { name: "QueueDepth", level: "critical", service: "orders" },
        },
        { id: "c-2", state: "CRITICAL", check: { name: "QueueAge", level: "warning", service: "orders" } },
      ],
    };
    const first = answer(await postAlerts(t.http, "custom", fire));
    expect(first.counts).toMatchObject({ declared: 1, attached: 1 });
    const id = first.declared[0] as string;
    expect((await t.app.getIncident(id)).impact).toBe("Queue depth over 10k");
    const resolve = {
      events: [{ id: "c-1", state: "resolved", check: { name: "QueueDepth", level: "critical", service: "orders" } }],
    };
    expect(answer(await postAlerts(t.http, "custom", resolve)).counts.resolved).toBe(1);
    expect((await notes(t, id)).some((n) => n.includes("resolved") && n.includes("QueueDepth"))).toBe(true);
  });
});

describe("no duplicate incidents", () => {
  it("twenty concurrent copies of one alert declare one incident", async () => {
    const t = await start();
    const fire = alertmanagerPayload([{ name: "ApiDown", severity: "critical", service: "api", fingerprint: "a-1" }]);
    const answers = (await Promise.all(Array.from({ length: 20 }, () => postAlerts(t.http, "prom", fire)))).map(answer);
    expect(answers.flatMap((a) => a.declared)).toHaveLength(1);
    expect(answers.reduce((n, a) => n + a.counts.repeat, 0)).toBe(19);
    expect(await t.app.listIncidents()).toHaveLength(1);
  });

  it("a process that stopped after claiming (and even after declaring) is finished by the next, with one incident", async () => {
    const t = await start();
    const stream = groupStreamId("service:pay");
    const declare = { title: "Pay down", severity: "SEV-1" as const, impact: "", services: ["pay"] };
    const claimed = {
      type: "AlertIncidentClaimed",
      at: "2026-03-01T10:00:00.000Z",
      groupKey: "service:pay",
      claim: `${stream}:1`,
      actor: "prom",
      declare,
    };
    await t.app.store.append({ streamId: stream, expectedVersion: 0, events: [{ type: claimed.type, data: claimed }] });
    // The stopped process got as far as declaring, with the key derived from its claim.
    const made = await t.app.declare(declare, { actor: "prom", idempotencyKey: `alert-claim:${stream}:1` });
    const fire = alertmanagerPayload([{ name: "PayDown", severity: "critical", service: "pay", fingerprint: "p-1" }]);
    const first = answer(await postAlerts(t.http, "prom", fire));
    expect(first.groups[0]?.incidentId).toBe(made.incident.id);
    expect(await t.app.listIncidents()).toHaveLength(1);
    const types = (await t.app.store.readStream(stream)).map((e) => e.type);
    expect(types).toEqual(["AlertIncidentClaimed", "AlertIncidentLinked", "AlertsRecorded"]);
  });

  it("two instances on one file racing on the same group declare one incident, and a restart remembers", async () => {
    const one = await start();
    const two = await start({ dbPath: one.dbPath });
    const alerts = Array.from({ length: 10 }, (_, i) =>
      alertmanagerPayload([{ name: `Err${i}`, severity: "critical", service: "edge", fingerprint: `e-${i}` }]),
    );
    const answers = (
      await Promise.all(alerts.map((payload, i) => postAlerts(i % 2 === 0 ? one.http : two.http, "prom", payload)))
    ).map(answer);
    expect(answers.flatMap((a) => a.declared)).toHaveLength(1);
    await one.app.refresh();
    expect(await one.app.listIncidents()).toHaveLength(1);
    const id = (await one.app.listIncidents())[0]?.id as string;
    expect(answers.every((a) => a.groups[0]?.incidentId === id)).toBe(true);

    const third = await start({ dbPath: one.dbPath });
    const repeat = answer(await postAlerts(third.http, "prom", alerts[3]));
    expect(repeat.counts.repeat).toBe(1);
    expect(await third.app.listIncidents()).toHaveLength(1);
  });
});
