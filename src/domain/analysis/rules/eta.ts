/** Resolution times promised to readers who will hold you to them. */
import type { Hit, Rule } from "./rule.js";

const HEDGED =
  /(?:\b(?:expect(?:ed|s|ing)?|estimate[sd]?|estimated|estimation|aim(?:ing)?|target(?:ing)?|hope|hoping|tentative(?:ly)?|rough(?:ly)?|approx(?:imately)?|about|around|should|anticipate[sd]?|likely|possibly|may|might|could|if|assuming|provided|best\s+case|best\s+guess|not\s+guaranteed|no\s+guarantee|subject\s+to|optimistic(?:ally)?|conservatively|projected|forecast|eta|unless|hopefully)\b|~)/i;

export const etaRule: Rule = (ctx) => {
  const hits: Hit[] = [];
  let si = 0;
  for (const t of ctx.times) {
    if (t.role !== "eta" || !t.resolution) continue;
    while (si < ctx.sentences.length && (ctx.sentences[si]?.end ?? 0) < t.span.end) si++;
    const candidate = ctx.sentences[si];
    const sentence = candidate && candidate.start <= t.span.start ? candidate : undefined;
    const hedged = sentence ? HEDGED.test(ctx.text.slice(sentence.start, sentence.end)) : false;
    let severity: Hit["severity"];
    if (ctx.audience === "executive" || ctx.audience === "legal") severity = hedged ? null : undefined;
    hits.push({
      rule: "eta.promise",
      start: t.span.start,
      end: t.span.end,
      ...(severity === null ? { severity } : {}),
    });
  }
  return hits;
};
