/**
 * Procedure, judged from the incident's record: the declaration (in time, severity,
 * privacy), evidence before escalation, the severity revised with a reason, a business
 * decision made as one, people stood down by name, a resolution summary that says what
 * happened, and follow-ups on the record.
 */
import { SEVERITIES } from "../../domain/incident/policy.js";
import { parseOffset } from "../duration.js";
import { minutesText, quote, type RubricContext } from "./context.js";
import { factsDrawnOut } from "./facts-drawn-out.js";
import type { EvaluatorParams } from "./params.js";
import { conceptWords, listed, saidBy } from "./said.js";
import type { Evidence, ItemOutcome } from "./types.js";

const rank = (severity: string) => SEVERITIES.indexOf(severity as (typeof SEVERITIES)[number]);

export function declaration(ctx: RubricContext, p: EvaluatorParams<"declaration">): ItemOutcome {
  const declared = ctx.mine("IncidentDeclared")[0];
  if (!declared) {
    return {
      fraction: 0,
      evidence: [ctx.absent("no incident was declared")],
      advice: `Declare it within ${p.within}, at ${listed(p.severities, "or")}${p.private ? ", as a private incident" : ""}.`,
    };
  }
  const at = ctx.offsetOf(declared.at);
  const inTime = at <= parseOffset(p.within, "within");
  // The severity it carried by the end of the window: declaring low and raising it at once counts.
  const raised = ctx
    .mine("SeverityChanged")
    .filter((e) => ctx.offsetOf(e.at) <= parseOffset(p.within, "within"))
    .at(-1);
  const severity = raised?.to ?? declared.severity;
  const severityOk = p.severities.includes(severity);
  const parts = [inTime, severityOk, ...(p.private === undefined ? [] : [declared.private === p.private])];
  const evidence: Evidence[] = [
    ctx.event(
      declared,
      `declared ${declared.severity}${declared.private ? ", private" : ""} at ${minutesText(at)}${inTime ? "" : " (late)"}`,
    ),
  ];
  if (raised) evidence.push(ctx.event(raised, `${raised.from} → ${raised.to}: ${quote(raised.reason, 60)}`));
  const gaps = [
    ...(inTime ? [] : [`declare within ${p.within}`]),
    ...(severityOk ? [] : [`use ${listed(p.severities, "or")}`]),
    ...(p.private === true && !declared.private ? ["declare it private (--private) to keep it need-to-know"] : []),
    ...(p.private === false && declared.private ? ["keep it visible: nothing here needs to be private"] : []),
  ];
  return {
    fraction: parts.filter(Boolean).length / parts.length,
    evidence,
    advice:
      gaps.length === 0
        ? "The declaration was prompt and set up right: keep doing it that way."
        : `When declaring, ${listed(gaps)}.`,
  };
}

/** The first escalation: declaring or raising to a listed severity, or an update to a listed audience. */
function firstEscalation(ctx: RubricContext, p: EvaluatorParams<"verified-first">) {
  const moments: { offset: number; note: string; evidence: Evidence }[] = [];
  for (const d of ctx.mine("IncidentDeclared"))
    if (p.severities.includes(d.severity))
      moments.push({ offset: ctx.offsetOf(d.at), note: "", evidence: ctx.event(d, `declared ${d.severity}`) });
  for (const s of ctx.mine("SeverityChanged"))
    if (p.severities.includes(s.to) && rank(s.to) < rank(s.from))
      moments.push({ offset: ctx.offsetOf(s.at), note: "", evidence: ctx.event(s, `raised to ${s.to}`) });
  for (const u of ctx.mine("UpdatePublished"))
    if (p.audiences.includes(u.audience))
      moments.push({ offset: ctx.offsetOf(u.at), note: "", evidence: ctx.event(u, `told the ${u.audience} audience`) });
  return moments.sort((a, b) => a.offset - b.offset)[0];
}

