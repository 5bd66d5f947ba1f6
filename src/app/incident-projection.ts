/**
 * The in-memory read model of every incident, folded from the log in position order.
 * Only the live feed writes to it, so it is always a prefix of the log.
 */

import type { IncidentEvent } from "../domain/incident/events.js";
import { applyInPlace, cloneIncident } from "../domain/incident/evolve.js";
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

/**
 * Copy-on-write: the projection applies events in place to states it alone holds, and
 * copies a state first once it has been handed out, so a reader never sees it change
 * under them and folding the whole log at start-up costs one pass.
 */
export class IncidentProjection {
  private readonly incidents = new Map<string, { state: Incident; shared: boolean }>();
  private highestNumber = 0;

  apply(stored: StoredEvent): void {
    if (!isIncidentStream(stored.streamId)) return;
    const entry = this.incidents.get(stored.streamId);
    const draft = entry ? (entry.shared ? cloneIncident(entry.state) : entry.state) : null;
    const next = applyInPlace(draft, toIncidentEvent(stored));
    if (next) this.incidents.set(stored.streamId, { state: next, shared: false });
    this.highestNumber = Math.max(this.highestNumber, incidentNumber(stored.streamId));
  }

  get(incidentId: string): Incident | undefined {
    const entry = this.incidents.get(incidentId);
    if (!entry) return undefined;
    entry.shared = true;
    return entry.state;
  }

  /**
   * The state without handing it out: for a synchronous look (is it private, who
   * commands it) that keeps no reference, so the next event need not copy it.
   */
  peek(incidentId: string): Incident | undefined {
    return this.incidents.get(incidentId)?.state;
  }

  *all(): IterableIterator<Incident> {
    for (const entry of this.incidents.values()) {
      entry.shared = true;
      yield entry.state;
    }
  }

  get size(): number {
    return this.incidents.size;
  }

  /** The highest INC number seen, for allocating the next one. */
  get highestIncidentNumber(): number {
    return this.highestNumber;
  }
}
