/**
 * Private incidents (declared with `private: true`, e.g. security incidents) are visible
 * only to their members and to admins. Members: the declarer, every role holder, every
 * current role holder, every task assignee and workstream lead, and people added explicitly
 * (`members` from the DIR-members stream). To anyone else a private incident answers
 * exactly like an id that does not exist.
 */
import type { Incident } from "../../domain/incident/state.js";
import type { Principal } from "./principal.js";

export function membersOf(incident: Incident, added: ReadonlySet<string> = new Set()): Set<string> {
  const members = new Set<string>([...added].map(lower));
  members.add(lower(incident.declaredBy));
  for (const holder of Object.values(incident.roles)) members.add(lower(holder.person));
  for (const task of incident.tasks) members.add(lower(task.assignee));
  for (const workstream of incident.workstreams) members.add(lower(workstream.lead));
  return members;
}

/** No principal (local CLI, scheduler, auth off) sees everything. */
export function canSee(incident: Incident, principal: Principal | undefined, added?: ReadonlySet<string>): boolean {
  if (!incident.private || principal === undefined) return true;
  if (principal.anonymous) return false;
  if (principal.role === "admin") return true;
  return membersOf(incident, added).has(lower(principal.person));
}

function lower(handle: string): string {
  return handle.toLowerCase();
}
