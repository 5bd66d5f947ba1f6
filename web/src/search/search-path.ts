/**
 * A search lives in the address: `#/search?q=db+failover&status=all`, so it can be linked,
 * reloaded, and left and come back to with the browser's back button.
 */
import type { SearchQuery, SearchStatus } from "../api/search-types";
import type { Mode } from "../api/types";

const STATUSES: readonly SearchStatus[] = ["open", "resolved", "all"];
const MODES: readonly Mode[] = ["live", "drill"];
export const SEARCH_LIMIT_MAX = 500;

export function searchPath(query: SearchQuery): string {
  const params = new URLSearchParams({ q: query.q });
  if (query.status) params.set("status", query.status);
  if (query.mode) params.set("mode", query.mode);
  if (query.limit !== undefined) params.set("limit", String(query.limit));
  return `/search?${params}`;
}

/**
 * The search in a `/search?…` path. Unknown filter values are dropped (a hand-edited link
 * still searches); `q` goes to the server as typed, so its checks name what is wrong.
 */
export function parseSearchPath(path: string): SearchQuery & { status: SearchStatus } {
  const at = path.indexOf("?");
  const params = new URLSearchParams(at < 0 ? "" : path.slice(at + 1));
  const status = params.get("status") as SearchStatus | null;
  const mode = params.get("mode") as Mode | null;
  const limit = Number(params.get("limit"));
  return {
    q: params.get("q") ?? "",
    status: status && STATUSES.includes(status) ? status : "all",
    ...(mode && MODES.includes(mode) ? { mode } : {}),
    ...(Number.isInteger(limit) && limit > 0 ? { limit } : {}),
  };
}

/** The path the shell is showing now, for the document title. */
export function currentSearch(): SearchQuery {
  return parseSearchPath(window.location.hash.replace(/^#/, ""));
}
