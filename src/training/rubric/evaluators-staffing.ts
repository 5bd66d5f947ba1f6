/**
 * The trainee's allocation against the staffing optimiser's plan. The drill's fronts become
 * the planner's incidents (severity, impact, deadline; each needs its own cast), the
 * trainee and the other commanders are the ICs, each engineer's skill is their front. The
 * optimum is found by the planner's exact search (deterministic, no WebAssembly to load),
 * and the trainee's allocation at `at` is scored with the same objective: the share of the
 * optimum it reaches. Evidence names each person placed differently and why the plan
 * placed them where it did; the advice says what would have closed the gap.
 */

import {
  buildInstance,
  DEFAULT_SETTINGS,
  type Placement,
  planStaffing,
  type TriageInput,
} from "../../domain/triage/index.js";
import { planObjective } from "../../domain/triage/instance.js";
import { formatOffset, parseOffset } from "../duration.js";
import type { RubricContext } from "./context.js";
import { eventEvidence, type FrontRun, frontRuns, type Work, workOf } from "./fronts.js";
import type { EvaluatorParams } from "./params.js";
import type { Evidence, ItemOutcome } from "./types.js";

type Params = EvaluatorParams<"staffing-plan">;

/** "100% error rate", "about 20% of users", "every user" → a share of users. */
function usersFrom(text: string | undefined): number | null {
  if (!text) return null;
  const pct = /(\d+(?:\.\d+)?)\s*%/.exec(text);
  if (pct) return Math.min(100, Number(pct[1]));
  return /\b(every|all)\b/i.test(text) ? 100 : null;
}

function plannerInput(ctx: RubricContext, p: Params, fronts: FrontRun[], at: number): TriageInput {
  const start = Date.parse(ctx.run.startedAt);
  const iso = (offset: number) => new Date(start + offset * 1000).toISOString();
  const commanders = [ctx.trainee, ...p.ics];
  return {
    now: iso(at),
    incidents: fronts.map((f) => {
      const known = p.fronts[f.front.key] ?? {};
      return {
        id: f.front.key,
        title: f.front.title ?? f.front.key,
        severity: f.front.severity ?? "SEV-2",
        usersAffectedPct: known.usersPct ?? usersFrom(f.front.impact),
        revenueAtRiskPerHourUsd: known.revenuePerHourUsd ?? null,
        impactStartsAt: f.front.deadline ? iso(parseOffset(f.front.deadline.at, "deadline.at")) : null,
        worseningPctPerHour: known.worseningPctPerHour ?? null,
        needs: f.front.cast.length > 0 ? [{ skill: f.front.key, count: f.front.cast.length }] : [],
      };
    }),
    people: [
      ...commanders.map((handle) => ({ handle, skills: [], icQualified: true, available: true })),
      ...fronts.flatMap((f) =>
        f.front.cast
          .filter((h) => !commanders.includes(h))
          .map((handle) => ({ handle, skills: [f.front.key], icQualified: false, available: true })),
      ),
    ],
    current: [],
  };
}

/** The trainee's allocation at `at`: each person once (their earliest work still running), as the plan would count it. */
function traineePlacements(work: Work[], at: number, isIc: (h: string) => boolean, skillOf: Map<string, string>) {
  const running = work.filter((w) => w.from <= at && w.to > at).sort((a, b) => a.from - b.from);
  const placements: Placement[] = [];
  /** Where each person was, counted or not (a front that is not theirs). */
  const spots = new Map<string, Placement>();
  const notes: { w: Work; note: string }[] = [];
  const placed = new Map<string, Work>();
  const commanded = new Set<string>();
  for (const w of running) {
    const front = w.front.front.key;
    const first = placed.get(w.person);
    if (first) {
      if (first.front !== w.front)
        notes.push({ w, note: `${w.person} also on ${front}: counted once, on ${first.front.front.key}` });
      continue;
    }
    placed.set(w.person, w);
    const counted = w.kind === "command" && isIc(w.person) && !commanded.has(front);
    // A non-IC declared commander works the front: they count as its engineer.
    spots.set(w.person, { person: w.person, incident: front, as: counted ? "commander" : "engineer", skill: null });
    if (counted) {
      commanded.add(front);
      placements.push({ person: w.person, incident: front, as: "commander", skill: null });
    } else if (skillOf.get(w.person) === front) {
      placements.push({ person: w.person, incident: front, as: "engineer", skill: front });
    } else {
      notes.push({ w, note: `${w.person} on ${front}, which is not their front: no need of it filled` });
    }
  }
  return { placements, notes, spots };
}

