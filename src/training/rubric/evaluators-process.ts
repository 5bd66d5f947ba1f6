/**
 * The decision process and what the commander says: the analyser's rules for an audience
 * across every update, concepts a message should carry (and must not), facts drawn out by
 * asking, people consulted before deciding, every audience told after it, and a trigger
 * set in time. The concepts are the scenario's data, matched by stemmed phrase groups, so
 * a good answer in other words still counts.
 */
import { analyse } from "../../domain/analysis/index.js";
import { composeUpdate } from "../../domain/incident/decide-comms.js";
import { parseOffset } from "../duration.js";
import { matchGroups } from "../text-match.js";
import { minutesText, quote, type RubricContext } from "./context.js";
import { factsDrawnOut } from "./facts-drawn-out.js";
import type { EvaluatorParams } from "./params.js";
import { saidBy } from "./said.js";
import type { Evidence, ItemOutcome } from "./types.js";

function firstDecisionOffset(ctx: RubricContext): number | null {
  const d = ctx.mine("DecisionRecorded")[0];
  return d ? ctx.offsetOf(d.at) : null;
}

export function analyserRules(ctx: RubricContext, p: EvaluatorParams<"analyser-rules">): ItemOutcome {
  const updates = ctx.mine("UpdatePublished").filter((u) => u.audience === p.audience);
  if (updates.length === 0) {
    return {
      fraction: 0,
      evidence: [ctx.absent(`no update to the ${p.audience} audience`)],
      advice: `Publish updates to the ${p.audience} audience; each one is checked for ${p.rules.join(", ")}.`,
    };
  }
  const broken = new Set<string>();
  const evidence: Evidence[] = [];
  let clean = 0;
  for (const u of updates) {
    const text = composeUpdate({
      text: u.text,
      impact: u.impact,
      timeline: u.timeline,
      plan: u.plan,
      nextUpdateAt: u.nextUpdateAt,
    });
    const hits = analyse(text, p.audience, { now: u.at }).findings.filter((f) =>
      (p.rules as string[]).includes(f.rule),
    );
    const rules = [...new Set(hits.map((h) => h.rule))];
    for (const r of rules) broken.add(r);
    clean += (p.rules.length - rules.length) / p.rules.length;
    evidence.push(
      ctx.event(
        u,
        `update ${u.updateId}: ${rules.length === 0 ? "keeps every rule" : `breaks ${rules.join(", ")}`}`,
        hits.map((h) => h.excerpt).filter(Boolean),
      ),
    );
  }
  return {
    fraction: clean / updates.length,
    evidence,
    advice:
      broken.size === 0
        ? `Every ${p.audience} update kept these rules: keep writing them that way.`
        : `Fix ${[...broken].join(", ")} in ${p.audience} updates: the analyser explains each with \`warroom lint\`.`,
  };
}

function conceptFound(text: string, match: EvaluatorParams<"message-concepts">["concepts"][number]["match"]) {
  for (const alternative of match) {
    const hit = matchGroups(text, alternative);
    if (hit.matched) return hit.words;
  }
  return null;
}

export function messageConcepts(ctx: RubricContext, p: EvaluatorParams<"message-concepts">): ItemOutcome {
  const afterEntry = p.after === undefined ? undefined : ctx.run.feed.find((f) => f.inject === p.after);
  const from = afterEntry?.offset ?? 0;
  const until = p.within === undefined ? Number.POSITIVE_INFINITY : from + parseOffset(p.within, "within");
  const scope = `${p.to ? ` to ${p.to}` : ""}${p.after ? ` after "${p.after}"` : ""}`;
  if (p.after !== undefined && afterEntry === undefined) {
    return {
      fraction: 0,
      evidence: [ctx.absent(`"${p.after}" never happened`)],
      advice: `The moment for this (${p.after}) never came in this run.`,
    };
  }
  // What to say is judged on the messages to `to`; what never to say, on everything said meanwhile.
  const window = saidBy(ctx).filter((m) => m.offset >= from && m.offset <= until);
  const messages = window.filter((m) => p.to === undefined || m.to.has(p.to));
  if (messages.length === 0) {
    return {
      fraction: 0,
      evidence: [ctx.absent(`nothing said${scope}`)],
      advice: `Say it${scope}: ${p.concepts.map((c) => c.name).join("; ")}.`,
    };
  }
  const evidence: Evidence[] = [];
  const missing: string[] = [];
  let found = 0;
  for (const concept of p.concepts) {
    const hit = messages.map((m) => ({ m, words: conceptFound(m.text, concept.match) })).find((x) => x.words !== null);
    if (hit) {
      found++;
      evidence.push(ctx.action(hit.m.action, `${concept.name}: ${quote(hit.m.text, 70)}`, hit.words ?? []));
    } else missing.push(concept.name);
  }
  let fraction = found / p.concepts.length;
  const avoid: string[] = [];
  for (const concept of p.forbid) {
    const hit = window.map((m) => ({ m, words: conceptFound(m.text, concept.match) })).find((x) => x.words !== null);
    if (!hit) continue;
    fraction *= 0.5;
    avoid.push(concept.name);
    evidence.push(ctx.action(hit.m.action, `${concept.name}: ${quote(hit.m.text, 70)}`, hit.words ?? []));
  }
  if (p.noBlame) {
    for (const m of window) {
      const blame = analyse(m.text, m.audience ?? "team").findings.filter((f) => f.rule === "blame.person");
      if (blame.length === 0) continue;
      fraction *= 0.5;
      avoid.push("blaming a person");
      evidence.push(
        ctx.action(
          m.action,
          `blames a person: ${quote(m.text, 70)}`,
          blame.map((b) => b.excerpt),
        ),
      );
      break;
    }
  }
  if (evidence.length === 0)
    evidence.push(ctx.action(messages[0]?.action ?? 0, `said${scope}, without what was needed`));
  return {
    fraction,
    evidence,
    advice:
      avoid.length > 0
        ? `Leave out ${avoid.join(" and ")}${missing.length > 0 ? `, and ${missing.join("; ")}` : ""}.`
        : missing.length > 0
          ? `When you speak${scope}, also ${missing.join("; ")}.`
          : `You said what was needed${scope}: ${p.concepts.map((c) => c.name).join("; ")}.`,
  };
}

