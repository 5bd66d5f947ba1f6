/**
 * The shared reading of one message: normalised text, tokens, sentences, time expressions
 * and what they do, and the extracted structure. Rules only look at this context.
 */
import { findImpacts } from "./extract-impact.js";
import { findOwners, findRoles, type OwnerHit, type RoleHit } from "./extract-people.js";
import { findPlans, type PlanHit } from "./extract-plan.js";
import { normalise } from "./normalise.js";
import { type ClassifiedTime, classifyTimes } from "./time-roles.js";
import { findTimes } from "./times.js";
import { countWords, type Range, sentences, type Token, tokens } from "./tokenise.js";
import type { Audience, Extracted, Span } from "./types.js";

export interface Context {
  /** The text as given; excerpts come from here. */
  raw: string;
  /** Same length as `raw`; patterns run here. */
  text: string;
  audience: Audience;
  toks: Token[];
  sentences: Range[];
  words: number;
  times: ClassifiedTime[];
  impacts: Range[];
  plans: PlanHit[];
  owners: OwnerHit[];
  roles: RoleHit[];
  /** The message reports the incident as over ("resolved", "back to normal"). */
  resolved: Range | null;
  extracted: Extracted;
}

const RESOLVED =
  /\b(?:(?:has|have|had|was|were|is|are|been|now)\s+(?:been\s+)?(?:now\s+)?(?:fully\s+|successfully\s+|completely\s+)?(?:resolved|restored|fixed|recovered)|back\s+to\s+normal|operating\s+normally|functioning\s+normally|working\s+normally|fully\s+operational|all\s+systems\s+operational|(?:we|the\s+team)\s+(?:have\s+)?(?:resolved|restored|fixed)|(?:outage|incident|issue|problem|disruption|degradation)\s+(?:is|has\s+been|was)\s+(?:now\s+)?(?:over|closed|behind\s+us)|clos(?:ing|ed)\s+(?:the|this)\s+incident|incident\s+(?:is\s+)?(?:closed|over)|service\s+(?:is\s+)?(?:restored|back)|(?:is|are)\s+(?:all\s+)?(?:working|back)\s+(?:again|up|online|to\s+normal)|we(?:'re|\s+are)\s+back\b|back\s+(?:up\s+)?and\s+running|(?:works?|working|succeeding|loading|flowing|running|operating|performing|functioning|behaving)\s+(?:normally\s+|fine\s+)?(?:normally|again)|(?:everything|all\s+systems|all)\s+(?:is\s+|are\s+)?(?:back|fine|ok|good|healthy|green)\b(?!\s+(?:in|by|within|at)\b)|(?:stable|healthy|green|up)\s+again|(?:are|is|they're|it's)\s+back\s+(?:on|up|online)\b|\bis\s+back\b(?!\s+(?:in|by|within|at|to\s+you|on)\b))\b|^[ \t]*\[?resolved\b/gim;
const NOT_YET =
  /\b(?:not|n't|nt|once|until|till|when|will|before|if|yet to|expect|expected|hope|hoping|should)\b[^.!?\n]{0,24}$/i;

export function span(ctx: { raw: string }, r: Range): Span {
  return { text: ctx.raw.slice(r.start, r.end), start: r.start, end: r.end };
}

export function buildContext(raw: string, audience: Audience): Context {
  const text = normalise(raw);
  const sents = sentences(text);
  const times = classifyTimes(text, findTimes(text), sents);
  const impacts = findImpacts(text, sents);
  const plans = findPlans(text, sents);
  const owners = findOwners(text);
  const roles = findRoles(text);
  const resolved = findResolved(text);
  const first = (role: ClassifiedTime["role"]) => times.find((t) => t.role === role)?.span ?? null;
  const ctx: Context = {
    raw,
    text,
    audience,
    toks: tokens(text),
    sentences: sents,
    words: countWords(text),
    times,
    impacts,
    plans,
    owners,
    roles,
    resolved,
    extracted: {
      impact: null,
      timeline: { start: null, elapsed: null, eta: null },
      plan: null,
      nextUpdate: null,
      owners: [],
      roles: [],
    },
  };
  const maybe = (r: Range | null | undefined) => (r ? span(ctx, r) : null);
  ctx.extracted = {
    impact: maybe(impacts[0]),
    timeline: { start: maybe(first("start")), elapsed: maybe(first("elapsed")), eta: maybe(first("eta")) },
    plan: maybe(plans[0]),
    nextUpdate: maybe(first("nextUpdate")),
    owners: owners.map((o) => ({ person: o.person, span: span(ctx, o) })),
    roles: roles.map((r) => ({ role: r.role, person: r.person, span: span(ctx, r) })),
  };
  return ctx;
}

function findResolved(text: string): Range | null {
  for (const m of text.matchAll(RESOLVED)) {
    const before = text.slice(Math.max(0, m.index - 40), m.index);
    if (NOT_YET.test(before)) continue;
    const lead = m[0].length - m[0].trimStart().length;
    return { start: m.index + lead, end: m.index + m[0].length };
  }
  return null;
}
