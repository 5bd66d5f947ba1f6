/**
 * One table: every incident command (all but `declare`) gets one friendly route under
 * `/api/incidents/:id/`. Keyed by command type, so adding a command without a route
 * (or a route for no command) does not compile. Path parameters are command fields.
 */
import type { CommandType } from "../domain/incident/commands.js";
import type { RouteAccess } from "./route-book.js";

export type IncidentCommandType = Exclude<CommandType, "declare">;

export interface CommandRoute {
  /** Relative to `/api/incidents/:id/`; `:name` segments are merged into the body. */
  path: string;
  summary: string;
  /**
   * The least role that may run it (docs/permissions.md): responders work an incident
   * (notes, tasks, options, updates); commanders steer it (severity, roles, status,
   * decisions, clocks, resolve). The domain still checks who holds which incident role.
   */
  access: RouteAccess;
}

export const COMMAND_ROUTES: { readonly [K in IncidentCommandType]: CommandRoute } = {
  "change-severity": { path: "severity", summary: "Change the severity, with a reason", access: "commander" },
  "assign-role": { path: "roles", summary: "Give a role to a person", access: "commander" },
  "release-role": { path: "roles/:role/release", summary: "Release a role (not the commander's)", access: "commander" },
  "hand-over-role": {
    path: "roles/:role/handover",
    summary: "Hand a role, or command, over to someone",
    access: "commander",
  },
  "change-status": { path: "status", summary: "Move the incident to another open status", access: "commander" },
  "add-note": { path: "notes", summary: "Add a note to a channel of the timeline", access: "responder" },
  "set-cadence": { path: "cadence", summary: "Set the update cadence", access: "commander" },
  "publish-update": { path: "updates", summary: "Publish an update to an audience", access: "responder" },
  "start-workstream": { path: "workstreams", summary: "Start a time-boxed workstream", access: "responder" },
  "close-workstream": { path: "workstreams/:workstreamId/close", summary: "Close a workstream", access: "responder" },
  "assign-task": { path: "tasks", summary: "Give a time-boxed task to one named person", access: "responder" },
  "acknowledge-task": { path: "tasks/:taskId/ack", summary: "Acknowledge a task", access: "responder" },
  "complete-task": { path: "tasks/:taskId/done", summary: "Mark a task done", access: "responder" },
  "cancel-task": { path: "tasks/:taskId/cancel", summary: "Cancel a task", access: "responder" },
  "propose-option": { path: "options", summary: "Propose an option (a course of action)", access: "responder" },
  "record-decision": { path: "decisions", summary: "Record a decision between options", access: "commander" },
  "add-action-item": { path: "action-items", summary: "Add a follow-up action item", access: "responder" },
  "complete-action-item": {
    path: "action-items/:actionId/done",
    summary: "Mark an action item done",
    access: "responder",
  },
  "issue-reminders": {
    path: "reminders",
    summary: "Issue the reminders that are due now (the scheduler does this)",
    access: "admin",
  },
  "set-decision-deadline": {
    path: "deadlines",
    summary: "Set a decision deadline: decide by a time",
    access: "commander",
  },
  "close-decision-deadline": {
    path: "deadlines/:deadlineId/close",
    summary: "Cancel a decision deadline",
    access: "commander",
  },
  "set-trigger": {
    path: "triggers",
    summary: "Set a trigger: if a condition holds by a time, take an action",
    access: "commander",
  },
  "close-trigger": {
    path: "triggers/:triggerId/close",
    summary: "Close a trigger: fired, averted or cancelled",
    access: "commander",
  },
  "save-postmortem": { path: "postmortem", summary: "Save a new revision of the postmortem", access: "responder" },
  "publish-postmortem": {
    path: "postmortem/publish",
    summary: "Publish the latest postmortem revision",
    access: "commander",
  },
  "set-impact-estimate": {
    path: "impact-estimate",
    summary: "Estimate the impact for triage: revenue at risk per hour, when it starts, how fast it worsens",
    access: "responder",
  },
  "set-skill-needs": {
    path: "skill-needs",
    summary: "State the engineers the incident needs, by skill (for the staffing plan)",
    access: "commander",
  },
  resolve: { path: "resolve", summary: "Resolve the incident with a summary", access: "commander" },
  reopen: { path: "reopen", summary: "Reopen a resolved incident", access: "commander" },
};

export const INCIDENT_BASE = "/api/incidents/:id";

export interface CommandRouteEntry extends CommandRoute {
  type: IncidentCommandType;
  /** The full Fastify URL, e.g. `/api/incidents/:id/tasks/:taskId/ack`. */
  url: string;
  /** Path parameters that are command fields (not `id`). */
  params: string[];
}

export const COMMAND_ROUTE_LIST: CommandRouteEntry[] = (
  Object.entries(COMMAND_ROUTES) as [IncidentCommandType, CommandRoute][]
).map(([type, route]) => ({
  type,
  ...route,
  url: `${INCIDENT_BASE}/${route.path}`,
  params: [...route.path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1] as string),
}));
