/**
 * Coordination, judged from structure: who holds which role and since when, what is on
 * the record, where technical talk went, whether people who asked were answered, and
 * whether the work was handed out as time-boxed tasks to named people.
 */
import { analyse } from "../../domain/analysis/index.js";
import { COMMANDER_ROLE } from "../../domain/incident/policy.js";
import { parseOffset } from "../duration.js";
import { phrasesFound, stems } from "../text-match.js";
import { minutesText, quote, type RubricContext } from "./context.js";
import type { EvaluatorParams } from "./params.js";
import type { Evidence, ItemOutcome } from "./types.js";

export function rolesAssigned(ctx: RubricContext, p: EvaluatorParams<"roles-assigned">): ItemOutcome {
  const within = parseOffset(p.within, "within");
  const declared = ctx.mine("IncidentDeclared")[0];
  if (!declared) {
    return {
      fraction: 0,
      evidence: [ctx.absent("no incident was declared, so nobody held command")],
      advice: "Declare the incident and take command in the first minutes, then give each role to a named person.",
    };
  }
  const evidence: Evidence[] = [
    ctx.event(declared, `declared ${declared.severity} with ${declared.commander} as commander`),
  ];
  const declaredInTime = ctx.offsetOf(declared.at) <= within && declared.commander === ctx.trainee;
  const assigned = ctx.mine("RoleAssigned").filter((e) => e.role !== COMMANDER_ROLE && ctx.isPerson(e.person));
  const early = new Set<string>();
  const late = new Set<string>();
  let selfHeld = false;
  for (const e of assigned) {
    const inTime = ctx.offsetOf(e.at) <= within;
    if (e.person === ctx.trainee) selfHeld = true;
    (inTime ? early : late).add(e.role);
    evidence.push(ctx.event(e, `${e.person} is ${e.role}${inTime ? "" : " (late)"}`));
  }
  for (const r of late) if (early.has(r)) late.delete(r);
  const required = p.required.filter((r) => early.has(r)).length / Math.max(1, p.required.length);
  const count = Math.min(1, (early.size + 0.5 * late.size) / p.min);
  let fraction = 0.2 * (declaredInTime ? 1 : 0.5) + 0.5 * count + 0.3 * (p.required.length === 0 ? 1 : required);
  if (selfHeld) fraction *= 0.5;
  const missing = p.required.filter((r) => !early.has(r));
  const advice = selfHeld
    ? "Keep command free: hand every other role to someone else rather than holding it yourself."
    : fraction >= 0.99
      ? "Roles were clear from the start: keep naming one person per role in the first minutes."
      : `Within the first ${p.within}, give ${p.min === 1 ? "a role" : `at least ${p.min} roles`} to named people${missing.length > 0 ? `, starting with ${missing.join(" and ")}` : ""}.`;
  return { fraction, evidence, advice };
}

export function singleSource(ctx: RubricContext, p: EvaluatorParams<"single-source">): ItemOutcome {
  const checks: { ok: boolean; evidence: Evidence; missing: string }[] = [];
  const declared = ctx.mine("IncidentDeclared")[0];
  const options = ctx.mine("OptionProposed");
  const decision = ctx.mine("DecisionRecorded")[0];
  const task = ctx.mine("TaskAssigned")[0];
  const update = ctx.mine("UpdatePublished")[0];
  const check = (ok: boolean, evidence: Evidence, missing: string) => checks.push({ ok, evidence, missing });
  check(
    !!declared,
    declared ? ctx.event(declared, "one incident record opened") : ctx.absent("no incident record"),
    "declare",
  );
  const last = options[p.minOptions - 1] ?? options.at(-1);
  check(
    options.length >= p.minOptions && options.length > 0,
    last ? ctx.event(last, `${options.length} option(s) on the record`) : ctx.absent("no options on the record"),
    `record the options (at least ${p.minOptions}) with \`option\``,
  );
  check(
    !!decision,
    decision
      ? ctx.event(decision, `decision ${decision.decisionId} recorded`)
      : ctx.absent("no decision on the record"),
    "record the decision with `decide`",
  );
  check(
    !!task,
    task ? ctx.event(task, `work tracked as task ${task.taskId}`) : ctx.absent("no tasks on the record"),
    "hand out work as `task`s",
  );
  check(
    !!update,
    update ? ctx.event(update, `status published as update ${update.updateId}`) : ctx.absent("no update published"),
    "publish updates from the record",
  );
  const fraction = checks.filter((c) => c.ok).length / checks.length;
  const missing = checks.filter((c) => !c.ok).map((c) => c.missing);
  return {
    fraction,
    evidence: checks.map((c) => c.evidence),
    advice:
      missing.length === 0
        ? "Everything that mattered went on the incident's record: keep it the one place people look."
        : `Put it on the record, not only in chat: ${missing.join("; ")}.`,
  };
}

