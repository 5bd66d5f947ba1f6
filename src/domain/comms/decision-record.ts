/**
 * A recorded decision, told to each audience. The team gets the plan, who does what by
 * when, the fallback and the triggers; executives get the impact, the timeline, the
 * rationale and the alternatives; customers get what they will notice and what happens
 * to their data, with no internal names or promised fix time; legal gets the facts, the
 * times, the data involved and who was consulted. Pure: the incident and `now` in.
 *
 * Words people typed (an impact, a rationale) are checked by the analyser for the
 * audience first: if they break one of its rules there (jargon on a status page, blame
 * anywhere) they are withheld and a marked placeholder stands in their place.
 */
import { analyse } from "../analysis/index.js";
import { CRITERIA, type CriterionDef, type Reading } from "../decision-support/criteria.js";
import { combineReadings } from "../decision-support/hybrid.js";
import { formatMinutes, readDataLoss, withoutLevel } from "../decision-support/normalise.js";
import { updateClock } from "../incident/derived.js";
import { type Audience, type StoredFinding, toStoredFinding } from "../incident/events.js";
import type { Decision, Incident, Option } from "../incident/state.js";
import { clockTime } from "../incident/timeline.js";
import { fail } from "../shared/errors.js";
import { placeholder } from "./compose.js";

export interface RecordLine {
  /** "Impact", "Actions", "Why"… (none for a plain sentence). */
  label: string | null;
  text: string;
  /** A list under the line (actions, alternatives). */
  items: string[];
}

export interface DecisionRecord {
  incidentId: string;
  decisionId: string;
  audience: Audience;
  title: string;
  lines: RecordLine[];
  /** The message as plain text: what the analyser read. */
  text: string;
  markdown: string;
  /** The analyser's findings on `text` for this audience. */
  findings: StoredFinding[];
  /** Typed words left out because they broke a rule for this audience. */
  withheld: { what: string; rules: string[] }[];
}

export function decisionRecord(
  incident: Incident,
  decisionId: string,
  audience: Audience,
  now: string,
): DecisionRecord {
  const wanted = decisionId.trim().toUpperCase();
  const index = incident.decisions.findIndex((d) => d.id === wanted);
  const decision = incident.decisions[index];
  if (!decision) {
    const known = incident.decisions.map((d) => d.id).join(", ") || "none yet";
    fail("decision.not_found", `no decision ${decisionId} on ${incident.id} (decisions: ${known})`, "decisionId");
  }
  const withheld: DecisionRecord["withheld"] = [];
  const ctx: Ctx = {
    incident,
    decision,
    next: incident.decisions[index + 1] ?? null,
    steps: decision.chosen.map((id) => incident.options.find((o) => o.id === id)).filter((o): o is Option => !!o),
    nextUpdate: updateClock(incident, now).nextUpdateDue,
    guard: (text, what) => {
      const rules = analyse(text, audience, { now })
        .findings.filter((f) => f.severity === "error" && f.excerpt !== "")
        .map((f) => f.rule);
      if (rules.length === 0) return text;
      withheld.push({ what, rules: [...new Set(rules)] });
      return placeholder(what);
    },
  };
  const { title, lines } = BUILDERS[audience](ctx);
  const text = [title, ...lines.flatMap(plainLines)].join("\n");
  const findings = analyse(text, audience, { now }).findings.map(toStoredFinding);
  return {
    incidentId: incident.id,
    decisionId: decision.id,
    audience,
    title,
    lines,
    text,
    markdown: toMarkdown(title, lines),
    findings,
    withheld,
  };
}

interface Ctx {
  incident: Incident;
  decision: Decision;
  /** The decision after this one: actions after it belong to it, not to this one. */
  next: Decision | null;
  steps: Option[];
  nextUpdate: string | null;
  guard(text: string, what: string): string;
}

type Builder = (ctx: Ctx) => { title: string; lines: RecordLine[] };

const line = (label: string | null, text: string, items: string[] = []): RecordLine => ({ label, text, items });
const sentence = (text: string) => {
  const t = text.trim();
  return /[.!?]$/.test(t) ? t : `${t}.`;
};

/** What the chosen course means on one criterion: the option's reading, or its steps combined. */
function planReading(ctx: Ctx, id: CriterionDef["id"]): Reading {
  const def = CRITERIA.find((c) => c.id === id) as CriterionDef;
  const [first] = ctx.steps;
  if (!first) return { shown: null, value: null, score: null };
  if (ctx.steps.length === 1) return def.read(first.attributes);
  return combineReadings(
    def,
    ctx.steps.map((o) => ({ optionId: o.id, reading: def.read(o.attributes) })),
  );
}

