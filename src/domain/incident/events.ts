/**
 * Stored events are a contract: one zod schema per event type. Changing a schema means
 * adding an upcaster in `upcast.ts`, never rewriting stored data. Every event records
 * when it happened (`at`, ISO-8601) and who did it (`by`, a person handle).
 */
import { z } from "zod";
import { SEVERITIES } from "./policy.js";

export const CHANNELS = ["command", "tech", "stakeholder"] as const;
export type Channel = (typeof CHANNELS)[number];

export const STATUSES = ["investigating", "identified", "mitigating", "monitoring", "resolved"] as const;
export type Status = (typeof STATUSES)[number];
export const OPEN_STATUSES = ["investigating", "identified", "mitigating", "monitoring"] as const;
export type OpenStatus = (typeof OPEN_STATUSES)[number];

export const AUDIENCES = ["team", "executive", "customer", "legal"] as const;
export type Audience = (typeof AUDIENCES)[number];

export const DECISION_KINDS = ["technical", "trade-off", "business"] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

export const HORIZONS = ["immediate", "short-term", "long-term"] as const;
export type Horizon = (typeof HORIZONS)[number];

export const MODES = ["live", "drill"] as const;
export type Mode = (typeof MODES)[number];

export const RISK_LEVELS = ["low", "medium", "high", "critical"] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

const base = { at: z.iso.datetime(), by: z.string().min(1) };

/** A text-analyser finding as stored with a published update. */
export const storedFindingSchema = z.object({
  rule: z.string(),
  severity: z.enum(["error", "warning", "info"]),
  message: z.string(),
  excerpt: z.string(),
});
export type StoredFinding = z.infer<typeof storedFindingSchema>;

/** The part of an analyser finding that is stored and printed (offsets and suggestion stay behind). */
export function toStoredFinding(finding: StoredFinding): StoredFinding {
  return { rule: finding.rule, severity: finding.severity, message: finding.message, excerpt: finding.excerpt };
}

export const REMINDER_KINDS = [
  "update-due",
  "update-overdue",
  "task-expired",
  "workstream-expired",
  "deadline-due",
  "deadline-passed",
  "trigger-due",
] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];
const severity = z.enum(SEVERITIES);

export const optionAttributesSchema = z.object({
  timeToCompleteMinutes: z.number().nonnegative().optional(),
  dataLoss: z.string().optional(),
  risk: z.enum(RISK_LEVELS).optional(),
  userImpact: z.string().optional(),
  /** Likelihood of success as a percentage, 0–100. */
  likelihoodOfSuccess: z.number().min(0).max(100).optional(),
  cost: z.string().optional(),
  /** Revenue at stake, as said (e.g. "$8M"); `revenueImpactUsd` when a number is known. */
  revenueImpact: z.string().optional(),
  revenueImpactUsd: z.number().nonnegative().optional(),
  recoveryTimeMinutes: z.number().nonnegative().optional(),
  reputation: z.enum(RISK_LEVELS).optional(),
  legalRisk: z.enum(RISK_LEVELS).optional(),
  extras: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
});
export type OptionAttributes = z.infer<typeof optionAttributesSchema>;

