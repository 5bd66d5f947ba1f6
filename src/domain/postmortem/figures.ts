/**
 * Detection and response figures, computed from the log and a `now` (used only while
 * the incident is still open): time to first role and first update, the gaps between
 * updates against the cadence, decision latency, time to mitigate, time-boxes overrun,
 * reminders. Pure.
 */
import type { Audience, ReminderKind } from "../incident/events.js";
import { COMMANDER_ROLE, DEFAULT_POLICY, type IncidentPolicy } from "../incident/policy.js";
import type { Decision } from "../incident/state.js";
import { minutesBetween, reminderCount, rolesFilled, statusChanges } from "./log.js";
import type {
  DecisionLatency,
  MissedDeadline,
  OverranTask,
  PostmortemSource,
  ResponseFigures,
  UpdateGap,
} from "./types.js";

const MINUTE = 60_000;

export function responseFigures(
  source: PostmortemSource,
  now: string,
  policy: IncidentPolicy = DEFAULT_POLICY,
): ResponseFigures {
  const declaredAt = source.declaredAt;
  const endAt = source.resolvedAt ?? (Date.parse(now) > Date.parse(declaredAt) ? now : declaredAt);
  const end = Date.parse(endAt);
  const updates = [...source.updates].filter((u) => Date.parse(u.at) <= end).sort((a, b) => cmp(a.at, b.at));

  const firstUpdateByAudience: Partial<Record<Audience, number>> = {};
  for (const u of updates) firstUpdateByAudience[u.audience] ??= minutesBetween(declaredAt, u.at);
  const firstUpdate = updates[0];

  const gaps = updateGaps(source, updates, endAt);
  const filled = rolesFilled(source.timeline);
  const mitigation = statusChanges(source.timeline).find((c) => c.to === "mitigating" || c.to === "monitoring");

  const byKind: Partial<Record<ReminderKind, number>> = {};
  for (const kind of Object.values(source.remindersIssued)) byKind[kind] = (byKind[kind] ?? 0) + 1;

  const everHeld = new Set([COMMANDER_ROLE, ...Object.keys(source.roles), ...filled.map((r) => r.role)]);
  const required = policy.severities[source.severity]?.requiredRoles ?? [];

  return {
    declaredAt,
    resolvedAt: source.resolvedAt,
    endAt,
    ongoing: source.resolvedAt === null,
    durationMinutes: minutesBetween(declaredAt, endAt),
    timeToDeclareMinutes: null,
    timeToFirstRoleMinutes: filled[0] ? minutesBetween(declaredAt, filled[0].at) : null,
    timeToFirstUpdateMinutes: firstUpdate ? minutesBetween(declaredAt, firstUpdate.at) : null,
    firstUpdateByAudience,
    updatesPublished: updates.length,
    cadenceMinutes: source.cadenceMinutes,
    updateGaps: gaps,
    longestUpdateGapMinutes: gaps.length === 0 ? null : Math.max(...gaps.map((g) => g.minutes)),
    lateUpdates: gaps.filter((g) => g.lateMinutes > 0).length,
    timeToMitigateMinutes: mitigation ? minutesBetween(declaredAt, mitigation.at) : null,
    mitigatedAt: mitigation?.at ?? null,
    decisions: source.decisions.map((d, i) => decisionLatency(source, d, source.decisions[i - 1])),
    missedDeadlines: missedDeadlines(source, end),
    tasks: { total: source.tasks.length, overran: overranTasks(source, end) },
    reminders: { total: Math.max(reminderCount(source.timeline), Object.keys(source.remindersIssued).length), byKind },
    updatesWithWordingErrors: updates
      .map((u) => ({
        id: u.id,
        audience: u.audience,
        rules: [...new Set(u.findings.filter((f) => f.severity === "error").map((f) => f.rule))],
      }))
      .filter((u) => u.rules.length > 0),
    rolesFilled: filled,
    requiredRolesNeverFilled: required.filter((role) => !everHeld.has(role)),
    triggersFired: source.triggers
      .filter((t) => t.status === "fired" && t.closedAt !== null)
      .map((t) => ({ id: t.id, action: t.action, at: t.closedAt ?? t.dueAt })),
  };
}

