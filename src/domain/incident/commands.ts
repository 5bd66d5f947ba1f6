/**
 * Commands are imperative and validated at the edge with these schemas, shared by the
 * HTTP API, the CLI and (later) chat and the scenario runner. Shape only: the rules that
 * depend on the incident (who may decide, one holder per role…) live in `decide`.
 */
import { z } from "zod";
import {
  AUDIENCES,
  CHANNELS,
  DECISION_KINDS,
  HORIZONS,
  MODES,
  OPEN_STATUSES,
  optionAttributesSchema,
} from "./events.js";
import { SEVERITIES } from "./policy.js";

const handle = z
  .string()
  .trim()
  .min(1, "a person handle is required")
  .max(100, "a handle is at most 100 characters")
  .regex(/^@?[\p{L}\p{N}._-]+$/u, "a handle is one word of letters, digits, '.', '_' or '-'")
  .transform((value) => value.replace(/^@/, ""));
const roleId = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9-]*$/, "a role id is lower-case words joined by '-', e.g. tech-lead");
const severity = z.enum(SEVERITIES, { error: `severity must be one of ${SEVERITIES.join(", ")}` });
/** Free text: length is checked by `decide` against the policy so every edge says the same. */
const text = z.string();
const optionalText = z.string().optional();
const minutes = z
  .number()
  .int("minutes must be a whole number")
  .positive("minutes must be above 0")
  .max(7 * 24 * 60);
const itemId = z.string().trim().min(1).max(32);

/** Strict: a field a command does not have is refused by name, not silently dropped. */
export const commandSchemas = {
  declare: z.strictObject({
    type: z.literal("declare"),
    title: text,
    severity,
    impact: text.default(""),
    usersAffectedPct: z.number().min(0).max(100).nullable().optional(),
    services: z.array(z.string().trim().min(1).max(100)).max(100).default([]),
    mode: z.enum(MODES).default("live"),
    private: z.boolean().default(false),
    commander: handle.optional(),
  }),
  "change-severity": z.strictObject({ type: z.literal("change-severity"), severity, reason: text }),
  "assign-role": z.strictObject({ type: z.literal("assign-role"), role: roleId, person: handle }),
  "release-role": z.strictObject({ type: z.literal("release-role"), role: roleId, reason: optionalText }),
  "hand-over-role": z.strictObject({
    type: z.literal("hand-over-role"),
    role: roleId,
    to: handle,
    briefing: optionalText,
    overrideReason: optionalText,
  }),
  "change-status": z.strictObject({
    type: z.literal("change-status"),
    status: z.enum([...OPEN_STATUSES, "resolved"], {
      error: `status must be one of ${OPEN_STATUSES.join(", ")} (use resolve to resolve)`,
    }),
    note: optionalText,
  }),
  "add-note": z.strictObject({ type: z.literal("add-note"), channel: z.enum(CHANNELS).default("command"), text }),
  "set-cadence": z.strictObject({
    type: z.literal("set-cadence"),
    /** Minutes between updates; null turns the cadence off; omit with followSeverity. */
    minutes: minutes.nullable().optional(),
    followSeverity: z.boolean().default(false),
  }),
  "publish-update": z.strictObject({
    type: z.literal("publish-update"),
    audience: z.enum(AUDIENCES),
    text,
    impact: optionalText,
    timeline: optionalText,
    plan: optionalText,
    nextUpdateAt: z.iso.datetime({ offset: true }).optional(),
    /** Refuse to publish when the text analyser finds an error for this audience. */
    strict: z.boolean().default(false),
  }),
  "start-workstream": z.strictObject({
    type: z.literal("start-workstream"),
    name: text,
    lead: handle,
    goal: text,
    timeboxMinutes: minutes.optional(),
  }),
  "close-workstream": z.strictObject({
    type: z.literal("close-workstream"),
    workstreamId: itemId,
    outcome: optionalText,
  }),
  "assign-task": z.strictObject({
    type: z.literal("assign-task"),
    title: text,
    assignee: z.string().trim().max(100),
    timeboxMinutes: minutes.optional(),
    workstreamId: itemId.optional(),
  }),
  "acknowledge-task": z.strictObject({ type: z.literal("acknowledge-task"), taskId: itemId }),
  "complete-task": z.strictObject({ type: z.literal("complete-task"), taskId: itemId, outcome: optionalText }),
  "cancel-task": z.strictObject({ type: z.literal("cancel-task"), taskId: itemId, reason: optionalText }),
  "propose-option": z.strictObject({
    type: z.literal("propose-option"),
    title: text,
    description: optionalText,
    attributes: optionAttributesSchema.strict().default({}),
    proposedBy: handle.optional(),
  }),
  "record-decision": z.strictObject({
    type: z.literal("record-decision"),
    kind: z.enum(DECISION_KINDS),
    title: optionalText,
    chosen: z.array(itemId).min(1, "choose at least one option"),
    rationale: text,
    alternatives: z.array(z.string()).optional(),
    consulted: z.array(handle).default([]),
    fallback: optionalText,
    overrideReason: optionalText,
    /** The decision deadline this decision meets (closes it). */
    deadlineId: itemId.optional(),
  }),
  "add-action-item": z.strictObject({
    type: z.literal("add-action-item"),
    title: text,
    owner: handle,
    dueDate: z.iso.date("dueDate must be a date like 2026-12-01").optional(),
    horizon: z.enum(HORIZONS).default("short-term"),
  }),
  "complete-action-item": z.strictObject({ type: z.literal("complete-action-item"), actionId: itemId }),
  "issue-reminders": z.strictObject({ type: z.literal("issue-reminders") }),
  "set-decision-deadline": z.strictObject({
    type: z.literal("set-decision-deadline"),
    question: text,
    by: z.iso.datetime({ offset: true }).optional(),
    inMinutes: minutes.optional(),
  }),
  "close-decision-deadline": z.strictObject({
    type: z.literal("close-decision-deadline"),
    deadlineId: itemId,
    outcome: z.literal("cancelled").default("cancelled"),
  }),
  "set-trigger": z.strictObject({
    type: z.literal("set-trigger"),
    condition: text,
    action: text,
    by: z.iso.datetime({ offset: true }).optional(),
    inMinutes: minutes.optional(),
  }),
  "close-trigger": z.strictObject({
    type: z.literal("close-trigger"),
    triggerId: itemId,
    outcome: z.enum(["fired", "averted", "cancelled"]),
    note: optionalText,
  }),
  "save-postmortem": z.strictObject({
    type: z.literal("save-postmortem"),
    markdown: text,
    /** The revision the editor started from; a newer one means someone else saved meanwhile. */
    baseRevision: z.number().int().min(0).optional(),
  }),
  "publish-postmortem": z.strictObject({ type: z.literal("publish-postmortem") }),
  "set-impact-estimate": z.strictObject({
    type: z.literal("set-impact-estimate"),
    /** Each field: a value sets it, null clears it, absent keeps the earlier one. */
    revenueAtRiskPerHourUsd: z.number().nonnegative("revenue at risk is 0 or more").max(1e12).nullable().optional(),
    impactStartsAt: z.iso.datetime({ offset: true }).nullable().optional(),
    worseningPctPerHour: z.number().min(-100).max(10_000).nullable().optional(),
    note: optionalText,
  }),
  "set-skill-needs": z.strictObject({
    type: z.literal("set-skill-needs"),
    needs: z
      .array(
        z
          .object({
            skill: z
              .string()
              .trim()
              .min(1)
              .max(64)
              .regex(/^[\p{L}\p{N}][\p{L}\p{N} ._+-]*$/u, "a skill is a word or two: database, payments, networking")
              .transform((s) => s.toLowerCase()),
            count: z.number().int("count must be a whole number").min(1).max(50),
          })
          .strict(),
      )
      .max(20),
  }),
  resolve: z.strictObject({ type: z.literal("resolve"), summary: text }),
  reopen: z.strictObject({ type: z.literal("reopen"), reason: text }),
} as const;