function planName(ctx: Ctx): string {
  if (ctx.steps.length <= 1) return `${ctx.decision.chosen.join(", ")} — ${ctx.decision.title}`;
  return `${ctx.steps.map((o) => o.id).join(" then ")}: ${ctx.steps.map((o) => o.title).join(", then ")}`;
}

function inWindow(ctx: Ctx, at: string): boolean {
  return at >= ctx.decision.at && (ctx.next === null || at < ctx.next.at);
}

function nextUpdateLine(ctx: Ctx): RecordLine {
  return ctx.nextUpdate === null
    ? line(null, "We will send another update when there is news.")
    : line(null, `Next update at ${clockTime(ctx.nextUpdate)}.`);
}

function timelineText(ctx: Ctx): string | null {
  const [first] = ctx.steps;
  const total = planReading(ctx, "time").shown;
  if (total === null) return null;
  const firstTime = first?.attributes.timeToCompleteMinutes;
  if (ctx.steps.length > 1 && first && firstTime !== undefined) {
    return `first step (${first.title}) in about ${formatMinutes(firstTime)}, all steps in about ${total}`;
  }
  return `about ${total} to complete`;
}

function alternatives(ctx: Ctx, detail: (o: Option) => string): string[] {
  return ctx.decision.alternatives.map((alt) => {
    const option = ctx.incident.options.find((o) => o.id === alt.trim().toUpperCase());
    return option ? `${option.id} ${option.title}${detail(option)}` : alt;
  });
}

const team: Builder = (ctx) => {
  const d = ctx.decision;
  const lines: RecordLine[] = [
    line("Chosen", planName(ctx)),
    line(
      "Decided",
      `by ${d.decidedBy} at ${clockTime(d.at)} (${d.kind})${d.consulted.length > 0 ? `; consulted ${d.consulted.join(", ")}` : ""}${d.overrideReason ? `; override: ${d.overrideReason}` : ""}`,
    ),
  ];
  const tasks = ctx.incident.tasks
    .filter((t) => inWindow(ctx, t.assignedAt) && t.status !== "cancelled")
    .map((t) => `${t.assignee}: ${t.title} (${t.id}, due ${clockTime(t.dueAt)}, ${t.status})`);
  const streams = ctx.incident.workstreams
    .filter((w) => inWindow(ctx, w.startedAt))
    .map((w) => `${w.lead} leads ${w.id} ${w.name}: ${w.goal} (due ${clockTime(w.dueAt)}, ${w.status})`);
  const actions = [...streams, ...tasks];
  lines.push(
    actions.length > 0
      ? line("Actions", "who does what by when", actions)
      : line("Actions", "none assigned yet: give each step a named owner and a time-box"),
  );
  lines.push(line("Fallback", d.fallback ?? "none recorded: agree one before it is needed"));
  const triggers = ctx.incident.triggers
    .filter((t) => t.status === "open" || inWindow(ctx, t.setAt))
    .map(
      (t) =>
        `${t.id}: if ${t.condition} by ${clockTime(t.dueAt)}, ${t.action}${t.status === "open" ? "" : ` (${t.status})`}`,
    );
  if (triggers.length > 0) lines.push(line("Triggers", "", triggers));
  lines.push(line("Why", d.rationale));
  for (const deadline of ctx.incident.deadlines.filter((x) => x.decisionId === d.id)) {
    lines.push(line("Deadline", `meets ${deadline.id} (decide by ${clockTime(deadline.dueAt)}): ${deadline.question}`));
  }
  lines.push(nextUpdateLine(ctx));
  return { title: `Decision ${d.id}: ${d.title}`, lines };
};

const executive: Builder = (ctx) => {
  const { incident: i, decision: d } = ctx;
  const scope = [i.severity, i.usersAffectedPct === null ? null : `${i.usersAffectedPct}% of users affected`];
  const impact = i.impact ? ctx.guard(i.impact, "the impact in plain words") : placeholder("the impact");
  const lines: RecordLine[] = [
    line("Impact", `${impact} (${scope.filter((s) => s !== null).join(", ")})`),
    line(
      "Decision",
      `we are going with ${ctx.guard(planName(ctx), "the chosen course")}, decided at ${clockTime(d.at)}`,
    ),
  ];
  const timeline = timelineText(ctx);
  const known = (id: CriterionDef["id"], words: string) => {
    const reading = planReading(ctx, id);
    return reading.score === null ? null : `${words} ${reading.shown}`;
  };
  const facts = [
    timeline,
    dataLossText(planReading(ctx, "dataLoss")),
    known("success", "likelihood of success"),
    known("revenue", "revenue at stake"),
  ].filter((f): f is string => f !== null);
  if (facts.length > 0) lines.push(line("Timeline", facts.join("; ")));
  lines.push(line("Why", ctx.guard(d.rationale, "the rationale")));
  const alts = alternatives(ctx, () => "");
  if (alts.length > 0) lines.push(line("Alternatives considered", alts.join("; ")));
  lines.push(line("If it fails", d.fallback ? ctx.guard(d.fallback, "the fallback") : "no fallback recorded yet"));
  if (d.consulted.length > 0) lines.push(line("Consulted", d.consulted.join(", ")));
  lines.push(nextUpdateLine(ctx));
  return { title: `${i.id} decision ${d.id}: ${d.title}`, lines };
};

