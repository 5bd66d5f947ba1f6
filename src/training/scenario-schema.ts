/**
 * A scenario is data: the briefing, the cast of personas and what each knows, the facts
 * they reveal only when asked the right question, the injects on the virtual clock, the
 * options on the table and the rubric profile. Validated at the edge with this schema,
 * exported as JSON Schema (`docs/scenario.schema.json`) for editors.
 */
import { z } from "zod";
import { COMMAND_TYPES } from "../domain/incident/commands.js";
import { AUDIENCES, CHANNELS, optionAttributesSchema } from "../domain/incident/events.js";
import { SEVERITIES } from "../domain/incident/policy.js";
import { frontReferences, frontSchema } from "./fronts-schema.js";
import { preludeIssues, preludeSchema } from "./prelude.js";
import { durationString, rubricItemSchema } from "./rubric/params.js";

const handle = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]*$/, "a persona handle is lower-case letters, digits, '.', '_' or '-'");
const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "an id is lower-case words joined by '-'");
const optionId = z.string().regex(/^[A-Z]$/, "an option is one capital letter: A, B, C…");
/** Every group must match; a group matches when any of its phrases appears. */
const phraseGroups = z
  .array(z.array(z.string().min(1)).min(1))
  .min(1)
  .describe("all groups must match; within a group any phrase will do: [[restore, backup], [how long, hours]]");

export const DIFFICULTIES = ["beginner", "intermediate", "advanced", "expert"] as const;

export const personaSchema = z
  .object({
    handle,
    name: z.string().optional(),
    /** Who they are in the story: "database team lead, three engineers". */
    role: z.string().min(1),
    /** What the persona knows, in prose: for authors and the debrief (answers come from facts). */
    knows: z.string().min(1),
    /** An update published to this audience answers this persona's questions. */
    audience: z.enum(AUDIENCES).optional(),
    behaviour: z
      .object({
        /** How long they wait for the commander to answer them before pushing back. */
        patience: durationString.default("5m"),
        /** Said, one per lapse, when their question goes unanswered past their patience. */
        pushback: z.array(z.string().min(1)).default([]),
        /** Said when asked something they do not know (otherwise a stock line pointing elsewhere). */
        unknown: z.string().optional(),
        /** Said when given a task or a role. */
        acknowledge: z.string().default("On it."),
      })
      .strict()
      .prefault({}),
  })
  .strict();

export const factSchema = z
  .object({
    id,
    /** The persona who knows it and answers with it. */
    from: handle,
    /** What it is about, for advice: "how sure we are of the spread rate". */
    topic: z.string().optional(),
    match: phraseGroups,
    answer: z.string().min(1),
    /** The option this fact informs, if any. */
    option: optionId.optional(),
  })
  .strict();

export const lineSchema = z
  .object({
    from: handle,
    text: z.string().min(1),
    channel: z.enum(CHANNELS).default("command"),
    /** The persona asks the commander something and expects an answer within their patience. */
    asks: z.boolean().default(false),
  })
  .strict();

/** Conditions an inject can wait for, checked against the drill's incident at `by`. */
export const conditionSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("not-declared") }).strict(),
  z.object({ kind: z.literal("role-unassigned"), role: id }).strict(),
  z.object({ kind: z.literal("no-update"), audience: z.enum(AUDIENCES).optional() }).strict(),
  z.object({ kind: z.literal("no-decision") }).strict(),
  z.object({ kind: z.literal("too-few-options"), min: z.number().int().min(1) }).strict(),
  z.object({ kind: z.literal("no-tasks") }).strict(),
  z.object({ kind: z.literal("update-overdue") }).strict(),
  /** The incident (of the inject's front) is not declared, or not resolved yet. */
  z.object({ kind: z.literal("unresolved") }).strict(),
]);
export type InjectCondition = z.output<typeof conditionSchema>;

export const TRAINEE_VERBS = [...COMMAND_TYPES, "say", "ask"] as const;