export function factsRevealed(ctx: RubricContext, p: EvaluatorParams<"facts-revealed">): ItemOutcome {
  const decidedAt = firstDecisionOffset(ctx);
  const limit = Math.min(
    p.within === undefined ? Number.POSITIVE_INFINITY : parseOffset(p.within, "within"),
    p.beforeDecision && decidedAt !== null ? decidedAt : Number.POSITIVE_INFINITY,
  );
  const {
    got,
    evidence,
    missing: late,
  } = factsDrawnOut(ctx, p.facts, limit, {
    inTime: (topic, from) => `asked ${from} about ${topic}`,
    late: (topic) => `asked about ${topic} only after deciding`,
  });
  const missing = late.map((m) => `${m.topic} (${m.from})`);
  if (evidence.length === 0) evidence.push(ctx.absent("none of the questions that mattered was asked"));
  return {
    fraction: got / p.facts.length,
    evidence,
    advice:
      missing.length === 0
        ? "You clarified the stakes before deciding: keep asking the questions that change the answer."
        : `Before deciding, ask about ${missing.join(", ")}.`,
  };
}

export function consulted(ctx: RubricContext, p: EvaluatorParams<"consulted">): ItemOutcome {
  const decision = ctx.mine("DecisionRecorded")[0];
  const decidedAt = decision ? ctx.offsetOf(decision.at) : Number.POSITIVE_INFINITY;
  const messages = saidBy(ctx).filter((m) => m.offset <= decidedAt && (m.kind === "ask" || m.text.includes("?")));
  const evidence: Evidence[] = [];
  const missing: string[] = [];
  for (const handle of p.handles) {
    const asked = messages.find((m) => m.to.has(handle));
    if (asked) evidence.push(ctx.action(asked.action, `asked ${handle}: ${quote(asked.text, 60)}`));
    else if (decision?.consulted.includes(handle)) evidence.push(ctx.event(decision, `listed ${handle} as consulted`));
    else missing.push(handle);
  }
  if (evidence.length === 0) evidence.push(ctx.absent(`nobody of ${p.handles.join(", ")} was consulted`));
  return {
    fraction: (p.handles.length - missing.length) / p.handles.length,
    evidence,
    advice:
      missing.length === 0
        ? "You heard the people the decision affects before making it: keep consulting before you call it."
        : `Before deciding, ask ${missing.join(" and ")} what matters to them.`,
  };
}

export function audiencesInformed(ctx: RubricContext, p: EvaluatorParams<"audiences-informed">): ItemOutcome {
  const decidedAt = firstDecisionOffset(ctx);
  if (decidedAt === null) {
    return {
      fraction: 0,
      evidence: [ctx.absent("no decision to communicate")],
      advice: "Decide, then tell every audience.",
    };
  }
  const until = decidedAt + parseOffset(p.within, "within");
  const updates = ctx.mine("UpdatePublished").filter((u) => {
    const at = ctx.offsetOf(u.at);
    return at >= decidedAt && at <= until;
  });
  const evidence: Evidence[] = [];
  const missing: string[] = [];
  for (const audience of p.audiences) {
    const u = updates.find((x) => x.audience === audience);
    if (u)
      evidence.push(ctx.event(u, `${audience} told ${minutesText(ctx.offsetOf(u.at) - decidedAt)} after the decision`));
    else missing.push(audience);
  }
  if (evidence.length === 0) evidence.push(ctx.absent(`no update within ${p.within} of the decision`));
  return {
    fraction: (p.audiences.length - missing.length) / p.audiences.length,
    evidence,
    advice:
      missing.length === 0
        ? "Every audience heard the decision in its own terms: keep closing the loop that way."
        : `Within ${p.within} of deciding, publish the decision to ${missing.join(", ")} as well.`,
  };
}

export function triggerSet(ctx: RubricContext, p: EvaluatorParams<"trigger-set">): ItemOutcome {
  const trigger = ctx.mine("TriggerSet")[0];
  if (!trigger) {
    return {
      fraction: 0,
      evidence: [ctx.absent("no trigger was set")],
      advice: 'Set a trigger ("if no root cause by 14:25, roll back") so the plan does not depend on hope.',
    };
  }
  const inTime = ctx.offsetOf(trigger.at) <= parseOffset(p.within, "within");
  return {
    fraction: inTime ? 1 : 0.5,
    evidence: [ctx.event(trigger, `trigger ${trigger.triggerId}: if ${trigger.condition}, ${trigger.action}`)],
    advice: inTime
      ? "You set a clear trigger early: keep pairing a plan with the moment you will switch to plan B."
      : `Set the trigger sooner, within ${p.within}: it is what lets everyone stop arguing about when to act.`,
  };
}
