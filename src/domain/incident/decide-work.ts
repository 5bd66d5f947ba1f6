/** Workstreams, time-boxed tasks and action items. */
import { fail } from "../shared/errors.js";
import type { CommandContext, CommandMap } from "./commands.js";
import type { IncidentEvent } from "./events.js";
import { addMinutes, optionalText, requireNamedPerson, requireOpen, requireText } from "./guards.js";
import { COMMANDER_ROLE, type IncidentPolicy } from "./policy.js";
import type { Incident, Task } from "./state.js";

type WorkCommand =
  | CommandMap["start-workstream"]
  | CommandMap["close-workstream"]
  | CommandMap["assign-task"]
  | CommandMap["acknowledge-task"]
  | CommandMap["complete-task"]
  | CommandMap["cancel-task"]
  | CommandMap["add-action-item"]
  | CommandMap["complete-action-item"];

/** People who may acknowledge a task for its assignee: they heard the "yes" on the call. */
const RECORDERS = [COMMANDER_ROLE, "deputy", "scribe"];

export function decideWork(
  command: WorkCommand,
  incident: Incident,
  ctx: CommandContext,
  policy: IncidentPolicy,
): IncidentEvent[] {
  const stamp = { at: ctx.now, by: ctx.actor };
  switch (command.type) {
    case "start-workstream": {
      requireOpen(incident, "start a workstream");
      const timeboxMinutes = command.timeboxMinutes ?? policy.defaultTimeboxMinutes;
      return [
        {
          ...stamp,
          type: "WorkstreamStarted",
          workstreamId: `W${incident.workstreams.length + 1}`,
          name: requireText(command.name, "name", policy),
          lead: requireNamedPerson(command.lead, "lead"),
          goal: requireText(command.goal, "goal", policy),
          timeboxMinutes,
          dueAt: addMinutes(ctx.now, timeboxMinutes),
        },
      ];
    }
    case "close-workstream": {
      const workstream = incident.workstreams.find((w) => w.id === command.workstreamId.toUpperCase());
      if (!workstream)
        fail("workstream.not_found", `no workstream ${command.workstreamId} on ${incident.id}`, "workstreamId");
      if (workstream.status === "closed")
        fail("workstream.closed", `${workstream.id} is already closed`, "workstreamId");
      return [
        {
          ...stamp,
          type: "WorkstreamClosed",
          workstreamId: workstream.id,
          outcome: optionalText(command.outcome, "outcome", policy),
        },
      ];
    }
    case "assign-task": {
      requireOpen(incident, "assign a task");
      const assignee = requireNamedPerson(command.assignee, "assignee");
      let workstreamId: string | null = null;
      if (command.workstreamId !== undefined) {
        const workstream = incident.workstreams.find((w) => w.id === command.workstreamId?.toUpperCase());
        if (!workstream)
          fail("workstream.not_found", `no workstream ${command.workstreamId} on ${incident.id}`, "workstreamId");
        if (workstream.status === "closed") fail("workstream.closed", `${workstream.id} is closed`, "workstreamId");
        workstreamId = workstream.id;
      }
      const timeboxMinutes = command.timeboxMinutes ?? policy.defaultTimeboxMinutes;
      return [
        {
          ...stamp,
          type: "TaskAssigned",
          taskId: `T${incident.tasks.length + 1}`,
          title: requireText(command.title, "title", policy),
          assignee,
          timeboxMinutes,
          dueAt: addMinutes(ctx.now, timeboxMinutes),
          workstreamId,
        },
      ];
    }
    case "acknowledge-task": {
      const task = openTask(incident, command.taskId);
      if (task.status === "acknowledged") fail("task.closed", `${task.id} is already acknowledged`, "taskId");
      requireTaskPerson(incident, task, ctx.actor, "acknowledge", [task.assignee]);
      return [{ ...stamp, type: "TaskAcknowledged", taskId: task.id }];
    }
    case "complete-task": {
      const task = openTask(incident, command.taskId);
      requireTaskPerson(incident, task, ctx.actor, "mark done", [task.assignee]);
      return [
        { ...stamp, type: "TaskCompleted", taskId: task.id, outcome: optionalText(command.outcome, "outcome", policy) },
      ];
    }
    case "cancel-task": {
      const task = openTask(incident, command.taskId);
      // Calling off work is a coordination call: whoever assigned it, or the commander's side.
      requireTaskPerson(incident, task, ctx.actor, "cancel", [task.assignedBy]);
      return [
        { ...stamp, type: "TaskCancelled", taskId: task.id, reason: optionalText(command.reason, "reason", policy) },
      ];
    }
    case "add-action-item":
      return [
        {
          ...stamp,
          type: "ActionItemAdded",
          actionId: `AI-${incident.actionItems.length + 1}`,
          title: requireText(command.title, "title", policy),
          owner: requireNamedPerson(command.owner, "owner"),
          dueDate: command.dueDate ?? null,
          horizon: command.horizon,
        },
      ];
    case "complete-action-item": {
      const id = command.actionId.toUpperCase();
      const item = incident.actionItems.find((a) => a.id === id || a.id === `AI-${id}`);
      if (!item) fail("action.not_found", `no action item ${command.actionId} on ${incident.id}`, "actionId");
      if (item.status === "done") fail("action.already_done", `${item.id} is already done`, "actionId");
      return [{ ...stamp, type: "ActionItemCompleted", actionId: item.id }];
    }
  }
}

function openTask(incident: Incident, taskId: string): Task {
  const task = incident.tasks.find((t) => t.id === taskId.toUpperCase());
  if (!task) fail("task.not_found", `no task ${taskId} on ${incident.id}`, "taskId");
  if (task.status === "done" || task.status === "cancelled") {
    fail("task.closed", `${task.id} is already ${task.status}`, "taskId");
  }
  return task;
}

/** The named people, or the commander, deputy or scribe; anyone else is refused, naming who may. */
function requireTaskPerson(incident: Incident, task: Task, actor: string, verb: string, named: string[]): void {
  const recorder = RECORDERS.some((role) => incident.roles[role]?.person === actor);
  if (recorder || named.includes(actor)) return;
  const who = named.join(" or ");
  fail(
    "role.not_authorised",
    `${task.id} is assigned to ${task.assignee}; only ${who === task.assignee ? "they" : who} (or the commander, deputy or scribe) can ${verb} it`,
    "actor",
  );
}
