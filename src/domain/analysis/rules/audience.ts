/** What customers and legal readers need beyond the basics: an apology, the fate of their data. */
import { APOLOGY } from "../lexicons.js";
import { PhraseMatcher } from "../phrase-matcher.js";
import { absent, type Rule } from "./rule.js";

const apologies = new PhraseMatcher<true>(APOLOGY.map((p): [string, true] => [p, true]));
const OUTAGE =
  /\b(?:investigat\w*|outage|down|unavailable|disruption|disrupted|degraded|degradation|incident|errors?|failing|failed|failures?|unable|cannot|can't|issues?|problems?|interrupt(?:ed|ion)|delays?|delayed)\b/i;
const DATA_STATED =
  /\b(?:data|lost|loss|losses|intact|preserved|safe|secure|no\s+information|nothing\s+was\s+lost|saved|processed|recorded|no\s+(?:orders|payments|messages|files|records|changes)\s+were)\b/i;
const DATA_INVOLVED =
  /\b(?:data|records?|pii|personal\s+(?:data|information)|information|files?|accounts?|credentials|passwords?|card\s+(?:numbers|details)|emails?|addresses|phone\s+numbers|documents?|photos?|messages?|invoices?|orders?|profiles?|names?|notes|comments|attachments|histor(?:y|ies)|(?:bank|card|medical|personal|payment|account|contact|health)\s+(?:details|data|information))\b/i;

export const apologyRule: Rule = (ctx) => {
  const aboutOutage = ctx.impacts.length > 0 || ctx.resolved !== null || OUTAGE.test(ctx.text);
  if (!aboutOutage) return [];
  return apologies.match(ctx.text, ctx.toks).length > 0 ? [] : [absent("apology.missing")];
};

export const dataLossRule: Rule = (ctx) => {
  if (!ctx.resolved || DATA_STATED.test(ctx.text)) return [];
  return [{ rule: "data-loss.unstated", start: ctx.resolved.start, end: ctx.resolved.end }];
};

export const dataInvolvedRule: Rule = (ctx) => (DATA_INVOLVED.test(ctx.text) ? [] : [absent("data.unstated")]);
