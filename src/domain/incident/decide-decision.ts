/**
 * Options and decisions. A decision's kind fixes who may make it (the handbook's
 * authority framework): technical → the Tech Lead; trade-off → the Incident Commander;
 * business → the Incident Commander after consulting the executive stakeholder.
 * Anyone else is refused unless the decision carries an override reason, which is kept.
 */
import { fail } from "../shared/errors.js";
import type { CommandContext, CommandMap } from "./commands.js";
import type { IncidentEvent, OptionAttributes } from "./events.js";
import { checkLength, optionalText, optionLetter, requireOpen, requireText } from "./guards.js";
import { COMMANDER_ROLE, EXEC_ROLE, type IncidentPolicy, TECH_LEAD_ROLE } from "./policy.js";
import type { Incident } from "./state.js";

type DecisionCommand = CommandMap["propose-option"] | CommandMap["record-decision"];

export function decideDecision(
  command: DecisionCommand,
  incident: Incident,
  ctx: CommandContext,
  policy: IncidentPolicy,
): IncidentEvent[] {
  const stamp = { at: ctx.now, by: ctx.actor };
  if (command.type === "propose-option") {
    requireOpen(incident, "propose an option");
    const extras = command.attributes.extras;
    return [
      {
        ...stamp,
        type: "OptionProposed",
        optionId: optionLetter(incident.options.length),
        title: requireText(command.title, "title", policy),
        description: optionalText(command.description, "description", policy),
        attributes: limitAttributes(
          extras && Object.keys(extras).length === 0
            ? { ...command.attributes, extras: undefined }
            : command.attributes,
          policy,
        ),
        proposedBy: command.proposedBy ?? ctx.actor,
      },
    ];
  }

  requireOpen(incident, "record a decision");
  const chosen = command.chosen.map((id) => id.trim().toUpperCase());
  if (incident.options.length === 0) {
    fail("decision.no_options", `${incident.id} has no options yet: propose them before deciding`, "chosen");
  }
  for (const id of chosen) {
    if (!incident.options.some((o) => o.id === id)) {
      const known = incident.options.map((o) => o.id).join(", ");
      fail("option.not_found", `option ${id} does not exist on ${incident.id} (options: ${known})`, "chosen");
    }
  }
  if (new Set(chosen).size !== chosen.length) {
    fail("decision.invalid", "an option appears twice in chosen; a hybrid lists each option once, in order", "chosen");
  }
  const consulted = [...new Set(command.consulted)];
  const overrideReason = optionalText(command.overrideReason, "overrideReason", policy);
  const refusal = authorityProblem(command.kind, incident, ctx.actor, consulted);
  if (refusal && overrideReason === null) {
    fail("decision.not_authorised", `${refusal}; or give overrideReason to record it anyway`, "actor");
  }
  const deadline = command.deadlineId === undefined ? undefined : openDeadline(incident, command.deadlineId);
  const decisionId = `D${incident.decisions.length + 1}`;
  const closesDeadline = (): IncidentEvent[] =>
    deadline
      ? [{ ...stamp, type: "DecisionDeadlineClosed", deadlineId: deadline.id, outcome: "decided", decisionId }]
      : [];
  const alternatives =
    command.alternatives?.map((text, i) => requireText(text, `alternatives.${i}`, policy)) ??
    incident.options.map((o) => o.id).filter((id) => !chosen.includes(id));
  const titles = chosen.map((id) => incident.options.find((o) => o.id === id)?.title ?? id);
  return [
    {
      ...stamp,
      type: "DecisionRecorded",
      decisionId,
      kind: command.kind,
      title: optionalText(command.title, "title", policy) ?? titles.join(", then "),
      chosen,
      rationale: requireText(command.rationale, "rationale", policy),
      alternatives,
      consulted,
      fallback: optionalText(command.fallback, "fallback", policy),
      overrideReason,
    },
    ...closesDeadline(),
  ];
}

function openDeadline(incident: Incident, id: string) {
  const deadline = incident.deadlines.find((d) => d.id === id.trim().toUpperCase());
  if (!deadline) fail("deadline.not_found", `no decision deadline ${id} on ${incident.id}`, "deadlineId");
  if (deadline.status !== "open") fail("deadline.closed", `${deadline.id} is already ${deadline.status}`, "deadlineId");
  return deadline;
}

/** Free-text attributes obey the same byte limit as every other text field. */
function limitAttributes(attributes: OptionAttributes, policy: IncidentPolicy): OptionAttributes {
  for (const field of ["dataLoss", "userImpact", "cost"] as const) {
    const value = attributes[field];
    if (value !== undefined) checkLength(value, `attributes.${field}`, policy);
  }
  for (const [key, value] of Object.entries(attributes.extras ?? {})) {
    checkLength(key, `attributes.extras.${key}`, policy);
    if (typeof value === "string") checkLength(value, `attributes.extras.${key}`, policy);
  }
  return attributes;
}

/** Why `actor` may not make a decision of `kind` here, or null when they may. */
export function authorityProblem(
  kind: CommandMap["record-decision"]["kind"],
  incident: Incident,
  actor: string,
  consulted: string[],
): string | null {
  const commander = incident.roles[COMMANDER_ROLE]?.person;
  switch (kind) {
    case "technical": {
      const techLead = incident.roles[TECH_LEAD_ROLE]?.person;
      if (!techLead) return "a technical decision is the Tech Lead's, and nobody holds tech-lead: assign one";
      return actor === techLead ? null : `a technical decision is made by the Tech Lead (${techLead}), not ${actor}`;
    }
    case "trade-off":
      return actor === commander
        ? null
        : `a trade-off decision is made by the Incident Commander (${commander}), not ${actor}`;
    case "business": {
      if (actor !== commander) {
        return `a business decision is made by the Incident Commander (${commander}), not ${actor}`;
      }
      const exec = incident.roles[EXEC_ROLE]?.person;
      if (!exec)
        return "a business decision needs the executive stakeholder consulted, and nobody holds exec-stakeholder";
      return consulted.includes(exec)
        ? null
        : `a business decision must list the executive stakeholder (${exec}) in consulted`;
    }
  }
}