export const eventSchemas = {
  IncidentDeclared: z.object({
    ...base,
    type: z.literal("IncidentDeclared"),
    incidentId: z.string(),
    title: z.string(),
    severity,
    impact: z.string(),
    usersAffectedPct: z.number().min(0).max(100).nullable(),
    services: z.array(z.string()),
    mode: z.enum(MODES),
    private: z.boolean(),
    commander: z.string(),
    cadenceMinutes: z.number().nullable(),
  }),
  SeverityChanged: z.object({
    ...base,
    type: z.literal("SeverityChanged"),
    from: severity,
    to: severity,
    reason: z.string(),
    cadenceMinutes: z.number().nullable(),
  }),
  RoleAssigned: z.object({ ...base, type: z.literal("RoleAssigned"), role: z.string(), person: z.string() }),
  RoleReleased: z.object({
    ...base,
    type: z.literal("RoleReleased"),
    role: z.string(),
    person: z.string(),
    reason: z.string().nullable(),
  }),
  RoleHandedOver: z.object({
    ...base,
    type: z.literal("RoleHandedOver"),
    role: z.string(),
    from: z.string(),
    to: z.string(),
    briefing: z.string().nullable(),
  }),
  CommandHandedOver: z.object({
    ...base,
    type: z.literal("CommandHandedOver"),
    from: z.string(),
    to: z.string(),
    briefing: z.string().nullable(),
    overrideReason: z.string().nullable(),
  }),
  StatusChanged: z.object({
    ...base,
    type: z.literal("StatusChanged"),
    from: z.enum(STATUSES),
    to: z.enum(OPEN_STATUSES),
    note: z.string().nullable(),
  }),
  NoteAdded: z.object({ ...base, type: z.literal("NoteAdded"), channel: z.enum(CHANNELS), text: z.string() }),
  CadenceSet: z.object({
    ...base,
    type: z.literal("CadenceSet"),
    cadenceMinutes: z.number().nullable(),
    followsSeverity: z.boolean(),
  }),
  UpdatePublished: z.object({
    ...base,
    type: z.literal("UpdatePublished"),
    updateId: z.string(),
    audience: z.enum(AUDIENCES),
    text: z.string(),
    impact: z.string().nullable(),
    timeline: z.string().nullable(),
    plan: z.string().nullable(),
    nextUpdateAt: z.iso.datetime().nullable(),
    /** The analyser's findings at publish time; absent on updates stored before linting existed. */
    findings: z.array(storedFindingSchema).optional(),
  }),
  WorkstreamStarted: z.object({
    ...base,
    type: z.literal("WorkstreamStarted"),
    workstreamId: z.string(),
    name: z.string(),
    lead: z.string(),
    goal: z.string(),
    timeboxMinutes: z.number().positive(),
    dueAt: z.iso.datetime(),
  }),
  WorkstreamClosed: z.object({
    ...base,
    type: z.literal("WorkstreamClosed"),
    workstreamId: z.string(),
    outcome: z.string().nullable(),
  }),
  TaskAssigned: z.object({
    ...base,
    type: z.literal("TaskAssigned"),
    taskId: z.string(),
    title: z.string(),
    assignee: z.string(),
    timeboxMinutes: z.number().positive(),
    dueAt: z.iso.datetime(),
    workstreamId: z.string().nullable(),
  }),
  TaskAcknowledged: z.object({ ...base, type: z.literal("TaskAcknowledged"), taskId: z.string() }),
  TaskCompleted: z.object({
    ...base,
    type: z.literal("TaskCompleted"),
    taskId: z.string(),
    outcome: z.string().nullable(),
  }),
  TaskCancelled: z.object({
    ...base,
    type: z.literal("TaskCancelled"),
    taskId: z.string(),
    reason: z.string().nullable(),
  }),
  OptionProposed: z.object({
    ...base,
    type: z.literal("OptionProposed"),
    optionId: z.string(),
    title: z.string(),
    description: z.string().nullable(),
    attributes: optionAttributesSchema,
    proposedBy: z.string(),
  }),
  DecisionRecorded: z.object({
    ...base,
    type: z.literal("DecisionRecorded"),
    decisionId: z.string(),
    kind: z.enum(DECISION_KINDS),
    title: z.string(),
    chosen: z.array(z.string()),
    rationale: z.string(),
    alternatives: z.array(z.string()),
    consulted: z.array(z.string()),
    fallback: z.string().nullable(),
    overrideReason: z.string().nullable(),
  }),
  ActionItemAdded: z.object({
    ...base,
    type: z.literal("ActionItemAdded"),
    actionId: z.string(),
    title: z.string(),
    owner: z.string(),
    dueDate: z.string().nullable(),
    horizon: z.enum(HORIZONS),
  }),
  ActionItemCompleted: z.object({ ...base, type: z.literal("ActionItemCompleted"), actionId: z.string() }),
  ReminderIssued: z.object({
    ...base,
    type: z.literal("ReminderIssued"),
    /** Unique per incident: a reminder is issued once. */
    reminderKey: z.string(),
    kind: z.enum(REMINDER_KINDS),
    /** What it is about: an update time, a task id, a deadline or trigger id. */
    subject: z.string(),
    dueAt: z.iso.datetime(),
    message: z.string(),
  }),
  DecisionDeadlineSet: z.object({
    ...base,
    type: z.literal("DecisionDeadlineSet"),
    deadlineId: z.string(),
    question: z.string(),
    dueAt: z.iso.datetime(),
  }),
  DecisionDeadlineClosed: z.object({
    ...base,
    type: z.literal("DecisionDeadlineClosed"),
    deadlineId: z.string(),
    outcome: z.enum(["decided", "cancelled"]),
    decisionId: z.string().nullable(),
  }),
  TriggerSet: z.object({
    ...base,
    type: z.literal("TriggerSet"),
    triggerId: z.string(),
    /** "no root cause", "error rate still above 5%" */
    condition: z.string(),
    dueAt: z.iso.datetime(),
    /** "roll back to the previous release" */
    action: z.string(),
  }),
  TriggerClosed: z.object({
    ...base,
    type: z.literal("TriggerClosed"),
    triggerId: z.string(),
    outcome: z.enum(["fired", "averted", "cancelled"]),
    note: z.string().nullable(),
  }),
  PostmortemSaved: z.object({
    ...base,
    type: z.literal("PostmortemSaved"),
    revision: z.number().int().positive(),
    markdown: z.string(),
  }),
  PostmortemPublished: z.object({
    ...base,
    type: z.literal("PostmortemPublished"),
    /** 1 for the first publication, then 2, 3… each a frozen copy. */
    publishedVersion: z.number().int().positive(),
    revision: z.number().int().positive(),
  }),
  /** What is known of the impact, for triage: each field the full current value (null: not known). */
  ImpactEstimated: z.object({
    ...base,
    type: z.literal("ImpactEstimated"),
    revenueAtRiskPerHourUsd: z.number().nonnegative().nullable(),
    impactStartsAt: z.iso.datetime().nullable(),
    worseningPctPerHour: z.number().nullable(),
    note: z.string().nullable(),
  }),
  /** The engineers the incident needs, by skill (replaces the earlier list). */
  SkillNeedsSet: z.object({
    ...base,
    type: z.literal("SkillNeedsSet"),
    needs: z.array(z.object({ skill: z.string(), count: z.number().int().positive() })),
  }),
  IncidentResolved: z.object({ ...base, type: z.literal("IncidentResolved"), summary: z.string() }),
  IncidentReopened: z.object({ ...base, type: z.literal("IncidentReopened"), reason: z.string() }),
} as const;

