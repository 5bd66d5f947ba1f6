/**
 * Communications and the clocks around a decision: published updates (linted by the
 * text analyser, refused under `strict` when an error is found), reminders, decision
 * deadlines, triggers ("if X by T, do Y") and the postmortem's revisions.
 */
import { analyse } from "../analysis/index.js";
import { fail, WarroomError } from "../shared/errors.js";
import type { CommandContext, CommandMap } from "./commands.js";
import { type IncidentEvent, type StoredFinding, toStoredFinding } from "./events.js";
import { addMinutes, optionalText, requireOpen, requireText } from "./guards.js";
import type { IncidentPolicy } from "./policy.js";
import { dueReminders } from "./reminders.js";
import type { Incident } from "./state.js";
import { clockTime } from "./timeline.js";

type CommsCommand =
  | CommandMap["publish-update"]
  | CommandMap["issue-reminders"]
  | CommandMap["set-decision-deadline"]
  | CommandMap["close-decision-deadline"]
  | CommandMap["set-trigger"]
  | CommandMap["close-trigger"]
  | CommandMap["save-postmortem"]
  | CommandMap["publish-postmortem"];

export function decideComms(
  command: CommsCommand,
  incident: Incident,
  ctx: CommandContext,
  policy: IncidentPolicy,
): IncidentEvent[] {
  const stamp = { at: ctx.now, by: ctx.actor };
  switch (command.type) {
    case "publish-update": {
      const nextUpdateAt = command.nextUpdateAt ? new Date(command.nextUpdateAt).toISOString() : null;
      if (nextUpdateAt !== null && Date.parse(nextUpdateAt) <= Date.parse(ctx.now)) {
        fail("update.invalid", "nextUpdateAt must be in the future", "nextUpdateAt");
      }
      const text = requireText(command.text, "text", policy);
      const impact = optionalText(command.impact, "impact", policy);
      const timeline = optionalText(command.timeline, "timeline", policy);
      const plan = optionalText(command.plan, "plan", policy);
      const findings = lintUpdate(
        composeUpdate({ text, impact, timeline, plan, nextUpdateAt }),
        command.audience,
        ctx.now,
      );
      const errors = findings.filter((f) => f.severity === "error");
      if (command.strict && errors.length > 0) {
        throw new WarroomError(
          "update.lint_failed",
          `not published: ${errors.length} problem${errors.length === 1 ? "" : "s"} for a ${command.audience} audience (${errors.map((f) => f.rule).join(", ")})`,
          errors.map((f) => ({
            field: "text",
            message: `${f.rule}: ${f.message}${f.excerpt ? ` ("${f.excerpt}")` : ""}`,
          })),
        );
      }
      return [
        {
          ...stamp,
          type: "UpdatePublished",
          updateId: `U${incident.updates.length + 1}`,
          audience: command.audience,
          text,
          impact,
          timeline,
          plan,
          nextUpdateAt,
          findings,
        },
      ];
    }
    case "issue-reminders": {
      const due = dueReminders(incident, ctx.now);
      if (due.length === 0) fail("reminder.none_due", `no reminder is due on ${incident.id}`);
      return due.map((reminder) => ({ ...stamp, type: "ReminderIssued", ...reminder }));
    }
    case "set-decision-deadline": {
      requireOpen(incident, "set a decision deadline");
      return [
        {
          ...stamp,
          type: "DecisionDeadlineSet",
          deadlineId: `DL${incident.deadlines.length + 1}`,
          question: requireText(command.question, "question", policy),
          dueAt: dueTime(command, ctx.now),
        },
      ];
    }
    case "close-decision-deadline": {
      const deadline = findOpen(incident.deadlines, command.deadlineId, "deadline", incident.id);
      return [
        { ...stamp, type: "DecisionDeadlineClosed", deadlineId: deadline.id, outcome: "cancelled", decisionId: null },
      ];
    }
    case "set-trigger": {
      requireOpen(incident, "set a trigger");
      return [
        {
          ...stamp,
          type: "TriggerSet",
          triggerId: `TR${incident.triggers.length + 1}`,
          condition: requireText(command.condition, "condition", policy),
          action: requireText(command.action, "action", policy),
          dueAt: dueTime(command, ctx.now),
        },
      ];
    }
    case "close-trigger": {
      const trigger = findOpen(incident.triggers, command.triggerId, "trigger", incident.id);
      return [
        {
          ...stamp,
          type: "TriggerClosed",
          triggerId: trigger.id,
          outcome: command.outcome,
          note: optionalText(command.note, "note", policy),
        },
      ];
    }
    case "save-postmortem": {
      const current = incident.postmortem?.revision ?? 0;
      if (command.baseRevision !== undefined && command.baseRevision !== current) {
        fail(
          "postmortem.stale_revision",
          `the postmortem is at revision ${current}, not ${command.baseRevision}: someone saved meanwhile; reload and merge`,
          "baseRevision",
        );
      }
      const markdown = requireText(command.markdown, "markdown", policy);
      if (markdown === incident.postmortem?.markdown) {
        fail("validation.failed", "the postmortem text is unchanged", "markdown");
      }
      return [{ ...stamp, type: "PostmortemSaved", revision: current + 1, markdown }];
    }
    case "publish-postmortem": {
      const postmortem = incident.postmortem;
      if (!postmortem) fail("postmortem.not_found", `save a postmortem for ${incident.id} before publishing it`);
      if (incident.status !== "resolved") {
        fail(
          "incident.not_resolved",
          `${incident.id} is ${incident.status}: resolve it before publishing its postmortem`,
        );
      }
      const last = postmortem.published[postmortem.published.length - 1];
      if (last?.revision === postmortem.revision) {
        fail("validation.failed", `revision ${postmortem.revision} is already published as version ${last.version}`);
      }
      return [
        {
          ...stamp,
          type: "PostmortemPublished",
          publishedVersion: postmortem.published.length + 1,
          revision: postmortem.revision,
        },
      ];
    }
  }
}

