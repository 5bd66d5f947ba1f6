/**
 * Random payloads to the alert receivers (fast-check): arbitrary JSON, and Alertmanager
 * and generic payloads with one field replaced by a random value. The answer is 200 or
 * a 4xx problem with a known code, never a 5xx; a refused request appends nothing; an
 * accepted one accounts for every alert it carried.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ERROR_TABLE } from "../../src/app/error-table.js";
import { ERROR_CODES } from "../../src/domain/shared/errors.js";
import type { IngestAnswer } from "../../src/integrations/alerts/alert-ingestor.js";
import { alertmanagerPayload, type IntegrationApp, postAlerts, startIntegrationApp } from "./helpers.js";

let t: IntegrationApp;
beforeAll(async () => {
  t = await startIntegrationApp();
});
afterAll(async () => {
  await t.close();
});

async function check(receiver: string, body: unknown): Promise<void> {
  const before = await t.head();
  const response = await postAlerts(t.http, receiver, body);
  expect(response.statusCode, response.body).toBeLessThan(500);
  if (response.statusCode === 200) {
    const answer = response.json() as IngestAnswer;
    expect(Object.values(answer.counts).reduce((a, b) => a + b, 0)).toBe(answer.received);
    return;
  }
  const problem = response.json() as { code: (typeof ERROR_CODES)[number] };
  expect(ERROR_CODES).toContain(problem.code);
  expect(response.statusCode).toBe(ERROR_TABLE[problem.code].http);
  expect(await t.head()).toBe(before);
}

const base = alertmanagerPayload([{ name: "Fuzz", severity: "warning", service: "fuzz", fingerprint: "z" }]);
const alertKeys = ["status", "labels", "annotations", "startsAt", "endsAt", "generatorURL", "fingerprint"];
const payloadKeys = [
  "version",
  "status",
  "alerts",
  "groupLabels",
  "commonLabels",
  "commonAnnotations",
  "groupKey",
  "truncatedAlerts",
];

describe("alert receivers under random input", () => {
  it("arbitrary JSON to every receiver", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("prom", "custom"), fc.jsonValue({ maxDepth: 4 }), (receiver, body) =>
        check(receiver, body),
      ),
      { numRuns: 150 },
    );
  });

  it("an Alertmanager payload with one field replaced", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.boolean(),
        fc.constantFrom(...alertKeys, ...payloadKeys),
        fc.jsonValue({ maxDepth: 3 }),
        async (inAlert, key, value) => {
          const payload = structuredClone(base) as Record<string, unknown> & { alerts: Record<string, unknown>[] };
          if (inAlert && alertKeys.includes(key)) (payload.alerts[0] as Record<string, unknown>)[key] = value;
          else payload[key] = value;
          await check("prom", payload);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("a generic payload with random values where the mapping looks", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          id: fc.jsonValue({ maxDepth: 2 }),
          state: fc.jsonValue({ maxDepth: 2 }),
          check: fc.jsonValue({ maxDepth: 3 }),
        }),
        (event) => check("custom", { events: [event] }),
      ),
      { numRuns: 150 },
    );
  });
});
