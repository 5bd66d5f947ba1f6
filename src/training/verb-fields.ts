/**
 * The trainee's verbs and their fields: the CLI's command names (`declare`, `assign`,
 * `task`, `option`, `decide`, `update`, …) plus `say` and `ask`, each with a strict zod
 * schema whose fields are named after the CLI's flags, camel-cased. `verbs.ts` turns
 * them into domain commands.
 */
import { z } from "zod";
import { AUDIENCES, CHANNELS } from "../domain/incident/events.js";

const text = z.string().min(1, "must not be empty");
const optText = z.string().optional();
const scalar = z.union([z.string(), z.number()]).transform(String);
const optScalar = scalar.optional();
/** "C" | "C,A" | [C, A] → ["C", "A"]. */
const list = z.union([z.string(), z.array(z.union([z.string(), z.number()]))]).transform((v) =>
  (Array.isArray(v) ? v.map(String) : v.split(","))
    .flatMap((s) => s.split(","))
    .map((s) => s.trim())
    .filter(Boolean),
);
const f = <T extends z.ZodRawShape>(shape: T) => z.object(shape).strict();

export const VERB_FIELDS = {
  declare: f({
    title: text,
    severity: scalar,
    impact: optText,
    usersPct: optScalar,
    services: list.optional(),
    /** Someone else commands it from the start (a second commander, the engineer who owns it). */
    commander: optText,
    /** Restricted visibility (the CLI's --private): a security incident on a need-to-know basis. */
    private: z.boolean().optional(),
  }),
  sev: f({ severity: scalar, reason: text }),
  status: f({ status: text, note: optText }),
  assign: f({ role: text, person: text }),
  release: f({ role: text, reason: optText }),
  handover: f({ to: text, role: optText, briefing: optText, override: optText }),
  note: f({ text, channel: z.enum(CHANNELS).default("command") }),
  say: f({ text, channel: z.enum(CHANNELS).default("command") }),
  ask: f({ to: text, text }),
  update: f({
    audience: z.enum(AUDIENCES),
    text,
    impact: optText,
    timeline: optText,
    plan: optText,
    next: optScalar,
    strict: z.boolean().optional(),
  }),
  cadence: f({ cadence: scalar }),
  workstream: f({ name: optText, lead: optText, goal: optText, timebox: optScalar, close: optText, outcome: optText }),
  task: f({
    action: z.enum(["add", "ack", "done", "cancel"]).default("add"),
    title: optText,
    to: optText,
    timebox: optScalar,
    workstream: optText,
    task: optText,
    outcome: optText,
    reason: optText,
  }),
  option: f({
    title: text,
    time: optScalar,
    dataLoss: optText,
    risk: optText,
    userImpact: optText,
    success: optScalar,
    cost: optText,
    revenue: optScalar,
    recovery: optScalar,
    reputation: optText,
    legalRisk: optText,
    description: optText,
    proposedBy: optText,
  }),
  decide: f({
    kind: z.enum(["technical", "trade-off", "business"]).default("trade-off"),
    choose: list,
    rationale: text,
    consulted: list.optional(),
    fallback: optText,
    alternatives: list.optional(),
    override: optText,
    title: optText,
    deadline: optText,
  }),
  deadline: f({ question: optText, by: optScalar, close: optText }),
  trigger: f({
    condition: optText,
    by: optScalar,
    action: optText,
    close: optText,
    outcome: optText,
    note: optText,
  }),
  action: f({
    action: z.enum(["add", "done"]).default("add"),
    title: optText,
    owner: optText,
    horizon: optText,
    due: optText,
    item: optText,
  }),
  resolve: f({ summary: text }),
  reopen: f({ reason: text }),
  postmortem: f({ markdown: text }),
} as const;

export type Verb = keyof typeof VERB_FIELDS;
export const VERBS = Object.keys(VERB_FIELDS) as Verb[];
export type VerbFields<V extends Verb> = z.output<(typeof VERB_FIELDS)[V]>;

/** Other names a transcript may use for a field (the and the CLI's words). */
export const FIELD_ALIASES: Partial<Record<Verb, Record<string, string>>> = {
  declare: { sev: "severity", service: "services", usersAffectedPct: "usersPct" },
  sev: { sev: "severity" },
  decide: { options: "choose", chosen: "choose" },
  task: { person: "to", assignee: "to" },
  handover: { person: "to" },
  ask: { person: "to", question: "text" },
  // The CLI's --if / --then flags.
  // biome-ignore lint/suspicious/noThenProperty: a plain lookup table, never awaited
  trigger: { if: "condition", then: "action" },
};

/** What a trainee action becomes: chat (say, ask) or one domain command. */
export type Intent =
  | { kind: "say"; text: string; channel: (typeof CHANNELS)[number] }
  | { kind: "ask"; to: string; text: string }
  | { kind: "command"; command: Record<string, unknown> & { type: string } };

export function isVerb(value: string): value is Verb {
  return Object.hasOwn(VERB_FIELDS, value);
}
