/**
 * The closed set of rubric evaluators a scenario may use, each with its own parameters
 * (zod, exported into the scenario JSON Schema so authors get completion). The
 * evaluators themselves are in `evaluators-*.ts`; `registry.ts` ties names to code.
 */
import { z } from "zod";
import { RULE_IDS } from "../../domain/analysis/index.js";
import { AUDIENCES, optionAttributesSchema } from "../../domain/incident/events.js";
import { DURATION_HINT, DURATION_PATTERN } from "../duration.js";
import { SCENARIO_EVALUATOR_PARAMS } from "./params-scenarios.js";
import { STAFFING_EVALUATOR_PARAMS } from "./params-staffing.js";
import { TRIAGE_EVALUATOR_PARAMS } from "./params-triage.js";

export const durationString = z.string().regex(DURATION_PATTERN, DURATION_HINT);
const roleId = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "a role id such as tech-lead");
const ATTRIBUTE_KEYS = Object.keys(optionAttributesSchema.shape) as [string, ...string[]];

const params = <T extends z.ZodRawShape>(shape: T) => z.object(shape).strict();
const handle = z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, "a persona handle");
const groups = z.array(z.array(z.string().min(1)).min(1)).min(1);
/** A thing a message should (or should not) say, in the author's words, and how to recognise it. */
const concept = z
  .object({
    /** Short, for evidence and advice: "take ownership in the first person". */
    name: z.string().min(1),
    /** Any one of these groups matching is enough; within a group every sub-list must match. */
    match: z.array(groups).min(1),
  })
  .strict();

/** Evaluator name → its parameters (every parameter has a default). */
export const EVALUATOR_PARAMS = {
  /** Declared, commander named, roles handed to named people early; the IC holds no other role. */
  "roles-assigned": params({
    within: durationString.default("5m").describe("roles count when assigned this soon after the start"),
    min: z.number().int().min(1).default(3).describe("distinct roles (besides the commander) expected"),
    required: z.array(roleId).default(["tech-lead"]).describe("roles that must be among them"),
  }),
  /** The incident's log carries the options, the tasks, the decision and the updates (not only chat). */
  "single-source": params({
    minOptions: z.number().int().min(0).default(2),
  }),
  /** Technical talk routed to its own place (tech channel, workstreams), the command channel kept clear. */
  "tech-channel": params({
    maxTechnicalNotes: z.number().int().min(0).default(0).describe("technical notes tolerated on the command channel"),
  }),
  /** Every persona who asked the commander something was answered within their patience. */
  "voices-heard": params({}),
  /** Work handed out as tasks to one named person each, time-boxed, no overlap, none kept by the IC. */
  "chaos-prevented": params({
    minTasks: z.number().int().min(1).default(3),
    maxTimebox: durationString.default("15m").describe("longest time-box that still counts as one"),
  }),
  /** Decisions recorded with rationale, alternatives, who was consulted, and a fallback. */
  "decision-documented": params({
    minRationaleWords: z.number().int().min(1).default(12),
  }),
  /** The scenario's options put on the record, and soon. */
  "options-gathered": params({
    within: durationString.default("10m").describe("all options recorded this soon after the start"),
  }),
  /** The recorded options carry the attributes that matter, and they are right. */
  "trade-offs-assessed": params({
    attributes: z
      .array(z.enum(ATTRIBUTE_KEYS))
      .min(1)
      .default(["timeToCompleteMinutes", "dataLoss", "risk", "userImpact"]),
  }),
  /** The decision made before the scenario's deadline, after the options were on the table. */
  "timely-decision": params({
    grace: durationString.default("10m").describe("after the deadline, points fall to zero over this long"),
    minOptionsFirst: z.number().int().min(0).default(2),
  }),
  /** The rationale weighs the dimensions that matter and names a fallback. */
  "reasoning-justified": params({
    dimensions: z
      .array(z.enum(["time", "data", "risk", "users", "money", "legal", "reputation"]))
      .min(1)
      .default(["time", "data", "risk", "users"]),
  }),
  /** Published updates pass the text analyser for their audience: clear, concise, no blame. */
  "update-clarity": params({}),
  /** Each audience gets its level of detail: no jargon or host names for executives and customers. */
  "update-detail": params({
    audiences: z.array(z.enum(AUDIENCES)).min(1).default(["executive"]),
  }),
  /** The stakeholder hears early, with impact, timeline, plan and the next update time, on cadence. */
  "expectations-managed": params({
    audience: z.enum(AUDIENCES).default("executive"),
    firstWithin: durationString.default("15m"),
  }),
  /** The analyser's rules for an audience, over every update to it: the executive communication rules. */
  "analyser-rules": params({
    audience: z.enum(AUDIENCES).default("executive"),
    rules: z.array(z.enum(RULE_IDS)).min(1),
  }),
  /** What the trainee said (say, ask, notes, updates) contains these concepts and none of the forbidden ones. */
  "message-concepts": params({
    /** Only messages to this persona (by name, by ask, or through their audience). */
    to: handle.optional(),
    /** Only messages after this inject was played. */
    after: z.string().optional(),
    /** Only messages this soon after the start (or after `after`). */
    within: durationString.optional(),
    concepts: z.array(concept).min(1),
    forbid: z.array(concept).default([]),
    /** The analyser's blame rule over the same messages halves the points. */
    noBlame: z.boolean().default(true),
  }),
  /** The trainee drew out these facts by asking, in time. */
  "facts-revealed": params({
    facts: z.array(z.string().min(1)).min(1),
    within: durationString.optional(),
    beforeDecision: z.boolean().default(true),
  }),
  /** These people were asked (or listed as consulted) before the decision. */
  consulted: params({
    handles: z.array(handle).min(1),
  }),
  /** After the decision, an update went to each audience in time. */
  "audiences-informed": params({
    audiences: z.array(z.enum(AUDIENCES)).min(1),
    within: durationString.default("15m"),
  }),
  /** A trigger ("if X by T, do Y") was set, soon. */
  "trigger-set": params({
    within: durationString.default("10m"),
  }),
  /** Several incidents at once: triage, allocation, cadence, coordination across fronts (params-triage.ts). */
  ...TRIAGE_EVALUATOR_PARAMS,
  /** The allocation against the staffing optimiser's plan (params-staffing.ts). */
  ...STAFFING_EVALUATOR_PARAMS,
  /** Postmortem, security, handover and false-alarm evaluators (params-scenarios.ts). */
  ...SCENARIO_EVALUATOR_PARAMS,
} as const;

