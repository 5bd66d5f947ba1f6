/**
 * Whatever people typed into the incident (plain words, engineering terms, host names,
 * guesses, blame, promised fix times, "unknown"), every audience's draft passes the
 * analyser with no error: unfit wording becomes a placeholder, never an error.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyse } from "../../src/domain/analysis/index.js";
import { draftUpdate } from "../../src/domain/comms/templates.js";
import { AUDIENCES } from "../../src/domain/incident/events.js";
import { at, History, IC } from "./shapes.js";

const PHRASES = [
  "5% of users cannot log in",
  "checkout is slow for some customers",
  "unknown",
  "p99 latency on api-7.prod.internal",
  "the Redis connection pool is exhausted",
  "probably a bad deploy",
  "Dave broke prod again",
  "fixed by 14:00 for sure",
  "we will roll back",
  "restart the kafka consumers",
  "payments fail with 502s",
  "logins still fail",
  "switch to the standby",
  "I think it could be the cache",
  "TOTAL DISASTER!!!",
  "no data lost",
  "2 hours of orders",
];

const phrase = fc.constantFrom(...PHRASES);
const text = fc.array(phrase, { minLength: 1, maxLength: 2 }).map((parts) => parts.join(", "));

const incident = fc.record({
  impact: fc.option(text, { nil: undefined }),
  title: text,
  severity: fc.constantFrom("SEV-1", "SEV-2", "SEV-3", "SEV-4" as const),
  usersAffectedPct: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
  services: fc.array(fc.constantFrom("users-db", "checkout-api", "auth"), { maxLength: 2 }),
  option: fc.option(fc.record({ title: text, dataLoss: fc.option(phrase, { nil: undefined }) }), { nil: undefined }),
  rationale: text,
  fallback: fc.option(text, { nil: undefined }),
  trigger: fc.option(fc.tuple(text, text), { nil: undefined }),
  deadline: fc.option(text, { nil: undefined }),
  task: fc.option(text, { nil: undefined }),
  status: fc.constantFrom("investigating", "identified", "mitigating", "monitoring", "resolved"),
  summary: text,
  minutes: fc.integer({ min: 1, max: 300 }),
});

type Shape = typeof incident extends fc.Arbitrary<infer T> ? T : never;

function build(shape: Shape): History {
  const h = new History().run(0, IC, {
    type: "declare",
    title: shape.title,
    severity: shape.severity,
    ...(shape.impact === undefined ? {} : { impact: shape.impact }),
    ...(shape.usersAffectedPct === undefined ? {} : { usersAffectedPct: shape.usersAffectedPct }),
    services: shape.services,
  });
  if (shape.option) {
    const attributes = shape.option.dataLoss === undefined ? {} : { dataLoss: shape.option.dataLoss };
    h.run(1, IC, { type: "propose-option", title: shape.option.title, attributes });
    h.run(2, IC, {
      type: "record-decision",
      kind: "trade-off",
      chosen: ["A"],
      rationale: shape.rationale,
      ...(shape.fallback === undefined ? {} : { fallback: shape.fallback }),
    });
  }
  if (shape.trigger)
    h.run(2, IC, { type: "set-trigger", condition: shape.trigger[0], action: shape.trigger[1], inMinutes: 20 });
  if (shape.deadline) h.run(2, IC, { type: "set-decision-deadline", question: shape.deadline, inMinutes: 10 });
  if (shape.task) h.run(3, IC, { type: "assign-task", title: shape.task, assignee: "dana", timeboxMinutes: 15 });
  if (shape.status === "resolved") h.run(4, IC, { type: "resolve", summary: shape.summary });
  else if (shape.status !== "investigating") h.run(4, IC, { type: "change-status", status: shape.status });
  return h;
}

describe("drafts from arbitrary incident wording", () => {
  it("never carry an error-severity finding for their audience", () => {
    fc.assert(
      fc.property(incident, fc.constantFrom(...AUDIENCES), (shape, audience) => {
        const now = at(4 + shape.minutes);
        const draft = draftUpdate(build(shape).incident, audience, now);
        const errors = analyse(draft.text, audience, { now }).findings.filter((f) => f.severity === "error");
        expect(errors, draft.text).toEqual([]);
      }),
      { numRuns: 300, seed: 20260307 },
    );
  });
});
