/**
 * Full-text search over every incident's log: notes, updates, decisions, options, tasks,
 * the declaration's title and impact — whatever text an event carries. A hit is one
 * event in which every term of the query appears (case-insensitive); `"quoted words"`
 * are one term. Newest hits first.
 *
 * It scans the log rather than keeping an index: one pass over the events, in pages, so
 * memory stays flat, at about the cost of a replay (≈ 0.2 s per 100k events). The caller
 * decides which incidents may be seen; a hidden incident's events are never matched, so
 * a search cannot reveal that it exists.
 */
import { z } from "zod";
import { MODES, type Mode } from "../domain/incident/events.js";
import type { Incident } from "../domain/incident/state.js";
import { channelOf, describe } from "../domain/incident/timeline.js";
import type { StoredEvent } from "../store/event-store.js";
import { isIncidentStream, toIncidentEvent } from "./incident-projection.js";
import type { SearchAnswer, SearchHit } from "./search-types.js";
import { inStatusFilter } from "./views.js";

export const SEARCH_MAX_QUERY = 200;
export const SEARCH_MAX_TERMS = 10;
export const SEARCH_DEFAULT_LIMIT = 50;
export const SEARCH_MAX_LIMIT = 500;
const SNIPPET_CHARS = 160;
const PAGE = 2000;

export const searchInputSchema = z.strictObject({
  q: z
    .string({ error: "q (the text to search for) is required" })
    .trim()
    .min(1, "q must not be empty: say what to search for")
    .max(SEARCH_MAX_QUERY, `q is at most ${SEARCH_MAX_QUERY} characters`)
    .refine((q) => parseTerms(q).length > 0, 'q must contain a word to search for, not only ""')
    .refine((q) => parseTerms(q).length <= SEARCH_MAX_TERMS, `q has more than ${SEARCH_MAX_TERMS} terms`),
  status: z.enum(["open", "resolved", "all"], { error: "status must be one of open, resolved, all" }).optional(),
  mode: z.enum(MODES, { error: `mode must be one of ${MODES.join(", ")}` }).optional(),
  limit: z
    .number({ error: "limit must be a number" })
    .int("limit must be a whole number")
    .min(1, "limit must be at least 1")
    .max(SEARCH_MAX_LIMIT, `limit is at most ${SEARCH_MAX_LIMIT}`)
    .optional(),
});

export type SearchInput = z.input<typeof searchInputSchema>;
export type { SearchAnswer, SearchHit } from "./search-types.js";

export interface SearchSource {
  /** Events after `position`, in order, at most `limit`. */
  readAll(afterPosition: number, limit: number): Promise<StoredEvent[]>;
  /** The incident as folded now, or undefined when it is unknown or may not be seen. */
  visibleIncident(incidentId: string): Incident | undefined;
  /** The last position the incident read model has folded: events after it are not searched yet. */
  upTo: number;
}

/** `db "primary failover" replica` → ["db", "primary failover", "replica"], lower-cased. */
export function parseTerms(query: string): string[] {
  const terms: string[] = [];
  for (const match of query.matchAll(/"([^"]*)"|(\S+)/g)) {
    const term = (match[1] ?? match[2] ?? "").trim().toLocaleLowerCase();
    if (term !== "" && !terms.includes(term)) terms.push(term);
  }
  return terms;
}

export async function searchLog(
  input: z.output<typeof searchInputSchema>,
  source: SearchSource,
): Promise<SearchAnswer> {
  const terms = parseTerms(input.q);
  const limit = input.limit ?? SEARCH_DEFAULT_LIMIT;
  const status = input.status ?? "all";
  // Kept newest-last while scanning forward: the last `limit` matches are the newest.
  const newest: SearchHit[] = [];
  let matched = 0;
  if (terms.length > 0) {
    for (let after = 0; after < source.upTo; ) {
      const page = await source.readAll(after, PAGE);
      for (const event of page) {
        if (event.position > source.upTo) break;
        const hit = matchStored(event, terms, source, status, input.mode);
        if (hit === null) continue;
        matched++;
        newest.push(hit);
        if (newest.length > limit) newest.shift();
      }
      if (page.length < PAGE) break;
      after = (page.at(-1) as StoredEvent).position;
    }
  }
  return { query: input.q, terms, hits: newest.reverse(), truncated: matched > limit };
}

function matchStored(
  stored: StoredEvent,
  terms: readonly string[],
  source: SearchSource,
  status: "open" | "resolved" | "all",
  mode: Mode | undefined,
): SearchHit | null {
  if (!isIncidentStream(stored.streamId)) return null;
  const fields = textFields(stored.data);
  if (fields.length === 0) return null;
  const lowered = fields.map(([, text]) => text.toLocaleLowerCase());
  if (!terms.every((term) => lowered.some((text) => text.includes(term)))) return null;
  const incident = source.visibleIncident(stored.streamId);
  if (incident === undefined) return null;
  if (!inStatusFilter(incident, status)) return null;
  if (mode !== undefined && incident.mode !== mode) return null;
  const first = terms[0] as string;
  const index = lowered.findIndex((text) => text.includes(first));
  const [field, text] = fields[index] as [string, string];
  const event = toIncidentEvent(stored);
  return {
    incidentId: incident.id,
    incidentTitle: incident.title,
    severity: incident.severity,
    status: incident.status,
    mode: incident.mode,
    private: incident.private,
    position: stored.position,
    version: stored.version,
    at: event.at,
    by: event.by,
    type: event.type,
    channel: channelOf(event),
    field,
    snippet: snippetAround(text, (lowered[index] as string).indexOf(first), first.length),
    text: describe(event),
  };
}

/** Fields that are not prose: the event's type, actor, times, ids and internal keys (a reminder's). */
const NOT_TEXT = /^(type|at|by|version)$|At$|Id$|Key$|^id$/;

/** The event's searchable text, as [top-level field, text] pairs; nested lists and objects are walked. */
export function textFields(data: unknown): [string, string][] {
  const out: [string, string][] = [];
  if (data === null || typeof data !== "object") return out;
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    if (NOT_TEXT.test(key)) continue;
    collect(key, value, out, 0);
  }
  return out;
}

function collect(field: string, value: unknown, out: [string, string][], depth: number): void {
  if (typeof value === "string") {
    if (value !== "") out.push([field, value]);
  } else if (depth < 4 && value !== null && typeof value === "object") {
    for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
      if (!Array.isArray(value) && NOT_TEXT.test(key)) continue;
      collect(field, inner, out, depth + 1);
    }
  }
}

/** About 160 characters of `text` around the match at `start`, on word boundaries where it can. */
export function snippetAround(text: string, start: number, length: number): string {
  const flat = text.replace(/\s+/g, " ");
  if (flat.length <= SNIPPET_CHARS) return flat;
  // The match's place in the flattened text (whitespace runs may have shrunk before it).
  const at = Math.max(0, text.slice(0, start).replace(/\s+/g, " ").length);
  const room = Math.max(0, SNIPPET_CHARS - length);
  let from = Math.max(0, at - Math.floor(room / 3));
  let to = Math.min(flat.length, from + SNIPPET_CHARS);
  from = Math.max(0, to - SNIPPET_CHARS);
  if (from > 0) {
    const space = flat.indexOf(" ", from);
    if (space !== -1 && space < at) from = space + 1;
  }
  if (to < flat.length) {
    const space = flat.lastIndexOf(" ", to);
    if (space > at + length) to = space;
  }
  return `${from > 0 ? "…" : ""}${flat.slice(from, to)}${to < flat.length ? "…" : ""}`;
}
