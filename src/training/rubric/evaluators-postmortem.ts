/**
 * The blameless postmortem and its meeting: the document the trainee saved, judged by the
 * same linter a live postmortem gets (`lintPostmortem`: sections, quantified impact, blame,
 * hindsight, punishment, owned and dated action items); the follow-ups on the record; and
 * the facilitation, judged from structure (the meeting's steps in order, questions that ask
 * how rather than why).
 */
import { lintPostmortem } from "../../domain/analysis/index.js";
import type { RubricContext } from "./context.js";
import { quote } from "./context.js";
import type { EvaluatorParams } from "./params.js";
import { conceptWords, listed, questionsOf, saidBy } from "./said.js";
import type { Evidence, ItemOutcome } from "./types.js";

const BLAME_RULES = ["blame.person", "blame.human-error", "blame.hindsight", "blame.punishment"] as const;
const BLAME_COST: Record<(typeof BLAME_RULES)[number], number> = {
  "blame.person": 0.4,
  "blame.human-error": 0.4,
  "blame.punishment": 0.4,
  "blame.hindsight": 0.2,
};

function lastPostmortem(ctx: RubricContext) {
  return ctx.mine("PostmortemSaved").at(-1);
}

const NO_POSTMORTEM = (ctx: RubricContext): ItemOutcome => ({
  fraction: 0,
  evidence: [ctx.absent("no postmortem was saved")],
  advice: "Write the postmortem on the incident's record (`postmortem`), so the review has one document to work from.",
});

export function postmortemWritten(ctx: RubricContext, p: EvaluatorParams<"postmortem-written">): ItemOutcome {
  const saved = lastPostmortem(ctx);
  if (!saved) return NO_POSTMORTEM(ctx);
  const lint = lintPostmortem(saved.markdown);
  const missing = p.sections.filter((s) => !lint.sections.found.includes(s));
  const sections = (p.sections.length - missing.length) / p.sections.length;
  const evidence: Evidence[] = [
    ctx.event(
      saved,
      missing.length === 0
        ? `revision ${saved.revision} has every section`
        : `revision ${saved.revision} lacks ${listed(missing)}`,
    ),
  ];
  const absentFigures: string[] = [];
  for (const figure of p.figures) {
    const words = conceptWords(saved.markdown, figure.match);
    if (words) evidence.push(ctx.event(saved, `carries ${figure.name}`, words));
    else absentFigures.push(figure.name);
  }
  const unquantified = lint.findings.some((f) => f.rule === "postmortem.impact-unquantified");
  if (unquantified) evidence.push(ctx.event(saved, "the impact section gives no numbers"));
  const figures =
    p.figures.length === 0
      ? unquantified
        ? 0
        : 1
      : ((p.figures.length - absentFigures.length) / p.figures.length) * (unquantified ? 0.5 : 1);
  const gaps = [
    ...(missing.length > 0 ? [`add ${listed(missing)}`] : []),
    ...(absentFigures.length > 0 ? [`put the numbers in (${listed(absentFigures)})`] : []),
    ...(unquantified ? ["quantify the impact section"] : []),
  ];
  return {
    fraction: 0.6 * sections + 0.4 * figures,
    evidence,
    advice:
      gaps.length === 0
        ? "The postmortem had every section and the exact numbers: keep writing them that completely."
        : `In the postmortem, ${listed(gaps)}.`,
  };
}

