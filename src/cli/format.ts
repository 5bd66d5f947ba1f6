/**
 * Human output: compact, aligned, readable at 2 AM. Times are local HH:MM, durations go
 * through the domain's `formatDuration`. Nothing here decides anything: it shows the
 * views the app computed.
 */
import type { IncidentSummary, OpenActionItem, OpenTaskItem } from "../app/views.js";
import { formatDuration } from "../domain/incident/derived.js";
import type { TimelineEntry } from "../domain/incident/timeline.js";
import { type Style, visibleLength } from "./style.js";

const pad2 = (n: number) => String(n).padStart(2, "0");

/** Local HH:MM; with the date in front when it is not the same local day as `nowMs`. */
export function clockTime(iso: string, nowMs: number): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const hhmm = `${pad2(at.getHours())}:${pad2(at.getMinutes())}`;
  const now = new Date(nowMs);
  const sameDay =
    at.getFullYear() === now.getFullYear() && at.getMonth() === now.getMonth() && at.getDate() === now.getDate();
  return sameDay ? hhmm : `${at.getFullYear()}-${pad2(at.getMonth() + 1)}-${pad2(at.getDate())} ${hhmm}`;
}

/** Rounded down for "in 4m": seconds under a minute, whole minutes under an hour. */
export function shortDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  return formatDuration(s);
}

/** 240 → "4h", 90 → "1h30m", 30 → "30m". */
export function formatMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = Math.round(minutes % 60);
  if (h === 0) return `${m}m`;
  return m === 0 ? `${h}h` : `${h}h${String(m).padStart(2, "0")}m`;
}

export interface HeaderFacts {
  id: string;
  severity: string;
  status: string;
  mode: string;
  commander: string;
  elapsedSeconds: number;
  nextUpdateDue: string | null;
  overdue: boolean;
  overdueBySeconds: number;
}

export function severityText(severity: string, style: Style): string {
  if (severity === "SEV-1") return style.bold(style.red(severity));
  if (severity === "SEV-2") return style.red(severity);
  if (severity === "SEV-3") return style.yellow(severity);
  return severity;
}

/** "02:30 (in 4m)", "OVERDUE by 3m12s", "no cadence" or "" once resolved. */
export function nextUpdateText(facts: HeaderFacts, nowMs: number, style: Style, compact = false): string {
  if (facts.status === "resolved") return "";
  if (facts.overdue) return style.bold(style.red(`OVERDUE by ${formatDuration(facts.overdueBySeconds)}`));
  if (facts.nextUpdateDue === null) return compact ? "no cadence" : "no update cadence";
  const left = (Date.parse(facts.nextUpdateDue) - nowMs) / 1000;
  return `${clockTime(facts.nextUpdateDue, nowMs)} (in ${shortDuration(left)})`;
}

/** `INC-3  SEV-1  mitigating  IC sarah-db  42m10s  next update 02:30 (in 4m)` */
export function headerLine(facts: HeaderFacts, nowMs: number, style: Style): string {
  const parts = [
    style.bold(facts.id),
    severityText(facts.severity, style),
    facts.status,
    `IC ${facts.commander}`,
    formatDuration(facts.elapsedSeconds),
  ];
  const next = nextUpdateText(facts, nowMs, style);
  if (next) parts.push(facts.nextUpdateDue === null ? next : `next update ${next}`);
  if (facts.mode === "drill") parts.push(style.cyan("[drill]"));
  return parts.join("  ");
}

/** Columns separated by two spaces; the last one is not padded. */
export function table(headers: string[], rows: string[][], style: Style, indent = ""): string[] {
  const widths = headers.map((h, i) => Math.max(visibleLength(h), ...rows.map((r) => visibleLength(r[i] ?? ""))));
  const line = (cells: string[]) =>
    indent +
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell + " ".repeat((widths[i] ?? 0) - visibleLength(cell))))
      .join("  ")
      .trimEnd();
  return [style.dim(line(headers)), ...rows.map(line)];
}

export function incidentTable(incidents: IncidentSummary[], nowMs: number, style: Style): string[] {
  const rows = incidents.map((i) => {
    const marks = [i.mode === "drill" ? style.cyan("[drill]") : "", i.private ? "[private]" : ""].filter(Boolean);
    return [
      style.bold(i.id),
      severityText(i.severity, style),
      i.status,
      i.commander,
      formatDuration(i.elapsedSeconds),
      nextUpdateText(i, nowMs, style, true) || "-",
      [...marks, i.title, ...attentionMark(i.attention ?? [], style)].join(" "),
    ];
  });
  return table(["ID", "SEV", "STATUS", "IC", "AGE", "NEXT UPDATE", "TITLE"], rows, style);
}

/** "⚠ update overdue, T2 expired" after the title; nothing when all is in hand. */
function attentionMark(attention: readonly string[], style: Style): string[] {
  return attention.length === 0 ? [] : [style.yellow(` ⚠ ${attention.join(", ")}`)];
}

/** "12m left", "EXPIRED 3m12s ago" (or "done"/"cancelled" once closed). */
export function timeLeft(task: { status: string; expired: boolean; secondsLeft: number }, style: Style): string {
  if (task.status === "done" || task.status === "cancelled") return task.status;
  if (task.expired) return style.bold(style.red(`EXPIRED ${formatDuration(-task.secondsLeft)} ago`));
  return `${shortDuration(task.secondsLeft)} left`;
}

export function taskTable(tasks: OpenTaskItem[], style: Style): string[] {
  const rows = tasks.map((t) => [
    t.incidentId,
    t.id,
    t.assignee,
    t.status,
    timeLeft(t, style),
    `${t.title}${t.workstreamId ? ` [${t.workstreamId}]` : ""}`,
  ]);
  return table(["INCIDENT", "TASK", "ASSIGNEE", "STATUS", "TIME-BOX", "TITLE"], rows, style);
}

export function actionTable(items: OpenActionItem[], style: Style): string[] {
  const rows = items.map((a) => [a.incidentId, a.id, a.owner, a.horizon, a.dueDate ?? "-", a.title]);
  return table(["INCIDENT", "ID", "OWNER", "HORIZON", "DUE", "TITLE"], rows, style);
}

/** `02:05  sarah-db  command  text` */
export function timelineLines(
  entries: TimelineEntry[],
  nowMs: number,
  style: Style,
  indent = "",
  minByWidth = 0,
): string[] {
  const byWidth = Math.max(minByWidth, ...entries.map((e) => e.by.length));
  return entries.map((e) => {
    const channel =
      e.channel === "command"
        ? "command    "
        : e.channel === "tech"
          ? style.dim("tech       ")
          : style.cyan("stakeholder");
    const text = e.type === "ReminderIssued" ? style.yellow(`⏰ ${e.text}`) : e.text;
    return `${indent}${style.dim(clockTime(e.at, nowMs))}  ${e.by.padEnd(byWidth)}  ${channel}  ${text}`;
  });
}
