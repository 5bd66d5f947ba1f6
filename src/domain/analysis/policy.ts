/**
 * Which rules apply to which audience, and how severe they are there. A rule missing for an
 * audience does not run for it. Tune the product here, not in the rules.
 */
import type { Audience, Severity } from "./types.js";

export const RULE_IDS = [
  "impact.missing",
  "impact.not-first",
  "timeline.missing",
  "next-update.missing",
  "next-update.past",
  "plan.missing",
  "jargon",
  "internal-hostname",
  "uncertainty.no-plan",
  "speculation",
  "blame.person",
  "eta.promise",
  "length",
  "sentence.long",
  "tone.panic",
  "tone.exclamation",
  "apology.missing",
  "data-loss.unstated",
  "data.unstated",
] as const;
export type RuleId = (typeof RULE_IDS)[number];

const ALL = (s: Severity): Record<Audience, Severity> => ({ team: s, executive: s, customer: s, legal: s });

export const SEVERITY: Record<RuleId, Partial<Record<Audience, Severity>>> = {
  "impact.missing": { executive: "error", customer: "warning", legal: "error" },
  "impact.not-first": { executive: "warning" },
  "timeline.missing": { executive: "warning", legal: "error" },
  "next-update.missing": { team: "warning", executive: "error", customer: "warning" },
  "next-update.past": { team: "warning", executive: "warning", customer: "warning" },
  "plan.missing": { team: "warning", executive: "error" },
  jargon: { executive: "warning", customer: "error", legal: "warning" },
  "internal-hostname": { executive: "warning", customer: "error", legal: "warning" },
  "uncertainty.no-plan": { team: "warning", executive: "error", customer: "warning", legal: "warning" },
  speculation: { executive: "warning", customer: "error", legal: "error" },
  "blame.person": ALL("error"),
  "eta.promise": { executive: "info", customer: "error", legal: "warning" },
  length: ALL("warning"),
  "sentence.long": { team: "info", executive: "warning", customer: "warning", legal: "info" },
  "tone.panic": { team: "info", executive: "warning", customer: "warning", legal: "warning" },
  "tone.exclamation": { team: "info", executive: "warning", customer: "warning", legal: "warning" },
  "apology.missing": { customer: "info" },
  "data-loss.unstated": { customer: "info" },
  "data.unstated": { legal: "info" },
};

export const DEFAULT_MAX_WORDS: Record<Audience, number> = { team: 250, executive: 150, customer: 120, legal: 400 };

/** Words in one sentence above which it is hard to read in a hurry. */
export const MAX_SENTENCE_WORDS: Record<Audience, number> = { team: 40, executive: 30, customer: 32, legal: 45 };

/** How many substantive sentences may come before the impact in an executive update. */
export const IMPACT_WITHIN_SENTENCES = 2;

export function severityFor(rule: RuleId, audience: Audience): Severity | null {
  return SEVERITY[rule][audience] ?? null;
}
