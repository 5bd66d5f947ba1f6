/**
 * Drafts for readers inside: the team gets actions with owners and time-boxes, the
 * decision with its rationale and fallback, triggers and open questions; legal gets the
 * recorded facts and their times, the data involved, and nothing guessed.
 */
import { formatDuration, type TaskView } from "../incident/derived.js";
import { COMMANDER_ROLE } from "../incident/policy.js";
import { placeholder, type Segment, Slot, sentence, when } from "./compose.js";
import { dataSegments, PLAN_BY_STATUS } from "./external-templates.js";
import type { Facts } from "./facts.js";
import type { Template } from "./template.js";

/** Lists longer than this end with "…and N more" so the update stays readable. */
const MAX_ITEMS = 10;

function limited<T>(items: T[], line: (item: T) => Segment[], more: (n: number) => string): Segment[] {
  const shown = items.slice(0, MAX_ITEMS).flatMap(line);
  return items.length > MAX_ITEMS ? [...shown, more(items.length - MAX_ITEMS)] : shown;
}

function timebox(task: TaskView, now: string): string {
  if (task.expired) return `time-box passed at ${when(task.dueAt, now)}: check in`;
  return `until ${when(task.dueAt, now)}, ${formatDuration(task.secondsLeft)} left`;
}

function decisionSegments(f: Facts): Segment[] {
  const d = f.decision;
  if (!d) {
    const options = f.incident.options;
    if (options.length === 0) return ["Decision: none recorded yet.\n"];
    return [
      "Decision: none recorded yet. Options on the table: ",
      ...options.flatMap((o, i): Segment[] => [
        `${i === 0 ? "" : "; "}${o.id} `,
        new Slot(o.title, placeholder("option title")),
      ]),
      ".\n",
    ];
  }
  return [
    `Decision ${d.id} (${d.kind}, by ${d.decidedBy}): `,
    new Slot(d.title, placeholder("what was chosen")),
    ".\nRationale: ",
    new Slot(d.rationale, placeholder("why")),
    ".\n",
    ...(d.fallback ? ["Fallback: ", new Slot(d.fallback, placeholder("the fallback")), ".\n"] : []),
  ];
}

export function teamTemplate(f: Facts): Template {
  const i = f.incident;
  const impact = new Slot(f.impact, placeholder("who is affected and how"));
  const share = f.usersPct === null || f.impact.includes(`${f.usersPct}%`) ? "" : ` (${f.usersPct}% of users)`;
  const summary = new Slot(i.resolutionSummary ?? "", placeholder("how it was fixed"));
  const taskLines = limited(
    f.tasks,
    (t) => [`- ${t.id} ${t.assignee}: `, new Slot(t.title, placeholder("task")), ` (${timebox(t, f.now)}).\n`],
    (n) => `- …and ${n} more open tasks.\n`,
  );
  const plan = f.decision ? `${f.decision.id}: ${f.decision.title}` : PLAN_BY_STATUS[i.status];
  const segments = ((): Segment[] => {
    const commander = i.roles[COMMANDER_ROLE]?.person ?? "";
    const head = f.resolved
      ? `${i.id} · ${i.severity} · resolved · IC ${commander}\n`
      : `${i.id} · ${i.severity} · ${i.status} · IC ${commander} · ${f.elapsed} since it was declared at ${f.started}\n`;
    const out: Segment[] = [head, "Impact: ", impact, `${share}.\n`];
    if (f.resolved) out.push(`Resolved at ${f.ended ?? ""} after ${f.elapsed}: `, summary, ".\n");
    out.push(...decisionSegments(f));
    if (f.triggers.length > 0) {
      out.push("Triggers:\n");
      for (const t of f.triggers) {
        out.push(
          `- ${t.id}: if `,
          new Slot(t.condition, placeholder("condition")),
          ` by ${when(t.dueAt, f.now)}, `,
          new Slot(t.action, placeholder("action")),
          ".\n",
        );
      }
    }
    if (f.deadlines.length > 0) {
      out.push("Decisions due:\n");
      for (const d of f.deadlines) {
        out.push(
          `- ${d.id} by ${when(d.dueAt, f.now)}: `,
          new Slot(sentence(d.question), placeholder("question")),
          "\n",
        );
      }
    }
    if (f.tasks.length > 0) out.push(f.resolved ? "Still open:\n" : "Actions:\n", ...taskLines);
    else if (!f.resolved) out.push("Actions: no open tasks; assign the next one with a time-box.\n");
    if (f.workstreams.length > 0) {
      out.push("Workstreams:\n");
      for (const w of f.workstreams) {
        out.push(
          `- ${w.id} `,
          new Slot(w.name, placeholder("name")),
          ` (lead ${w.lead}, until ${when(w.dueAt, f.now)}): `,
          new Slot(w.goal, placeholder("goal")),
          ".\n",
        );
      }
    }
    out.push(
      f.resolved
        ? "Next: draft the postmortem from the timeline and give each action item an owner."
        : `Next update at ${when(f.nextUpdateAt ?? f.now, f.now)}.`,
    );
    return out;
  })();
  return {
    segments,
    parts: () => ({
      impact: impact.text + share,
      timeline: f.resolved
        ? `${f.started} to ${f.ended ?? ""} (${f.elapsed})`
        : `started ${f.started}, ${f.elapsed} in`,
      plan: f.resolved ? summary.text : plan,
      nextUpdateAt: f.nextUpdateAt,
    }),
  };
}