export function postmortemBlameless(ctx: RubricContext, _p: EvaluatorParams<"postmortem-blameless">): ItemOutcome {
  const saved = lastPostmortem(ctx);
  if (!saved) return NO_POSTMORTEM(ctx);
  const findings = lintPostmortem(saved.markdown).findings.filter((f) =>
    (BLAME_RULES as readonly string[]).includes(f.rule),
  );
  if (findings.length === 0) {
    return {
      fraction: 1,
      evidence: [ctx.event(saved, `revision ${saved.revision}: causes are the system's, no blame or hindsight`)],
      advice: "The postmortem looked at the system, not at people: keep it that way.",
    };
  }
  let fraction = 1;
  const evidence: Evidence[] = [];
  for (const f of findings) {
    fraction -= BLAME_COST[f.rule as (typeof BLAME_RULES)[number]];
    evidence.push(ctx.event(saved, f.message, [f.excerpt]));
  }
  const kinds = [...new Set(findings.map((f) => f.rule.replace("blame.", "").replace("-", " ")))];
  return {
    fraction,
    evidence,
    advice: `Take out the ${listed(kinds)} language: say what the system allowed and which safeguard was missing.`,
  };
}

export function postmortemActions(ctx: RubricContext, p: EvaluatorParams<"postmortem-actions">): ItemOutcome {
  const items = ctx.mine("ActionItemAdded");
  const saved = lastPostmortem(ctx);
  const doc = saved ? lintPostmortem(saved.markdown) : null;
  if (items.length === 0 && (doc?.actionItems.length ?? 0) === 0) {
    return {
      fraction: 0,
      evidence: [ctx.absent("no action items, on the record or in the postmortem")],
      advice: `Add at least ${p.min} action items with \`action\`, each with one owner, a due date and a horizon.`,
    };
  }
  const evidence: Evidence[] = [];
  const problems = new Set<string>();
  let good = 0;
  let punitive = false;
  for (const item of items) {
    const lint = lintPostmortem(`## Action items\n- ${item.title}`);
    const vague = lint.findings.some((f) => f.rule === "action-item.vague");
    const punishment = lint.findings.find((f) => f.rule.startsWith("blame."));
    const owned = ctx.isPerson(item.owner);
    const dated = item.dueDate !== null;
    if (owned && dated && !vague && !punishment) good++;
    if (!dated) problems.add("a due date on each");
    if (vague) problems.add("concrete wording");
    if (punishment) punitive = true;
    const flaws = [!dated ? "no date" : "", vague ? "vague" : "", punishment ? "punishes a person" : ""].filter(
      Boolean,
    );
    evidence.push(
      ctx.event(
        item,
        `${item.actionId} ${quote(item.title, 60)} → ${item.owner}, ${item.horizon}${item.dueDate ? `, due ${item.dueDate}` : ""}${flaws.length > 0 ? ` (${flaws.join(", ")})` : ""}`,
        punishment ? [punishment.excerpt] : undefined,
      ),
    );
  }
  const horizons = p.horizons.filter((h) => items.some((i) => i.horizon === h));
  const missingHorizons = p.horizons.filter((h) => !horizons.includes(h));
  const docItems = doc?.actionItems ?? [];
  const docGood = docItems.filter((i) => i.owner !== null && i.due !== null).length;
  if (saved && docItems.length > 0) {
    evidence.push(ctx.event(saved, `${docGood} of ${docItems.length} action items in the postmortem owned and dated`));
  } else if (saved) evidence.push(ctx.event(saved, "the postmortem lists no action items"));
  if (items.length < p.min) problems.add(`at least ${p.min} of them on the record`);
  if (missingHorizons.length > 0) problems.add(`${listed(missingHorizons)} ones`);
  if (docItems.length === 0 || docGood < docItems.length) problems.add("owners and dates in the postmortem too");
  let fraction =
    0.25 * Math.min(1, items.length / p.min) +
    0.25 * (items.length === 0 ? 0 : good / items.length) +
    0.25 * (horizons.length / p.horizons.length) +
    0.25 * (docItems.length === 0 ? 0 : docGood / docItems.length);
  if (punitive) fraction *= 0.5;
  return {
    fraction,
    evidence,
    advice: punitive
      ? "Replace any action that punishes or retrains a person with a change to the system that makes the mistake hard to make."
      : problems.size === 0
        ? "Every follow-up had an owner, a date and a horizon: keep the action list that checkable."
        : `Give the action items ${listed([...problems])}.`,
  };
}

