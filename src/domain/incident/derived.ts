/**
 * Everything that depends on the time: computed from state and a `now` passed in,
 * never stored. Used by read models, the CLI and the API alike.
 */
import { addMinutes } from "./guards.js";
import { COMMANDER_ROLE, type IncidentPolicy } from "./policy.js";
import type { Incident, Task } from "./state.js";

export interface UpdateClock {
  cadenceMinutes: number | null;
  /** ISO time the next update is due, or null when no cadence applies or the incident is resolved. */
  nextUpdateDue: string | null;
  /** Whole seconds past due; 0 when not overdue. */
  overdueBySeconds: number;
  overdue: boolean;
}

export function updateClock(incident: Incident, now: string): UpdateClock {
  const cadenceMinutes = incident.cadenceMinutes;
  if (incident.status === "resolved") {
    return { cadenceMinutes, nextUpdateDue: null, overdueBySeconds: 0, overdue: false };
  }
  // A promised time can bring the next update forward, never push it past the cadence: a
  // "next update at 09:00 tomorrow" does not silence a SEV-1's 15-minute clock.
  const byCadence = cadenceMinutes === null ? null : addMinutes(incident.lastUpdateAt, cadenceMinutes);
  const promised = incident.promisedNextUpdateAt;
  const nextUpdateDue =
    promised === null || promised === undefined
      ? byCadence
      : byCadence === null || Date.parse(promised) < Date.parse(byCadence)
        ? promised
        : byCadence;
  if (nextUpdateDue === null) return { cadenceMinutes, nextUpdateDue, overdueBySeconds: 0, overdue: false };
  const overdueBySeconds = Math.max(0, Math.floor((Date.parse(now) - Date.parse(nextUpdateDue)) / 1000));
  return { cadenceMinutes, nextUpdateDue, overdueBySeconds, overdue: overdueBySeconds > 0 };
}

export type TaskView = Task & { expired: boolean; secondsLeft: number };

export function taskView(task: Task, now: string): TaskView {
  const open = task.status === "assigned" || task.status === "acknowledged";
  const secondsLeft = Math.floor((Date.parse(task.dueAt) - Date.parse(now)) / 1000);
  return { ...task, expired: open && secondsLeft < 0, secondsLeft: open ? secondsLeft : 0 };
}

export function openTasks(incident: Incident, now: string): TaskView[] {
  return incident.tasks
    .filter((t) => t.status === "assigned" || t.status === "acknowledged")
    .map((t) => taskView(t, now));
}

export interface Flag {
  code:
    | "commander-holds-other-role"
    | "required-role-missing"
    | "update-overdue"
    | "task-expired"
    | "task-unacknowledged";
  message: string;
}

/** Anti-patterns and gaps worth showing the commander, computed fresh each time. */
export function flags(incident: Incident, now: string, policy: IncidentPolicy): Flag[] {
  const out: Flag[] = [];
  const commander = incident.roles[COMMANDER_ROLE]?.person;
  const otherRoles = Object.entries(incident.roles)
    .filter(([role, holder]) => role !== COMMANDER_ROLE && holder.person === commander)
    .map(([role]) => role);
  if (otherRoles.length > 0) {
    out.push({
      code: "commander-holds-other-role",
      message: `the Incident Commander (${commander}) also holds ${otherRoles.join(", ")}: hand those to someone else so command stays free`,
    });
  }
  if (incident.status === "resolved") return out;
  for (const role of policy.severities[incident.severity].requiredRoles) {
    if (!incident.roles[role]) {
      out.push({
        code: "required-role-missing",
        message: `${incident.severity} expects ${article(role)} ${role}; nobody holds it`,
      });
    }
  }
  const clock = updateClock(incident, now);
  if (clock.overdue) {
    out.push({
      code: "update-overdue",
      message: `the update due at ${clock.nextUpdateDue} is ${formatDuration(clock.overdueBySeconds)} late`,
    });
  }
  for (const task of openTasks(incident, now)) {
    if (task.expired) {
      out.push({
        code: "task-expired",
        message: `${task.id} (${task.assignee}) passed its time-box ${formatDuration(-task.secondsLeft)} ago: check in`,
      });
    } else if (task.status === "assigned" && Date.parse(now) - Date.parse(task.assignedAt) > 2 * 60_000) {
      out.push({ code: "task-unacknowledged", message: `${task.id} has not been acknowledged by ${task.assignee}` });
    }
  }
  return out;
}

export function commanderOf(incident: Incident): string {
  return incident.roles[COMMANDER_ROLE]?.person ?? "";
}

export function elapsedSeconds(incident: Incident, now: string): number {
  const end = incident.resolvedAt ?? now;
  return Math.max(0, Math.floor((Date.parse(end) - Date.parse(incident.declaredAt)) / 1000));
}

/** 95 → "1m35s", 7260 → "2h01m". Compact for a 2 AM glance. */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (h > 0) return `${h}h${String(m).padStart(2, "0")}m`;
  if (m > 0) return `${m}m${String(sec).padStart(2, "0")}s`;
  return `${sec}s`;
}

/** "an exec-stakeholder", "an incident-commander", "a tech-lead". */
function article(word: string): "a" | "an" {
  return /^[aeiou]/i.test(word) ? "an" : "a";
}
