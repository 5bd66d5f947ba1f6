/**
 * Several incidents at once: triage (every front declared soon, at the severity it
 * warrants, the most severe first, hard deadlines put on the record), allocation (the
 * commanders split across the fronts with one incident each, every engineer on the front
 * their skills belong to, nobody on two fronts at once, the deadline front staffed before
 * it runs out) and the deadlines met.
 */
import { formatOffset, parseOffset } from "../duration.js";
import type { RunEvent } from "../run-record.js";
import { minutesText, type RubricContext } from "./context.js";
import { eventEvidence, type FrontRun, frontRuns, rank, type Work, workOf } from "./fronts.js";
import type { EvaluatorParams } from "./params.js";
import type { Evidence, ItemOutcome } from "./types.js";

type Guard = Extract<RunEvent, { type: "TriggerSet" | "DecisionDeadlineSet" | "WorkstreamStarted" }>;
const isGuard = (e: RunEvent): e is Guard =>
  e.type === "TriggerSet" || e.type === "DecisionDeadlineSet" || e.type === "WorkstreamStarted";
const deadlineOf = (f: FrontRun) => (f.front.deadline ? parseOffset(f.front.deadline.at, "deadline.at") : null);
const average = (xs: number[]) => (xs.length === 0 ? 1 : xs.reduce((a, b) => a + b, 0) / xs.length);

export function triage(ctx: RubricContext, p: EvaluatorParams<"triage">): ItemOutcome {
  const within = parseOffset(p.within, "within");
  const fronts = frontRuns(ctx);
  const evidence: Evidence[] = [];
  const advice: string[] = [];
  const declared = fronts.map((f) => {
    const declaration = f.events.find((e) => e.type === "IncidentDeclared");
    if (!declaration || f.declaredAt === null) {
      evidence.push(ctx.absent(`${f.front.key}: never declared`));
      return { f, inTime: 0, severity: 0 };
    }
    const hint = f.front.severity;
    const severity =
      hint === undefined || declaration.severity === hint ? 1 : rank(declaration.severity) < rank(hint) ? 0.5 : 0;
    const inTime = f.declaredAt <= within ? 1 : 0.5;
    const sev = hint === undefined ? declaration.severity : `${declaration.severity} (warrants ${hint})`;
    evidence.push(eventEvidence(ctx, f, declaration, `declared ${sev} at ${formatOffset(f.declaredAt)}`));
    return { f, inTime, severity };
  });
  const inTime = average(declared.map((d) => d.inTime));
  const severity = average(declared.map((d) => d.severity));
  if (inTime < 1) advice.push(`declare every front within ${minutesText(within)}, even before you know the cause`);
  if (severity < 1) advice.push("give each front the severity its impact warrants (SEV-1 when every payment fails)");
  // The most severe front goes first.
  const order = fronts.filter((f) => f.declaredAt !== null).sort((a, b) => (a.declaredAt ?? 0) - (b.declaredAt ?? 0));
  const top = Math.min(...fronts.map((f) => rank(f.front.severity)));
  const first = order[0];
  const firstOk = first !== undefined && rank(first.front.severity) === top ? 1 : 0;
  if (first && !firstOk) {
    const worst = fronts.find((f) => rank(f.front.severity) === top);
    evidence.push(ctx.absent(`${first.front.key} was declared before ${worst?.front.key ?? "the most severe front"}`));
    advice.push(`open the most severe front first (${worst?.front.key})`);
  }
  // Each hard deadline goes on the record as a trigger, a decision deadline or a time-boxed workstream.
  const deadlines = fronts.filter((f) => deadlineOf(f) !== null);
  const onRecord = deadlines.map((f) => {
    const limit = deadlineOf(f) ?? 0;
    const guard = f.events.find(
      (e): e is Guard => isGuard(e) && ctx.offsetOf(e.at) < limit && ctx.offsetOf(e.dueAt) <= limit,
    );
    if (guard) {
      const what =
        guard.type === "TriggerSet" ? "trigger" : guard.type === "WorkstreamStarted" ? "workstream" : "deadline";
      evidence.push(
        eventEvidence(ctx, f, guard, `${what} due ${formatOffset(ctx.offsetOf(guard.dueAt))}, before the deadline`),
      );
      return 1;
    }
    evidence.push(ctx.absent(`${f.front.key}: nothing on its record ties the work to ${f.front.deadline?.what}`));
    advice.push(`put ${f.front.key}'s deadline on its record: a trigger due before it ("if not done by …, then …")`);
    return 0;
  });
  const fraction = 0.3 * inTime + 0.3 * severity + 0.2 * firstOk + 0.2 * average(onRecord);
  return {
    fraction,
    evidence,
    advice:
      advice.length === 0
        ? "Triage was quick and in order: every front declared at its severity, the worst first, the deadline guarded."
        : `Triage: ${advice.join("; ")}.`,
  };
}

