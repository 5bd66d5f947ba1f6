/**
 * A committed incident event as live subscribers see it. The feed hands the same stored
 * event to every subscriber, so the entry is built once per event and shared (frozen, as
 * it is shared), and the SSE layer can serialise it once for a thousand open streams.
 */

import { toTimelineEntry } from "../domain/incident/timeline.js";
import type { StoredEvent } from "../store/event-store.js";
import type { LiveEntry } from "./api.js";
import { toIncidentEvent } from "./incident-projection.js";

const entries = new WeakMap<StoredEvent, LiveEntry>();

export function liveEntryOf(event: StoredEvent): LiveEntry {
  let entry = entries.get(event);
  if (entry === undefined) {
    entry = Object.freeze({
      incidentId: event.streamId,
      ...toTimelineEntry(toIncidentEvent(event), event.version, event.position),
    });
    entries.set(event, entry);
  }
  return entry;
}
