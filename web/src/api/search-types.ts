/**
 * `GET /api/search`: every incident's timeline searched for all the given terms
 * (case-insensitive; a "quoted phrase" is one term). Written out by hand from the route's
 * contract; private incidents are searched only for their members and admins.
 */
import type { Channel, Mode, Severity, Status } from "./types";

/** The server searches "all" when no status is given. */
export type SearchStatus = "open" | "resolved" | "all";

export interface SearchQuery {
  q: string;
  status?: SearchStatus;
  mode?: Mode;
  /** 1..500; the server's default is 50. */
  limit?: number;
}

export interface SearchHit {
  incidentId: string;
  incidentTitle: string;
  severity: Severity;
  status: Status;
  mode: Mode;
  /** A private incident: only its members and admins get this hit. */
  private: boolean;
  /** Global position of the matching event in the store. */
  position: number;
  /** The incident's version at that event. */
  version: number;
  at: string;
  by: string;
  /** The event type, e.g. NoteAdded. */
  type: string;
  channel: Channel;
  /** The event field the first term was found in: "text", "title", "rationale"… */
  field: string;
  /** Up to about 160 characters of that field around the first term; "…" marks a cut. */
  snippet: string;
  /** The whole event as the timeline describes it. */
  text: string;
}

export interface SearchAnswer {
  query: string;
  /** The terms as the server split them: what every hit contains. */
  terms: string[];
  /** More hits existed than `limit`. */
  truncated: boolean;
  /** Newest first. */
  hits: SearchHit[];
}