export type EvaluatorName = keyof typeof EVALUATOR_PARAMS;
export const EVALUATOR_NAMES = Object.keys(EVALUATOR_PARAMS) as EvaluatorName[];
export type EvaluatorParams<K extends EvaluatorName> = z.output<(typeof EVALUATOR_PARAMS)[K]>;

export const COMPETENCIES = ["technical", "leadership", "communication"] as const;
export type Competency = (typeof COMPETENCIES)[number];
/** The handbook's weights for the trainee's profile. */
export const COMPETENCY_WEIGHTS: Record<Competency, number> = { technical: 30, leadership: 40, communication: 30 };

const itemBase = {
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "an item id is lower-case words joined by '-'"),
  points: z.number().int().positive(),
  competency: z.enum(COMPETENCIES),
  /** A critical item at zero fails the run whatever the total (certification). */
  critical: z.boolean().default(false),
  description: z.string().optional(),
};

function item<K extends EvaluatorName, P extends z.ZodObject>(name: K, schema: P) {
  // Every parameter has a default, so an item may leave `params` out.
  return z.object({ ...itemBase, evaluator: z.literal(name), params: schema.prefault({} as never) }).strict();
}
const itemFor = <K extends EvaluatorName>(name: K) => item(name, EVALUATOR_PARAMS[name]);

export const rubricItemSchema = z.discriminatedUnion("evaluator", [
  itemFor("roles-assigned"),
  itemFor("single-source"),
  itemFor("tech-channel"),
  itemFor("voices-heard"),
  itemFor("chaos-prevented"),
  itemFor("decision-documented"),
  itemFor("options-gathered"),
  itemFor("trade-offs-assessed"),
  itemFor("timely-decision"),
  itemFor("reasoning-justified"),
  itemFor("update-clarity"),
  itemFor("update-detail"),
  itemFor("expectations-managed"),
  itemFor("analyser-rules"),
  itemFor("message-concepts"),
  itemFor("facts-revealed"),
  itemFor("consulted"),
  itemFor("audiences-informed"),
  itemFor("trigger-set"),
  itemFor("triage"),
  itemFor("resource-allocation"),
  itemFor("staffing-plan"),
  itemFor("deadline-met"),
  itemFor("cross-coordination"),
  itemFor("update-cadence"),
  itemFor("tradeoffs-recorded"),
  itemFor("fronts-documented"),
  itemFor("fronts-postmortem"),
  itemFor("fronts-resolved"),
  itemFor("postmortem-written"),
  itemFor("postmortem-blameless"),
  itemFor("postmortem-actions"),
  itemFor("steps-in-order"),
  itemFor("question-style"),
  itemFor("action-items-added"),
  itemFor("declaration"),
  itemFor("severity-revised"),
  itemFor("stood-down"),
  itemFor("resolution-summary"),
  itemFor("verified-first"),
  itemFor("decision-kind"),
  itemFor("command-handover"),
  itemFor("handover-briefing"),
  itemFor("command-relinquished"),
]);
export type RubricItemSpec = z.output<typeof rubricItemSchema>;
