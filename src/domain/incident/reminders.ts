/**
 * Which reminders are due for an incident at `now`, not yet issued. Pure: the server's
 * scheduler (and the drill runner, on its virtual clock) asks, then appends them through
 * the `issue-reminders` command, whose decide asks again — so each is issued once even
 * when two schedulers race.
 */
import { updateClock } from "./derived.js";
import type { EventOf, ReminderKind } from "./events.js";
import type { Incident } from "./state.js";
import { clockTime } from "./timeline.js";

/** How long before a due time the "due" reminder goes out. */
export const DUE_SOON_MS = 2 * 60_000;

export type DueReminder = Omit<EventOf<"ReminderIssued">, "type" | "at" | "by">;

export function dueReminders(incident: Incident, now: string): DueReminder[] {
  if (incident.status === "resolved") return [];
  const t = Date.parse(now);
  const out: DueReminder[] = [];
  const add = (kind: ReminderKind, subject: string, dueAt: string, message: string) => {
    const reminderKey = `${kind}:${subject}:${dueAt}`;
    if (incident.remindersIssued[reminderKey] === undefined) out.push({ reminderKey, kind, subject, dueAt, message });
  };

  const clock = updateClock(incident, now);
  if (clock.nextUpdateDue !== null) {
    const due = Date.parse(clock.nextUpdateDue);
    if (t >= due) {
      add(
        "update-overdue",
        "update",
        clock.nextUpdateDue,
        `the update due at ${clockTime(clock.nextUpdateDue)} is overdue`,
      );
    } else if (t >= due - DUE_SOON_MS) {
      add("update-due", "update", clock.nextUpdateDue, `an update is due at ${clockTime(clock.nextUpdateDue)}`);
    }
  }
  for (const task of incident.tasks) {
    if ((task.status === "assigned" || task.status === "acknowledged") && Date.parse(task.dueAt) <= t) {
      add("task-expired", task.id, task.dueAt, `${task.id} (${task.assignee}) reached its time-box: check in`);
    }
  }
  for (const workstream of incident.workstreams) {
    if (workstream.status === "open" && Date.parse(workstream.dueAt) <= t) {
      add(
        "workstream-expired",
        workstream.id,
        workstream.dueAt,
        `workstream ${workstream.id} "${workstream.name}" (${workstream.lead}) reached its time-box`,
      );
    }
  }
  for (const deadline of incident.deadlines) {
    if (deadline.status !== "open") continue;
    const due = Date.parse(deadline.dueAt);
    if (t >= due) {
      add(
        "deadline-passed",
        deadline.id,
        deadline.dueAt,
        `decision deadline ${deadline.id} passed: ${deadline.question}`,
      );
    } else if (t >= due - DUE_SOON_MS) {
      add(
        "deadline-due",
        deadline.id,
        deadline.dueAt,
        `decide by ${clockTime(deadline.dueAt)} (${deadline.id}): ${deadline.question}`,
      );
    }
  }
  for (const trigger of incident.triggers) {
    if (trigger.status === "open" && Date.parse(trigger.dueAt) <= t) {
      add(
        "trigger-due",
        trigger.id,
        trigger.dueAt,
        `trigger ${trigger.id} is due: if ${trigger.condition}, ${trigger.action}`,
      );
    }
  }
  return out;
}
