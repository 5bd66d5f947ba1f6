/**
 * Impact: a clause naming who or what is affected (users, customers, a product surface)
 * together with how (cannot log in, down, slow, errors), or an explicit "Impact:" label.
 */
import { clauses, labelOf, type Range } from "./tokenise.js";

const AFFECTED =
  /\b(?:users?|customers?|clients?|accounts?|merchants?|tenants?|members?|subscribers?|visitors?|shoppers?|buyers?|sellers?|drivers?|riders?|patients?|partners?|people|orgs?|organi[sz]ations?|workspaces?|stores?|regions?|requests?|orders?|payments?|transactions?|log-?ins?|sign-?ins?|checkouts?|api calls|uploads?|downloads?|messages?|emails?|notifications?|traffic|sessions?|bookings?|deliveries|invoices?|searches|page loads?|records?|revenue|sales|purchases?|checkout|cart|sign-?up|signup|registration|billing|invoicing|search|site|website|app|apps|application|api|apis|dashboard|portal|service|services|platform|product|storefront|page|pages|homepage|feature|features|messaging|chat|video|streaming|playback|reports?|reporting|exports?|imports?|integrations?|webhooks?|ordering|delivery|profiles?|authentication|auth|sso|onboarding|subscriptions?|transfers?|payouts?|withdrawals?|deposits?|trading|maps?|calls?|connectivity|feeds?|inbox|mobile|ios|android|desktop|web|launch|everyone|everybody|nobody|no one|anyone|tickets?)\b|(?<![\d.,])\d[\d.,]{0,20}\s?%/i;

const HOW =
  /\b(?:cannot|can't|cant|can not|unable|could not|couldn't|not able|fail(?:ing|ed|s|ures?)?|errors?|erroring|affected|affecting|affects|impacted|impacting|impact|experienc(?:e|es|ing)|seeing|hit|hitting|down|unavailable|outage|slow(?:ness|er|ed|ly)?|degraded|degradation|delay(?:ed|s)?|timeouts?|timing out|time out|not (?:loading|working|receiving|getting|able|available|responding|going through|completing)|broken|lost|missing|locked out|logged out|disrupted|disruption|interrupted|stuck|blocked|declined|rejected|duplicated?|double[- ]charged|charged twice|incorrect|wrong|inaccessible|unreachable|intermittent(?:ly)?|issues?|problems?|trouble|elevated|unaffected|offline|corrupt(?:ed|ion)?|exposed|leaked|no longer|impaired|partial(?:ly)?|spik(?:e|es|ing)|complaints?|limited to|dropping|dropped|hanging|crashing|crashes|frozen|bouncing|view(?:ed)?|access(?:ed)?|disclos\w+|breach\w*|unauthori[sz]ed|compromised|visible|dead|died|gone|blank|empty|unresponsive|stale|outdated|misdirected|data\s+of\s+(?:a|an|another|other)\b|(?:to|for)\s+the\s+wrong\s+(?:tenant|customer|user|person|recipient|account|address|people)|each\s+other's|another\s+(?:customer|user|account|person)'s|someone\s+else's|belonging\s+to\s+(?:other|another)|not\s+\w+ing|(?:isn't|aren't|doesn't|don't|won't|didn't|wasn't|weren't)\s+(?:\w+ing|load|work|open|respond|connect|sync|send|arrive|show|display|appear|update|complete|go\s+through|process)\w*)\b/i;

const UNKNOWN_CONTENT = /^\s*(?:unknown|tbd|tbc|unclear|n\/a|not (?:yet )?known|\?+)\s*[.!]?\s*$/i;

/** "we are still assessing the impact on customers" states no impact. */
const UNASSESSED =
  /\b(?:assess|determin|evaluat|estimat|quantif|siz|understand|confirm|scop)\w*\s+(?:the\s+|any\s+|full\s+|overall\s+)*(?:impact|scope|blast radius)|\bimpact\b[^.!?\n]{0,20}\b(?:unknown|unclear|tbd|being assessed|not (?:yet )?(?:known|clear))/i;

/** Words that make a clause about the plan or the team rather than the impact. */
const NOT_IMPACT = /^(?:if|unless|should|once|when|to)\b/i;

export function findImpacts(text: string, sentences: readonly Range[]): Range[] {
  const out: Range[] = [];
  for (const sentence of sentences) {
    const label = labelOf(text, sentence);
    if (
      label &&
      /^(?:impact|customer impact|user impact|business impact|scope|blast radius|who is affected|affected)$/.test(
        label.name,
      )
    ) {
      const content = text.slice(label.contentStart, sentence.end);
      if (!UNKNOWN_CONTENT.test(content) && content.trim() !== "") {
        out.push(trimPunct(text, { start: label.contentStart, end: sentence.end }));
        continue;
      }
    }
    for (const clause of clauses(text, sentence)) {
      let start = clause.start;
      const clauseLabel = labelOf(text, clause);
      if (clauseLabel) start = clauseLabel.contentStart;
      const body = text.slice(start, clause.end);
      if (NOT_IMPACT.test(body)) continue;
      if (AFFECTED.test(body) && hasHow(body) && !isTeamOnly(body) && !UNASSESSED.test(body)) {
        out.push(trimPunct(text, { start, end: clause.end }));
      }
    }
  }
  return out.filter((r) => r.end > r.start);
}

/** "the issue has been resolved": a generic "issue" next to a resolution word is not an impact. */
const GENERIC_HOW = /^(?:issues?|problems?|trouble|impact)$/i;
const RESOLVED_WORDS = /\b(?:resolved|restored|fixed|back to normal|recovered|operating normally|fully operational)\b/i;
const HOW_ALL = new RegExp(HOW.source, "gi");

function hasHow(body: string): boolean {
  if (!RESOLVED_WORDS.test(body)) return HOW.test(body);
  for (const m of body.matchAll(HOW_ALL)) if (!GENERIC_HOW.test(m[0])) return true;
  return false;
}

/** "the team is seeing errors in the logs" talks about responders, not users. */
function isTeamOnly(body: string): boolean {
  return (
    /^\s*(?:we|i|the team|team|engineers?|engineering|ops|sre|the engineers|our engineers|on-?call)\b/i.test(body) &&
    !/\b(?:users?|customers?|clients?|merchants?|accounts?|members?|subscribers?|\d\s?%|everyone|all|log-?ins?|sign-?ins?|sign-?ups?|checkouts?|payments?|orders?|transactions?|emails?|notifications?|messages?|bookings?|deliveries|purchases?|invoices?|uploads?|downloads?)\b/i.test(
      body,
    )
  );
}

const GREETING = /^(?:hi|hello|hey|dear|fyi|update|quick update|heads up|ok|okay|so)\b[^,:\n]{0,24}[,:-]\s*/i;

function trimPunct(text: string, r: Range): Range {
  let { start, end } = r;
  const greeting = GREETING.exec(text.slice(start, end));
  if (greeting && greeting[0].length < end - start) start += greeting[0].length;
  while (end > start && /[\s.,;:!]/.test(text[end - 1] ?? "")) end--;
  while (start < end && /[\s\-*•]/.test(text[start] ?? "")) start++;
  return { start, end };
}
