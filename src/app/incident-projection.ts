/**
 * The in-memory read model of every incident, folded from the log in position order.
 * Only the live feed writes to it, so it is always a prefix of the log.
 */

import type { IncidentEvent } from "../domain/incident/events.js";
import { evolve } from "../domain/incident/evolve.js";
import type { Incident } from "../domain/incident/state.js";
import type { StoredEvent } from "../store/event-store.js";

export const INCIDENT_PREFIX = "INC-";

export function isIncidentStream(streamId: string): boolean {
  return streamId.startsWith(INCIDENT_PREFIX);
}

export function incidentNumber(streamId: string): number {
  const n = Number(streamId.slice(INCIDENT_PREFIX.length));
  return Number.isInteger(n) ? n : 0;
}

/** Stored data is trusted on read (it was validated when written); upcasters go here. */
export function toIncidentEvent(stored: StoredEvent): IncidentEvent {
  return stored.data as IncidentEvent;
}

export class IncidentProjection {
  private readonly incidents = new Map<string, Incident>();
  private highestNumber = 0;

  apply(stored: StoredEvent): void {
    if (!isIncidentStream(stored.streamId)) return;
    const next = evolve(this.incidents.get(stored.streamId) ?? null, toIncidentEvent(stored));
    if (next) this.incidents.set(stored.streamId, next);
    this.highestNumber = Math.max(this.highestNumber, incidentNumber(stored.streamId));
  }

  get(incidentId: string): Incident | undefined {
    return this.incidents.get(incidentId);
  }

  all(): IterableIterator<Incident> {
    return this.incidents.values();
  }

  /** The highest INC number seen, for allocating the next one. */
  get highestIncidentNumber(): number {
    return this.highestNumber;
  }
}
