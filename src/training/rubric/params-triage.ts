/**
 * Parameters of the multi-incident evaluators (triage, allocation, deadlines, coordination
 * across incidents, cadence per SEV-1, trade-offs, documentation and the postmortem across
 * fronts), merged into `EVALUATOR_PARAMS` in `params.ts`. Every parameter has a default.
 */
import { z } from "zod";
import { AUDIENCES } from "../../domain/incident/events.js";
import { SEVERITIES } from "../../domain/incident/policy.js";
import { DURATION_HINT, DURATION_PATTERN } from "../duration.js";

const duration = z.string().regex(DURATION_PATTERN, DURATION_HINT);
const params = <T extends z.ZodRawShape>(shape: T) => z.object(shape).strict();
const handle = z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, "a persona handle");
const ics = z.array(handle).default([]).describe("the other commanders in the cast (the trainee is one)");

export const TRIAGE_EVALUATOR_PARAMS = {
  /** Every front declared soon at the severity it warrants, the most severe first, deadlines on the record. */
  triage: params({
    within: duration.default("5m").describe("every front declared this soon after the start"),
  }),
  /** Commanders split across the fronts, one incident each; engineers on their own front; nobody double-booked. */
  "resource-allocation": params({
    ics,
    within: duration.default("10m").describe("people count as allocated when given work this soon"),
  }),
  /** Each front with a deadline resolved before it, with room to spare. */
  "deadline-met": params({
    margin: duration.default("30m").describe("resolved at least this long before the deadline for full points"),
  }),
  /** The trainee kept every front in view: check-ins with the other commanders, summaries across fronts. */
  "cross-coordination": params({
    ics,
    every: duration.default("30m").describe("longest a front (or a commander) may go without a word from you"),
    minSummaries: z.number().int().min(0).default(2).describe("messages that speak to two fronts or more"),
  }),
  /** Stakeholders updated on each front of these severities at least this often, until it is resolved. */
  "update-cadence": params({
    every: duration.default("15m"),
    grace: duration.default("2m"),
    severities: z.array(z.enum(SEVERITIES)).min(1).default(["SEV-1"]),
    audiences: z.array(z.enum(AUDIENCES)).min(1).optional().describe("count only updates to these (default: any)"),
  }),
  /** Trade-off decisions on the record, argued, with a fallback; one weighing fronts against each other. */
  "tradeoffs-recorded": params({
    minDecisions: z.number().int().min(1).default(2),
    minRationaleWords: z.number().int().min(1).default(10),
  }),
  /** Each front's incident documented: impact, people, progress and how it ended. */
  "fronts-documented": params({}),
  /** One blameless postmortem covering every front, with owned action items. */
  "fronts-postmortem": params({}),
  /** Each front resolved by its time (`by`, else its deadline, else the end of the drill). */
  "fronts-resolved": params({
    by: z.record(z.string(), duration).default({}).describe("front key → resolve by this offset"),
    grace: duration.default("30m").describe("after its time, points fall to zero over this long"),
  }),
} as const;
