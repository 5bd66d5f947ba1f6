/**
 * Incident fronts: a scenario with several simultaneous incidents (the certification
 * exam's payments, database and certificate) names each one as a front: its key, title,
 * the severity it warrants, the personas who work it, its facts and any hard deadline
 * (the certificate expires at T+3h). The trainee declares an incident per front and names
 * the front on each action (`incident: payments`); injects and conditions may target one.
 */
import { z } from "zod";
import { SEVERITIES } from "../domain/incident/policy.js";
import { DURATION_HINT, DURATION_PATTERN } from "./duration.js";

const key = z.string().regex(/^[a-z][a-z0-9-]*$/, "a front key is lower-case words joined by '-', e.g. payments");
const handle = z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, "a persona handle");
const duration = z.string().regex(DURATION_PATTERN, DURATION_HINT);

export const frontSchema = z
  .object({
    /** What transcripts call it: `incident: payments`. */
    key,
    title: z.string().min(1),
    /** The severity the front warrants, for triage and the debrief. */
    severity: z.enum(SEVERITIES).optional(),
    /** Who is hurt and how, in the briefing's words. */
    impact: z.string().optional(),
    /** The front the single-incident rubric items read (default: the first listed). */
    primary: z.boolean().default(false),
    /** The personas who belong on this front by skill (engineers); each on one front at most. */
    cast: z.array(handle).default([]),
    /** Facts about this front (ids from `facts`). */
    facts: z.array(z.string().min(1)).default([]),
    /** How to recognise the trainee's words for this front (a declaration's title, a message). */
    match: z
      .array(z.array(z.string().min(1)).min(1))
      .min(1)
      .optional()
      .describe("all groups must match; within a group any phrase will do: [[payment, checkout, card]]"),
    /** A hard deadline: unless the front's incident is resolved by `at`, the persona says `text`. */
    deadline: z
      .object({
        at: duration.describe("offset from the start, e.g. 3h"),
        /** What happens then, in a few words: "the CDN certificate expires". */
        what: z.string().min(1),
        from: handle,
        text: z.string().min(1),
      })
      .strict()
      .optional(),
  })
  .strict();

export type Front = z.output<typeof frontSchema>;

/** Evaluators that read fronts, and the parameters of theirs that name fronts or people. */
const FRONT_EVALUATORS = new Set([
  "triage",
  "resource-allocation",
  "staffing-plan",
  "deadline-met",
  "cross-coordination",
  "update-cadence",
  "tradeoffs-recorded",
  "fronts-documented",
  "fronts-postmortem",
  "fronts-resolved",
]);

interface FrontsShape {
  cast: { handle: string }[];
  facts: { id: string }[];
  injects: { front?: string | undefined }[];
  fronts?: Front[] | undefined;
  rubric: { groups: { items: { evaluator: string; params: unknown }[] }[] };
}

type Issue = (path: (string | number)[], message: string) => void;

/** Cross-references of the fronts: unique keys, cast and facts that exist, one front per person. */
export function frontReferences(s: FrontsShape, issue: Issue): void {
  const fronts = s.fronts ?? [];
  const handles = new Set(s.cast.map((p) => p.handle));
  const factIds = new Set(s.facts.map((f) => f.id));
  const keys = new Set<string>();
  const owner = new Map<string, string>();
  fronts.forEach((front, i) => {
    if (keys.has(front.key)) issue(["fronts", i, "key"], `front ${front.key} appears twice`);
    keys.add(front.key);
    front.cast.forEach((h, k) => {
      if (!handles.has(h)) issue(["fronts", i, "cast", k], `${h} is not in the cast`);
      const other = owner.get(h);
      if (other !== undefined && other !== front.key) {
        issue(["fronts", i, "cast", k], `${h} already belongs to front ${other}: one front per person`);
      }
      owner.set(h, front.key);
    });
    front.facts.forEach((id, k) => {
      if (!factIds.has(id)) issue(["fronts", i, "facts", k], `fact ${id} is not among the facts`);
    });
    if (front.deadline && !handles.has(front.deadline.from)) {
      issue(["fronts", i, "deadline", "from"], `${front.deadline.from} is not in the cast`);
    }
  });
  if (fronts.filter((f) => f.primary).length > 1) issue(["fronts"], "only one front can be primary");
  s.injects.forEach((inject, i) => {
    if (inject.front !== undefined && !keys.has(inject.front)) {
      issue(["injects", i, "front"], `front ${inject.front} is not among the fronts`);
    }
  });
  s.rubric.groups.forEach((group, g) => {
    group.items.forEach((item, k) => {
      if (!FRONT_EVALUATORS.has(item.evaluator)) return;
      const at = (...rest: (string | number)[]) => ["rubric", "groups", g, "items", k, ...rest];
      if (fronts.length === 0) {
        issue(at("evaluator"), `${item.evaluator} needs the scenario's fronts`);
        return;
      }
      const params = (item.params ?? {}) as { ics?: string[]; by?: Record<string, string> };
      (params.ics ?? []).forEach((h, n) => {
        if (!handles.has(h)) issue(at("params", "ics", n), `${h} is not in the cast`);
      });
      for (const front of Object.keys(params.by ?? {})) {
        if (!keys.has(front)) issue(at("params", "by", front), `front ${front} is not among the fronts`);
      }
    });
  });
}

/** The front the single-incident rubric items read: the one marked primary, else the first. */
export function primaryFront(fronts: readonly Front[]): Front | undefined {
  return fronts.find((f) => f.primary) ?? fronts[0];
}