/** The message as its readers get it: the structured parts around the text. */
export function composeUpdate(parts: {
  text: string;
  impact: string | null;
  timeline: string | null;
  plan: string | null;
  nextUpdateAt: string | null;
}): string {
  const lines = [
    parts.impact ? `Impact: ${parts.impact}.` : null,
    parts.text,
    parts.timeline ? `Timeline: ${parts.timeline}.` : null,
    parts.plan ? `Plan: ${parts.plan}.` : null,
    parts.nextUpdateAt ? `Next update at ${clockTime(parts.nextUpdateAt)}.` : null,
  ];
  return lines.filter((line): line is string => line !== null).join("\n");
}

export function lintUpdate(
  text: string,
  audience: CommandMap["publish-update"]["audience"],
  now: string,
): StoredFinding[] {
  return analyse(text, audience, { now }).findings.map(toStoredFinding);
}

function dueTime(command: { by?: string | undefined; inMinutes?: number | undefined }, now: string): string {
  if ((command.by === undefined) === (command.inMinutes === undefined)) {
    fail("validation.failed", "give exactly one of by (a time) or inMinutes", "by");
  }
  const dueAt = command.by !== undefined ? new Date(command.by).toISOString() : addMinutes(now, command.inMinutes ?? 0);
  if (Date.parse(dueAt) <= Date.parse(now)) fail("validation.failed", "the time must be in the future", "by");
  return dueAt;
}

function findOpen<T extends { id: string; status: string }>(
  items: T[],
  id: string,
  kind: "deadline" | "trigger",
  incidentId: string,
): T {
  const wanted = id.trim().toUpperCase();
  const item = items.find((i) => i.id === wanted);
  if (!item) fail(`${kind}.not_found`, `no ${kind} ${id} on ${incidentId}`, `${kind}Id`);
  if (item.status !== "open") fail(`${kind}.closed`, `${item.id} is already ${item.status}`, `${kind}Id`);
  return item;
}
