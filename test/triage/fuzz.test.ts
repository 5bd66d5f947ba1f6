/**
 * Bad input never crashes triage: random bodies to POST /api/triage answer 200 with a plan
 * or 400 naming a field, never a server error, and store nothing; random roster CSV and YAML
 * text is either imported as people or refused with line and field.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseRosterFile } from "../../src/app/triage-files.js";
import { isWarroomError } from "../../src/domain/shared/errors.js";
import { post, startTestApp, type TestApp } from "../http/helpers.js";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

const severity = fc.oneof(fc.constantFrom("SEV-1", "SEV-2", "SEV-3", "SEV-4"), fc.string({ maxLength: 6 }));
const incident = fc.record(
  {
    id: fc.oneof(fc.constantFrom("a", "b", "INC-1"), fc.string({ maxLength: 8 })),
    severity,
    usersAffectedPct: fc.oneof(fc.double({ min: -50, max: 150, noNaN: true }), fc.constant(null)),
    revenueAtRiskPerHourUsd: fc.oneof(fc.integer({ min: -10, max: 2_000_000 }), fc.constant(null)),
    impactInMinutes: fc.integer({ min: -10, max: 20_000 }),
    worseningPctPerHour: fc.oneof(fc.integer({ min: -200, max: 20_000 }), fc.constant(null)),
    needs: fc.oneof(
      fc.dictionary(fc.constantFrom("database", "payments", "", "x y"), fc.integer({ min: -1, max: 60 })),
      fc.array(fc.record({ skill: fc.string({ maxLength: 5 }), count: fc.integer({ min: -1, max: 3 }) }), {
        maxLength: 3,
      }),
      fc.string({ maxLength: 4 }),
    ),
  },
  { requiredKeys: ["id"] },
);
const body = fc.oneof(
  fc.record(
    {
      incidents: fc.array(incident, { maxLength: 6 }),
      people: fc.array(
        fc.record(
          {
            handle: fc.oneof(fc.constantFrom("ic1", "e1", "e2"), fc.string({ maxLength: 6 })),
            skills: fc.array(fc.constantFrom("database", "payments", ""), { maxLength: 3 }),
            icQualified: fc.oneof(fc.boolean(), fc.constant("yes")),
            available: fc.boolean(),
          },
          { requiredKeys: ["handle"] },
        ),
        { maxLength: 8 },
      ),
      current: fc.array(
        fc.record({
          person: fc.constantFrom("ic1", "e1"),
          incident: fc.constantFrom("a", "b", "zz"),
          as: fc.constantFrom("commander", "engineer", "boss"),
        }),
        { maxLength: 3 },
      ),
      settings: fc.record(
        { spanOfControl: fc.integer({ min: -1, max: 60 }), timeLimitMs: fc.integer({ min: 0, max: 2000 }) },
        { requiredKeys: [] },
      ),
    },
    { requiredKeys: ["incidents"] },
  ),
  fc.jsonValue(),
);

describe("triage never crashes on bad input", () => {
  it("POST /api/triage answers a plan or a 400 naming a field, and stores nothing", async () => {
    const head = await t.head();
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        const response = await post(t.http, "/api/triage", b);
        expect([200, 400], response.body.slice(0, 300)).toContain(response.statusCode);
        if (response.statusCode === 400)
          expect((response.json() as { errors: unknown[] }).errors.length).toBeGreaterThan(0);
        else expect(response.json()).toHaveProperty("solver.status");
      }),
      { numRuns: 150 },
    );
    expect(await t.head()).toBe(head);
  });

  it("a roster file is parsed into people or refused naming line and field, never anything else", () => {
    const text = fc.oneof(
      fc
        .array(
          fc
            .array(
              fc.oneof(fc.constantFrom("handle", "name", "ic", "yes", "db", '"', ","), fc.string({ maxLength: 6 })),
              { maxLength: 6 },
            )
            .map((r) => r.join(",")),
          { maxLength: 6 },
        )
        .map((rows) => ["handle,name,skills,ic", ...rows].join("\n")),
      fc.string({ maxLength: 80 }),
    );
    fc.assert(
      fc.property(text, fc.constantFrom("r.csv", "r.yaml", "r"), (content, name) => {
        try {
          const people = parseRosterFile(content, name);
          expect(people.length).toBeGreaterThan(0);
        } catch (error) {
          if (!isWarroomError(error)) throw error;
          expect(error.code).toBe("validation.failed");
          expect(error.details.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 400 },
    );
  });
});
