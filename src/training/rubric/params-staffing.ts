/**
 * Parameters of the staffing-plan evaluator (the trainee's allocation against the
 * optimiser's plan), merged into `EVALUATOR_PARAMS` in `params.ts`. Every parameter has a default.
 */
import { z } from "zod";
import { DURATION_HINT, DURATION_PATTERN } from "../duration.js";

const duration = z.string().regex(DURATION_PATTERN, DURATION_HINT);
const handle = z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, "a persona handle");

export const STAFFING_EVALUATOR_PARAMS = {
  /** The trainee's allocation at `at`, scored against the staffing optimiser's plan for the same fronts. */
  "staffing-plan": z
    .object({
      ics: z.array(handle).default([]).describe("the other commanders in the cast (the trainee is one)"),
      at: duration.default("10m").describe("when the allocation is read"),
      fronts: z
        .record(
          z.string(),
          z
            .object({
              usersPct: z.number().min(0).max(100).optional(),
              revenuePerHourUsd: z.number().nonnegative().optional(),
              worseningPctPerHour: z.number().optional(),
            })
            .strict(),
        )
        .default({})
        .describe("what is known of each front's impact, for its priority (else read from its impact text)"),
    })
    .strict(),
} as const;
