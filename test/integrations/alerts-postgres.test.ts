/**
 * Two Warroom instances on one PostgreSQL store (each its own pool, as two servers
 * would be) receive the same alert group at once: exactly one incident is declared,
 * every alert is recorded once, and a third instance started afterwards treats a copy as
 * a repeat. Skipped without WARROOM_TEST_PG_URL, except under CI=true.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildConfig } from "../../src/app/config.js";
import { WarroomApp } from "../../src/app/warroom-app.js";
import { DEFAULT_POLICY } from "../../src/domain/incident/policy.js";
import { resolveAlertsConfig } from "../../src/integrations/alerts/alert-config.js";
import { AlertIngestor } from "../../src/integrations/alerts/alert-ingestor.js";
import { normalise } from "../../src/integrations/alerts/normalise.js";
import { dropSchema, openPgStore, PG_SKIP, schemaName } from "../store/pg-helpers.js";
import { ALERTS_CONFIG, alertmanagerPayload } from "./helpers.js";

const config = resolveAlertsConfig(buildConfig({ alerts: ALERTS_CONFIG }).alerts);
const receiver = config.receivers.get("prom") as NonNullable<ReturnType<typeof config.receivers.get>>;

describe.skipIf(PG_SKIP !== "")(`alerts on PostgreSQL ${PG_SKIP}`, () => {
  const schema = schemaName("alerts");
  const apps: WarroomApp[] = [];
  const instance = async () => {
    const app = await WarroomApp.start({ store: await openPgStore(schema), policy: DEFAULT_POLICY });
    apps.push(app);
    return { app, ingestor: new AlertIngestor(app, config) };
  };
  beforeAll(async () => {
    await dropSchema(schema);
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await dropSchema(schema);
  });

  it("two instances racing on one group declare one incident; a third remembers", async () => {
    const one = await instance();
    const two = await instance();
    const batches = Array.from({ length: 16 }, (_, i) =>
      normalise(
        "alertmanager",
        alertmanagerPayload([{ name: `E${i}`, severity: "critical", service: "edge", fingerprint: `pg-${i}` }]),
        config,
        null,
      ),
    );
    const answers = await Promise.all(
      batches.map((alerts, i) => (i % 2 === 0 ? one : two).ingestor.ingest(receiver, alerts)),
    );
    expect(answers.flatMap((a) => a.declared)).toHaveLength(1);
    expect(answers.reduce((n, a) => n + a.counts.declared + a.counts.attached, 0)).toBe(16);
    await one.app.refresh();
    const incidents = await one.app.listIncidents();
    expect(incidents).toHaveLength(1);

    const three = await instance();
    const again = await three.ingestor.ingest(receiver, batches[5] as (typeof batches)[number]);
    expect(again.counts.repeat).toBe(1);
    expect(await three.app.listIncidents()).toHaveLength(1);
  });
});
