/**
 * Decision support over HTTP (Fastify inject on a temp SQLite file): the options matrix
 * as JSON and Markdown, the decision record per audience, both in /openapi.json; bad
 * input answers problem+json naming the field and leaves the store as it was.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildConfig } from "../../src/app/config.js";
import { createWarroomApp } from "../../src/app/create-app.js";
import type { DecisionRecord } from "../../src/domain/comms/decision-record.js";
import type { OptionsMatrix } from "../../src/domain/decision-support/index.js";
import { ManualClock } from "../../src/domain/shared/clock.js";
import { buildHttpApp } from "../../src/http/build-http-app.js";
import { declare, expectProblem, get, ok, post, startTestApp, type TestApp } from "../http/helpers.js";
import { EXERCISE_1, EXERCISE_3 } from "./fixtures.js";

let t: TestApp;
let id: string;

beforeAll(async () => {
  t = await startTestApp();
  id = await declare(t.http, { severity: "SEV-1", impact: "5% of users cannot sign in" });
  for (const option of EXERCISE_1) {
    ok(await post(t.http, `/api/incidents/${id}/options`, { title: option.title, attributes: option.attributes }));
  }
  ok(
    await post(t.http, `/api/incidents/${id}/decisions`, {
      kind: "trade-off",
      chosen: ["D"],
      rationale: "The workaround gets people signing in again quickly and the restore keeps every record",
    }),
  );
});
afterAll(() => t.close());

const matrixUrl = (query = "") => `/api/incidents/${id}/options/matrix${query}`;

describe("GET /api/incidents/:id/options/matrix", () => {
  it("answers the matrix as JSON: D wins Exercise 1 under the default weights", async () => {
    const body = ok(await get(t.http, matrixUrl("?hybrid=C,A"))) as unknown as OptionsMatrix & { incidentId: string };
    expect(body.incidentId).toBe(id);
    expect(body.winner).toBe("D");
    expect(body.ranking).toEqual(["D", "C", "C→A", "A", "B"]);
    expect(body.rows.find((r) => r.id === "D")?.chosenIn).toEqual(["D1"]);
    expect(body.sensitivity?.line).toBe(
      "Closest call: lowering user impact from 3 to 1.93 or less makes C the winner instead of D.",
    );
  });

  it("takes weights as risk:3,time:1 or risk=3, and several hybrids", async () => {
    const body = ok(await get(t.http, matrixUrl("?weights=time:5,risk=1&hybrid=C,A&hybrid=B%20then%20C")));
    const m = body as unknown as OptionsMatrix;
    expect(m.criteria.find((c) => c.id === "time")?.weight).toBe(5);
    expect(m.criteria.find((c) => c.id === "risk")?.weight).toBe(1);
    expect(m.rows.map((r) => r.id)).toEqual(["A", "B", "C", "D", "C→A", "B→C"]);
    expect(m.winner).toBe("C");
  });

  it("answers Markdown with format=markdown", async () => {
    const response = await get(t.http, matrixUrl("?format=markdown"));
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("text/markdown; charset=utf-8");
    expect(response.body).toMatch(/^### Options for INC-1\n\n\| Criterion \| Weight \|/);
    expect(response.body).toContain("**Winner: D Hybrid: C then A");
  });

  it.each([
    ["?weights=speed:2", "validation.failed", "weights"],
    ["?weights=risk:-1", "validation.failed", "weights"],
    ["?weights=risk", "validation.failed", "weights"],
    ["?hybrid=C,Z", "option.not_found", "hybrid"],
    ["?hybrid=C", "validation.failed", "hybrid"],
    ["?lowerBetter=risk", "validation.failed", "lowerBetter"],
    ["?format=pdf", "validation.failed", "format"],
    ["?wieghts=risk:2", "validation.failed", "wieghts"],
  ] as const)("refuses %s naming %s, storing nothing", async (query, code, field) => {
    const head = await t.head();
    expectProblem(await get(t.http, matrixUrl(query)), code, field);
    expect(await t.head()).toBe(head);
  });

  it("answers 404 for an unknown incident", async () => {
    expectProblem(await get(t.http, "/api/incidents/INC-99/options/matrix"), "incident.not_found", "incidentId");
  });

  it("uses the configured default weights", async () => {
    const dir = mkdtempSync(join(tmpdir(), "warroom-ds-http-"));
    const config = buildConfig({ dbPath: join(dir, "w.db"), decisionWeights: { time: 10 } });
    const app = await createWarroomApp(config, { clock: new ManualClock("2026-03-07T02:00:00.000Z") });
    const http = buildHttpApp({ app, bodyLimitBytes: config.bodyLimitBytes, decisionWeights: config.decisionWeights });
    try {
      const other = await declare(http, {});
      for (const option of EXERCISE_1) {
        ok(await post(http, `/api/incidents/${other}/options`, { title: option.title, attributes: option.attributes }));
      }
      const m = ok(await get(http, `/api/incidents/${other}/options/matrix`)) as unknown as OptionsMatrix;
      expect(m.criteria.find((c) => c.id === "time")?.weight).toBe(10);
      expect(m.winner).toBe("B");
    } finally {
      await http.close();
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("GET /api/incidents/:id/decisions/:decisionId/record", () => {
  it("answers the record for each audience; the customer's passes the analyser", async () => {
    for (const audience of ["team", "executive", "customer", "legal"] as const) {
      const r = ok(
        await get(t.http, `/api/incidents/${id}/decisions/d1/record?audience=${audience}`),
      ) as unknown as DecisionRecord;
      expect(r).toMatchObject({ incidentId: id, decisionId: "D1", audience });
      expect(r.findings.filter((f) => f.severity === "error")).toEqual([]);
    }
    const customer = ok(await get(t.http, `/api/incidents/${id}/decisions/D1/record?audience=customer`));
    expect(customer.text).toContain(
      "What you will notice: sign-in is slower for about half an hour, then back to normal.",
    );
    const team = ok(await get(t.http, `/api/incidents/${id}/decisions/D1/record`));
    expect(team.audience).toBe("team");
  });

  it("answers Markdown with format=markdown", async () => {
    const response = await get(t.http, `/api/incidents/${id}/decisions/D1/record?audience=executive&format=markdown`);
    expect(response.headers["content-type"]).toBe("text/markdown; charset=utf-8");
    expect(response.body.startsWith(`### ${id} decision D1: Hybrid: C then A\n\n**Impact:**`)).toBe(true);
  });

  it("refuses an unknown decision, audience or parameter, naming it", async () => {
    const head = await t.head();
    expectProblem(await get(t.http, `/api/incidents/${id}/decisions/D5/record`), "decision.not_found", "decisionId");
    expectProblem(
      await get(t.http, `/api/incidents/${id}/decisions/D1/record?audience=board`),
      "validation.failed",
      "audience",
    );
    expectProblem(await get(t.http, `/api/incidents/${id}/decisions/D1/record?tone=calm`), "validation.failed", "tone");
    expect(await t.head()).toBe(head);
  });
});

describe("the OpenAPI document", () => {
  it("lists both routes with their query parameters", async () => {
    const doc = ok(await get(t.http, "/openapi.json")) as {
      paths: Record<string, Record<string, { operationId: string; parameters: { name: string }[] }>>;
    };
    const matrix = doc.paths["/api/incidents/{id}/options/matrix"]?.get;
    expect(matrix?.operationId).toBe("getOptionsMatrix");
    expect(matrix?.parameters.map((p) => p.name)).toEqual(["id", "weights", "hybrid", "lowerBetter", "format"]);
    const record = doc.paths["/api/incidents/{id}/decisions/{decisionId}/record"]?.get;
    expect(record?.operationId).toBe("getDecisionRecord");
    expect(record?.parameters.map((p) => p.name)).toEqual(["id", "decisionId", "audience", "format"]);
  });
});

describe("Exercise 3 over HTTP", () => {
  it("picks the shutdown and says no single weight change flips it", async () => {
    const other = await declare(t.http, { title: "Corruption spreading" });
    for (const option of EXERCISE_3) {
      ok(await post(t.http, `/api/incidents/${other}/options`, { title: option.title, attributes: option.attributes }));
    }
    const m = ok(await get(t.http, `/api/incidents/${other}/options/matrix`)) as unknown as OptionsMatrix;
    expect(m.winner).toBe("A");
    expect(m.sensitivity?.line).toBe("No single weight change within 0–10× flips the winner (A).");
  });
});
