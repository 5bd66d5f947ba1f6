/** `warroom show`: the whole incident on one screen, most urgent parts first. */
import type { IncidentDetail, IncidentView } from "../app/views.js";
import type { Option } from "../domain/incident/state.js";
import { clockTime, formatMinutes, headerLine, shortDuration, table, timeLeft, timelineLines } from "./format.js";
import { reminderLines, updateLintSummary } from "./format-comms.js";
import type { Style } from "./style.js";

const TIMELINE_TAIL = 15;
const UPDATES_TAIL = 3;

export function headerOf(view: IncidentView, style: Style): string {
  return headerLine(
    {
      id: view.id,
      severity: view.severity,
      status: view.status,
      mode: view.mode,
      commander: view.commander,
      elapsedSeconds: view.elapsedSeconds,
      nextUpdateDue: view.updateClock.nextUpdateDue,
      overdue: view.updateClock.overdue,
      overdueBySeconds: view.updateClock.overdueBySeconds,
    },
    Date.parse(view.now),
    style,
  );
}

export function showIncident(detail: IncidentDetail, style: Style): string[] {
  const now = Date.parse(detail.now);
  const out: string[] = [headerOf(detail, style), style.bold(detail.title)];
  const facts: string[] = [];
  if (detail.impact) facts.push(detail.impact);
  if (detail.usersAffectedPct !== null) facts.push(`${detail.usersAffectedPct}% of users`);
  if (detail.services.length > 0) facts.push(`services ${detail.services.join(", ")}`);
  if (facts.length > 0) out.push(`  impact    ${facts.join(" · ")}`);
  const declared = [`${clockTime(detail.declaredAt, now)} by ${detail.declaredBy}`, detail.mode];
  if (detail.private) declared.push("private");
  declared.push(`version ${detail.version}`);
  out.push(`  declared  ${declared.join(" · ")}`);
  if (detail.resolvedAt) {
    out.push(`  resolved  ${clockTime(detail.resolvedAt, now)}: ${detail.resolutionSummary ?? ""}`);
  }
  const pm = detail.postmortem;
  if (pm) {
    const last = pm.published.at(-1);
    const published = last ? `published v${last.version} (revision ${last.revision})` : "not published";
    out.push(`  postmortem revision ${pm.revision} · ${published}`);
  } else if (detail.resolvedAt) {
    out.push(`  postmortem none saved yet: warroom postmortem draft ${detail.id}`);
  }
  const cadence = detail.updateClock.cadenceMinutes;
  out.push(
    `  cadence   ${cadence === null ? "off" : `every ${cadence} min`}${detail.cadenceFollowsSeverity ? " (follows severity)" : ""}`,
  );

  if (detail.flags.length > 0) {
    out.push("", style.bold("FLAGS"));
    for (const flag of detail.flags) out.push(style.yellow(`  ! ${flag.message}`));
  }

  out.push("", style.bold("ROLES"));
  const roles = Object.entries(detail.roles).map(([role, holder]) => [
    role,
    holder.person,
    `since ${clockTime(holder.since, now)}`,
  ]);
  out.push(...table(["ROLE", "PERSON", ""], roles, style, "  ").slice(1));

  const open = detail.tasks.filter((t) => t.status === "assigned" || t.status === "acknowledged");
  const closed = detail.tasks.length - open.length;
  out.push("", style.bold(`OPEN TASKS (${open.length}${closed > 0 ? `, ${closed} closed` : ""})`));
  if (open.length === 0) out.push(style.dim("  none"));
  else {
    const rows = open.map((t) => [
      t.id,
      t.assignee,
      t.status,
      timeLeft(t, style),
      `${t.title}${t.workstreamId ? ` [${t.workstreamId}]` : ""}`,
    ]);
    out.push(...table(["", "", "", "", ""], rows, style, "  ").slice(1));
  }

  const dueIn = (iso: string) =>
    Date.parse(iso) <= now ? style.red("PASSED") : `in ${shortDuration((Date.parse(iso) - now) / 1000)}`;
  const clocks = [
    ...detail.deadlines
      .filter((d) => d.status === "open")
      .map((d) => [d.id, `decide by ${clockTime(d.dueAt, now)}`, dueIn(d.dueAt), d.question]),
    ...detail.triggers
      .filter((t) => t.status === "open")
      .map((t) => [t.id, `check at ${clockTime(t.dueAt, now)}`, dueIn(t.dueAt), `if ${t.condition}: ${t.action}`]),
  ];
  if (clocks.length > 0) {
    out.push("", style.bold("OPEN DEADLINES AND TRIGGERS"));
    out.push(...table(["", "", "", ""], clocks, style, "  ").slice(1));
  }

  if (detail.workstreams.length > 0) {
    out.push("", style.bold("WORKSTREAMS"));
    const rows = detail.workstreams.map((w) => {
      const due = Date.parse(w.dueAt);
      const when =
        w.status === "closed"
          ? `closed${w.outcome ? `: ${w.outcome}` : ""}`
          : due < now
            ? style.red(`time-box passed ${clockTime(w.dueAt, now)}`)
            : `due ${clockTime(w.dueAt, now)} (in ${shortDuration((due - now) / 1000)})`;
      return [w.id, w.name, `lead ${w.lead}`, when, `goal: ${w.goal}`];
    });
    out.push(...table(["", "", "", "", ""], rows, style, "  ").slice(1));
  }

  if (detail.options.length > 0) {
    out.push("", style.bold("OPTIONS"));
    out.push(...optionMatrix(detail, style));
  }

  if (detail.decisions.length > 0) {
    out.push("", style.bold("DECISIONS"));
    for (const d of detail.decisions) {
      out.push(
        `  ${style.bold(d.id)}  ${clockTime(d.at, now)}  ${d.kind}  by ${d.decidedBy}  chose ${d.chosen.join(" then ")}: ${d.title}`,
      );
      out.push(`      rationale: ${d.rationale}`);
      if (d.fallback) out.push(`      fallback: ${d.fallback}`);
      if (d.consulted.length > 0) out.push(`      consulted: ${d.consulted.join(", ")}`);
      if (d.alternatives.length > 0) out.push(`      alternatives: ${d.alternatives.join(", ")}`);
      if (d.overrideReason) out.push(style.yellow(`      override: ${d.overrideReason}`));
    }
  }

  if (detail.updates.length > 0) {
    const shown = detail.updates.slice(-UPDATES_TAIL);
    out.push(
      "",
      style.bold(
        `UPDATES (${shown.length === detail.updates.length ? shown.length : `last ${shown.length} of ${detail.updates.length}`})`,
      ),
    );
    for (const u of shown) {
      out.push(`  ${u.id}  ${clockTime(u.at, now)}  to ${u.audience}  by ${u.by}: ${u.text}`);
      const parts = [
        u.impact ? `impact: ${u.impact}` : "",
        u.timeline ? `timeline: ${u.timeline}` : "",
        u.plan ? `plan: ${u.plan}` : "",
        u.nextUpdateAt ? `next: ${clockTime(u.nextUpdateAt, now)}` : "",
      ].filter(Boolean);
      for (const part of parts) out.push(`      ${part}`);
      const lint = updateLintSummary(u.findings ?? []);
      if (lint) out.push(style.dim(`      ${lint}`));
    }
  }

  if (detail.actionItems.length > 0) {
    out.push("", style.bold("ACTION ITEMS"));
    const rows = detail.actionItems.map((a) => [
      a.id,
      a.status,
      a.horizon,
      a.owner,
      a.dueDate ? `due ${a.dueDate}` : "no due date",
      a.title,
    ]);
    out.push(...table(["", "", "", "", "", ""], rows, style, "  ").slice(1));
  }

  out.push(...reminderLines(detail, style));

  const tail = detail.timeline.slice(-TIMELINE_TAIL);
  out.push(
    "",
    style.bold(
      `TIMELINE (${tail.length === detail.timeline.length ? tail.length : `last ${tail.length} of ${detail.timeline.length}`})`,
    ),
  );
  out.push(...timelineLines(tail, now, style, "  "));
  return out;
}

