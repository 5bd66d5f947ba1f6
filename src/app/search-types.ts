/**
 * What a search answers, as types only: the server builds them (search.ts) and the web app
 * reads them (web/src/api/search-types.ts re-exports these), so the two cannot drift apart.
 */
import type { Channel, EventType, Mode, Status } from "../domain/incident/events.js";
import type { Severity } from "../domain/incident/policy.js";

export interface SearchHit {
  incidentId: string;
  incidentTitle: string;
  severity: Severity;
  status: Status;
  mode: Mode;
  /** A private incident (the caller is a member or an admin): take care where the hit is shared. */
  private: boolean;
  position: number;
  version: number;
  at: string;
  by: string;
  type: EventType;
  channel: Channel;
  /** The event field the first term was found in (`text`, `title`, `rationale`…). */
  field: string;
  /** Up to 160 characters of that field around the first term; "…" marks a cut. */
  snippet: string;
  /** The event as the timeline describes it. */
  text: string;
}

export interface SearchAnswer {
  query: string;
  terms: string[];
  hits: SearchHit[];
  /** More events matched than `limit`: only the newest are in `hits`. */
  truncated: boolean;
}