/**
 * Each stretch the update clock ran: from the declaration or an update to the next update,
 * and a last one to the end when the update due before it never went out.
 */
function updateGaps(source: PostmortemSource, updates: PostmortemSource["updates"], endAt: string): UpdateGap[] {
  const cadence = source.cadenceMinutes;
  const dueAfter = (from: string, promised: string | null) =>
    promised ?? (cadence === null ? null : new Date(Date.parse(from) + cadence * MINUTE).toISOString());
  const gaps: UpdateGap[] = [];
  let from = source.declaredAt;
  let promised: string | null = null;
  for (const u of updates) {
    const dueAt = dueAfter(from, promised);
    gaps.push(gap(from, u.at, "update", dueAt));
    from = u.at;
    promised = u.nextUpdateAt;
  }
  const dueAt = dueAfter(from, promised);
  if (dueAt !== null && Date.parse(endAt) > Date.parse(dueAt)) {
    gaps.push(gap(from, endAt, source.resolvedAt === null ? "now" : "resolution", dueAt));
  }
  return gaps;
}

function gap(from: string, to: string, endedBy: UpdateGap["endedBy"], dueAt: string | null): UpdateGap {
  const lateMinutes = dueAt === null ? 0 : minutesBetween(dueAt, to);
  return { from, to, endedBy, minutes: minutesBetween(from, to), dueAt, lateMinutes };
}

function decisionLatency(source: PostmortemSource, d: Decision, previous: Decision | undefined): DecisionLatency {
  const at = Date.parse(d.at);
  const since = previous ? Date.parse(previous.at) : Number.NEGATIVE_INFINITY;
  // The options on the table for this decision: proposed since the previous one, else the chosen ones.
  const onTable = source.options.filter((o) => Date.parse(o.proposedAt) > since && Date.parse(o.proposedAt) <= at);
  const considered = onTable.length > 0 ? onTable : source.options.filter((o) => d.chosen.includes(o.id));
  const first = considered.map((o) => o.proposedAt).sort(cmp)[0] ?? null;
  const deadline = source.deadlines.find((dl) => dl.decisionId === d.id) ?? null;
  return {
    id: d.id,
    title: d.title,
    at: d.at,
    optionsFirstProposedAt: first,
    minutesFromOptions: first === null ? null : minutesBetween(first, d.at),
    deadlineId: deadline?.id ?? null,
    deadlineSetAt: deadline?.setAt ?? null,
    deadlineDueAt: deadline?.dueAt ?? null,
    minutesFromDeadlineSet: deadline ? minutesBetween(deadline.setAt, d.at) : null,
    metDeadline: deadline ? at <= Date.parse(deadline.dueAt) : null,
  };
}

function missedDeadlines(source: PostmortemSource, end: number): MissedDeadline[] {
  const out: MissedDeadline[] = [];
  for (const dl of source.deadlines) {
    const due = Date.parse(dl.dueAt);
    const closed = dl.closedAt === null ? end : Date.parse(dl.closedAt);
    const lateMinutes = Math.round((closed - due) / MINUTE);
    if (lateMinutes > 0)
      out.push({ id: dl.id, question: dl.question, dueAt: dl.dueAt, status: dl.status, lateMinutes });
  }
  return out;
}

function overranTasks(source: PostmortemSource, end: number): OverranTask[] {
  const out: OverranTask[] = [];
  for (const t of source.tasks) {
    if (t.status === "cancelled") continue;
    const closed = t.closedAt === null ? end : Date.parse(t.closedAt);
    const due = Date.parse(t.dueAt);
    const overranMinutes = Math.round((closed - due) / MINUTE);
    if (overranMinutes <= 0) continue;
    out.push({
      id: t.id,
      title: t.title,
      assignee: t.assignee,
      timeboxMinutes: t.timeboxMinutes,
      dueAt: t.dueAt,
      closedAt: t.closedAt,
      overranMinutes,
    });
  }
  return out;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
