/** Small checks shared by the command handlers in `decide.ts`. */
import { fail } from "../shared/errors.js";
import { type IncidentPolicy, roleDefinition } from "./policy.js";
import type { Incident, IncidentState } from "./state.js";

const utf8 = new TextEncoder();

/** Non-empty text within the policy's byte limit; returns it trimmed. */
export function requireText(value: string, field: string, policy: IncidentPolicy): string {
  const trimmed = value.trim();
  if (trimmed.length === 0) fail("text.empty", `${field} must not be empty`, field);
  return checkLength(trimmed, field, policy);
}

/** An incident's title is a line people scan in lists and pages: at most this many characters. */
export const MAX_TITLE_CHARS = 200;

export function requireTitle(value: string, policy: IncidentPolicy): string {
  const title = requireText(value, "title", policy);
  if ([...title].length > MAX_TITLE_CHARS) {
    fail(
      "text.too_long",
      `title is ${[...title].length} characters; keep it to ${MAX_TITLE_CHARS} and put the detail in impact or a note`,
      "title",
    );
  }
  return title;
}

/** Optional text: blank becomes null; otherwise checked like `requireText`. */
export function optionalText(value: string | undefined, field: string, policy: IncidentPolicy): string | null {
  if (value === undefined) return null;
  const trimmed = value.trim();
  return trimmed.length === 0 ? null : checkLength(trimmed, field, policy);
}

export function checkLength(value: string, field: string, policy: IncidentPolicy): string {
  const bytes = value.length * 3 <= policy.maxTextBytes ? value.length : utf8.encode(value).length;
  if (bytes > policy.maxTextBytes) {
    fail("text.too_long", `${field} is ${bytes} bytes; the limit is ${policy.maxTextBytes} bytes`, field);
  }
  return value;
}

export function requireIncident(state: IncidentState, incidentId: string): Incident {
  if (state === null) fail("incident.not_found", `incident ${incidentId} does not exist`, "incidentId");
  return state;
}

export function requireOpen(incident: Incident, what: string): void {
  if (incident.status === "resolved") {
    fail("incident.resolved", `${incident.id} is resolved; reopen it before you ${what}`);
  }
}

export function requireKnownRole(policy: IncidentPolicy, role: string): void {
  if (!roleDefinition(policy, role)) {
    const known = policy.roles.map((r) => r.id).join(", ");
    fail("role.unknown", `unknown role '${role}'; known roles: ${known}`, "role");
  }
}

/** Words that name nobody: giving a task to them is the "can someone…" anti-pattern. */
const NOBODY = new Set([
  "",
  "someone",
  "somebody",
  "anyone",
  "anybody",
  "everyone",
  "everybody",
  "all",
  "team",
  "the-team",
  "here",
  "channel",
  "nobody",
  "none",
  "tbd",
  "unassigned",
]);

export function requireNamedPerson(value: string, field: string): string {
  const handle = value.trim().replace(/^@/, "");
  if (NOBODY.has(handle.toLowerCase()) || /\s/.test(handle) || /^(can|could|would) /i.test(value.trim())) {
    fail(
      "task.unassigned",
      `${field} must name one person (e.g. sarah-db), not '${value.trim() || "nobody"}': "can someone…" leaves the task with no owner`,
      field,
    );
  }
  if (!/^[\p{L}\p{N}._-]+$/u.test(handle) || handle.length > 100) {
    fail("validation.failed", `${field} must be a person handle of letters, digits, '.', '_' or '-'`, field);
  }
  return handle;
}

export function addMinutes(iso: string, minutes: number): string {
  return new Date(Date.parse(iso) + minutes * 60_000).toISOString();
}

/** Letters for options as in the handbook: A, B, … Z, AA, AB, … */
export function optionLetter(index: number): string {
  let n = index;
  let out = "";
  do {
    out = String.fromCharCode(65 + (n % 26)) + out;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return out;
}
