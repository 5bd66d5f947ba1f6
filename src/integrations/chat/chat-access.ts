/**
 * Chat runs commands with the same permissions as the HTTP API. Once a request is verified
 * and its chat user linked to a person, it acts as that person with the highest role among
 * their live API tokens; a linked person without a token acts as a responder (being in the
 * directory and linked in chat is what makes someone a responder there). A commander's
 * command (severity, roles, resolve…) then needs the commander role, or being the
 * incident's current commander, exactly as over HTTP.
 */
import type { Principal } from "../../app/auth/principal.js";
import { currentPrincipal } from "../../app/auth/principal.js";
import type { WarroomApp } from "../../app/warroom-app.js";
import { type Role, roleRank } from "../../domain/people/roles.js";
import { WarroomError } from "../../domain/shared/errors.js";
import { mayRunCommand } from "../../http/auth.js";
import { COMMAND_ROUTES, type IncidentCommandType } from "../../http/command-routes.js";

/**
 * The role a linked person acts with in chat. With auth off nobody has a role over HTTP
 * either: chat then lets a linked person run every command (still only on the private
 * incidents they are a member of).
 */
export function chatRoleOf(app: WarroomApp, person: string, authOn: boolean): Role {
  const key = person.toLowerCase();
  let best: Role = authOn ? "responder" : "commander";
  for (const token of app.tokens.list()) {
    if (token.person.toLowerCase() !== key || token.revokedAt) continue;
    if (roleRank(token.role) > roleRank(best)) best = token.role;
  }
  return best;
}

/** Refuses (403 auth.forbidden, naming the role needed) a command the chat user may not run. No-op with auth off. */
export function requireChatCommandAccess(app: WarroomApp, incidentId: string, type: IncidentCommandType): void {
  const principal: Principal | undefined = currentPrincipal();
  if (principal === undefined) return;
  // Unknown, or hidden from this person: the command itself answers "does not exist".
  if (app.commanderOf(incidentId) === undefined) return;
  const access = COMMAND_ROUTES[type].access;
  if (mayRunCommand(app, incidentId, access, principal)) return;
  const message = `${type} needs the ${access} role or being ${incidentId}'s Incident Commander; in chat you act as ${principal.role}`;
  throw new WarroomError("auth.forbidden", message, [{ field: "role", message }]);
}
