/**
 * Impact: a clause naming who or what is affected (users, customers, a product surface)
 * together with how (cannot log in, down, slow, errors), or an explicit "Impact:" label.
 */
import { clauses, labelOf, type Range } from "./tokenise.js";

/** Who can be affected. */
const PEOPLE =
  "users?|customers?|clients?|accounts?|merchants?|tenants?|members?|subscribers?|visitors?|shoppers?|buyers?|sellers?|drivers?|riders?|patients?|partners?|passengers?|guests?|players?|students?|people|orgs?|organi[sz]ations?|companies|businesses|workspaces?|stores?|everyone|everybody|nobody|no one|anyone|some of you|many of you|all of you|you|your";
/** What can be affected: product surfaces and the things that flow through them. */
const THINGS = String.raw`requests?|orders?|payments?|transactions?|log-?ins?|log\s+in|sign-?ins?|sign\s+in|sign-?ups?|signups?|checkouts?|check\s?out|api\s+calls|calls?|meetings?|uploads?|downloads?|messages?|e-?mails?|notifications?|traffic|sessions?|bookings?|deliveries|invoices?|searches|queries|page\s+loads?|records?|revenue|sales|purchases?|cart|basket|registration|billing|invoicing|search|site|website|app|apps|application|api|apis|dashboards?|portal|panel|console|service|services|platform|product|storefront|pages?|homepage|features?|messaging|chat|video|streaming|playback|reports?|reporting|exports?|imports?|integrations?|webhooks?|ordering|delivery|profiles?|authentication|auth|sso|onboarding|subscriptions?|transfers?|payouts?|withdrawals?|deposits?|trading|maps?|connectivity|feeds?|inbox|mobile|ios|android|desktop|web|launch|tickets?|files?|documents?|photos?|images?|sync|balances?|statements?|codes?|regions?`;

const AFFECTED = new RegExp(String.raw`\b(?:${PEOPLE}|${THINGS})\b|(?<![\d.,])\d[\d.,]{0,20}\s?%`, "i");
const PEOPLE_OR_SHARE = new RegExp(
  String.raw`\b(?:${PEOPLE})\b|(?<![\d.,])\d[\d.,]{0,20}\s?%|\b(?:all|some|many|most|half)\b`,
  "i",
);

/** "2% of orders", "18% of meetings": a share of something affected is an impact statement on its own. */
const SHARE_OF = new RegExp(
  String.raw`(?<![\d.,])\d[\d.,]{0,20}\s?%\s+of\s+(?:the\s+|our\s+|all\s+)?(?:[\w-]+\s+){0,2}?(?:${PEOPLE}|${THINGS})\b`,
  "i",
);
/** "the outage affecting file sync" */
const OUTAGE_AFFECTING =
  /\b(?:outage|disruption|incident|degradation|errors?|failures?)\s+(?:affecting|impacting|hitting)\s+\w/i;

