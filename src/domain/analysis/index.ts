/**
 * The deterministic text analyser: lints incident updates per audience and blameless
 * postmortems. Pure: no I/O, no clock, no randomness; same input, same output.
 */
export { analyse } from "./analyse.js";
export { DEFAULT_MAX_WORDS, RULE_IDS, type RuleId, SEVERITY } from "./policy.js";
export { lintPostmortem, POSTMORTEM_RULE_IDS } from "./postmortem/lint.js";
export type {
  ActionItem,
  AnalyseOptions,
  Analysis,
  Audience,
  Extracted,
  Finding,
  OwnerMention,
  PostmortemAnalysis,
  PostmortemSection,
  RoleMention,
  Severity,
  Span,
} from "./types.js";
export { AUDIENCES, POSTMORTEM_SECTIONS } from "./types.js";