export type CommandType = keyof typeof commandSchemas;
export const COMMAND_TYPES = Object.keys(commandSchemas) as CommandType[];
export type CommandMap = { [K in CommandType]: z.output<(typeof commandSchemas)[K]> };
export type IncidentCommand = CommandMap[CommandType];
/** What a client sends: defaults not yet applied. */
export type CommandInput<K extends CommandType> = z.input<(typeof commandSchemas)[K]>;

export const incidentCommandSchema = z.discriminatedUnion("type", [
  commandSchemas.declare,
  commandSchemas["change-severity"],
  commandSchemas["assign-role"],
  commandSchemas["release-role"],
  commandSchemas["hand-over-role"],
  commandSchemas["change-status"],
  commandSchemas["add-note"],
  commandSchemas["set-cadence"],
  commandSchemas["publish-update"],
  commandSchemas["start-workstream"],
  commandSchemas["close-workstream"],
  commandSchemas["assign-task"],
  commandSchemas["acknowledge-task"],
  commandSchemas["complete-task"],
  commandSchemas["cancel-task"],
  commandSchemas["propose-option"],
  commandSchemas["record-decision"],
  commandSchemas["add-action-item"],
  commandSchemas["complete-action-item"],
  commandSchemas["issue-reminders"],
  commandSchemas["set-decision-deadline"],
  commandSchemas["close-decision-deadline"],
  commandSchemas["set-trigger"],
  commandSchemas["close-trigger"],
  commandSchemas["save-postmortem"],
  commandSchemas["publish-postmortem"],
  commandSchemas["set-impact-estimate"],
  commandSchemas["set-skill-needs"],
  commandSchemas.resolve,
  commandSchemas.reopen,
]);

/** Who acts, when, and on which incident: supplied by the app, never by the domain. */
export interface CommandContext {
  incidentId: string;
  actor: string;
  /** ISO-8601 instant from the injected clock. */
  now: string;
}
