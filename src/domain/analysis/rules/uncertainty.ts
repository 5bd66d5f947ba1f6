/** Not knowing without a way to find out, and guessing at causes. */
import { JARGON, UNCERTAINTY } from "../lexicons.js";
import { PhraseMatcher } from "../phrase-matcher.js";
import type { Hit, Rule } from "./rule.js";

const unknowns = new PhraseMatcher<true>(UNCERTAINTY.map((p): [string, true] => [p, true]));

/** "could be the database, could be the cache" */
const EITHER_OR = /\bcould\s+be\b[^.!?\n]{1,40}?\b(?:could\s+be|or\s+maybe|maybe|or\s+(?:the|a|an|it's|its))\b/gi;

/** Saying how or when the unknown will be resolved. */
const FIND_OUT =
  /\b(?:to\s+(?:find\s+out|figure\s+out|narrow\s+(?:it\s+|this\s+)?down|confirm|determine|identify|isolate|pin\s?point|rule\s+out)|ruling\s+out|rule\s+out|narrowing\s+(?:it\s+|this\s+)?down|bisect(?:ing)?|checking\s+(?:whether|if)|testing\s+(?:whether|if|the\s+(?:hypothesis|theory))|reproduc(?:e|ing)\s+(?:it|the)|we(?:'ll|\s+will|ll)\s+(?:know|have\s+(?:an\s+answer|the\s+(?:root\s+)?cause|root\s+cause|more(?:\s+information|\s+details)?|a\s+diagnosis))|expect\s+(?:to\s+know|an\s+answer|answers|findings|results)|know\s+more\s+(?:in|by|within)|(?:we(?:'re|\s+are)|team\s+is|engineers\s+are|(?<![\w@.-])@[\w.-]{1,40}\s+is|(?<![\w@.-])[A-Z][\w-]{0,40}\s+is)\s+(?:now\s+|currently\s+)?(?:checking|examining|reviewing|analy[sz]ing|comparing|testing|inspecting|auditing|reproducing|tracing|profiling|bisecting|diffing|ruling))\b/i;

export const uncertaintyRule: Rule = (ctx) => {
  const mitigated =
    ctx.plans.length > 0 ||
    ctx.times.some((t) => t.role === "nextUpdate" || t.role === "eta" || t.role === "timebox") ||
    FIND_OUT.test(ctx.text);
  if (mitigated) return [];
  const hits: Hit[] = unknowns
    .match(ctx.text, ctx.toks)
    .map((m): Hit => ({ rule: "uncertainty.no-plan", start: m.start, end: m.end }));
  for (const m of ctx.text.matchAll(EITHER_OR))
    hits.push({ rule: "uncertainty.no-plan", start: m.index, end: m.index + m[0].length });
  return hits;
};

const HEDGE =
  /\b(?:(?:i|we)\s+(?:think|believe|guess|suspect|reckon|bet|feel\s+like|assume)|(?:thinks?|believes?|suspects?|reckons?|guess(?:es)?|assumes?)(?=\s+(?:it|it's|its|that|the|this|a|an)\b)|(?:working\s+)?(?:hypothesis|theory|suspicion|hunch|guess|suspected\s+cause|likely\s+cause|probable\s+cause|possible\s+cause)(?=\s*[:=-])|i'?d\s+(?:guess|say)|(?:my|our)\s+(?:guess|hunch|bet|theory|suspicion|money\s+is\s+on)|most\s+likely|probably|prob|likely|perhaps|possibly|maybe|mayb|might\s+(?:have\s+)?been|may\s+have\s+been|could\s+have\s+been|might\s+be|may\s+be|could\s+be|must\s+be|must\s+have\s+been|looks\s+like|look\s+like|seems?\s+(?:like|to\s+be)|sounds\s+like|suspected|presumably|apparently|odds\s+are|chances\s+are|gut\s+(?:feeling|says)|hypothesis\s+is|theory\s+is)\b/gi;

/** Right after the hedge: optional "it's", "the cause is", then the guessed thing. */
const GUESS_HEAD =
  /^\s*[,:-]?\s*(?:is\s+|was\s+|would\s+be\s+|that\s+|it\s+(?:could|might|may|would|will)\s+be\s+)?(?:(?:it|this|that|its)(?:'s|s|\s+is|\s+was|\s+(?:could|might|may|would)\s+(?:be|have\s+been))\s+)?(?:(?:the\s+)?(?:root\s+)?(?:cause|issue|problem|culprit)\s+(?:is|was)\s+)?([\w'-]+)(?:\s+([\w'-]+))?/i;
const STARTERS = new Set(
  "the a an some our their its this that related caused due because from triggered down linked with in cause something another one bad came comes originated stems stemmed started began".split(
    " ",
  ),
);
const CAUSE_NOUNS = new Set(
  (
    "database db cache network dns cdn deploy deployment release change config configuration migration certificate cert vendor " +
    "provider bug leak memory disk storage queue load traffic ddos attack hardware firewall proxy gateway library dependency " +
    "upgrade update patch script cron job timeout race loop regression outage isp aws azure gcp cloudflare latency capacity " +
    "permissions credentials token key expiry expired backup replication"
  ).split(" "),
);
/** "we believe the issue is resolved", "looks like traffic is recovering": a hedged status, not a cause. */
const STATUS_CLAIM =
  /^\s*(?:that\s+)?(?:the\s+|our\s+|all\s+)?(?:[\w-]+\s+){0,2}(?:is|are|has\s+been|have\s+been|was|were|should\s+be|will\s+be|'s)\s+(?:now\s+|fully\s+|largely\s+|mostly\s+|finally\s+|slowly\s+)?(?:resolved|fixed|working|restored|stable|stabili[sz]ing|recovering|recovered|back|operational|healthy|available|unaffected|safe|contained|mitigated|complete|done|over|deployed|live|in\s+place|ready|improving|draining|catching\s+up|holding|normal)\b/i;
const JARGON_SET = new Set(JARGON.map(([t]) => t));
const ALWAYS =
  /^(?:(?:i|we)\s+suspect|(?:working\s+)?(?:hypothesis|theory|suspicion|hunch|guess|suspected\s+cause|likely\s+cause|probable\s+cause|possible\s+cause)\s*[:=-]|suspected|(?:my|our)\s+(?:guess|hunch|bet|theory|suspicion|money\s+is\s+on)|hypothesis\s+is|theory\s+is|gut\s+(?:feeling|says)|looks\s+like\s+it\s+(?:could|might|may))/i;

export const speculationRule: Rule = (ctx) => {
  const hits: Hit[] = [];
  for (const m of ctx.text.matchAll(HEDGE)) {
    const after = ctx.text.slice(m.index + m[0].length, m.index + m[0].length + 60);
    const head = GUESS_HEAD.exec(after);
    const w1 = head?.[1]?.toLowerCase() ?? "";
    const w2 = head?.[2]?.toLowerCase() ?? "";
    const always = ALWAYS.test(ctx.text.slice(m.index, m.index + m[0].length + 14));
    const guess =
      always ||
      STARTERS.has(w1) ||
      CAUSE_NOUNS.has(w1) ||
      JARGON_SET.has(w1) ||
      (w1 !== "" && JARGON_SET.has(`${w1} ${w2}`));
    // "there may have been an exposure" doubts an event, it does not guess a cause
    const existential = /\bthere\s+$/i.test(ctx.text.slice(Math.max(0, m.index - 8), m.index));
    if (!guess || existential || STATUS_CLAIM.test(after)) continue;
    const end = head ? m.index + m[0].length + (head[0].length ?? 0) : m.index + m[0].length;
    hits.push({ rule: "speculation", start: m.index, end: Math.min(end, ctx.text.length) });
  }
  return hits;
};