/** Analyser findings that mark a message as engineering detail (jargon, host names). */
function technicalWords(text: string): string[] {
  return analyse(text, "executive")
    .findings.filter((f) => (f.rule === "jargon" && f.severity !== "info") || f.rule === "internal-hostname")
    .map((f) => f.excerpt);
}

const TECH_TOPIC = ["tech", "technical", "engineering", "debugging", "detail", "deep dive", "troubleshooting", "logs"];
const ELSEWHERE = ["thread", "channel", "room", "breakout", "side", "separate", "elsewhere", "offline", "workstream"];

export function techChannel(ctx: RubricContext, p: EvaluatorParams<"tech-channel">): ItemOutcome {
  const evidence: Evidence[] = [];
  const notes = ctx.mine("NoteAdded");
  const onCommand = notes.filter((n) => n.channel === "command");
  const technical = onCommand.map((n) => ({ n, words: technicalWords(n.text) })).filter((x) => x.words.length > 0);
  const workstreams = ctx.mine("WorkstreamStarted");
  const techNotes = notes.filter((n) => n.channel === "tech");
  const routing = onCommand
    .map((n) => ({ n, topic: phrasesFound(n.text, TECH_TOPIC), place: phrasesFound(n.text, ELSEWHERE) }))
    .filter((x) => x.topic.length > 0 && x.place.length > 0);
  for (const w of workstreams) evidence.push(ctx.event(w, `workstream ${w.workstreamId} "${w.name}" led by ${w.lead}`));
  for (const n of techNotes)
    evidence.push(ctx.event(n, `technical note kept on the tech channel: ${quote(n.text, 60)}`));
  for (const r of routing) {
    evidence.push(ctx.event(r.n, `sent technical talk elsewhere: ${quote(r.n.text, 60)}`, [...r.topic, ...r.place]));
  }
  const organised = workstreams.length > 0 || techNotes.length > 0 || routing.length > 0;
  for (const t of technical)
    evidence.push(ctx.event(t.n, `technical detail on the command channel: ${quote(t.n.text, 60)}`, t.words));
  const excess = Math.max(0, technical.length - p.maxTechnicalNotes);
  const discipline = Math.max(0, 1 - excess / 2);
  const fraction = 0.6 * (organised ? 1 : 0) + 0.4 * discipline;
  if (evidence.length === 0) evidence.push(ctx.absent("no tech channel, workstream or routing of technical talk"));
  const advice = !organised
    ? "Send the engineers' detail to a tech thread or workstream and keep the command channel for decisions and coordination."
    : excess > 0
      ? "Leave the engineering detail to the tech thread: your command-channel messages carried jargon and host names."
      : "Technical talk had its own place and the command channel stayed clear: keep it that way.";
  return { fraction, evidence, advice };
}

export function voicesHeard(ctx: RubricContext): ItemOutcome {
  const asks = ctx.run.asks;
  if (asks.length === 0) {
    return {
      fraction: 1,
      evidence: [ctx.absent("nobody asked the commander anything")],
      advice: "Nobody was left waiting.",
    };
  }
  const evidence: Evidence[] = [];
  let total = 0;
  for (const ask of asks) {
    const entry = ctx.run.feed.find((f) => f.seq === ask.seq);
    const answered = ask.answeredAt !== null;
    const inTime = answered && (ask.answeredAt ?? 0) <= ask.dueAt;
    total += inTime ? 1 : answered ? 0.5 : 0;
    const status = inTime
      ? `answered by action ${ask.answeredBy} within ${minutesText(ask.dueAt - ask.offset)}`
      : answered
        ? `answered late by action ${ask.answeredBy}`
        : "never answered";
    if (entry) evidence.push(ctx.feed(entry, `${ask.from} asked ${quote(ask.text, 60)}: ${status}`));
    if (ask.answeredBy !== null) evidence.push(ctx.action(ask.answeredBy, `answered ${ask.from}`));
  }
  const unanswered = [...new Set(asks.filter((a) => a.answeredAt === null).map((a) => a.from))];
  return {
    fraction: total / asks.length,
    evidence,
    advice:
      unanswered.length > 0
        ? `Answer everyone who asks, even with "not yet, at 02:30": ${unanswered.join(", ")} never heard back.`
        : total < asks.length
          ? "Answer questions before people run out of patience; a short holding answer beats silence."
          : "Everyone who asked was answered in time: keep acknowledging each voice by name.",
  };
}

function similar(a: string, b: string): boolean {
  const sa = new Set(stems(a));
  const sb = new Set(stems(b));
  const shared = [...sa].filter((w) => sb.has(w) && w.length > 2).length;
  return shared / Math.max(1, Math.min(sa.size, sb.size)) >= 0.75;
}

/** "can someone…", "could anybody…": a request nobody owns. */
const OPEN_REQUEST =
  /\b(?:can|could|would|will)\s+(?:some|any)(?:one|body)\b|\b(?:some|any)(?:one|body)\s+(?:please|should|needs? to|look|check)\b/i;

