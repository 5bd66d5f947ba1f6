/**
 * Triage over HTTP on a real SQLite file: the friendly routes for the impact estimate and
 * the skill needs, GET /api/triage on the live incidents and the directory (drills left
 * out), a re-plan after a severity change and a resolution, POST /api/triage with a body,
 * bad bodies refused naming the field with nothing stored, and the routes in OpenAPI.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { TriagePlan } from "../../src/domain/triage/types.js";
import { declare, expectProblem, get, ok, post, START, startTestApp, type TestApp } from "../http/helpers.js";

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp();
  await t.app.people.importPeople(
    [
      { handle: "alice", name: "Alice", icQualified: true },
      { handle: "riley", name: "Riley", icQualified: true },
      { handle: "priya", name: "Priya", skills: ["payments"] },
      { handle: "tom", name: "Tom", skills: ["payments"] },
      { handle: "dana", name: "Dana", skills: ["database"] },
      { handle: "omar", name: "Omar", skills: ["database"] },
      { handle: "kai", name: "Kai", skills: ["networking"] },
    ],
    { actor: "admin" },
  );
});
afterEach(async () => {
  await t.close();
});

const inHours = (h: number) => new Date(Date.parse(START) + h * 3_600_000).toISOString();

async function friday(): Promise<string[]> {
  const payments = await declare(t.http, { title: "Card payments failing", severity: "SEV-1", usersAffectedPct: 100 });
  const database = await declare(t.http, {
    title: "Slow pages",
    severity: "SEV-2",
    usersAffectedPct: 20,
    commander: "riley",
  });
  const certificate = await declare(t.http, { title: "Certificate expiring", severity: "SEV-2", commander: "kai" });
  ok(await post(t.http, `/api/incidents/${payments}/impact-estimate`, { revenueAtRiskPerHourUsd: 540000 }));
  ok(await post(t.http, `/api/incidents/${certificate}/impact-estimate`, { impactStartsAt: inHours(3) }));
  ok(await post(t.http, `/api/incidents/${payments}/skill-needs`, { needs: [{ skill: "payments", count: 2 }] }));
  ok(await post(t.http, `/api/incidents/${database}/skill-needs`, { needs: [{ skill: "database", count: 2 }] }));
  ok(await post(t.http, `/api/incidents/${certificate}/skill-needs`, { needs: [{ skill: "networking", count: 1 }] }));
  return [payments, database, certificate];
}

const plan = async (url = "/api/triage") => ok(await get(t.http, url)) as unknown as TriagePlan;

describe("GET /api/triage", () => {
  it("plans the live incidents with the directory: priorities with reasons, commanders, engineers, gaps", async () => {
    const [payments, database, certificate] = await friday();
    await declare(t.http, { title: "A drill", severity: "SEV-1", mode: "drill" });
    const body = await plan();
    expect(body.incidents.map((i) => i.id)).toEqual([payments, certificate, database]);
    expect(body.incidents[0]?.reasons.map((r) => r.factor)).toEqual(["severity", "users", "revenue"]);
    expect(body.solver).toMatchObject({ status: "optimal", engine: "highs" });
    const pay = body.assignments.find((a) => a.incident === payments);
    expect(pay).toMatchObject({ commander: "alice", engineers: ["priya", "tom"] });
    // riley stays on the database they command; kai, not IC-qualified, works the certificate without an IC.
    expect(body.assignments.find((a) => a.incident === database)?.commander).toBe("riley");
    expect(body.assignments.find((a) => a.incident === certificate)?.engineers).toEqual(["kai"]);
    expect(body.uncovered).toEqual([
      expect.objectContaining({ incident: certificate, what: "commander", wouldCover: "one more IC-qualified person" }),
    ]);
    expect(body.moves).toEqual([]);
  });

  it("re-plans after a severity change and a resolution, keeping people in place unless a move is clearly better", async () => {
    const [payments, database, certificate] = await friday();
    ok(await post(t.http, `/api/incidents/${certificate}/severity`, { severity: "SEV-1", reason: "expires sooner" }));
    const raised = await plan();
    // Two SEV-1s, two ICs: riley leaves the SEV-2 database to command the certificate.
    expect(raised.assignments.find((a) => a.incident === certificate)?.commander).toBe("riley");
    expect(raised.moves).toEqual([expect.objectContaining({ person: "riley", from: database, to: certificate })]);

    ok(await post(t.http, `/api/incidents/${payments}/resolve`, { summary: "Rolled the gateway back" }));
    const after = await plan();
    expect(after.incidents.map((i) => i.id)).not.toContain(payments);
    // The plan was only advice: riley still commands the database, and the freed alice takes the certificate.
    expect(after.assignments.find((a) => a.incident === certificate)?.commander).toBe("alice");
    expect(after.assignments.find((a) => a.incident === database)?.commander).toBe("riley");
    expect(after.moves).toEqual([]);
  });

  it("answers the greedy plan, labelled, with greedy=true", async () => {
    await friday();
    expect((await plan("/api/triage?greedy=true")).solver).toMatchObject({ status: "greedy", engine: "greedy" });
    expectProblem(await get(t.http, "/api/triage?greedy=maybe"), "validation.failed", "greedy");
  });

  it("with nothing open and nobody in the directory, answers an empty plan", async () => {
    expect(await plan()).toMatchObject({
      incidents: [],
      assignments: [],
      uncovered: [],
      moves: [],
      solver: { status: "empty" },
    });
  });
});

describe("POST /api/triage", () => {
  it("plans the incidents in the body (needs as a map, impact in minutes) with the directory", async () => {
    const body = ok(
      await post(t.http, "/api/triage", {
        now: START,
        incidents: [
          { id: "db", severity: "SEV-2", usersAffectedPct: 20, needs: { database: 2 } },
          { id: "cert", severity: "SEV-2", usersAffectedPct: 100, impactInMinutes: 180, needs: { networking: 1 } },
        ],
      }),
    ) as unknown as TriagePlan;
    expect(body.incidents.map((i) => i.id)).toEqual(["cert", "db"]);
    expect(body.incidents[0]?.reasons.find((r) => r.factor === "time-to-impact")?.text).toContain("in 3 h");
    expect(body.assignments.find((a) => a.incident === "db")?.engineers.sort()).toEqual(["dana", "omar"]);
  });

  it("refuses a bad body naming each field, and stores nothing", async () => {
    const head = await t.head();
    const bad = await post(t.http, "/api/triage", {
      incidents: [
        { id: "a", severity: "SEV-9" },
        { id: "a", severity: "SEV-1", needs: { database: 0 } },
      ],
      current: [{ person: "x", incident: "nowhere", as: "commander" }],
    });
    const problem = expectProblem(bad, "validation.failed", "incidents.0.severity");
    const fields = problem.errors.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(["incidents.1.needs.database"]));
    expectProblem(await post(t.http, "/api/triage", { incidents: [], extra: 1 }), "validation.failed");
    expect(await t.head()).toBe(head);
  });
});

describe("the triage facts routes and OpenAPI", () => {
  it("refuses a bad estimate naming the field and an unchanged one as estimate.unchanged", async () => {
    const [payments] = await friday();
    expectProblem(
      await post(t.http, `/api/incidents/${payments}/impact-estimate`, { revenueAtRiskPerHourUsd: -5 }),
      "validation.failed",
      "revenueAtRiskPerHourUsd",
    );
    expectProblem(
      await post(t.http, `/api/incidents/${payments}/impact-estimate`, { revenueAtRiskPerHourUsd: 540000 }),
      "estimate.unchanged",
    );
  });

  it("documents both triage routes with their access and the plan's schema", async () => {
    const doc = ok(await get(t.http, "/openapi.json")) as {
      paths: Record<string, Record<string, Record<string, unknown>>>;
    };
    const triage = doc.paths["/api/triage"];
    expect(Object.keys(triage ?? {}).sort()).toEqual(["get", "post"]);
    expect(triage?.get?.["x-warroom-access"]).toBe("viewer");
    const schema = JSON.stringify(triage?.get?.responses);
    for (const key of ["assignments", "uncovered", "moves", "wouldCover", "fallback-greedy"])
      expect(schema).toContain(key);
    expect(doc.paths["/api/incidents/{id}/impact-estimate"]?.post).toBeDefined();
  });
});
