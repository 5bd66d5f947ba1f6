/**
 * evolve(state, event) → state, pure; fold(events, from) → state. Both are built on one
 * implementation, `applyInPlace`, which changes a draft the caller owns: evolve copies
 * the state first, fold copies once and then applies a whole stream in place, so a
 * 100k-event replay costs one pass rather than one copy per event. Items inside the
 * lists are never changed in place (they are replaced), so a shallow copy of each list
 * is enough to keep the original untouched. Ends in an exhaustive `never` check.
 */
import type { IncidentEvent } from "./events.js";
import { COMMANDER_ROLE } from "./policy.js";
import type { Incident, IncidentState } from "./state.js";

export function evolve(state: IncidentState, event: IncidentEvent): IncidentState {
  return applyInPlace(state === null ? null : cloneIncident(state), event);
}

export function fold(events: Iterable<IncidentEvent>, from: IncidentState = null): IncidentState {
  let draft = from === null ? null : cloneIncident(from);
  for (const event of events) draft = applyInPlace(draft, event);
  return draft;
}

/** A copy that shares nothing mutable with the original. */
export function cloneIncident(state: Incident): Incident {
  return {
    ...state,
    services: [...state.services],
    roles: { ...state.roles },
    noteCount: { ...state.noteCount },
    updates: [...state.updates],
    workstreams: [...state.workstreams],
    tasks: [...state.tasks],
    options: [...state.options],
    decisions: [...state.decisions],
    actionItems: [...state.actionItems],
    deadlines: [...state.deadlines],
    triggers: [...state.triggers],
    remindersIssued: { ...state.remindersIssued },
  };
}