export const injectSchema = z
  .object({
    id,
    /** Fires at this offset from the start. */
    at: durationString.optional(),
    /** Fires at `by` if the condition then holds. */
    when: z.object({ by: durationString, condition: conditionSchema }).strict().optional(),
    /** Fires `delay` after the trainee's first action of this kind (a domain command, say or ask). */
    after: z
      .object({
        do: z.enum(TRAINEE_VERBS),
        delay: durationString.default("0s"),
        /** For record-decision: only when the decision chose one of these options. */
        chosen: z.array(optionId).optional(),
      })
      .strict()
      .optional(),
    lines: z.array(lineSchema).min(1),
    /** The front it concerns: its condition reads that front's incident, `after` waits for an action on it. */
    front: z.string().optional(),
  })
  .strict();

export const scenarioOptionSchema = z
  .object({
    id: optionId,
    title: z.string().min(1),
    description: z.string().optional(),
    /** The persona who knows this option best. */
    owner: handle,
    attributes: optionAttributesSchema.strict(),
    /** A hybrid of other options, in order ("C then A"). */
    hybridOf: z.array(optionId).min(2).optional(),
    /** How to recognise the trainee's own wording of this option. */
    match: phraseGroups,
  })
  .strict();

const scenarioObject = z
  .object({
    $schema: z.string().optional(),
    id,
    title: z.string().min(1),
    difficulty: z.enum(DIFFICULTIES),
    objectives: z.array(z.string().min(1)).min(1),
    briefing: z.string().min(1),
    /** Wall-clock time at the start, shown to the trainee (UTC on the virtual clock). */
    startsAt: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "a time like 02:00"),
    date: z.iso.date().default("2026-03-07"),
    /** How long the drill runs when the trainee stops earlier. */
    duration: durationString.default("30m"),
    /** The severity the situation warrants, for the debrief. */
    severity: z.enum(SEVERITIES).optional(),
    cast: z.array(personaSchema).min(1),
    /** The incident as it stood before the drill, played as the personas' commands (see prelude.ts). */
    prelude: preludeSchema.optional(),
    facts: z.array(factSchema).default([]),
    injects: z.array(injectSchema).default([]),
    options: z.array(scenarioOptionSchema).default([]),
    /** Several simultaneous incidents: one front each (key, title, severity, cast, deadline). */
    fronts: z.array(frontSchema).min(2).optional(),
    /** Passing this scenario can earn a certificate. */
    certifies: z.boolean().default(false),
    decision: z
      .object({
        question: z.string().min(1),
        /** Decide by this offset from the start. */
        by: durationString,
        /** Choices that hold up; others can still score, with less for reasoning. */
        acceptable: z.array(z.array(optionId).min(1)).optional(),
      })
      .strict()
      .optional(),
    rubric: z
      .object({
        passPercent: z.number().min(0).max(100).default(80),
        groups: z
          .array(
            z
              .object({
                name: z.string().min(1),
                /** The group's points; must equal the sum of its items when given. */
                points: z.number().int().positive().optional(),
                items: z.array(rubricItemSchema).min(1),
              })
              .strict(),
          )
          .min(1),
      })
      .strict(),
  })
  .strict();

export const scenarioSchema = scenarioObject.superRefine(crossReferences);

export type Scenario = z.output<typeof scenarioSchema>;
export type Persona = Scenario["cast"][number];
export type Fact = Scenario["facts"][number];
export type Inject = Scenario["injects"][number];
export type InjectLine = Inject["lines"][number];
export type ScenarioOption = Scenario["options"][number];
export type { Front } from "./fronts-schema.js";

type ScenarioShape = z.output<typeof scenarioObject>;

function duplicates(values: string[]): string[] {
  return values.filter((v, i) => values.indexOf(v) !== i);
}

