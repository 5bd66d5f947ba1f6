import type { Audience } from "../../../src/domain/analysis/index.js";

/** A message written for the tests, labelled with what the analyser must and must not say about it. */
export interface LabelledMessage {
  id: string;
  audience: Audience;
  text: string;
  /** Rules that must fire. */
  fires?: string[];
  /** Rules that must not fire. */
  silent?: string[];
  /** Expected `ok` (no error-level finding). */
  ok?: boolean;
}

/** The structural rules a well-formed update must not trip. */
export const STRUCTURE = [
  "impact.missing",
  "impact.not-first",
  "timeline.missing",
  "plan.missing",
  "next-update.missing",
];
/** The language rules a clean outward message must not trip. */
export const CLEAN = [
  "jargon",
  "internal-hostname",
  "speculation",
  "blame.person",
  "uncertainty.no-plan",
  "tone.panic",
  "tone.exclamation",
];
