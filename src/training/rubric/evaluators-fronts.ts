/**
 * Running several incidents at once: keeping every front in view (check-ins with the other
 * commanders, summaries across fronts, no front left alone too long), the update cadence
 * on each severe front, trade-off decisions on the record, each front documented, one
 * blameless postmortem across them, and every front resolved in time.
 */
import { lintPostmortem } from "../../domain/analysis/index.js";
import { formatOffset, parseOffset } from "../duration.js";
import { phrasesFound, stems } from "../text-match.js";
import { minutesText, quote, type RubricContext } from "./context.js";
import { eventEvidence, type FrontRun, frontRuns, frontsNamed, openUntil, saidAcross } from "./fronts.js";
import type { EvaluatorParams } from "./params.js";
import type { Evidence, ItemOutcome } from "./types.js";

const average = (xs: number[]) => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);

/** The share of a window covered by touches no further apart than `every`: 1 when no gap is longer. */
function gapScore(touches: number[], from: number, to: number, every: number): { score: number; worst: number } {
  const points = [from, ...touches.filter((t) => t >= from && t <= to).sort((a, b) => a - b), to];
  let worst = 0;
  for (let i = 1; i < points.length; i++) worst = Math.max(worst, (points[i] ?? 0) - (points[i - 1] ?? 0));
  return { score: worst <= every ? 1 : every / worst, worst };
}

export function crossCoordination(ctx: RubricContext, p: EvaluatorParams<"cross-coordination">): ItemOutcome {
  const every = parseOffset(p.every, "every");
  const fronts = frontRuns(ctx);
  const said = saidAcross(ctx, fronts);
  const evidence: Evidence[] = [];
  const advice: string[] = [];
  // Check-ins with each other commander, at least once per `every` while their front is open.
  const checkins = p.ics.map((ic) => {
    const theirs = fronts.filter(
      (f) =>
        f.incident?.roles["incident-commander"]?.person === ic ||
        f.events.some((e) => e.type === "CommandHandedOver" && e.to === ic) ||
        f.events.some((e) => e.type === "IncidentDeclared" && e.commander === ic),
    );
    if (theirs.length === 0) {
      evidence.push(ctx.absent(`${ic} never ran a front, so there was nobody to coordinate with`));
      advice.push(`give ${ic} a front to command, then check in on a rhythm`);
      return 0;
    }
    const to = said.filter((s) => s.addressed.has(ic));
    for (const s of to) evidence.push(ctx.action(s.action, `checked in with ${ic}: ${quote(s.text, 60)}`));
    if (to.length === 0) {
      evidence.push(ctx.absent(`no word to ${ic}`));
      advice.push(`check in with ${ic} on a rhythm: what they need, what changed`);
      return 0;
    }
    const from = Math.min(...theirs.map((f) => f.declaredAt ?? 0), to[0]?.offset ?? 0);
    const until = Math.max(from, ...theirs.map((f) => openUntil(ctx, f)));
    const { score, worst } = gapScore(
      to.map((s) => s.offset),
      from,
      until,
      every,
    );
    if (score < 1) advice.push(`${ic} went ${minutesText(worst)} without a word from you`);
    return score;
  });
  // Summaries that speak to two fronts or more.
  const summaries = said.filter((s) => s.fronts.size >= 2);
  for (const s of summaries.slice(0, 4)) {
    evidence.push(ctx.action(s.action, `across ${[...s.fronts].join(", ")}: ${quote(s.text, 60)}`));
  }
  const summaryScore = p.minSummaries === 0 ? 1 : Math.min(1, summaries.length / p.minSummaries);
  if (summaryScore < 1)
    advice.push("give a status across all fronts from time to time, so nobody sees only their own fire");
  // No front left without the trainee's attention for longer than `every` while it is open.
  const attention = fronts.map((f) => {
    if (f.id === null || f.declaredAt === null) return 0;
    const touches = [
      ...ctx.run.actions.filter((a) => a.ok && a.incident === f.id).map((a) => a.offset),
      ...said.filter((s) => s.fronts.has(f.front.key) || f.front.cast.some((h) => s.to.has(h))).map((s) => s.offset),
    ];
    const { score, worst } = gapScore(touches, f.declaredAt, openUntil(ctx, f), every);
    if (score < 1) {
      evidence.push(ctx.absent(`${f.front.key} went ${minutesText(worst)} without your attention`));
      advice.push(`look in on ${f.front.key} at least every ${minutesText(every)}`);
    }
    return score;
  });
  const fraction =
    0.35 * (checkins.length === 0 ? 1 : average(checkins)) + 0.3 * summaryScore + 0.35 * average(attention);
  return {
    fraction,
    evidence: evidence.length > 0 ? evidence : [ctx.absent("no coordination across the fronts")],
    advice:
      advice.length === 0
        ? "Every front stayed in view: regular check-ins with the other commander and summaries across all fronts."
        : `Across incidents: ${advice.join("; ")}.`,
  };
}

