/**
 * What needs the commander's attention now, in a few words each, for the incident list:
 * the update clock, expired time-boxes, decision deadlines and triggers. Pure: from the
 * incident and a `now`, the same clocks the reminders use.
 */
import { updateClock } from "../incident/derived.js";
import { DUE_SOON_MS } from "../incident/reminders.js";
import type { Incident } from "../incident/state.js";

export function attentionOf(incident: Incident, now: string): string[] {
  if (incident.status === "resolved") return [];
  const t = Date.parse(now);
  const out: string[] = [];
  const clock = updateClock(incident, now);
  if (clock.overdue) out.push("update overdue");
  else if (clock.nextUpdateDue !== null && Date.parse(clock.nextUpdateDue) - t <= DUE_SOON_MS) {
    out.push("update due soon");
  }
  for (const task of incident.tasks) {
    const open = task.status === "assigned" || task.status === "acknowledged";
    if (open && Date.parse(task.dueAt) <= t) out.push(`${task.id} expired`);
  }
  for (const workstream of incident.workstreams) {
    if (workstream.status === "open" && Date.parse(workstream.dueAt) <= t) out.push(`${workstream.id} expired`);
  }
  for (const deadline of incident.deadlines) {
    if (deadline.status !== "open") continue;
    const left = Date.parse(deadline.dueAt) - t;
    if (left <= 0) out.push(`${deadline.id} passed`);
    else if (left <= DUE_SOON_MS) out.push(`${deadline.id} due soon`);
  }
  for (const trigger of incident.triggers) {
    if (trigger.status !== "open") continue;
    const left = Date.parse(trigger.dueAt) - t;
    if (left <= 0) out.push(`${trigger.id} due`);
    else if (left <= DUE_SOON_MS) out.push(`${trigger.id} due soon`);
  }
  return out;
}