export function verifiedFirst(ctx: RubricContext, p: EvaluatorParams<"verified-first">): ItemOutcome {
  const escalation = firstEscalation(ctx, p);
  const limit = escalation?.offset ?? Number.POSITIVE_INFINITY;
  const {
    got,
    evidence,
    missing: late,
  } = factsDrawnOut(ctx, p.facts, limit, {
    inTime: (topic, from) => `checked ${topic} with ${from}`,
    late: (topic) => `checked ${topic} only after escalating`,
  });
  const missing = late.map((m) => m.topic);
  if (escalation) evidence.push({ ...escalation.evidence, note: `escalation: ${escalation.evidence.note}` });
  if (evidence.length === 0) evidence.push(ctx.absent("nothing was checked"));
  return {
    fraction: got / p.facts.length,
    evidence,
    advice:
      missing.length === 0
        ? "You checked what the alerts claimed against real signals before escalating: keep verifying first."
        : `Before escalating, check ${listed(missing)}: a minute of evidence can save a night of false alarm.`,
  };
}

export function severityRevised(ctx: RubricContext, p: EvaluatorParams<"severity-revised">): ItemOutcome {
  const change = ctx.mine("SeverityChanged").find((e) => p.to.includes(e.to));
  if (!change) {
    return {
      fraction: 0,
      evidence: [ctx.absent(`severity never set to ${listed(p.to, "or")}`)],
      advice: `Once the evidence is in, change the severity to ${listed(p.to, "or")} with a reason, so nobody keeps acting on the old one.`,
    };
  }
  const evidence: Evidence[] = [ctx.event(change, `${change.from} → ${change.to}: ${quote(change.reason, 70)}`)];
  const absent: string[] = [];
  for (const concept of p.reason) {
    const words = conceptWords(change.reason, concept.match);
    if (words) evidence.push(ctx.event(change, `the reason ${concept.name}`, words));
    else absent.push(concept.name);
  }
  const at = ctx.offsetOf(change.at);
  const unverified = p.afterFacts.filter((id) => !ctx.run.facts.some((f) => f.fact === id && f.offset <= at));
  const reason = p.reason.length === 0 ? 1 : (p.reason.length - absent.length) / p.reason.length;
  const basis = p.afterFacts.length === 0 ? 1 : (p.afterFacts.length - unverified.length) / p.afterFacts.length;
  if (unverified.length > 0) evidence.push(ctx.event(change, `changed before checking ${listed(unverified)}`));
  return {
    fraction: 0.4 + 0.4 * reason + 0.2 * basis,
    evidence,
    advice:
      absent.length === 0 && unverified.length === 0
        ? "You revised the severity on evidence and said why: keep the severity honest in both directions."
        : absent.length > 0
          ? `When you change the severity, say why: the reason should ${listed(absent)}.`
          : `Change the severity after the evidence is in (${listed(unverified)}), not before.`,
  };
}

export function stoodDown(ctx: RubricContext, p: EvaluatorParams<"stood-down">): ItemOutcome {
  const said = saidBy(ctx);
  const released = ctx.mine("RoleReleased");
  const evidence: Evidence[] = [];
  const missing: string[] = [];
  for (const handle of p.handles) {
    const told = said
      .map((m) => ({
        m,
        words: m.to.has(handle) ? p.concepts.map((c) => conceptWords(m.text, c.match)).find(Boolean) : null,
      }))
      .find((x) => x.words);
    const role = released.find((r) => r.person === handle);
    if (told)
      evidence.push(ctx.action(told.m.action, `${handle} stood down: ${quote(told.m.text, 60)}`, told.words ?? []));
    else if (role) evidence.push(ctx.event(role, `${handle} released from ${role.role}`));
    else missing.push(handle);
  }
  const openTasks = (ctx.incident?.tasks ?? []).filter(
    (t) => p.handles.includes(t.assignee) && (t.status === "assigned" || t.status === "acknowledged"),
  );
  for (const t of openTasks) evidence.push(ctx.absent(`task ${t.id} for ${t.assignee} was left open`));
  if (evidence.length === 0) evidence.push(ctx.absent("nobody was stood down"));
  const fraction = ((p.handles.length - missing.length) / p.handles.length) * (openTasks.length > 0 ? 0.75 : 1);
  return {
    fraction,
    evidence,
    advice:
      missing.length === 0 && openTasks.length === 0
        ? "Everyone you called in heard, by name, that they could stand down: keep releasing people explicitly."
        : missing.length > 0
          ? `Stand down ${listed(missing)} by name, and thank them, rather than letting them drift off the call.`
          : "Close or cancel the tasks of the people you stand down, so nobody keeps working on them.",
  };
}