const describeSpot = (p: Placement | undefined, left: string) =>
  p === undefined ? left : p.as === "commander" ? `command ${p.incident}` : `work ${p.incident}`;

export function staffingPlan(ctx: RubricContext, p: Params): ItemOutcome {
  const at = parseOffset(p.at, "at");
  const fronts = frontRuns(ctx);
  const input = plannerInput(ctx, p, fronts, at);
  const plan = planStaffing(input, { solver: "exact" });
  const instance = buildInstance(input, DEFAULT_SETTINGS);
  const optimal = plan.assignments.flatMap((a) => [
    ...(a.commander ? [{ person: a.commander, incident: a.incident, as: "commander" as const, skill: null }] : []),
    ...a.engineers.map((e) => ({ person: e, incident: a.incident, as: "engineer" as const, skill: a.incident })),
  ]);
  const ics = new Set([ctx.trainee, ...p.ics]);
  const skillOf = new Map(input.people.flatMap((person) => person.skills.map((s) => [person.handle, s] as const)));
  const work = workOf(ctx, fronts);
  const mine = traineePlacements(work, at, (h) => ics.has(h), skillOf);
  const best = planObjective(instance, optimal);
  const got = planObjective(instance, mine.placements);
  const fraction = best <= 0 ? 1 : Math.max(0, Math.min(1, got / best));

  const evidence: Evidence[] = [];
  const summary = plan.assignments
    .map(
      (a) => `${a.incident}: ${a.commander ?? "no IC"}${a.engineers.length > 0 ? ` + ${a.engineers.join(", ")}` : ""}`,
    )
    .join("; ");
  evidence.push(ctx.absent(`the optimiser's plan (${plan.solver.engine}, ${plan.solver.status}): ${summary}`));
  evidence.push(
    ctx.absent(
      `your allocation at ${formatOffset(at)} reaches ${Math.round(fraction * 100)}% of the plan's value (${got} of ${best})`,
    ),
  );
  const differences: string[] = [];
  const planned = new Map(optimal.map((x) => [x.person, x]));
  const yours = mine.spots;
  for (const person of input.people.map((x) => x.handle)) {
    const want = planned.get(person);
    const have = yours.get(person);
    if (want?.incident === have?.incident && want?.as === have?.as) continue;
    const why = plan.assignments
      .find((a) => a.incident === want?.incident)
      ?.reasons.find((r) => r.person === person)
      ?.text.replace(/; free before$/, "");
    const yoursText = have ? `you had them ${describeSpot(have, "")}` : "you left them unassigned";
    const planText = want ? `has them ${describeSpot(want, "")}` : "leaves them free";
    const note = `${person}: ${yoursText}; the plan ${planText}${why ? ` (${why})` : ""}`;
    const w = work.find((x) => x.person === person && x.from <= at);
    const front = fronts.find((f) => f.front.key === have?.incident);
    evidence.push(w && front && have ? eventEvidence(ctx, front, w.event, note) : ctx.absent(note));
    differences.push(want ? `${describeSpot(want, "")} with ${person}` : `keep ${person} free`);
  }
  for (const { w, note } of mine.notes) evidence.push(eventEvidence(ctx, w.front, w.event, note));
  for (const gap of plan.uncovered) {
    evidence.push(
      ctx.absent(
        `the plan too leaves ${gap.incident} without ${gap.what === "commander" ? "a commander" : gap.skill}: ${gap.wouldCover} would cover it`,
      ),
    );
  }
  return {
    fraction,
    evidence,
    advice:
      differences.length === 0
        ? "Your allocation is the optimiser's plan: commanders where the priority is, every engineer on the front that needs their skill."
        : `Against the optimiser's plan: ${differences.slice(0, 3).join("; ")}. It weighs severity, users hit, revenue and time to a deadline.`,
  };
}
