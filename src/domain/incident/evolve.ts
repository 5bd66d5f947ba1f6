/**
 * evolve(state, event) → state. Pure and total over the event union: it never throws on
 * a well-formed stream, copies only the part of the state an event changes, and ends
 * in an exhaustive `never` check so a new event type cannot be forgotten.
 */
import type { IncidentEvent } from "./events.js";
import { COMMANDER_ROLE } from "./policy.js";
import type { Incident, IncidentState } from "./state.js";

export function evolve(state: IncidentState, event: IncidentEvent): IncidentState {
  if (event.type === "IncidentDeclared") {
    return {
      id: event.incidentId,
      title: event.title,
      severity: event.severity,
      impact: event.impact,
      usersAffectedPct: event.usersAffectedPct,
      services: event.services,
      mode: event.mode,
      private: event.private,
      declaredBy: event.by,
      declaredAt: event.at,
      status: "investigating",
      resolvedAt: null,
      resolutionSummary: null,
      roles: { [COMMANDER_ROLE]: { person: event.commander, since: event.at } },
      cadenceMinutes: event.cadenceMinutes,
      cadenceFollowsSeverity: true,
      lastUpdateAt: event.at,
      promisedNextUpdateAt: null,
      updates: [],
      workstreams: [],
      tasks: [],
      options: [],
      decisions: [],
      actionItems: [],
      noteCount: { command: 0, tech: 0, stakeholder: 0 },
      version: 1,
      lastEventAt: event.at,
    };
  }
  if (state === null) return state;
  const s: Incident = { ...state, version: state.version + 1, lastEventAt: event.at };

  switch (event.type) {
    case "SeverityChanged":
      s.severity = event.to;
      s.cadenceMinutes = event.cadenceMinutes;
      return s;
    case "RoleAssigned":
      s.roles = { ...s.roles, [event.role]: { person: event.person, since: event.at } };
      return s;
    case "RoleReleased": {
      const { [event.role]: _released, ...rest } = s.roles;
      s.roles = rest;
      return s;
    }
    case "RoleHandedOver":
      s.roles = { ...s.roles, [event.role]: { person: event.to, since: event.at } };
      return s;
    case "CommandHandedOver":
      s.roles = { ...s.roles, [COMMANDER_ROLE]: { person: event.to, since: event.at } };
      return s;
    case "StatusChanged":
      s.status = event.to;
      return s;
    case "NoteAdded":
      s.noteCount = { ...s.noteCount, [event.channel]: s.noteCount[event.channel] + 1 };
      return s;
    case "CadenceSet":
      s.cadenceMinutes = event.cadenceMinutes;
      s.cadenceFollowsSeverity = event.followsSeverity;
      return s;
    case "UpdatePublished":
      s.updates = [
        ...s.updates,
        {
          id: event.updateId,
          at: event.at,
          by: event.by,
          audience: event.audience,
          text: event.text,
          impact: event.impact,
          timeline: event.timeline,
          plan: event.plan,
          nextUpdateAt: event.nextUpdateAt,
        },
      ];
      s.lastUpdateAt = event.at;
      s.promisedNextUpdateAt = event.nextUpdateAt;
      return s;
    case "WorkstreamStarted":
      s.workstreams = [
        ...s.workstreams,
        {
          id: event.workstreamId,
          name: event.name,
          lead: event.lead,
          goal: event.goal,
          timeboxMinutes: event.timeboxMinutes,
          startedAt: event.at,
          dueAt: event.dueAt,
          status: "open",
          outcome: null,
        },
      ];
      return s;
    case "WorkstreamClosed":
      s.workstreams = s.workstreams.map((w) =>
        w.id === event.workstreamId ? { ...w, status: "closed", outcome: event.outcome } : w,
      );
      return s;
    case "TaskAssigned":
      s.tasks = [
        ...s.tasks,
        {
          id: event.taskId,
          title: event.title,
          assignee: event.assignee,
          assignedBy: event.by,
          assignedAt: event.at,
          timeboxMinutes: event.timeboxMinutes,
          dueAt: event.dueAt,
          workstreamId: event.workstreamId,
          status: "assigned",
          acknowledgedAt: null,
          closedAt: null,
          outcome: null,
        },
      ];
      return s;
    case "TaskAcknowledged":
      s.tasks = s.tasks.map((t) =>
        t.id === event.taskId ? { ...t, status: "acknowledged", acknowledgedAt: event.at } : t,
      );
      return s;
    case "TaskCompleted":
      s.tasks = s.tasks.map((t) =>
        t.id === event.taskId ? { ...t, status: "done", closedAt: event.at, outcome: event.outcome } : t,
      );
      return s;
    case "TaskCancelled":
      s.tasks = s.tasks.map((t) =>
        t.id === event.taskId ? { ...t, status: "cancelled", closedAt: event.at, outcome: event.reason } : t,
      );
      return s;
    case "OptionProposed":
      s.options = [
        ...s.options,
        {
          id: event.optionId,
          title: event.title,
          description: event.description,
          attributes: event.attributes,
          proposedBy: event.proposedBy,
          proposedAt: event.at,
        },
      ];
      return s;
    case "DecisionRecorded":
      s.decisions = [
        ...s.decisions,
        {
          id: event.decisionId,
          kind: event.kind,
          title: event.title,
          chosen: event.chosen,
          rationale: event.rationale,
          alternatives: event.alternatives,
          consulted: event.consulted,
          fallback: event.fallback,
          decidedBy: event.by,
          at: event.at,
          overrideReason: event.overrideReason,
        },
      ];
      return s;
    case "ActionItemAdded":
      s.actionItems = [
        ...s.actionItems,
        {
          id: event.actionId,
          title: event.title,
          owner: event.owner,
          dueDate: event.dueDate,
          horizon: event.horizon,
          status: "open",
          createdAt: event.at,
          completedAt: null,
        },
      ];
      return s;
    case "ActionItemCompleted":
      s.actionItems = s.actionItems.map((a) =>
        a.id === event.actionId ? { ...a, status: "done", completedAt: event.at } : a,
      );
      return s;
    case "IncidentResolved":
      s.status = "resolved";
      s.resolvedAt = event.at;
      s.resolutionSummary = event.summary;
      return s;
    case "IncidentReopened":
      s.status = "investigating";
      s.resolvedAt = null;
      s.resolutionSummary = null;
      s.lastUpdateAt = event.at;
      s.promisedNextUpdateAt = null;
      return s;
    default:
      return assertNever(event);
  }
}

export function fold(events: Iterable<IncidentEvent>, from: IncidentState = null): IncidentState {
  let state = from;
  for (const event of events) state = evolve(state, event);
  return state;
}

export function assertNever(value: never): never {
  throw new Error(`unhandled variant: ${JSON.stringify(value)}`);
}