/** Applies one event to a draft the caller owns (see cloneIncident) and returns it. */
export function applyInPlace(draft: IncidentState, event: IncidentEvent): IncidentState {
  if (event.type === "IncidentDeclared") return declaredState(event);
  if (draft === null) return draft;
  const s = draft;
  s.version += 1;
  s.lastEventAt = event.at;

  switch (event.type) {
    case "SeverityChanged":
      s.severity = event.to;
      s.cadenceMinutes = event.cadenceMinutes;
      return s;
    case "RoleAssigned":
      s.roles[event.role] = { person: event.person, since: event.at };
      return s;
    case "RoleReleased":
      delete s.roles[event.role];
      return s;
    case "RoleHandedOver":
      s.roles[event.role] = { person: event.to, since: event.at };
      return s;
    case "CommandHandedOver":
      s.roles[COMMANDER_ROLE] = { person: event.to, since: event.at };
      return s;
    case "StatusChanged":
      s.status = event.to;
      return s;
    case "NoteAdded":
      s.noteCount[event.channel] += 1;
      return s;
    case "CadenceSet":
      s.cadenceMinutes = event.cadenceMinutes;
      s.cadenceFollowsSeverity = event.followsSeverity;
      return s;
    case "UpdatePublished":
      s.updates.push({
        id: event.updateId,
        at: event.at,
        by: event.by,
        audience: event.audience,
        text: event.text,
        impact: event.impact,
        timeline: event.timeline,
        plan: event.plan,
        nextUpdateAt: event.nextUpdateAt,
        findings: event.findings ?? [],
      });
      s.lastUpdateAt = event.at;
      s.promisedNextUpdateAt = event.nextUpdateAt;
      return s;
    case "WorkstreamStarted":
      s.workstreams.push({
        id: event.workstreamId,
        name: event.name,
        lead: event.lead,
        goal: event.goal,
        timeboxMinutes: event.timeboxMinutes,
        startedAt: event.at,
        dueAt: event.dueAt,
        status: "open",
        outcome: null,
      });
      return s;
    case "WorkstreamClosed":
      replaceWhere(s.workstreams, event.workstreamId, (w) => ({
        ...w,
        status: "closed" as const,
        outcome: event.outcome,
      }));
      return s;
    case "TaskAssigned":
      s.tasks.push({
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
      });
      return s;
    case "TaskAcknowledged":
      replaceWhere(s.tasks, event.taskId, (t) => ({ ...t, status: "acknowledged" as const, acknowledgedAt: event.at }));
      return s;
    case "TaskCompleted":
      replaceWhere(s.tasks, event.taskId, (t) => ({
        ...t,
        status: "done" as const,
        closedAt: event.at,
        outcome: event.outcome,
      }));
      return s;
    case "TaskCancelled":
      replaceWhere(s.tasks, event.taskId, (t) => ({
        ...t,
        status: "cancelled" as const,
        closedAt: event.at,
        outcome: event.reason,
      }));
      return s;
    case "OptionProposed":
      s.options.push({
        id: event.optionId,
        title: event.title,
        description: event.description,
        attributes: event.attributes,
        proposedBy: event.proposedBy,
        proposedAt: event.at,
      });
      return s;
    case "DecisionRecorded":
      s.decisions.push({
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
      });
      return s;
    case "ActionItemAdded":
      s.actionItems.push({
        id: event.actionId,
        title: event.title,
        owner: event.owner,
        dueDate: event.dueDate,
        horizon: event.horizon,
        status: "open",
        createdAt: event.at,
        completedAt: null,
      });
      return s;
    case "ActionItemCompleted":
      replaceWhere(s.actionItems, event.actionId, (a) => ({ ...a, status: "done" as const, completedAt: event.at }));
      return s;
    case "ReminderIssued":
      s.remindersIssued[event.reminderKey] = event.kind;
      return s;
    case "DecisionDeadlineSet":
      s.deadlines.push({
        id: event.deadlineId,
        question: event.question,
        dueAt: event.dueAt,
        setBy: event.by,
        setAt: event.at,
        status: "open",
        decisionId: null,
        closedAt: null,
      });
      return s;
    case "DecisionDeadlineClosed":
      replaceWhere(s.deadlines, event.deadlineId, (d) => ({
        ...d,
        status: event.outcome,
        decisionId: event.decisionId,
        closedAt: event.at,
      }));
      return s;
    case "TriggerSet":
      s.triggers.push({
        id: event.triggerId,
        condition: event.condition,
        action: event.action,
        dueAt: event.dueAt,
        setBy: event.by,
        setAt: event.at,
        status: "open",
        note: null,
        closedAt: null,
      });
      return s;
    case "TriggerClosed":
      replaceWhere(s.triggers, event.triggerId, (t) => ({
        ...t,
        status: event.outcome,
        note: event.note,
        closedAt: event.at,
      }));
      return s;
    case "PostmortemSaved":
      s.postmortem = {
        revision: event.revision,
        markdown: event.markdown,
        savedAt: event.at,
        savedBy: event.by,
        published: s.postmortem?.published ?? [],
      };
      return s;
    case "PostmortemPublished":
      if (s.postmortem) {
        s.postmortem = {
          ...s.postmortem,
          published: [
            ...s.postmortem.published,
            {
              version: event.publishedVersion,
              revision: event.revision,
              markdown: s.postmortem.markdown,
              at: event.at,
              by: event.by,
            },
          ],
        };
      }
      return s;
    case "ImpactEstimated":
      s.impactEstimate = {
        revenueAtRiskPerHourUsd: event.revenueAtRiskPerHourUsd,
        impactStartsAt: event.impactStartsAt,
        worseningPctPerHour: event.worseningPctPerHour,
        note: event.note,
        at: event.at,
        by: event.by,
      };
      return s;
    case "SkillNeedsSet":
      s.skillNeeds = event.needs.map((need) => ({ ...need }));
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

function declaredState(event: Extract<IncidentEvent, { type: "IncidentDeclared" }>): Incident {
  return {
    id: event.incidentId,
    title: event.title,
    severity: event.severity,
    impact: event.impact,
    usersAffectedPct: event.usersAffectedPct,
    services: [...event.services],
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
    deadlines: [],
    triggers: [],
    remindersIssued: {},
    postmortem: null,
    version: 1,
    lastEventAt: event.at,
  };
}

/** Replaces (never mutates) the item with `id`, searching from the end: recent items change most. */
function replaceWhere<T extends { id: string }>(items: T[], id: string, change: (item: T) => T): void {
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i];
    if (item !== undefined && item.id === id) {
      items[i] = change(item);
      return;
    }
  }
}

export function assertNever(value: never): never {
  throw new Error(`unhandled variant: ${JSON.stringify(value)}`);
}