type Column = [header: string, value: (o: Option) => string | undefined];

const COLUMNS: Column[] = [
  [
    "TIME",
    (o) =>
      o.attributes.timeToCompleteMinutes === undefined ? undefined : formatMinutes(o.attributes.timeToCompleteMinutes),
  ],
  ["DATA LOSS", (o) => o.attributes.dataLoss],
  ["RISK", (o) => o.attributes.risk],
  ["USER IMPACT", (o) => o.attributes.userImpact],
  [
    "SUCCESS",
    (o) => (o.attributes.likelihoodOfSuccess === undefined ? undefined : `${o.attributes.likelihoodOfSuccess}%`),
  ],
  ["COST", (o) => o.attributes.cost],
  ["REVENUE", (o) => o.attributes.revenueImpact],
  [
    "RECOVERY",
    (o) =>
      o.attributes.recoveryTimeMinutes === undefined ? undefined : formatMinutes(o.attributes.recoveryTimeMinutes),
  ],
  ["REPUTATION", (o) => o.attributes.reputation],
  ["LEGAL", (o) => o.attributes.legalRisk],
  [
    "OTHER",
    (o) => {
      const extras = Object.entries(o.attributes.extras ?? {});
      return extras.length === 0 ? undefined : extras.map(([k, v]) => `${k}=${v}`).join(" ");
    },
  ],
];

/** One row per option, its attributes side by side; columns nobody filled are left out. */
function optionMatrix(detail: IncidentDetail, style: Style): string[] {
  const chosenBy = new Map<string, string>();
  for (const d of detail.decisions) for (const id of d.chosen) chosenBy.set(id, d.id);
  const used = COLUMNS.filter(([, value]) => detail.options.some((o) => value(o) !== undefined));
  const headers = ["", "OPTION", ...used.map(([h]) => h), "BY"];
  const rows = detail.options.map((o) => {
    const chosen = chosenBy.get(o.id);
    return [
      chosen ? style.green(`${o.id} ✓`) : o.id,
      o.title,
      ...used.map(([, value]) => value(o) ?? "-"),
      o.proposedBy,
    ];
  });
  const lines = table(headers, rows, style, "  ");
  for (const o of detail.options) if (o.description) lines.push(style.dim(`  ${o.id}: ${o.description}`));
  return lines;
}
