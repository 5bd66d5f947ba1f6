/** The shape every audience's template has: segments to render, and the structured parts. */
import type { Segment } from "./compose.js";

/** The structured parts of an update, as `publish-update` stores them. */
export interface DraftParts {
  impact: string;
  timeline: string;
  plan: string;
  /** ISO time of the next update; null once resolved. */
  nextUpdateAt: string | null;
}

export interface Template {
  /** Fixed wording and slots; rendering reads each slot's current text, so swaps show. */
  segments: Segment[];
  /** Read after rendering, so they carry the same (possibly swapped) wording as the text. */
  parts(): DraftParts;
}
