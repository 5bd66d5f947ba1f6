/**
 * The timeline is the log itself, described for people: one entry per event, each on
 * a channel. Notes keep the channel they were written on; coordination events
 * (roles, severity, decisions, tasks…) belong to `command`, published updates to
 * `stakeholder`.
 */

import type { Channel, EventType, IncidentEvent } from "./events.js";
import { assertNever } from "./evolve.js";
import { describeEstimate } from "./impact-estimate.js";

export interface TimelineEntry {
  version: number;
  /** Global position in the store; the SSE id. */
  position: number;
  at: string;
  by: string;
  type: EventType;
  channel: Channel;
  text: string;
}

export function channelOf(event: IncidentEvent): Channel {
  if (event.type === "NoteAdded") return event.channel;
  if (event.type === "UpdatePublished") return "stakeholder";
  return "command";
}

export function describe(event: IncidentEvent): string {
  switch (event.type) {
    case "IncidentDeclared":
      return `Declared ${event.severity} "${event.title}"${event.mode === "drill" ? " (drill)" : ""}; Incident Commander: ${event.commander}${event.impact ? `. Impact: ${event.impact}` : ""}`;
    case "SeverityChanged":
      return `Severity ${event.from} → ${event.to}: ${event.reason}`;
    case "RoleAssigned":
      return `${event.person} is ${event.role}`;
    case "RoleReleased":
      return `${event.person} released ${event.role}${event.reason ? `: ${event.reason}` : ""}`;
    case "RoleHandedOver":
      return `${event.role} handed over ${event.from} → ${event.to}${event.briefing ? `. Briefing: ${event.briefing}` : ""}`;
    case "CommandHandedOver":
      return `Command handed over ${event.from} → ${event.to}; ${event.to} is now Incident Commander${event.briefing ? `. Briefing: ${event.briefing}` : ""}${event.overrideReason ? ` (override: ${event.overrideReason})` : ""}`;
    case "StatusChanged":
      return `Status ${event.from} → ${event.to}${event.note ? `: ${event.note}` : ""}`;
    case "NoteAdded":
      return event.text;
    case "CadenceSet":
      return event.cadenceMinutes === null
        ? "Update cadence turned off"
        : `Updates every ${event.cadenceMinutes} min${event.followsSeverity ? " (follows severity)" : ""}`;
    case "UpdatePublished":
      return `Update ${event.updateId} to ${event.audience}: ${event.text}${event.nextUpdateAt ? ` (next update ${clockTime(event.nextUpdateAt)})` : ""}`;
    case "WorkstreamStarted":
      return `Workstream ${event.workstreamId} "${event.name}" led by ${event.lead}, ${event.timeboxMinutes} min: ${event.goal}`;
    case "WorkstreamClosed":
      return `Workstream ${event.workstreamId} closed${event.outcome ? `: ${event.outcome}` : ""}`;
    case "TaskAssigned":
      return `${event.taskId} → ${event.assignee} (${event.timeboxMinutes} min): ${event.title}`;
    case "TaskAcknowledged":
      return `${event.taskId} acknowledged`;
    case "TaskCompleted":
      return `${event.taskId} done${event.outcome ? `: ${event.outcome}` : ""}`;
    case "TaskCancelled":
      return `${event.taskId} cancelled${event.reason ? `: ${event.reason}` : ""}`;
    case "OptionProposed":
      return `Option ${event.optionId} proposed by ${event.proposedBy}: ${event.title}`;
    case "DecisionRecorded":
      return `Decision ${event.decisionId} (${event.kind}): ${event.title}. Rationale: ${event.rationale}${event.fallback ? `. Fallback: ${event.fallback}` : ""}${event.overrideReason ? ` (override: ${event.overrideReason})` : ""}`;
    case "ActionItemAdded":
      return `Action item ${event.actionId} (${event.horizon}) → ${event.owner}: ${event.title}`;
    case "ActionItemCompleted":
      return `Action item ${event.actionId} done`;
    case "ReminderIssued":
      return `Reminder: ${event.message}`;
    case "DecisionDeadlineSet":
      return `Decision deadline ${event.deadlineId}: decide by ${clockTime(event.dueAt)}: ${event.question}`;
    case "DecisionDeadlineClosed":
      return event.outcome === "decided"
        ? `Decision deadline ${event.deadlineId} met by ${event.decisionId ?? "a decision"}`
        : `Decision deadline ${event.deadlineId} cancelled`;
    case "TriggerSet":
      return `Trigger ${event.triggerId}: if ${event.condition} by ${clockTime(event.dueAt)}, ${event.action}`;
    case "TriggerClosed":
      return `Trigger ${event.triggerId} ${event.outcome}${event.note ? `: ${event.note}` : ""}`;
    case "PostmortemSaved":
      return `Postmortem revision ${event.revision} saved`;
    case "PostmortemPublished":
      return `Postmortem published as version ${event.publishedVersion} (revision ${event.revision})`;
    case "ImpactEstimated":
      return describeEstimate(event);
    case "SkillNeedsSet":
      return event.needs.length === 0
        ? "Skill needs cleared"
        : `Needs ${event.needs.map((n) => `${n.count} ${n.skill}`).join(", ")}`;
    case "IncidentResolved":
      return `Resolved: ${event.summary}`;
    case "IncidentReopened":
      return `Reopened: ${event.reason}`;
    default:
      return assertNever(event);
  }
}

export function toTimelineEntry(event: IncidentEvent, version: number, position: number): TimelineEntry {
  return {
    version,
    position,
    at: event.at,
    by: event.by,
    type: event.type,
    channel: channelOf(event),
    text: describe(event),
  };
}

/** "2026-03-07T02:30:00.000Z" → "02:30 UTC": readable on the timeline, still unambiguous. */
export function clockTime(iso: string): string {
  return `${iso.slice(11, 16)} UTC`;
}