/** Seconds of overlap that do not count: declaring an incident and handing it over straight away. */
const SETTLING = 180;

/** Pairs of work on two fronts by one person at the same time (command pairs are judged apart). */
function overlaps(work: Work[], pick: (a: Work, b: Work) => boolean): [Work, Work][] {
  const out: [Work, Work][] = [];
  for (let i = 0; i < work.length; i++) {
    for (let k = i + 1; k < work.length; k++) {
      const a = work[i];
      const b = work[k];
      if (!a || !b || a.person !== b.person || a.front.front.key === b.front.front.key) continue;
      const overlap = Math.min(a.to, b.to) - Math.max(a.from, b.from);
      if (overlap > SETTLING && pick(a, b)) out.push([a, b]);
    }
  }
  return out;
}

export function resourceAllocation(ctx: RubricContext, p: EvaluatorParams<"resource-allocation">): ItemOutcome {
  const within = parseOffset(p.within, "within");
  const fronts = frontRuns(ctx);
  const work = workOf(ctx, fronts);
  const commanders = [ctx.trainee, ...p.ics];
  const evidence: Evidence[] = [];
  const advice: string[] = [];
  const cite = (w: Work, note: string) => eventEvidence(ctx, w.front, w.event, note);

  // 1. Every commander takes a front, and the most severe front has a commander from among them.
  const commands = work.filter((w) => w.kind === "command");
  const used = commanders.filter((c) => commands.some((w) => w.person === c));
  for (const c of commanders) {
    const w = commands.find((x) => x.person === c);
    if (w) evidence.push(cite(w, `${c} commands ${w.front.front.key}`));
  }
  const top = Math.min(...fronts.map((f) => rank(f.front.severity)));
  const topFront = fronts.find((f) => rank(f.front.severity) === top);
  const topByIc = commands.some((w) => w.front === topFront && commanders.includes(w.person));
  const split = 0.5 * (used.length / commanders.length) + 0.5 * (topByIc ? 1 : 0);
  if (used.length < commanders.length) {
    advice.push(`use both commanders: ${commanders.filter((c) => !used.includes(c)).join(", ")} commanded nothing`);
  }
  if (!topByIc && topFront) advice.push(`put a commander on ${topFront.front.key} first`);

  // 2. Nobody commands two open incidents at once.
  const doubleCommand = overlaps(commands, (a, b) => a.kind === "command" && b.kind === "command");
  for (const pair of doubleCommand) {
    const [a, b] = pair[0].from <= pair[1].from ? pair : [pair[1], pair[0]];
    evidence.push(cite(b, `${b.person} commands ${a.front.front.key} and ${b.front.front.key} at once`));
  }
  const oneEach = doubleCommand.length === 0 ? 1 : 0;
  if (!oneEach)
    advice.push("give each incident its own commander; one commander per incident keeps the span of control sane");

  // 3. Every engineer works the front their skills belong to, soon.
  const skills = fronts.flatMap((f) =>
    f.front.cast.map((person) => {
      const w = work.find((x) => x.person === person && x.front === f);
      if (!w) {
        evidence.push(ctx.absent(`${person} was never given work on ${f.front.key}`));
        return 0;
      }
      evidence.push(cite(w, `${person} on ${f.front.key} (${w.what}) at ${formatOffset(w.from)}`));
      return w.from <= within ? 1 : 0.5;
    }),
  );
  const bySkill = average(skills);
  if (bySkill < 1) advice.push(`put every engineer on their own front within ${minutesText(within)}`);

  // 4. Nobody double-booked: no one given work on two fronts at the same time.
  const doubleBooked = overlaps(work, (a, b) => !(a.kind === "command" && b.kind === "command"));
  const booked = [...new Set(doubleBooked.map(([a]) => a.person))];
  for (const pair of doubleBooked) {
    // Cite the later of the two: the assignment that made it a double booking.
    const [a, b] = pair[0].from <= pair[1].from ? pair : [pair[1], pair[0]];
    evidence.push(
      cite(b, `${b.person} double-booked: ${a.what} on ${a.front.front.key} and ${b.what} on ${b.front.front.key}`),
    );
  }
  const single = Math.max(0, 1 - 0.5 * booked.length);
  if (booked.length > 0) advice.push(`keep each person on one front at a time (${booked.join(", ")} had two)`);

  // 5. The deadline fronts are staffed before they run out.
  const covered = fronts
    .filter((f) => deadlineOf(f) !== null)
    .map((f) => {
      const limit = deadlineOf(f) ?? 0;
      const w = work.find((x) => x.front === f && f.front.cast.includes(x.person) && x.from < limit);
      if (w) return 1;
      evidence.push(
        ctx.absent(`${f.front.key}: nobody on it before ${f.front.deadline?.what} at ${formatOffset(limit)}`),
      );
      advice.push(`staff ${f.front.key} before ${f.front.deadline?.what}`);
      return 0;
    });
  const fraction = 0.2 * split + 0.2 * oneEach + 0.2 * bySkill + 0.2 * single + 0.2 * average(covered);
  return {
    fraction,
    evidence,
    advice:
      advice.length === 0
        ? "Resources fit the fronts: one commander each, engineers on their own front, nobody stretched across two."
        : `Allocation: ${advice.join("; ")}.`,
  };
}

