/**
 * The people directory as pure decide/evolve: commands are validated and turned into
 * events against the current directory; events fold into a map keyed by the lower-cased
 * handle. No I/O: the app service (`src/app/people/`) loads, appends and retries.
 */
import { fail } from "../shared/errors.js";
import type { PeopleEvent } from "./events.js";
import {
  handleKey,
  handleSchema,
  type Person,
  type PersonChanges,
  personChangesSchema,
  personInputSchema,
} from "./person.js";
import { parsePeopleInput } from "./validate.js";

export type Directory = Map<string, Person>;

export interface PeopleContext {
  actor: string;
  now: string;
}

export function addPerson(input: unknown, directory: Directory, context: PeopleContext): PeopleEvent {
  const person = parsePeopleInput(personInputSchema, input, "person");
  if (directory.has(handleKey(person.handle))) {
    fail("person.exists", `${person.handle} is already in the directory; use update to change them`, "handle");
  }
  return { type: "PersonAdded", person: withoutEmptyChat(person), by: context.actor, at: context.now };
}

/** Null when nothing would change (the same values again). */
export function updatePerson(
  handle: string,
  input: unknown,
  directory: Directory,
  context: PeopleContext,
): PeopleEvent | null {
  const current = requirePerson(handle, directory);
  const changes = parsePeopleInput(personChangesSchema, input, "changes");
  const changed = changedFields(current, changes);
  if (Object.keys(changed).length === 0) return null;
  return { type: "PersonUpdated", handle: current.handle, changes: changed, by: context.actor, at: context.now };
}

export function removePerson(handle: string, directory: Directory, context: PeopleContext): PeopleEvent {
  const current = requirePerson(handle, directory);
  return { type: "PersonRemoved", handle: current.handle, by: context.actor, at: context.now };
}

export function requirePerson(handle: string, directory: Directory): Person {
  const parsed = parsePeopleInput(handleSchema, handle, "handle");
  const person = directory.get(handleKey(parsed));
  if (!person) fail("person.not_found", `nobody with the handle ${parsed} is in the directory`, "handle");
  return person;
}

export function evolveDirectory(directory: Directory, event: PeopleEvent): void {
  switch (event.type) {
    case "PersonAdded":
      directory.set(handleKey(event.person.handle), event.person);
      return;
    case "PersonUpdated": {
      const key = handleKey(event.handle);
      const current = directory.get(key);
      if (current) directory.set(key, withoutEmptyChat({ ...current, ...event.changes }));
      return;
    }
    case "PersonRemoved":
      directory.delete(handleKey(event.handle));
      return;
  }
}

/** The fields whose value differs from the person's (skills compared as sets in order). */
function changedFields(current: Person, changes: PersonChanges): PersonChanges {
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    if (JSON.stringify(value) !== JSON.stringify(current[field as keyof Person] ?? {})) out[field] = value;
  }
  return out as PersonChanges;
}

function withoutEmptyChat<T extends { chat?: { slack?: string; mattermost?: string } | undefined }>(person: T): T {
  if (person.chat === undefined) {
    const { chat: _drop, ...rest } = person;
    return rest as T;
  }
  if (person.chat.slack === undefined && person.chat.mattermost === undefined) {
    const { chat: _drop, ...rest } = person;
    return rest as T;
  }
  return person;
}