const customer: Builder = (ctx) => {
  const impact = planReading(ctx, "userImpact").shown;
  const notice = impact
    ? ctx.guard(withoutLevel(impact), "what customers will notice")
    : "some people may have trouble using the service while we put this in place";
  const loss = planReading(ctx, "dataLoss").shown;
  const reading = loss === null ? null : readDataLoss(loss);
  const data =
    reading === null
      ? "we are still checking whether any data is affected and will say so in our next update"
      : reading.kind === "none"
        ? "we do not expect any data to be lost"
        : `some recent changes may not be kept (${ctx.guard(loss ?? "", "which data")}); we will tell you what is affected`;
  return {
    title: "An update on the service problem",
    lines: [
      line(null, "We have chosen how to fix the problem and the work has started."),
      line("What you will notice", sentence(notice)),
      line("Your data", sentence(data)),
      line(null, "We are sorry for the disruption."),
      nextUpdateLine(ctx),
    ],
  };
};

const legal: Builder = (ctx) => {
  const { incident: i, decision: d } = ctx;
  const legalRisk = planReading(ctx, "legal").shown;
  const lines: RecordLine[] = [
    line(
      "Recorded",
      `decision ${d.id} at ${clockTime(d.at)} by ${d.decidedBy} (${d.kind} decision)${d.overrideReason ? `; recorded under override: ${d.overrideReason}` : ""}`,
    ),
    line("Impact", `${i.impact ? ctx.guard(i.impact, "the impact") : "not yet stated"} (${i.severity})`),
    line(
      "Timeline",
      `declared at ${clockTime(i.declaredAt)}; decided at ${clockTime(d.at)}${timelineText(ctx) ? `; expected ${timelineText(ctx)}` : ""}`,
    ),
    line("Data involved", dataLossText(planReading(ctx, "dataLoss")) ?? "data loss not yet assessed"),
    line("Chosen", planName(ctx)),
    line("Rationale", ctx.guard(d.rationale, "the rationale")),
  ];
  const alts = alternatives(ctx, (o) => {
    const parts = [
      o.attributes.dataLoss === undefined ? null : `data loss: ${o.attributes.dataLoss}`,
      o.attributes.legalRisk === undefined ? null : `legal risk: ${o.attributes.legalRisk}`,
    ].filter(Boolean);
    return parts.length > 0 ? ` (${parts.join("; ")})` : "";
  });
  if (alts.length > 0) lines.push(line("Alternatives considered", "", alts));
  if (legalRisk !== null) lines.push(line("Legal risk of the chosen course", legalRisk));
  lines.push(line("Consulted", d.consulted.length > 0 ? d.consulted.join(", ") : "nobody recorded"));
  return { title: `${i.id} decision record ${d.id}`, lines };
};

const BUILDERS: Record<Audience, Builder> = { team, executive, customer, legal };

function dataLossText(reading: Reading): string | null {
  if (reading.shown === null) return null;
  return readDataLoss(reading.shown).kind === "none" ? "no data loss expected" : `data loss: ${reading.shown}`;
}

function plainLines(l: RecordLine): string[] {
  const head = l.label ? (l.text ? `${l.label}: ${sentence(l.text)}` : `${l.label}:`) : l.text;
  return [head, ...l.items.map((item) => `- ${item}`)];
}

function toMarkdown(title: string, lines: RecordLine[]): string {
  const out = [`### ${title}`, ""];
  for (const l of lines) {
    out.push(l.label ? `**${l.label}:** ${l.text ? sentence(l.text) : ""}`.trimEnd() : l.text, "");
    for (const item of l.items) out.push(`- ${item}`);
    if (l.items.length > 0) out.push("");
  }
  return `${out.join("\n").trimEnd()}\n`;
}
