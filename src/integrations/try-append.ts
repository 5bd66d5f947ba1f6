import { isWarroomError } from "../domain/shared/errors.js";
import type { EventStore } from "../store/event-store.js";

/**
 * Appends `events` (each stored under its own `type`) expecting the stream at `expectedVersion`;
 * false when another writer moved it first. The integrations' own streams (alert groups,
 * webhook cursors) use it to reload and decide again.
 */
export async function tryAppend(
  store: EventStore,
  streamId: string,
  expectedVersion: number,
  events: readonly { type: string }[],
): Promise<boolean> {
  try {
    await store.append({ streamId, expectedVersion, events: events.map((data) => ({ type: data.type, data })) });
    return true;
  } catch (error) {
    if (isWarroomError(error) && error.code === "stream.version_conflict") return false;
    throw error;
  }
}