export function updateCadence(ctx: RubricContext, p: EvaluatorParams<"update-cadence">): ItemOutcome {
  const every = parseOffset(p.every, "every");
  const grace = parseOffset(p.grace, "grace");
  const severe = (f: FrontRun) =>
    (f.front.severity !== undefined && p.severities.includes(f.front.severity)) ||
    f.events.some(
      (e) =>
        (e.type === "IncidentDeclared" && p.severities.includes(e.severity)) ||
        (e.type === "SeverityChanged" && p.severities.includes(e.to)),
    );
  const fronts = frontRuns(ctx).filter(severe);
  const evidence: Evidence[] = [];
  const late: string[] = [];
  const scores = fronts.map((f) => {
    if (f.declaredAt === null) {
      evidence.push(ctx.absent(`${f.front.key} never declared, so nobody was updated`));
      late.push(f.front.key);
      return 0;
    }
    const end = openUntil(ctx, f);
    const updates = f.events.filter(
      (e) => e.type === "UpdatePublished" && (p.audiences === undefined || p.audiences.includes(e.audience)),
    );
    const needed = Math.max(1, Math.ceil((end - f.declaredAt) / every));
    let last = f.declaredAt;
    let onTime = 0;
    for (const u of updates) {
      const at = ctx.offsetOf(u.at);
      if (at > end) break;
      const gap = at - last;
      const ok = gap <= every + grace;
      if (ok) onTime++;
      evidence.push(eventEvidence(ctx, f, u, `update ${minutesText(gap)} after the last${ok ? "" : ": late"}`));
      last = at;
    }
    if (end - last > every + grace) {
      evidence.push(
        ctx.absent(
          `${f.front.key}: ${minutesText(end - last)} of silence before ${f.resolvedAt === null ? "the end" : "its resolution"}`,
        ),
      );
    }
    const score = Math.min(1, onTime / needed);
    if (score < 1) late.push(f.front.key);
    return score;
  });
  const fraction = fronts.length === 0 ? 1 : average(scores);
  return {
    fraction,
    evidence: evidence.length > 0 ? evidence : [ctx.absent(`no front of ${p.severities.join(", ")}`)],
    advice:
      late.length === 0
        ? `Stakeholders heard about every ${p.severities.join("/")} front at least every ${minutesText(every)}: keep the rhythm.`
        : `Publish an update at least every ${minutesText(every)} on ${late.join(", ")}, even when the news is "no change yet".`,
  };
}

const COMPARE = ["than", "instead", "rather", "versus", "vs", "whereas", "over", "but", "while", "cost", "trade"];

export function tradeoffsRecorded(ctx: RubricContext, p: EvaluatorParams<"tradeoffs-recorded">): ItemOutcome {
  const fronts = frontRuns(ctx);
  const evidence: Evidence[] = [];
  const decisions = fronts.flatMap((f) =>
    f.events.flatMap((e) => (e.type === "DecisionRecorded" && e.by === ctx.trainee ? [{ f, e }] : [])),
  );
  let across = 0;
  const scored = decisions.map(({ f, e }) => {
    const words = stems(e.rationale).length;
    const compares = phrasesFound(e.rationale, COMPARE);
    const named = frontsNamed(`${e.rationale} ${e.title}`, fronts);
    if (named.size >= 2) across = 1;
    const score =
      0.4 * (words >= p.minRationaleWords ? 1 : 0) + 0.3 * (compares.length > 0 ? 1 : 0) + 0.3 * (e.fallback ? 1 : 0);
    const parts = [
      `${words} words`,
      compares.length > 0 ? "weighs alternatives" : "no comparison",
      e.fallback ? "fallback" : "no fallback",
      ...(named.size >= 2 ? [`weighs ${[...named].join(" against ")}`] : []),
    ];
    evidence.push(eventEvidence(ctx, f, e, `decision ${e.decisionId} "${e.title}": ${parts.join(", ")}`, compares));
    return score;
  });
  const best = scored.sort((a, b) => b - a).slice(0, p.minDecisions);
  while (best.length < p.minDecisions) best.push(0);
  const fraction = 0.75 * average(best) + 0.25 * across;
  if (decisions.length === 0) evidence.push(ctx.absent("no decision recorded on any front"));
  return {
    fraction,
    evidence,
    advice:
      fraction >= 1
        ? "The trade-offs are on the record, argued, with fallbacks, including the call between fronts."
        : decisions.length < p.minDecisions
          ? `Record the trade-offs you make (at least ${p.minDecisions}), with why, what you gave up and the fallback.`
          : across === 0
            ? "Record the calls that weigh one front against another (people, timing, risk) as decisions too."
            : "Argue each decision: what it beats and why, and what you do if it fails.",
  };
}