/** Trainee actions that say or do each step, in order: the first one after the previous step. */
export function stepsInOrder(ctx: RubricContext, p: EvaluatorParams<"steps-in-order">): ItemOutcome {
  const said = saidBy(ctx);
  const hits = (step: (typeof p.steps)[number]) => {
    const out: { action: number; offset: number; words: string[]; kind: "said" | "done" }[] = [];
    for (const m of said) {
      const words = step.match ? conceptWords(m.text, step.match) : null;
      if (words) out.push({ action: m.action, offset: m.offset, words, kind: "said" });
    }
    for (const a of ctx.run.actions) {
      if (a.ok && a.command !== null && step.commands?.includes(a.command)) {
        out.push({ action: a.index, offset: a.offset, words: [a.command], kind: "done" });
      }
    }
    return out.sort((x, y) => x.action - y.action);
  };
  const evidence: Evidence[] = [];
  const missing: string[] = [];
  const early: string[] = [];
  let score = 0;
  let after = -1;
  for (const step of p.steps) {
    const all = hits(step);
    const hit = all.find((h) => h.action > after);
    if (!hit) {
      missing.push(step.name);
      if (all[0]) evidence.push(ctx.action(all[0].action, `${step.name}: only before the step it follows`));
      continue;
    }
    // Doing a later step's work before the earlier step was reached (fixes before the timeline) costs half.
    const jumped = all.find((h) => h.kind === "done" && h.action < after);
    score += jumped ? 0.5 : 1;
    if (jumped) {
      early.push(step.name);
      evidence.push(ctx.action(jumped.action, `${step.name}: started before the step before it`, jumped.words));
    }
    evidence.push(ctx.action(hit.action, step.name, hit.words));
    after = hit.action;
  }
  if (evidence.length === 0) evidence.push(ctx.absent(`none of the steps: ${listed(p.steps.map((s) => s.name))}`));
  const order = p.steps.map((s) => s.name).join(" → ");
  return {
    fraction: score / p.steps.length,
    evidence,
    advice:
      missing.length === 0 && early.length === 0
        ? `You ran it in order (${order}): keep that order, it is what makes the steps build on each other.`
        : missing.length > 0
          ? `Run it in order, ${order}, and do not skip ${listed(missing)}.`
          : `Keep to the order (${order}): ${listed(early)} came too soon.`,
  };
}

export function questionStyle(ctx: RubricContext, p: EvaluatorParams<"question-style">): ItemOutcome {
  const messages = saidBy(ctx).filter((m) => m.kind !== "update" && (!p.to || p.to.some((h) => m.to.has(h))));
  const evidence: Evidence[] = [];
  let good = 0;
  let bad = 0;
  for (const m of messages) {
    for (const q of questionsOf(m)) {
      const wrong = p.bad.map((b) => ({ b, words: conceptWords(q, b.match) })).find((x) => x.words !== null);
      if (wrong) {
        bad++;
        evidence.push(ctx.action(m.action, `${wrong.b.name}: ${quote(q, 70)}`, wrong.words ?? []));
        continue;
      }
      const right = p.good.map((g) => conceptWords(q, g.match)).find((w) => w !== null);
      if (right) {
        good++;
        if (good <= p.min) evidence.push(ctx.action(m.action, `open question: ${quote(q, 70)}`, right));
      }
    }
  }
  if (evidence.length === 0) evidence.push(ctx.absent("no questions put to the room"));
  const fraction = Math.min(1, good / p.min) * 0.5 ** Math.min(2, bad);
  return {
    fraction,
    evidence,
    advice:
      bad > 0
        ? 'Ask how it happened and what people saw ("how did the deploy look from your side?"), never why someone did it.'
        : good < p.min
          ? `Ask more open questions (how, what, walk us through): at least ${p.min}.`
          : "Your questions asked how and what, which keeps people talking: keep asking that way.",
  };
}