const HOW =
  /\b(?:cannot|can't|cant|can not|unable|could not|couldn't|not able|fail\w*|errors?|erroring|errored|affected|affecting|affects|impacted|impacting|experienc(?:e|es|ing)|seeing|hit|hitting|down|unavailable|outage|slow\w*|degraded|degradation|delay(?:ed|s)?|timeouts?|tim(?:e|es|ed|ing)\s+out|broken|break(?:s|ing)?|lost|missing|locked out|logged out|disrupted|disruption|interrupted|stuck|blocked|declin\w*|reject\w*|duplicated?|double[- ]charg\w*|charged\s+(?:\w+\s+){0,3}twice|duplicate\s+charges?|incorrect|wrong|inaccessible|unreachable|intermittent(?:ly)?|elevated|unaffected|offline|corrupt(?:ed|ion)?|expos\w*|leak\w*|no longer|impaired|partial(?:ly)?|spik(?:e|es|ing)|complaints?|limited to|drop\w*|hang\w*|crash\w*|freez\w*|froze|frozen|stall\w*|bounc\w*|view(?:ed)?|access(?:ed)?|disclos\w+|breach\w*|unauthori[sz]ed|compromised|visible|readable|publicly\s+\w+|dead|died|gone|blank|empty|unresponsive|stale|outdated|misdirected|prevent\w*|stopp?(?:ed|ing|s)?\s+(?:[\w-]+\s+){0,3}from|return\w*\s+(?:an?\s+)?(?:errors?|\d{3}s?|failures?|timeouts?|wrong|empty|stale|outdated|incorrect|blank)|data\s+of\s+(?:a|an|another|other)\b|(?:of|belonging\s+to|from)\s+(?:a\s+)?(?:different|another|other)\s+(?:customer|user|account|tenant|person)s?|(?:to|for)\s+the\s+wrong\s+(?:tenant|customer|user|person|recipient|account|address|people)|each\s+other's|another\s+(?:customer|user|account|person)'s|someone\s+else's|not\s+\w+ing|(?:did|does|do|has|have|had|could|can|would|will|is|are|was|were)(?:\s+not|n't)\s+(?:been\s+)?(?:run|ran|work|load|open|arrive|complete|go|send|sync|show|display|appear|process|receive|deliver|start|respond|connect|render|save|upload|download|print|finish|succeed|able|available|reachable|accessible|\w+ing)\b|no\s+(?:[\w-]+\s+){0,2}(?:customers?|users?|one|merchants?|shoppers?|orders?|payments?)\b|buffer\w*|stopped\s+(?:working|\w+ing)|not\s+(?:shipping|shipped|arriving|arrived|processing|processed)|no\s+[a-z]+s\s+(?:have|has|were|was|are|can|could)\b|wip(?:ed|ing|es)|delet(?:ed|ing)|eras(?:ed|ing)|purg(?:ed|ing)|overwr(?:itten|ote|iting)|shows?\s+(?:zero|0|nothing|wrong|incorrect|an?\s+error|blank|someone)|see\w*\s+(?:an?\s+)?(?:[\w'"-]+\s+){0,3}(?:error|warning|message|screen|page)s?|sent\s+(?:[\w']+\s+){0,4}to\s+(?:an?\s+|the\s+)?(?:old|wrong|outdated|incorrect|previous|different)|(?:won't|will\s+not|unlikely\s+to|did\s+not|didn't)\s+notice|no\s+(?:visible|noticeable|user-facing|customer-facing|customer|user)\s+impact|issues?|problems?|trouble|impact|wonky)\b/i;

/** Words that say something is wrong without saying what: they need a "who" beside them. */
const WEAK_HOW = /^(?:issues?|problems?|trouble|impact|wonky|affected|impacted)$/i;

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
      const strong = SHARE_OF.test(body) || OUTAGE_AFFECTING.test(body);
      if ((strong || (AFFECTED.test(body) && hasHow(body))) && !isTeamOnly(body) && !UNASSESSED.test(body)) {
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

/** Is there a word saying how things are wrong? Weak words ("an issue") count only beside a "who". */
function hasHow(body: string): boolean {
  const resolved = RESOLVED_WORDS.test(body);
  const people = PEOPLE_OR_SHARE.test(body);
  for (const m of body.matchAll(HOW_ALL)) {
    const word = m[0].toLowerCase();
    // "what's wrong" asks; it does not say what is wrong
    if (word === "wrong" && /\bwhat(?:'s|\s+is|s)?\s+$/i.test(body.slice(Math.max(0, m.index - 10), m.index))) continue;
    if (resolved && GENERIC_HOW.test(word)) continue;
    if (WEAK_HOW.test(word) && !people) continue;
    return true;
  }
  return false;
}

/** "the team is seeing errors in the logs" talks about responders, not users. */
function isTeamOnly(body: string): boolean {
  return (
    /^\s*(?:we(?:'re|\s+are)?|i(?:'m|\s+am)?|the team|team|engineers?|engineering|ops|sre|the engineers|our engineers|on-?call)\s+(?:\w+\s+)?(?:seeing|see|saw|noticing|noticed|observing|observed|getting|got|found|investigating|looking|checking)\b/i.test(
      body,
    ) &&
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
