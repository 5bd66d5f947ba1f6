/** Filters accepted by the read side, validated here so every edge refuses the same things. */
import { z } from "zod";
import { CHANNELS, EVENT_TYPES, MODES } from "../domain/incident/events.js";
import { SEVERITIES } from "../domain/incident/policy.js";

export const incidentFilterSchema = z
  .object({
    status: z.enum(["open", "resolved", "all"], { error: "status must be one of open, resolved, all" }).optional(),
    severity: z.enum(SEVERITIES, { error: `severity must be one of ${SEVERITIES.join(", ")}` }).optional(),
    mode: z.enum(MODES, { error: `mode must be one of ${MODES.join(", ")}` }).optional(),
  })
  .strict();

export const timelineFilterSchema = z
  .object({
    channel: z.enum(CHANNELS, { error: `channel must be one of ${CHANNELS.join(", ")}` }).optional(),
    types: z.array(z.enum(EVENT_TYPES, { error: `type must be one of ${EVENT_TYPES.join(", ")}` })).optional(),
    afterVersion: z.number().int().min(0, "afterVersion must be 0 or more").optional(),
    limit: z.number().int().min(1, "limit must be at least 1").max(100_000, "limit is at most 100000").optional(),
  })
  .strict();

const personHandle = (field: string) =>
  z
    .string()
    .regex(/^@?[\p{L}\p{N}._-]{1,100}$/u, `${field} must be a person handle`)
    .transform((v) => v.replace(/^@/, ""));

export const personFilterSchema = (field: "assignee" | "owner") =>
  z.object({ [field]: personHandle(field).optional() }).strict();

/** Action items across incidents: open ones by default, `status: "all"` adds done ones. */
export const actionItemFilterSchema = z
  .object({
    owner: personHandle("owner").optional(),
    status: z.enum(["open", "all"], { error: "status must be one of open, all" }).optional(),
    overdue: z.boolean({ error: "overdue must be true or false" }).optional(),
  })
  .strict();

/** Visible ASCII, as HTTP headers carry it; long enough for a UUID or a hash. */
export const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;