interface Fact {
  at: string;
  segments: Segment[];
}

/** The recorded events a lawyer needs, oldest first, each with its date and time. */
function legalTimeline(f: Facts): Fact[] {
  const i = f.incident;
  const facts: Fact[] = [
    { at: i.declaredAt, segments: [`declared at ${i.severity} by ${i.declaredBy}`] },
    ...i.decisions.map((d) => ({
      at: d.at,
      segments: [`decision ${d.id} recorded by ${d.decidedBy}: `, new Slot(d.title, placeholder("decision"))],
    })),
    ...i.triggers
      .filter((t) => t.status !== "open" && t.closedAt !== null)
      .map((t) => ({
        at: t.closedAt ?? t.setAt,
        segments: [`trigger ${t.id} ${t.status}: `, new Slot(t.action, placeholder("action"))],
      })),
    ...i.updates.map((u) => ({ at: u.at, segments: [`update ${u.id} sent to the ${u.audience} audience`] })),
  ];
  if (i.resolvedAt !== null) {
    facts.push({
      at: i.resolvedAt,
      segments: ["resolved: ", new Slot(i.resolutionSummary ?? "", placeholder("how it was fixed"))],
    });
  }
  return facts.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

export function legalTemplate(f: Facts): Template {
  const i = f.incident;
  const impact = new Slot(f.impact, placeholder("who is affected and how"));
  const share = f.usersPct === null ? "" : `; share of users affected as recorded: ${f.usersPct}%`;
  const services = new Slot(i.services.join(", "), placeholder("which services"));
  const plan = f.decision ? new Slot(f.decision.title, placeholder("the current course of action")) : null;
  const timeline = legalTimeline(f);
  const segments: Segment[] = [
    `Facts recorded for ${i.id} as of ${when(f.now, f.now, true)}. Status: ${i.status}.\n`,
    "Impact: ",
    impact,
    `${share}.\n`,
    `The incident started at ${when(i.declaredAt, f.now, true)}, when ${i.declaredBy} declared it.\n`,
    ...(i.services.length > 0 ? ["Services involved: ", services, ".\n"] : []),
    ...dataSegments(
      f,
      "Data involved: no data loss is recorded for the chosen course of action.\n",
      "Data involved: ",
      placeholder("which data, if any, was lost, exposed or changed"),
    ),
    "Timeline (UTC):\n",
    ...limited(
      timeline,
      (fact) => [`- ${when(fact.at, f.now, true)}: `, ...fact.segments, ".\n"],
      (n) => `- …and ${n} more recorded events.\n`,
    ),
    ...(f.resolved
      ? []
      : [
          "Current course of action: ",
          plan ?? PLAN_BY_STATUS[i.status],
          ".\n",
          `Next update at ${when(f.nextUpdateAt ?? f.now, f.now)}.`,
        ]),
  ];
  return {
    segments,
    parts: () => ({
      impact: impact.text + share,
      timeline: f.resolved
        ? `${when(i.declaredAt, f.now, true)} to ${when(i.resolvedAt ?? f.now, f.now, true)} (${f.elapsed})`
        : `started ${when(i.declaredAt, f.now, true)}, ${f.elapsed} ago`,
      plan: f.resolved ? (i.resolutionSummary ?? "") : plan ? plan.text : PLAN_BY_STATUS[i.status],
      nextUpdateAt: f.nextUpdateAt,
    }),
  };
}
