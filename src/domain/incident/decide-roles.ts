/** Role rules: one holder per role, the commander role never empty, handover explicit. */
import { fail } from "../shared/errors.js";
import type { CommandContext, CommandMap } from "./commands.js";
import type { IncidentEvent } from "./events.js";
import { optionalText, requireKnownRole, requireNamedPerson } from "./guards.js";
import { COMMANDER_ROLE, type IncidentPolicy } from "./policy.js";
import type { Incident } from "./state.js";

type RoleCommand = CommandMap["assign-role"] | CommandMap["release-role"] | CommandMap["hand-over-role"];

export function decideRoleChange(
  command: RoleCommand,
  incident: Incident,
  ctx: CommandContext,
  policy: IncidentPolicy,
): IncidentEvent[] {
  const stamp = { at: ctx.now, by: ctx.actor };
  requireKnownRole(policy, command.role);
  const holder = incident.roles[command.role];

  switch (command.type) {
    case "assign-role":
      requireNamedPerson(command.person, "person");
      if (holder?.person === command.person) {
        fail("role.already_held", `${command.person} already holds ${command.role}`, "person");
      }
      if (holder) {
        fail(
          "role.already_held",
          `${command.role} is held by ${holder.person}; hand it over instead of assigning it again`,
          "role",
        );
      }
      return [{ ...stamp, type: "RoleAssigned", role: command.role, person: command.person }];
    case "release-role":
      if (!holder) fail("role.not_held", `nobody holds ${command.role} on ${incident.id}`, "role");
      if (command.role === COMMANDER_ROLE) {
        fail("role.commander_required", "an incident always has a commander: hand command over instead", "role");
      }
      return [
        {
          ...stamp,
          type: "RoleReleased",
          role: command.role,
          person: holder.person,
          reason: optionalText(command.reason, "reason", policy),
        },
      ];
    case "hand-over-role": {
      if (!holder) fail("role.not_held", `nobody holds ${command.role}; assign it instead`, "role");
      requireNamedPerson(command.to, "to");
      if (holder.person === command.to) fail("role.already_held", `${command.to} already holds ${command.role}`, "to");
      const briefing = optionalText(command.briefing, "briefing", policy);
      if (command.role !== COMMANDER_ROLE) {
        return [
          { ...stamp, type: "RoleHandedOver", role: command.role, from: holder.person, to: command.to, briefing },
        ];
      }
      // Transfer of command is explicit: the outgoing commander hands over. Anyone else
      // taking command (a senior arriving, the IC unreachable) must say why.
      const overrideReason = optionalText(command.overrideReason, "overrideReason", policy);
      if (ctx.actor !== holder.person && overrideReason === null) {
        fail(
          "role.not_authorised",
          `only the current commander (${holder.person}) can hand over command; give overrideReason to take it anyway`,
          "actor",
        );
      }
      return [{ ...stamp, type: "CommandHandedOver", from: holder.person, to: command.to, briefing, overrideReason }];
    }
  }
}
