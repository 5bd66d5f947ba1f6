/**
 * Facts the folded state forgets but the timeline keeps: status and severity changes,
 * role assignments, reminders. Read from the entries' type and the fixed opening words
 * `describe` gives them (tested against `describe`, so a wording change is caught).
 */
import { STATUSES, type Status } from "../incident/events.js";
import type { TimelineEntry } from "../incident/timeline.js";

export interface StatusChange {
  at: string;
  from: Status;
  to: Status;
}

export interface RoleFilled {
  at: string;
  role: string;
  person: string;
}

const STATUS_CHANGE = /^Status (\w+) → (\w+)/;
const ROLE_ASSIGNED = /^(\S+) is (\S+)$/;

const isStatus = (value: string | undefined): value is Status =>
  value !== undefined && (STATUSES as readonly string[]).includes(value);

export function statusChanges(timeline: readonly TimelineEntry[]): StatusChange[] {
  const out: StatusChange[] = [];
  for (const entry of timeline) {
    if (entry.type !== "StatusChanged") continue;
    const m = STATUS_CHANGE.exec(entry.text);
    if (isStatus(m?.[1]) && isStatus(m?.[2])) out.push({ at: entry.at, from: m[1], to: m[2] });
  }
  return out;
}

export function rolesFilled(timeline: readonly TimelineEntry[]): RoleFilled[] {
  const out: RoleFilled[] = [];
  for (const entry of timeline) {
    if (entry.type !== "RoleAssigned") continue;
    const m = ROLE_ASSIGNED.exec(entry.text);
    if (m?.[1] && m[2]) out.push({ at: entry.at, person: m[1], role: m[2] });
  }
  return out;
}

export function reminderCount(timeline: readonly TimelineEntry[]): number {
  return timeline.filter((e) => e.type === "ReminderIssued").length;
}

/** Whole minutes between two ISO instants, never negative. */
export function minutesBetween(from: string, to: string): number {
  return Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 60_000));
}

/** 7 → "7 min", 247 → "4h07m". */
export function minutesText(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, "0")}m`;
}

/** "10:04 UTC"; with the date when it is not the day the incident was declared. */
export function stamp(iso: string, dayOf: string): string {
  const time = `${iso.slice(11, 16)} UTC`;
  return iso.slice(0, 10) === dayOf.slice(0, 10) ? time : `${iso.slice(0, 10)} ${time}`;
}

/** "T+4m", "T+1h05m": time since the declaration. */
export function tPlus(iso: string, declaredAt: string): string {
  const m = minutesBetween(declaredAt, iso);
  return m < 60 ? `T+${m}m` : `T+${Math.floor(m / 60)}h${String(m % 60).padStart(2, "0")}m`;
}