export function frontsDocumented(ctx: RubricContext): ItemOutcome {
  const evidence: Evidence[] = [];
  const gaps: string[] = [];
  const scores = frontRuns(ctx).map((f) => {
    const declared = f.events.find((e) => e.type === "IncidentDeclared");
    if (!declared) {
      gaps.push(`${f.front.key} has no record at all`);
      return 0;
    }
    const checks: [boolean, string][] = [
      [declared.impact.trim() !== "", "impact stated"],
      [f.events.some((e) => e.type === "TaskAssigned" || e.type === "RoleAssigned"), "work on the record"],
      [
        f.events.some((e) => e.type === "StatusChanged" || (e.type === "NoteAdded" && e.by === ctx.trainee)),
        "progress noted",
      ],
      [f.events.some((e) => e.type === "IncidentResolved" && stems(e.summary).length >= 6), "resolution summary"],
    ];
    const missing = checks.filter(([ok]) => !ok).map(([, what]) => what);
    const score = checks.filter(([ok]) => ok).length / checks.length;
    evidence.push(
      eventEvidence(ctx, f, declared, missing.length === 0 ? "fully documented" : `missing: ${missing.join(", ")}`),
    );
    if (missing.length > 0) gaps.push(`${f.front.key}: ${missing.join(", ")}`);
    return score;
  });
  return {
    fraction: average(scores),
    evidence,
    advice:
      gaps.length === 0
        ? "Each front's record tells its story: impact, who did what, progress and how it ended."
        : `Document every front on its own record (${gaps.join("; ")}).`,
  };
}

export function frontsPostmortem(ctx: RubricContext): ItemOutcome {
  const fronts = frontRuns(ctx);
  const saved = fronts.flatMap((f) => f.events.flatMap((e) => (e.type === "PostmortemSaved" ? [{ f, e }] : [])));
  const last = saved.sort((a, b) => ctx.offsetOf(a.e.at) - ctx.offsetOf(b.e.at)).at(-1);
  if (!last) {
    return {
      fraction: 0,
      evidence: [ctx.absent("no postmortem saved on any front")],
      advice:
        "Write one blameless postmortem that covers every front: what happened, why, and the actions with owners.",
    };
  }
  const lint = lintPostmortem(last.e.markdown);
  const blame = lint.findings.filter((f) => f.rule.startsWith("blame.") && f.severity === "error");
  const missing = lint.findings.filter((f) => f.rule === "postmortem.section-missing" && f.severity === "error");
  const covered = frontsNamed(last.e.markdown, fronts);
  const owned = lint.actionItems.length > 0 && !lint.findings.some((f) => f.rule === "action-item.no-owner");
  const evidence: Evidence[] = [
    eventEvidence(ctx, last.f, last.e, `postmortem revision ${last.e.revision} saved`),
    ...blame.map((b) => eventEvidence(ctx, last.f, last.e, `blame: ${b.message}`, [b.excerpt])),
    ...missing.map((m) => eventEvidence(ctx, last.f, last.e, m.message)),
  ];
  const uncovered = fronts.filter((f) => !covered.has(f.front.key)).map((f) => f.front.key);
  if (uncovered.length > 0)
    evidence.push(eventEvidence(ctx, last.f, last.e, `says nothing of ${uncovered.join(", ")}`));
  let fraction =
    0.25 + 0.25 * (missing.length === 0 ? 1 : 0) + 0.25 * (covered.size / fronts.length) + 0.25 * (owned ? 1 : 0);
  if (blame.length > 0) fraction /= 2;
  const advice =
    blame.length > 0
      ? "Take the names out of the causes: describe what the system and the process allowed, not who slipped."
      : uncovered.length > 0
        ? `Cover every front in the postmortem, and how they interacted (${uncovered.join(", ")} missing).`
        : missing.length > 0 || !owned
          ? "Give the postmortem its impact, timeline, causes and action items with a named owner each."
          : "One blameless postmortem across all fronts, with owned actions: exactly what the exam asks.";
  return { fraction, evidence, advice };
}

export function frontsResolved(ctx: RubricContext, p: EvaluatorParams<"fronts-resolved">): ItemOutcome {
  const grace = parseOffset(p.grace, "grace");
  const end = ctx.offsetOf(ctx.run.endedAt);
  const evidence: Evidence[] = [];
  const late: string[] = [];
  const scores = frontRuns(ctx).map((f) => {
    const byText = p.by[f.front.key] ?? f.front.deadline?.at;
    const by = byText === undefined ? end : parseOffset(byText, "by");
    const resolved = f.events.findLast((e) => e.type === "IncidentResolved");
    if (f.resolvedAt === null || !resolved) {
      evidence.push(ctx.absent(`${f.front.key} never resolved`));
      late.push(f.front.key);
      return 0;
    }
    const over = f.resolvedAt - by;
    evidence.push(
      eventEvidence(ctx, f, resolved, `resolved at ${formatOffset(f.resolvedAt)} (due by ${formatOffset(by)})`),
    );
    if (over <= 0) return 1;
    late.push(f.front.key);
    return Math.max(0, 1 - over / grace);
  });
  return {
    fraction: average(scores),
    evidence,
    advice:
      late.length === 0
        ? "Every front was resolved in acceptable time."
        : `Drive each front to resolution in time: ${late.join(", ")} ran late or stayed open.`,
  };
}