export type EventType = keyof typeof eventSchemas;
export const EVENT_TYPES = Object.keys(eventSchemas) as EventType[];

export type IncidentEventMap = { [K in EventType]: z.infer<(typeof eventSchemas)[K]> };
export type IncidentEvent = IncidentEventMap[EventType];
export type EventOf<K extends EventType> = IncidentEventMap[K];

export const incidentEventSchema = z.discriminatedUnion("type", [
  eventSchemas.IncidentDeclared,
  eventSchemas.SeverityChanged,
  eventSchemas.RoleAssigned,
  eventSchemas.RoleReleased,
  eventSchemas.RoleHandedOver,
  eventSchemas.CommandHandedOver,
  eventSchemas.StatusChanged,
  eventSchemas.NoteAdded,
  eventSchemas.CadenceSet,
  eventSchemas.UpdatePublished,
  eventSchemas.WorkstreamStarted,
  eventSchemas.WorkstreamClosed,
  eventSchemas.TaskAssigned,
  eventSchemas.TaskAcknowledged,
  eventSchemas.TaskCompleted,
  eventSchemas.TaskCancelled,
  eventSchemas.OptionProposed,
  eventSchemas.DecisionRecorded,
  eventSchemas.ActionItemAdded,
  eventSchemas.ActionItemCompleted,
  eventSchemas.ReminderIssued,
  eventSchemas.DecisionDeadlineSet,
  eventSchemas.DecisionDeadlineClosed,
  eventSchemas.TriggerSet,
  eventSchemas.TriggerClosed,
  eventSchemas.PostmortemSaved,
  eventSchemas.PostmortemPublished,
  eventSchemas.ImpactEstimated,
  eventSchemas.SkillNeedsSet,
  eventSchemas.IncidentResolved,
  eventSchemas.IncidentReopened,
]);
