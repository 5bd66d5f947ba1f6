/**
 * An alert storm: 10,000 distinct alerts over five services, sent in batches of 250, eight
 * requests at a time. Every alert gets an answer and a record in its group's stream,
 * exactly one incident per service is declared, and sending a batch again only repeats.
 * (Timings are not asserted.)
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALERT_STREAM_PREFIX } from "../../src/integrations/alerts/alert-events.js";
import type { IngestAnswer } from "../../src/integrations/alerts/alert-ingestor.js";
import {
  type AlertSpec,
  alertmanagerPayload,
  type IntegrationApp,
  postAlerts,
  startIntegrationApp,
} from "./helpers.js";

const TOTAL = 10_000;
const BATCH = 250;
const SERVICES = ["api", "checkout", "search", "auth", "billing"];

let t: IntegrationApp;
beforeAll(async () => {
  t = await startIntegrationApp();
});
afterAll(async () => {
  await t.close();
});

function batches(): AlertSpec[][] {
  const out: AlertSpec[][] = [];
  for (let start = 0; start < TOTAL; start += BATCH) {
    out.push(
      Array.from({ length: BATCH }, (_, i) => {
        const n = start + i;
        return {
          name: `Storm${n % 40}`,
          severity: n % 3 === 0 ? "critical" : "warning",
          service: SERVICES[n % SERVICES.length] as string,
          fingerprint: `storm-${n}`,
        };
      }),
    );
  }
  return out;
}

describe("alert storm", () => {
  it("absorbs 10,000 alerts: nothing lost, one incident per service", async () => {
    const all = batches();
    const answers: IngestAnswer[] = [];
    const queue = [...all];
    const workers = Array.from({ length: 8 }, async () => {
      for (let batch = queue.shift(); batch; batch = queue.shift()) {
        const response = await postAlerts(t.http, "prom", alertmanagerPayload(batch));
        expect(response.statusCode, response.body).toBe(200);
        answers.push(response.json() as IngestAnswer);
      }
    });
    await Promise.all(workers);

    const counted = answers.reduce((n, a) => n + Object.values(a.counts).reduce((x, y) => x + y, 0), 0);
    expect(counted).toBe(TOTAL);
    expect(answers.reduce((n, a) => n + a.counts.repeat + a.counts.ignored, 0)).toBe(0);
    const incidents = await t.app.listIncidents();
    expect(incidents).toHaveLength(SERVICES.length);
    const details = await Promise.all(incidents.map((i) => t.app.getIncident(i.id)));
    expect(new Set(details.map((i) => i.services[0]))).toEqual(new Set(SERVICES));
    expect(answers.flatMap((a) => a.declared).sort()).toEqual(incidents.map((i) => i.id).sort());

    // Every alert is recorded once in its group's stream.
    const recorded = new Map<string, number>();
    let after = 0;
    for (;;) {
      const page = await t.app.store.readAll(after, 1000);
      for (const event of page) {
        after = event.position;
        if (!event.streamId.startsWith(ALERT_STREAM_PREFIX) || event.type !== "AlertsRecorded") continue;
        for (const alert of (event.data as { alerts: { fingerprint: string }[] }).alerts) {
          recorded.set(alert.fingerprint, (recorded.get(alert.fingerprint) ?? 0) + 1);
        }
      }
      if (page.length < 1000) break;
    }
    expect(recorded.size).toBe(TOTAL);
    expect([...recorded.values()].every((n) => n === 1)).toBe(true);

    const again = await postAlerts(t.http, "prom", alertmanagerPayload(all[7] as AlertSpec[]));
    expect((again.json() as IngestAnswer).counts.repeat).toBe(BATCH);
    expect(await t.app.listIncidents()).toHaveLength(SERVICES.length);
  }, 300_000);
});
