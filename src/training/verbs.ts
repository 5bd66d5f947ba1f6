/**
 * From a trainee's verb and fields to the one domain command the CLI would send, built
 * at the moment the action runs (times such as `next: +15m` are read against the virtual
 * clock). Durations and percentages go through the CLI's own parsers.
 */
import { normaliseSeverity, parseMinutes, parsePercent, parseWhen } from "../cli/parse.js";
import { parseDuration, parseLevel, parseUsd } from "../domain/decision-support/index.js";
import { WarroomError } from "../domain/shared/errors.js";
import type { Intent, Verb, VerbFields } from "./verb-fields.js";

export { FIELD_ALIASES, type Intent, isVerb, VERB_FIELDS, VERBS, type Verb, type VerbFields } from "./verb-fields.js";

function bad(field: string, message: string): never {
  throw new WarroomError("validation.failed", `${field}: ${message}`, [{ field, message }]);
}

function need<T>(value: T | undefined, field: string, why: string): T {
  if (value === undefined || value === "") bad(field, why);
  return value;
}

const some = <K extends string, V>(key: K, value: V | undefined) =>
  (value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;

/** "+15m", "15m" → relative; "02:30" → the next such time on the virtual clock (UTC); or an ISO time. */
export function resolveWhen(value: string, nowMs: number, field: string): string {
  const textValue = value.trim();
  const clock = /^(\d{1,2}):(\d{2})$/.exec(textValue);
  if (clock) {
    const at = new Date(nowMs);
    at.setUTCHours(Number(clock[1]), Number(clock[2]), 0, 0);
    if (at.getTime() <= nowMs) at.setUTCDate(at.getUTCDate() + 1);
    return at.toISOString();
  }
  if (/^\d/.test(textValue) && !/^\d{4}-/.test(textValue)) return parseWhen(`+${textValue}`, nowMs, field);
  return parseWhen(textValue, nowMs, field);
}

/** A deadline's or trigger's time: relative whole minutes stay relative (timed by the app's clock). */
function dueFields(value: string | undefined, nowMs: number, field: string) {
  const raw = need(value, field, "say when: 02:15, +10m or 10m");
  const relative = /^\+?(\d[\dhm.]*)$/i.exec(raw.trim());
  if (relative?.[1]) {
    const minutes = parseMinutes(relative[1], field);
    if (Number.isInteger(minutes)) return { inMinutes: minutes };
  }
  return { by: resolveWhen(raw, nowMs, field) };
}

const level = (value: string) => parseLevel(value) ?? value.trim().toLowerCase();
const minutes = (value: string | undefined, field: string) =>
  value === undefined ? {} : { timeboxMinutes: parseMinutes(value, field) };

function optionAttributes(o: VerbFields<"option">): Record<string, unknown> {
  const a: Record<string, unknown> = {};
  if (o.time !== undefined) a.timeToCompleteMinutes = parseMinutes(o.time, "time");
  if (o.dataLoss !== undefined) a.dataLoss = o.dataLoss;
  if (o.risk !== undefined) a.risk = level(o.risk);
  if (o.userImpact !== undefined) a.userImpact = o.userImpact;
  if (o.success !== undefined) a.likelihoodOfSuccess = parsePercent(o.success, "success");
  if (o.cost !== undefined) a.cost = o.cost;
  if (o.revenue !== undefined) {
    a.revenueImpact = o.revenue;
    const usd = parseUsd(o.revenue);
    if (usd !== null) a.revenueImpactUsd = usd;
  }
  if (o.recovery !== undefined) {
    const value = parseDuration(o.recovery);
    if (value === null) bad("recovery", `'${o.recovery}' is not a duration: use 8h, 90m, 3d or '8 hours'`);
    a.recoveryTimeMinutes = value;
  }
  if (o.reputation !== undefined) a.reputation = level(o.reputation);
  if (o.legalRisk !== undefined) a.legalRisk = level(o.legalRisk);
  return a;
}

/** The intent of a validated action at virtual time `nowMs`; throws `validation.failed` naming the field. */
export function intentOf(verb: Verb, fields: Record<string, unknown>, nowMs: number): Intent {
  const cmd = (type: string, body: Record<string, unknown>): Intent => ({
    kind: "command",
    command: { type, ...body },
  });
  switch (verb) {
    case "say": {
      const v = fields as VerbFields<"say">;
      return { kind: "say", text: v.text, channel: v.channel };
    }
    case "ask": {
      const v = fields as VerbFields<"ask">;
      return { kind: "ask", to: v.to.replace(/^@/, ""), text: v.text };
    }
    case "declare": {
      const v = fields as VerbFields<"declare">;
      return cmd("declare", {
        title: v.title,
        severity: normaliseSeverity(v.severity),
        ...some("impact", v.impact),
        ...(v.usersPct === undefined ? {} : { usersAffectedPct: parsePercent(v.usersPct, "usersPct") }),
        ...some("services", v.services),
        ...some("commander", v.commander?.replace(/^@/, "")),
        ...(v.private ? { private: true } : {}),
        mode: "drill",
      });
    }
    case "sev": {
      const v = fields as VerbFields<"sev">;
      return cmd("change-severity", { severity: normaliseSeverity(v.severity), reason: v.reason });
    }
    case "status": {
      const v = fields as VerbFields<"status">;
      return cmd("change-status", { status: v.status, ...some("note", v.note) });
    }
    case "assign": {
      const v = fields as VerbFields<"assign">;
      return cmd("assign-role", { role: v.role, person: v.person });
    }
    case "release": {
      const v = fields as VerbFields<"release">;
      return cmd("release-role", { role: v.role, ...some("reason", v.reason) });
    }
    case "handover": {
      const v = fields as VerbFields<"handover">;
      return cmd("hand-over-role", {
        role: v.role ?? "incident-commander",
        to: v.to,
        ...some("briefing", v.briefing),
        ...some("overrideReason", v.override),
      });
    }
    case "note": {
      const v = fields as VerbFields<"note">;
      return cmd("add-note", { channel: v.channel, text: v.text });
    }
    case "update": {
      const v = fields as VerbFields<"update">;
      return cmd("publish-update", {
        audience: v.audience,
        text: v.text,
        ...some("impact", v.impact),
        ...some("timeline", v.timeline),
        ...some("plan", v.plan),
        ...(v.next === undefined ? {} : { nextUpdateAt: resolveWhen(v.next, nowMs, "next") }),
        ...(v.strict ? { strict: true } : {}),
      });
    }
    case "cadence": {
      const value = (fields as VerbFields<"cadence">).cadence.trim().toLowerCase();
      if (value === "off") return cmd("set-cadence", { minutes: null });
      if (value === "severity") return cmd("set-cadence", { followSeverity: true });
      return cmd("set-cadence", { minutes: parseMinutes(value, "cadence") });
    }
    case "workstream": {
      const v = fields as VerbFields<"workstream">;
      if (v.close !== undefined)
        return cmd("close-workstream", { workstreamId: v.close, ...some("outcome", v.outcome) });
      return cmd("start-workstream", {
        name: need(v.name, "name", "name the workstream (or give close: W1)"),
        lead: need(v.lead, "lead", "name its lead"),
        goal: need(v.goal, "goal", "say what it must achieve"),
        ...minutes(v.timebox, "timebox"),
      });
    }
    case "task": {
      const v = fields as VerbFields<"task">;
      if (v.action === "add") {
        return cmd("assign-task", {
          title: need(v.title, "title", "say what to do"),
          assignee: need(v.to, "to", "name one person to do it"),
          ...minutes(v.timebox, "timebox"),
          ...some("workstreamId", v.workstream),
        });
      }
      const taskId = need(v.task, "task", `say which task to ${v.action}, e.g. task: T1`);
      if (v.action === "ack") return cmd("acknowledge-task", { taskId });
      if (v.action === "done") return cmd("complete-task", { taskId, ...some("outcome", v.outcome) });
      return cmd("cancel-task", { taskId, ...some("reason", v.reason) });
    }
    case "option": {
      const v = fields as VerbFields<"option">;
      return cmd("propose-option", {
        title: v.title,
        attributes: optionAttributes(v),
        ...some("description", v.description),
        ...some("proposedBy", v.proposedBy),
      });
    }
    case "decide": {
      const v = fields as VerbFields<"decide">;
      if (v.choose.length === 0) bad("choose", "choose at least one option, e.g. choose: D or choose: [C, A]");
      return cmd("record-decision", {
        kind: v.kind,
        chosen: v.choose.map((id) => id.toUpperCase()),
        rationale: v.rationale,
        ...some("consulted", v.consulted),
        ...some("fallback", v.fallback),
        ...some("alternatives", v.alternatives),
        ...some("overrideReason", v.override),
        ...some("title", v.title),
        ...some("deadlineId", v.deadline),
      });
    }
    case "deadline": {
      const v = fields as VerbFields<"deadline">;
      if (v.close !== undefined) return cmd("close-decision-deadline", { deadlineId: v.close });
      return cmd("set-decision-deadline", {
        question: need(v.question, "question", "say what must be decided"),
        ...dueFields(v.by, nowMs, "by"),
      });
    }
    case "trigger": {
      const v = fields as VerbFields<"trigger">;
      if (v.close !== undefined) {
        return cmd("close-trigger", {
          triggerId: v.close,
          outcome: need(v.outcome, "outcome", "fired, averted or cancelled"),
          ...some("note", v.note),
        });
      }
      return cmd("set-trigger", {
        condition: need(v.condition, "condition", "say what to check (condition, or if)"),
        action: need(v.action, "action", "say what to do then (action, or then)"),
        ...dueFields(v.by, nowMs, "by"),
      });
    }
    case "action": {
      const v = fields as VerbFields<"action">;
      if (v.action === "done")
        return cmd("complete-action-item", { actionId: need(v.item, "item", "e.g. item: AI-1") });
      return cmd("add-action-item", {
        title: need(v.title, "title", "say what must happen"),
        owner: need(v.owner, "owner", "name its owner"),
        ...some("horizon", v.horizon),
        ...some("dueDate", v.due),
      });
    }
    case "resolve":
      return cmd("resolve", { summary: (fields as VerbFields<"resolve">).summary });
    case "reopen":
      return cmd("reopen", { reason: (fields as VerbFields<"reopen">).reason });
    case "postmortem":
      return cmd("save-postmortem", { markdown: (fields as VerbFields<"postmortem">).markdown });
    default: {
      const never: never = verb;
      return bad("do", `unknown verb ${String(never)}`);
    }
  }
}