function crossReferences(s: ScenarioShape, ctx: z.RefinementCtx): void {
  const handles = new Set(s.cast.map((p) => p.handle));
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path, message });
  for (const dup of duplicates(s.cast.map((p) => p.handle))) issue(["cast"], `persona ${dup} appears twice`);
  for (const dup of duplicates(s.facts.map((f) => f.id))) issue(["facts"], `fact id ${dup} appears twice`);
  for (const dup of duplicates(s.injects.map((i) => i.id))) issue(["injects"], `inject id ${dup} appears twice`);
  for (const dup of duplicates(s.options.map((o) => o.id))) issue(["options"], `option ${dup} appears twice`);
  if (s.prelude !== undefined) for (const p of preludeIssues(s.prelude, s)) issue(p.path, p.message);
  const optionIds = new Set(s.options.map((o) => o.id));
  s.facts.forEach((fact, i) => {
    if (!handles.has(fact.from)) issue(["facts", i, "from"], `${fact.from} is not in the cast`);
    if (fact.option !== undefined && !optionIds.has(fact.option)) {
      issue(["facts", i, "option"], `option ${fact.option} is not among the options`);
    }
  });
  s.injects.forEach((inject, i) => {
    const timings = [inject.at, inject.when, inject.after].filter((t) => t !== undefined).length;
    if (timings !== 1) issue(["injects", i], "give exactly one of at, when or after");
    inject.lines.forEach((line, k) => {
      if (!handles.has(line.from)) issue(["injects", i, "lines", k, "from"], `${line.from} is not in the cast`);
    });
    for (const chosen of inject.after?.chosen ?? []) {
      if (!optionIds.has(chosen)) issue(["injects", i, "after", "chosen"], `option ${chosen} is not among the options`);
    }
  });
  s.options.forEach((option, i) => {
    if (!handles.has(option.owner)) issue(["options", i, "owner"], `${option.owner} is not in the cast`);
    for (const part of option.hybridOf ?? []) {
      if (!optionIds.has(part) || part === option.id) {
        issue(["options", i, "hybridOf"], `${part} is not another option of this scenario`);
      }
    }
  });
  (s.decision?.acceptable ?? []).forEach((choice, i) => {
    for (const id of choice) {
      if (!optionIds.has(id)) issue(["decision", "acceptable", i], `option ${id} is not among the options`);
    }
  });
  const itemIds: string[] = [];
  s.rubric.groups.forEach((group, g) => {
    const sum = group.items.reduce((total, item) => total + item.points, 0);
    if (group.points !== undefined && group.points !== sum) {
      issue(["rubric", "groups", g, "points"], `${group.name} is worth ${group.points} but its items add up to ${sum}`);
    }
    for (const item of group.items) itemIds.push(item.id);
  });
  for (const dup of duplicates(itemIds)) issue(["rubric"], `rubric item ${dup} appears twice`);
  const factIds = new Set(s.facts.map((f) => f.id));
  const injectIds = new Set(s.injects.map((i) => i.id));
  s.rubric.groups.forEach((group, g) => {
    group.items.forEach((item, k) => {
      const at = (...rest: (string | number)[]) => ["rubric", "groups", g, "items", k, "params", ...rest];
      if (item.evaluator === "facts-revealed") {
        item.params.facts.forEach((id, n) => {
          if (!factIds.has(id)) issue(at("facts", n), `fact ${id} is not among the facts`);
        });
      }
      if (item.evaluator === "consulted") {
        item.params.handles.forEach((h, n) => {
          if (!handles.has(h)) issue(at("handles", n), `${h} is not in the cast`);
        });
      }
      if (item.evaluator === "message-concepts") {
        if (item.params.to !== undefined && !handles.has(item.params.to))
          issue(at("to"), `${item.params.to} is not in the cast`);
        if (item.params.after !== undefined && !injectIds.has(item.params.after)) {
          issue(at("after"), `inject ${item.params.after} is not among the injects`);
        }
      }
    });
  });
  frontReferences(s, issue);
  const needsDecision = s.rubric.groups.some((g) => g.items.some((item) => item.evaluator === "timely-decision"));
  if (needsDecision && s.decision === undefined)
    issue(["decision"], "timely-decision needs a decision with its deadline");
}
