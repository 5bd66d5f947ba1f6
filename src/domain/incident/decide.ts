/**
 * decide(command, state, context, policy) → events. Pure: time, ids and the actor come
 * in the context; it either returns the events to append or throws a WarroomError with
 * a closed code. It never returns an empty list: a command that changes nothing is an
 * error, so callers always know whether something happened.
 */
import { fail } from "../shared/errors.js";
import type { CommandContext, IncidentCommand } from "./commands.js";
import { decideComms } from "./decide-comms.js";
import { decideDecision } from "./decide-decision.js";
import { decideImpact } from "./decide-impact.js";
import { decideRoleChange } from "./decide-roles.js";
import { decideWork } from "./decide-work.js";
import type { IncidentEvent } from "./events.js";
import { assertNever } from "./evolve.js";
import { optionalText, requireIncident, requireNamedPerson, requireOpen, requireText, requireTitle } from "./guards.js";
import type { IncidentPolicy } from "./policy.js";
import type { IncidentState } from "./state.js";

export function decide(
  command: IncidentCommand,
  state: IncidentState,
  ctx: CommandContext,
  policy: IncidentPolicy,
): IncidentEvent[] {
  const stamp = { at: ctx.now, by: ctx.actor };

  if (command.type === "declare") {
    if (state !== null) fail("stream.version_conflict", `${ctx.incidentId} already exists`, "incidentId");
    const commander = command.commander ? requireNamedPerson(command.commander, "commander") : ctx.actor;
    return [
      {
        ...stamp,
        type: "IncidentDeclared",
        incidentId: ctx.incidentId,
        title: requireTitle(command.title, policy),
        severity: command.severity,
        impact: optionalText(command.impact, "impact", policy) ?? "",
        usersAffectedPct: command.usersAffectedPct ?? null,
        services: [...new Set(command.services)],
        mode: command.mode,
        private: command.private,
        commander,
        cadenceMinutes: policy.severities[command.severity].cadenceMinutes,
      },
    ];
  }

  const incident = requireIncident(state, ctx.incidentId);
  switch (command.type) {
    case "change-severity": {
      requireOpen(incident, "change its severity");
      if (command.severity === incident.severity) {
        fail("severity.unchanged", `${incident.id} is already ${incident.severity}`, "severity");
      }
      const cadenceMinutes = incident.cadenceFollowsSeverity
        ? policy.severities[command.severity].cadenceMinutes
        : incident.cadenceMinutes;
      return [
        {
          ...stamp,
          type: "SeverityChanged",
          from: incident.severity,
          to: command.severity,
          reason: requireText(command.reason, "reason", policy),
          cadenceMinutes,
        },
      ];
    }
    case "assign-role":
    case "release-role":
    case "hand-over-role":
      return decideRoleChange(command, incident, ctx, policy);
    case "change-status": {
      if (command.status === "resolved") {
        fail("status.use_resolve", "resolve the incident with a summary (the resolve command)", "status");
      }
      requireOpen(incident, "change its status");
      if (command.status === incident.status) {
        fail("status.unchanged", `${incident.id} is already ${incident.status}`, "status");
      }
      return [
        {
          ...stamp,
          type: "StatusChanged",
          from: incident.status,
          to: command.status,
          note: optionalText(command.note, "note", policy),
        },
      ];
    }
    case "add-note":
      return [
        { ...stamp, type: "NoteAdded", channel: command.channel, text: requireText(command.text, "text", policy) },
      ];
    case "set-cadence": {
      if (command.followSeverity && command.minutes !== undefined) {
        fail("cadence.invalid", "give either minutes or followSeverity, not both", "minutes");
      }
      if (command.followSeverity) {
        const cadenceMinutes = policy.severities[incident.severity].cadenceMinutes;
        return [{ ...stamp, type: "CadenceSet", cadenceMinutes, followsSeverity: true }];
      }
      if (command.minutes === undefined) {
        fail(
          "cadence.invalid",
          "give minutes between updates, null to turn the cadence off, or followSeverity",
          "minutes",
        );
      }
      return [{ ...stamp, type: "CadenceSet", cadenceMinutes: command.minutes, followsSeverity: false }];
    }
    case "publish-update":
    case "issue-reminders":
    case "set-decision-deadline":
    case "close-decision-deadline":
    case "set-trigger":
    case "close-trigger":
    case "save-postmortem":
    case "publish-postmortem":
      return decideComms(command, incident, ctx, policy);
    case "start-workstream":
    case "close-workstream":
    case "assign-task":
    case "acknowledge-task":
    case "complete-task":
    case "cancel-task":
    case "add-action-item":
    case "complete-action-item":
      return decideWork(command, incident, ctx, policy);
    case "propose-option":
    case "record-decision":
      return decideDecision(command, incident, ctx, policy);
    case "set-impact-estimate":
    case "set-skill-needs":
      return decideImpact(command, incident, ctx, policy);
    case "resolve":
      requireOpen(incident, "resolve it again");
      return [{ ...stamp, type: "IncidentResolved", summary: requireText(command.summary, "summary", policy) }];
    case "reopen":
      if (incident.status !== "resolved") {
        fail("incident.not_resolved", `${incident.id} is not resolved (it is ${incident.status})`, "status");
      }
      return [{ ...stamp, type: "IncidentReopened", reason: requireText(command.reason, "reason", policy) }];
    default:
      return assertNever(command);
  }
}
