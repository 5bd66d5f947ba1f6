/** Read-model shapes shared by every adapter (HTTP JSON, CLI --json, SSE). */
import { attentionOf } from "../domain/comms/attention.js";
import {
  commanderOf,
  elapsedSeconds,
  type Flag,
  flags,
  openTasks,
  type TaskView,
  taskView,
  type UpdateClock,
  updateClock,
} from "../domain/incident/derived.js";
import type { Mode, Status } from "../domain/incident/events.js";
import type { IncidentPolicy, Severity } from "../domain/incident/policy.js";
import type { ActionItem, Incident } from "../domain/incident/state.js";
import type { TimelineEntry } from "../domain/incident/timeline.js";

export interface IncidentSummary {
  id: string;
  title: string;
  severity: Severity;
  status: Status;
  mode: Mode;
  private: boolean;
  commander: string;
  declaredAt: string;
  resolvedAt: string | null;
  elapsedSeconds: number;
  nextUpdateDue: string | null;
  overdue: boolean;
  overdueBySeconds: number;
  openTasks: number;
  expiredTasks: number;
  /** What needs attention now, a few words each: "update overdue", "T2 expired", "DL1 passed", "TR1 due". */
  attention: string[];
  version: number;
}

export type IncidentView = Omit<Incident, "tasks"> & {
  commander: string;
  elapsedSeconds: number;
  updateClock: UpdateClock;
  tasks: TaskView[];
  flags: Flag[];
  now: string;
};

export interface IncidentDetail extends IncidentView {
  timeline: TimelineEntry[];
}

export interface OpenTaskItem extends TaskView {
  incidentId: string;
  incidentTitle: string;
  severity: Severity;
}

export interface OpenActionItem extends ActionItem {
  incidentId: string;
  incidentTitle: string;
  /** Open with a due date before today (UTC, by the injected clock). */
  overdue: boolean;
}

export function actionItemView(item: ActionItem, incident: Incident, now: string): OpenActionItem {
  const overdue = item.status === "open" && item.dueDate !== null && item.dueDate < now.slice(0, 10);
  return { ...item, incidentId: incident.id, incidentTitle: incident.title, overdue };
}

/** The list's and search's status filter: open (anything not resolved), resolved, or all. */
export function inStatusFilter(incident: Pick<Incident, "status">, filter: "open" | "resolved" | "all"): boolean {
  return filter === "all" || (filter === "resolved") === (incident.status === "resolved");
}

export function summarise(incident: Incident, now: string): IncidentSummary {
  const clock = updateClock(incident, now);
  const open = openTasks(incident, now);
  return {
    id: incident.id,
    title: incident.title,
    severity: incident.severity,
    status: incident.status,
    mode: incident.mode,
    private: incident.private,
    commander: commanderOf(incident),
    declaredAt: incident.declaredAt,
    resolvedAt: incident.resolvedAt,
    elapsedSeconds: elapsedSeconds(incident, now),
    nextUpdateDue: clock.nextUpdateDue,
    overdue: clock.overdue,
    overdueBySeconds: clock.overdueBySeconds,
    openTasks: open.length,
    expiredTasks: open.filter((t) => t.expired).length,
    attention: attentionOf(incident, now),
    version: incident.version,
  };
}

export function viewOf(incident: Incident, now: string, policy: IncidentPolicy): IncidentView {
  return {
    ...incident,
    commander: commanderOf(incident),
    elapsedSeconds: elapsedSeconds(incident, now),
    updateClock: updateClock(incident, now),
    tasks: incident.tasks.map((t) => taskView(t, now)),
    flags: flags(incident, now, policy),
    now,
  };
}

/** Active first, most severe first, newest first. */
export function compareSummaries(a: IncidentSummary, b: IncidentSummary): number {
  const aOpen = a.status === "resolved" ? 1 : 0;
  const bOpen = b.status === "resolved" ? 1 : 0;
  if (aOpen !== bOpen) return aOpen - bOpen;
  if (a.severity !== b.severity) return a.severity < b.severity ? -1 : 1;
  return a.declaredAt < b.declaredAt ? 1 : a.declaredAt > b.declaredAt ? -1 : 0;
}
