/**
 * Query parameters are validated with zod like bodies are. Unknown parameters are
 * refused rather than ignored, so a typo (`sevrity=SEV-1`) is not silently "all".
 */
import { z } from "zod";
import { CHANNELS, EVENT_TYPES, MODES } from "../domain/incident/events.js";
import { SEVERITIES } from "../domain/incident/policy.js";
import { WarroomError } from "../domain/shared/errors.js";

const MAX_POSITION = Number.MAX_SAFE_INTEGER;

function wholeNumber(name: string, min: number, max: number) {
  return z
    .string()
    .regex(/^\d{1,16}$/, `${name} must be a whole number`)
    .transform(Number)
    .pipe(z.number().min(min, `${name} must be at least ${min}`).max(max, `${name} must be at most ${max}`));
}

const handleFilter = (name: string) =>
  z
    .string()
    .trim()
    .min(1, `${name} must not be empty`)
    .max(100, `${name} is at most 100 characters`)
    .transform((value) => value.replace(/^@/, ""));

export const incidentListQuery = z
  .object({
    status: z.enum(["open", "resolved", "all"], { error: "status must be one of open, resolved, all" }).optional(),
    severity: z.enum(SEVERITIES, { error: `severity must be one of ${SEVERITIES.join(", ")}` }).optional(),
    mode: z.enum(MODES, { error: `mode must be one of ${MODES.join(", ")}` }).optional(),
  })
  .strict();

/** `type=NoteAdded,DecisionRecorded` or the parameter repeated. */
const eventTypes = z
  .union([z.string(), z.array(z.string())])
  .transform((value) =>
    (Array.isArray(value) ? value : [value])
      .flatMap((v) => v.split(","))
      .map((v) => v.trim())
      .filter((v) => v !== ""),
  )
  .pipe(z.array(z.enum(EVENT_TYPES, { error: `type must be event types among ${EVENT_TYPES.join(", ")}` })));

export const timelineQuery = z
  .object({
    channel: z.enum(CHANNELS, { error: `channel must be one of ${CHANNELS.join(", ")}` }).optional(),
    type: eventTypes.optional(),
    afterVersion: wholeNumber("afterVersion", 0, MAX_POSITION).optional(),
    limit: wholeNumber("limit", 1, 10_000).optional(),
  })
  .strict();

export const tasksQuery = z.object({ assignee: handleFilter("assignee").optional() }).strict();

export const actionItemsQuery = z.object({ owner: handleFilter("owner").optional() }).strict();

export const streamQuery = z.object({ after: wholeNumber("after", 0, MAX_POSITION).optional() }).strict();

export const lastEventIdHeader = z.object({ "Last-Event-ID": wholeNumber("Last-Event-ID", 0, MAX_POSITION) });

/**
 * Parses request input, naming every offending field: the parameter (or header) for
 * query input, the dotted path for bodies.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const details = result.error.issues.flatMap((issue) => {
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({ field: key, message: `${key} is not a known ${what} parameter` }));
    }
    const field = issue.path.length > 0 ? issue.path.join(".") : "(root)";
    return [{ field, message: issue.message.includes(field) ? issue.message : `${field}: ${issue.message}` }];
  });
  throw new WarroomError("validation.failed", `invalid ${what}: ${details.map((d) => d.message).join("; ")}`, details);
}
