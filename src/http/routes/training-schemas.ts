/**
 * Request schemas of the training routes (zod: validated at the edge, every bad field
 * named) and the response shapes documented in the OpenAPI document.
 */
import { z } from "zod";
import { DURATION_HINT, DURATION_PATTERN, parseOffset } from "../../training/duration.js";
import { MAX_OVERTIME_SECONDS, MAX_SPEED } from "../../training/live-drill.js";
import type { JsonSchema } from "../route-book.js";

const MAX_LINE = 20_000;

export const startBody = z
  .object({ scenario: z.string({ error: "scenario must be a scenario id, e.g. multi-team-coordination" }).min(1) })
  .strict();

export const commandBody = z
  .object({
    line: z
      .string({ error: "line must be a string: a drill command as typed, e.g. assign tech-lead sarah-db" })
      .trim()
      .min(1, "line is empty: type a drill command")
      .max(MAX_LINE, `line must be at most ${MAX_LINE} characters`)
      .optional(),
    action: z
      .record(z.string(), z.unknown(), { error: "action must be an object such as { do: 'assign', role, person }" })
      .optional(),
  })
  .strict()
  .refine((b) => (b.line === undefined) !== (b.action === undefined), {
    message: "send either line (as typed) or action (as in a transcript), not both",
    path: ["line"],
  });

const advance = z
  .union([
    z.number().int("advance in seconds must be a whole number").min(1, "advance must be at least 1 second"),
    z
      .string()
      .trim()
      .regex(DURATION_PATTERN, `advance must be ${DURATION_HINT}`)
      .transform((v) => parseOffset(v, "advance")),
  ])
  .pipe(z.number().max(MAX_OVERTIME_SECONDS, `advance must be at most ${MAX_OVERTIME_SECONDS / 3600}h at a time`));

export const clockBody = z
  .object({
    advance: advance.optional(),
    speed: z
      .number({ error: "speed must be a number" })
      .min(0, "speed must be 0 (stopped) or more")
      .max(MAX_SPEED, `speed must be at most ${MAX_SPEED}`)
      .optional(),
  })
  .strict()
  .refine((b) => b.advance !== undefined || b.speed !== undefined, {
    message: "say how the clock moves: advance (2m, or seconds) and/or speed",
    path: ["advance"],
  });

export const finishBody = z
  .object({ record: z.boolean({ error: "record must be true or false" }).optional() })
  .strict();

const wholeNumber = (name: string, max: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/, `${name} must be a whole number`)
    .transform(Number)
    .pipe(z.number().max(max, `${name} must be at most ${max}`));

export const feedQuery = z
  .object({ after: wholeNumber("after", 1e9).optional(), limit: wholeNumber("limit", 1000).optional() })
  .strict();

export const drillListQuery = z
  .object({
    trainee: z.string().min(1).max(100).optional(),
    status: z.enum(["running", "finished"], { error: "status must be running or finished" }).optional(),
  })
  .strict();

export const streamQuery = z.object({ after: wholeNumber("after", 1e9).optional() }).strict();

// Response shapes, for the OpenAPI document.
const string = { type: "string" };
const integer = { type: "integer" };
const number = { type: "number" };
const boolean = { type: "boolean" };
const nullable = (schema: JsonSchema) => ({ anyOf: [schema, { type: "null" }] });
const array = (items: JsonSchema) => ({ type: "array", items });
const object = (properties: Record<string, JsonSchema>): JsonSchema => ({
  type: "object",
  properties,
  additionalProperties: true,
});

export const clockSchema = object({
  offset: { ...integer, description: "Seconds since the drill's start" },
  offsetText: { ...string, description: "T+2m05s" },
  at: { ...string, format: "date-time", description: "Time on the virtual clock" },
  clock: { ...string, description: "02:07, the virtual wall clock (UTC)" },
  duration: { ...integer, description: "The scenario's length in seconds" },
  speed: { ...number, description: "Virtual seconds per real second; 0: moves only when advanced" },
});

export const feedEntrySchema = object({
  seq: integer,
  at: string,
  offset: integer,
  clock: string,
  kind: { type: "string", enum: ["persona", "trainee", "reminder", "system", "error"] },
  from: string,
  channel: nullable(string),
  text: { ...string, description: "Plain text, never HTML" },
  asks: { ...boolean, description: "The persona expects an answer" },
  incident: string,
});

export const scenarioSummarySchema = object({
  id: string,
  title: string,
  difficulty: string,
  duration: string,
  startsAt: string,
  objectives: { ...array(string), description: "What the scenario trains" },
  cast: integer,
  fronts: integer,
  certifies: boolean,
  passPercent: number,
  groups: array(object({ name: string, points: number })),
});

export const drillSummarySchema = object({
  id: { ...string, description: "DRL- and 16 hex digits" },
  scenario: object({ id: string, title: string }),
  trainee: string,
  status: { type: "string", enum: ["running", "finished"] },
  startedAt: string,
  lastUsedAt: string,
  clock: clockSchema,
  feedSize: integer,
  percent: nullable(number),
  passed: nullable(boolean),
});

export const inputResultSchema = object({
  action: nullable(
    object({
      index: integer,
      verb: string,
      ok: { ...boolean, description: "False when the engine refused it (shown in the feed, as live)" },
      error: object({ code: string, message: string }),
    }),
  ),
  feed: array(feedEntrySchema),
  clock: clockSchema,
});

const evidence = object({
  at: string,
  offset: string,
  action: integer,
  event: integer,
  note: string,
  words: array(string),
});

export const reportSchema = object({
  drill: string,
  scenario: string,
  scenarioTitle: string,
  trainee: string,
  total: number,
  max: number,
  percent: number,
  passed: boolean,
  passPercent: number,
  groups: array(object({ name: string, score: number, max: number })),
  competencies: array(object({ name: string, weight: number, score: nullable(number), percent: nullable(number) })),
  items: array(
    object({
      id: string,
      group: string,
      points: number,
      max: number,
      description: nullable(string),
      competency: string,
      critical: boolean,
      evidence: array(evidence),
      advice: string,
    }),
  ),
  criticalMissed: array(string),
  refused: array(object({ action: integer, clock: string, verb: string, code: string, message: string })),
  transcript: { ...string, description: "YAML: replay with warroom train <scenario> --transcript" },
  recorded: nullable(object({ run: integer, certificate: nullable(object({ id: string, expiresAt: string })) })),
});