export function resolutionSummary(ctx: RubricContext, p: EvaluatorParams<"resolution-summary">): ItemOutcome {
  const resolved = ctx.mine("IncidentResolved").at(-1);
  if (!resolved) {
    return {
      fraction: 0,
      evidence: [ctx.absent("the incident was not resolved")],
      advice: `Resolve it with a summary that says ${listed(p.concepts.map((c) => c.name))}.`,
    };
  }
  const evidence: Evidence[] = [ctx.event(resolved, `resolved: ${quote(resolved.summary, 80)}`)];
  const absent: string[] = [];
  for (const concept of p.concepts) {
    const words = conceptWords(resolved.summary, concept.match);
    if (words) evidence.push(ctx.event(resolved, concept.name, words));
    else absent.push(concept.name);
  }
  return {
    fraction: 0.3 + (0.7 * (p.concepts.length - absent.length)) / p.concepts.length,
    evidence,
    advice:
      absent.length === 0
        ? "The resolution summary told the whole story in a few lines: keep closing incidents that way."
        : `Make the resolution summary ${listed(absent)}.`,
  };
}

export function actionItemsAdded(ctx: RubricContext, p: EvaluatorParams<"action-items-added">): ItemOutcome {
  const limit = p.within === undefined ? Number.POSITIVE_INFINITY : parseOffset(p.within, "within");
  const items = ctx.mine("ActionItemAdded").filter((i) => ctx.offsetOf(i.at) <= limit);
  const evidence: Evidence[] = [];
  const missing: string[] = [];
  let score = 0;
  for (const concept of p.items) {
    const hit = items.map((i) => ({ i, words: conceptWords(i.title, concept.match) })).find((x) => x.words);
    if (!hit) {
      missing.push(concept.name);
      continue;
    }
    const complete = ctx.isPerson(hit.i.owner) && (!p.dated || hit.i.dueDate !== null);
    score += complete ? 1 : 0.5;
    evidence.push(
      ctx.event(
        hit.i,
        `${concept.name}: ${hit.i.actionId} → ${hit.i.owner}${hit.i.dueDate ? `, due ${hit.i.dueDate}` : ", no date"}`,
        hit.words ?? [],
      ),
    );
  }
  if (evidence.length === 0) evidence.push(ctx.absent("no such action item on the record"));
  return {
    fraction: score / p.items.length,
    evidence,
    advice:
      missing.length === 0
        ? "The follow-ups are on the record with owners and dates: keep them there, not in chat."
        : `Add action items with an owner${p.dated ? " and a due date" : ""} for ${listed(missing)}.`,
  };
}

export function decisionKind(ctx: RubricContext, p: EvaluatorParams<"decision-kind">): ItemOutcome {
  const decision = ctx.mine("DecisionRecorded")[0];
  if (!decision) {
    return {
      fraction: 0,
      evidence: [ctx.absent("no decision was recorded")],
      advice: `Record the call as a ${p.kind} decision${p.consult.length > 0 ? `, after consulting ${listed(p.consult)}` : ""}.`,
    };
  }
  const decidedAt = ctx.offsetOf(decision.at);
  const evidence: Evidence[] = [ctx.event(decision, `decision ${decision.decisionId} recorded as ${decision.kind}`)];
  const asked = saidBy(ctx).filter((m) => m.offset <= decidedAt && (m.kind === "ask" || m.text.includes("?")));
  const missing: string[] = [];
  let consultedScore = 0;
  for (const handle of p.consult) {
    const question = asked.find((m) => m.to.has(handle));
    const listedAs = decision.consulted.includes(handle);
    if (question) evidence.push(ctx.action(question.action, `asked ${handle}: ${quote(question.text, 60)}`));
    if (listedAs) evidence.push(ctx.event(decision, `${handle} listed as consulted`));
    consultedScore += (question ? 0.5 : 0) + (listedAs ? 0.5 : 0);
    if (!question || !listedAs) missing.push(handle);
  }
  const kindOk = decision.kind === p.kind;
  const fraction =
    p.consult.length === 0 ? (kindOk ? 1 : 0) : 0.5 * (kindOk ? 1 : 0) + (0.5 * consultedScore) / p.consult.length;
  return {
    fraction,
    evidence,
    advice: !kindOk
      ? `This call is a ${p.kind} decision: record it as one (kind ${p.kind}), so the right people own it.`
      : missing.length > 0
        ? `Before a ${p.kind} decision, put the question to ${listed(missing)} and list them as consulted.`
        : `You made the ${p.kind} call with the right people consulted: keep doing that.`,
  };
}