export function chaosPrevented(ctx: RubricContext, p: EvaluatorParams<"chaos-prevented">): ItemOutcome {
  const tasks = ctx.mine("TaskAssigned");
  const vague = ctx.run.feed.filter((f) => f.kind === "trainee" && OPEN_REQUEST.test(f.text));
  const vagueEvidence = vague.map((f) =>
    ctx.feed(f, `asked nobody in particular: ${quote(f.text, 60)}`, [OPEN_REQUEST.exec(f.text)?.[0] ?? ""]),
  );
  if (tasks.length === 0) {
    return {
      fraction: 0,
      evidence: [ctx.absent("no task was handed out"), ...vagueEvidence],
      advice: "Give each piece of work to one named person with a time-box (task … --to … --timebox 5m).",
    };
  }
  const maxBox = parseOffset(p.maxTimebox, "maxTimebox") / 60;
  const evidence: Evidence[] = [];
  let named = 0;
  let boxed = 0;
  for (const t of tasks) {
    const isNamed = ctx.isPerson(t.assignee) && t.assignee !== ctx.trainee;
    const isBoxed = t.timeboxMinutes <= maxBox;
    named += isNamed ? 1 : 0;
    boxed += isBoxed ? 1 : 0;
    const flaws = [isNamed ? "" : "no single named owner", isBoxed ? "" : `time-box ${t.timeboxMinutes} min`].filter(
      Boolean,
    );
    evidence.push(
      ctx.event(
        t,
        `${t.taskId} → ${t.assignee}, ${t.timeboxMinutes} min${flaws.length ? ` (${flaws.join(", ")})` : ""}`,
      ),
    );
  }
  const overlaps: string[] = [];
  tasks.forEach((a, i) => {
    for (const b of tasks.slice(i + 1)) {
      if (a.assignee !== b.assignee && similar(a.title, b.title)) overlaps.push(`${a.taskId}/${b.taskId}`);
    }
  });
  const selfRoles = ctx.mine("RoleAssigned").filter((r) => r.person === ctx.trainee && r.role !== COMMANDER_ROLE);
  for (const r of selfRoles) evidence.push(ctx.event(r, `the commander also took ${r.role}`));
  evidence.push(...vagueEvidence);
  const clean = overlaps.length === 0 && selfRoles.length === 0 && vague.length === 0 ? 1 : 0;
  const fraction =
    0.3 * Math.min(1, tasks.length / p.minTasks) +
    0.25 * (named / tasks.length) +
    0.25 * (boxed / tasks.length) +
    0.2 * clean;
  const advice =
    vague.length > 0
      ? 'Never ask "can someone…": name the person and the time-box, and wait for the acknowledgement.'
      : overlaps.length > 0
        ? `Give each piece of work to one person: ${overlaps.join(", ")} overlap.`
        : selfRoles.length > 0
          ? "Do not take a working role yourself; delegate it and keep coordinating."
          : named < tasks.length
            ? "Every task needs one named owner, never 'someone' or 'the team'."
            : boxed < tasks.length
              ? `Time-box tasks to ${p.maxTimebox} or less so you know when to check back.`
              : tasks.length < p.minTasks
                ? `Hand out the parallel work explicitly: at least ${p.minTasks} tasks, one owner each.`
                : "Work went out as time-boxed tasks to named people with no overlap: keep doing that.";
  return { fraction, evidence, advice };
}

export function decisionDocumented(ctx: RubricContext, p: EvaluatorParams<"decision-documented">): ItemOutcome {
  const decision = ctx.mine("DecisionRecorded")[0];
  if (!decision) {
    return {
      fraction: 0,
      evidence: [ctx.absent("no decision was recorded")],
      advice: "Record the decision with its rationale, the alternatives, who you consulted and the fallback.",
    };
  }
  const words = decision.rationale.trim().split(/\s+/).filter(Boolean).length;
  const optionsBefore = ctx.mine("OptionProposed").filter((o) => o.version < decision.version).length;
  const parts = [
    { ok: words >= p.minRationaleWords, what: `rationale of ${words} words`, fix: "a fuller rationale" },
    {
      ok: decision.alternatives.length > 0 && optionsBefore >= 2,
      what: `alternatives: ${decision.alternatives.join(", ") || "none"}`,
      fix: "the alternatives you weighed",
    },
    {
      ok: decision.consulted.length > 0,
      what: `consulted: ${decision.consulted.join(", ") || "nobody"}`,
      fix: "who you consulted",
    },
    {
      ok: decision.fallback !== null,
      what: `fallback: ${decision.fallback ?? "none"}`,
      fix: "the fallback if it fails",
    },
  ];
  const missing = parts.filter((x) => !x.ok).map((x) => x.fix);
  return {
    fraction: parts.filter((x) => x.ok).length / parts.length,
    evidence: [ctx.event(decision, `decision ${decision.decisionId}: ${parts.map((x) => x.what).join("; ")}`)],
    advice:
      missing.length === 0
        ? "The decision record says what, why, what else, who and plan B: keep recording decisions that way."
        : `Record the decision with ${missing.join(", ")}.`,
  };
}
