/** Every message rule, in the order they run. Which audiences each applies to lives in `policy.ts`. */
import type { RuleId } from "../policy.js";
import { apologyRule, dataInvolvedRule, dataLossRule } from "./audience.js";
import { etaRule } from "./eta.js";
import { lengthRule, sentenceLengthRule, toneRule } from "./form.js";
import { blameRule, hostnameRule, jargonRule } from "./language.js";
import type { Rule } from "./rule.js";
import { impactRules, nextUpdateRule, planRule, timelineRule } from "./structure.js";
import { speculationRule, uncertaintyRule } from "./uncertainty.js";

/** Each rule with the ids it can emit; it runs when any of them applies to the audience. */
export const RULES: [ids: RuleId[], rule: Rule][] = [
  [["impact.missing", "impact.not-first"], impactRules],
  [["timeline.missing"], timelineRule],
  [["plan.missing"], planRule],
  [["next-update.missing", "next-update.past"], nextUpdateRule],
  [["jargon"], jargonRule],
  [["internal-hostname"], hostnameRule],
  [["uncertainty.no-plan"], uncertaintyRule],
  [["speculation"], speculationRule],
  [["blame.person"], blameRule],
  [["eta.promise"], etaRule],
  [["length"], lengthRule],
  [["sentence.long"], sentenceLengthRule],
  [["tone.panic", "tone.exclamation"], toneRule],
  [["apology.missing"], apologyRule],
  [["data-loss.unstated"], dataLossRule],
  [["data.unstated"], dataInvolvedRule],
];

export type { Hit, Rule, RuleOptions } from "./rule.js";
