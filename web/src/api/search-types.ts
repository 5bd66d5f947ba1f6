/**
 * `GET /api/search`: every incident's timeline searched for all the given terms
 * (case-insensitive; a "quoted phrase" is one term); private incidents are searched only for
 * their members and admins. The answer's types are the server's own.
 */
import type { Mode } from "./types";

/** The server searches "all" when no status is given. */
export type SearchStatus = "open" | "resolved" | "all";

export interface SearchQuery {
  q: string;
  status?: SearchStatus;
  mode?: Mode;
  /** 1..500; the server's default is 50. */
  limit?: number;
}

export type { SearchAnswer, SearchHit } from "../../../src/app/search-types.js";
