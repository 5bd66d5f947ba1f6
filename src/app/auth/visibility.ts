/**
 * Private incidents (declared with `private: true`, e.g. security incidents) are visible
 * only to their members and to admins. Members: the declarer, every role holder, every
 * current role holder, every task assignee and workstream lead, and people added explicitly
 * (`members` from the DIR-members stream). To anyone else a private incident answers
 * exactly like an id that does not exist.
 */
import type { Incident } from "../../domain/incident/state.js";
import type { Principal } from "./principal.js";

/**
 * Whether `person` is a member, checked in place: no set is built (it runs per SSE delivery).
 * `added` holds lower-cased handles, as `MembersService.of` returns them.
 */
export function isMember(incident: Incident, person: string, added: ReadonlySet<string> = new Set()): boolean {
  const who = lower(person);
  const is = (handle: string) => lower(handle) === who;
  return (
    added.has(who) ||
    is(incident.declaredBy) ||
    Object.values(incident.roles).some((holder) => is(holder.person)) ||
    incident.tasks.some((task) => is(task.assignee)) ||
    incident.workstreams.some((workstream) => is(workstream.lead))
  );
}

/** No principal (local CLI, scheduler, auth off) sees everything. */
export function canSee(incident: Incident, principal: Principal | undefined, added?: ReadonlySet<string>): boolean {
  if (!incident.private || principal === undefined) return true;
  if (principal.anonymous) return false;
  if (principal.role === "admin") return true;
  return isMember(incident, principal.person, added);
}

function lower(handle: string): string {
  return handle.toLowerCase();
}
