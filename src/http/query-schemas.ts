/**
 * Query parameters are validated with zod like bodies are, with the app's filter schemas
 * where the strings need no conversion, so HTTP and the CLI refuse the same things.
 * Unknown parameters are refused rather than ignored, so a typo (`sevrity=SEV-1`) is
 * not silently "all".
 */
import { z } from "zod";
import { actionItemFilterSchema, incidentFilterSchema, personFilterSchema } from "../app/filter-schemas.js";
import { CHANNELS, EVENT_TYPES } from "../domain/incident/events.js";
import { WarroomError } from "../domain/shared/errors.js";

const MAX_POSITION = Number.MAX_SAFE_INTEGER;

function wholeNumber(name: string, min: number, max: number) {
  return z
    .string()
    .regex(/^\d{1,16}$/, `${name} must be a whole number`)
    .transform(Number)
    .pipe(z.number().min(min, `${name} must be at least ${min}`).max(max, `${name} must be at most ${max}`));
}

/** Query strings that need no conversion are validated with the app's own filter schemas. */
export const incidentListQuery = incidentFilterSchema;
export const tasksQuery = personFilterSchema("assignee");
export const actionItemsQuery = z
  .object({
    owner: actionItemFilterSchema.shape.owner,
    status: z.enum(["open", "all"], { error: "status must be one of open, all" }).optional(),
    overdue: z
      .enum(["true", "false"], { error: "overdue must be true or false" })
      .transform((v) => v === "true")
      .optional(),
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
    limit: wholeNumber("limit", 1, 100_000).optional(),
  })
  .strict();

/** `GET /api/incidents/{id}?timeline=false`: the incident without its timeline. */
export const incidentQuery = z
  .object({
    timeline: z.enum(["true", "false"], { error: "timeline must be true or false" }).optional(),
  })
  .strict();

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