export function deadlineMet(ctx: RubricContext, p: EvaluatorParams<"deadline-met">): ItemOutcome {
  const margin = parseOffset(p.margin, "margin");
  const fronts = frontRuns(ctx).filter((f) => deadlineOf(f) !== null);
  const evidence: Evidence[] = [];
  const scores = fronts.map((f) => {
    const limit = deadlineOf(f) ?? 0;
    const what = f.front.deadline?.what ?? "the deadline";
    const resolved = f.events.findLast((e) => e.type === "IncidentResolved");
    if (f.resolvedAt === null || resolved === undefined || f.resolvedAt > limit) {
      const expired = ctx.run.feed.find((e) => e.inject === `${f.front.key}-deadline`);
      evidence.push(
        expired
          ? ctx.feed(expired, `${what}: not resolved in time`)
          : ctx.absent(`${f.front.key} not resolved by ${formatOffset(limit)}`),
      );
      return 0;
    }
    const spare = limit - f.resolvedAt;
    evidence.push(eventEvidence(ctx, f, resolved, `resolved ${minutesText(spare)} before ${what}`));
    return spare >= margin ? 1 : 0.75;
  });
  const fraction = average(scores);
  return {
    fraction,
    evidence: evidence.length > 0 ? evidence : [ctx.absent("no front has a deadline")],
    advice:
      fraction === 1
        ? "Every deadline was beaten with room to spare: keep starting the clock-bound work first."
        : fraction > 0
          ? "The deadline held, but only just: start the clock-bound front earlier so a setback does not sink it."
          : "A deadline passed with its front unresolved: that is a second incident you made. Staff and guard it first.",
  };
}
