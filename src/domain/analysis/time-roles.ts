/**
 * What a time expression is doing in its sentence: announcing the next update, dating the
 * start, counting elapsed time, estimating completion, or boxing a task. Each check looks
 * at a short window before or after the expression, inside its sentence, so the cost is
 * bounded per expression.
 */
import type { TimeExpr } from "./times.js";
import type { Range } from "./tokenise.js";

export type TimeRole = "nextUpdate" | "start" | "elapsed" | "eta" | "end" | "timebox" | "trigger";

export interface ClassifiedTime {
  time: TimeExpr;
  role: TimeRole | null;
  /** The phrase carrying the role, e.g. "next update 14:25" or "started 14:03". */
  span: Range;
  /** For an ETA: is it the resolution itself (not a diagnosis or an update)? */
  resolution: boolean;
}

const WINDOW_BEFORE = 90;
const WINDOW_AFTER = 60;

const NEXT_UPDATE_BEFORE: RegExp[] = [
  /\b(?:next|another|further|follow-?up|subsequent|new|fresh)\s+(?:[a-z]+\s+)?(?:updates?|posts?|reports?|check-?ins?|messages?|comms?|communications?|briefings?|bulletins?|syncs?|status|touchpoints?|call|information|info|news|notice|statement|announcement|notes?|e-?mails?|summary|summaries|readouts?|word|ping|heads-up)\b[^.!?]{0,30}$/i,
  /(?:\bwill|\b[a-z]+'ll|\bi'?ll|\bwe'?ll|\bshall|\bgoing to|\bgonna|\bplan to|\baim to|\bexpect to|\bintend to|\bcommit to|\bpromise to)\s+(?:[a-z']+\s+){0,2}?(?:update|post|report|check in|check back|circle back|get back|reach out|write|ping|brief|notify|inform|let\s+(?:you|u|everyone|you all|all|them|the team|leadership|people|folks|customers)\s+know|share|provide|send|publish|follow up|come back|keep\s+(?:you|u|everyone|you all|all|them|the team|leadership|people|folks|customers)\s+(?:posted|updated|informed|in the loop)|be in touch|talk|speak|sync|regroup|reconvene|touch base|report back)\b[^.!?]{0,40}$/i,
  /\b(?:updates?|reports?|postmortem|post-incident review|rca|details|more information|further information)\s+(?:will\s+)?(?:follow|come|be\s+(?:posted|provided|shared|published|sent|given|issued))\b[^.!?]{0,25}$/i,
  /\bupdates?\b[^.!?]{0,30}\bevery\s*$/i,
  /(?:^|[.;:,!?\n-]\s*)(?:next\s+)?(?:updates?|posts?|check-?ins?|report|syncs?|huddle|stand-?up|call|regroup|checkpoint)\s+(?:again\s+)?(?:by|at|in|within|around|before|every|@|no later than)\s*$/i,
  /\b(?:expect|look out for|watch for)\s+(?:an?|our|the)\s+(?:[a-z]+\s+)?(?:update|post|report)\b[^.!?]{0,30}$/i,
  /\b(?:check(?:ing)?\s+back|report(?:ing)?\s+back|regroup|reconvene|re-?sync|huddle|touch\s+base|circle\s+back|back\s+here|reassess)\b[^.!?]{0,20}$/i,
  /\b(?:checkpoint|check-?in|sync|huddle|stand-?up|regroup)\s+(?:again\s+)?(?:at|by|in|around|within|@)\s*$/i,
];

const START_BEFORE =
  /(?:\bstart(?:ed|ing|s)?|\bbeg[au]n|\bbegins|\bbeginning|\bsince|\bonset|\bkicked off|\bfirst\s+(?:seen|noticed|observed|detected|reported|alerted|spotted|paged)|\bdetected|\bnoticed|\balerted|\bpaged|\bwent down|\bbegan failing|\bstarted failing|\boccurred|\bhappened|\bsurfaced|\bappeared)\b[^.!?]{0,22}$/i;
const FROM_RANGE_BEFORE = /\b(?:from|between)\s*$/i;
const FROM_RANGE_AFTER = /^\s*(?:utc|gmt)?\s*(?:to|until|till|and|-)\s*\d/i;
/** "10:05-10:30": a time range dates the event even without "from". */
const BARE_RANGE_AFTER = /^\s*(?:utc|gmt)?\s*(?:-|to|until|till)\s*\d{1,2}[:h.]\d{2}/i;
/** "lost power at 04:12", "failed around 9pm": a past event dated on the timeline. */
const PAST_EVENT_BEFORE =
  /\b(?:[a-z]{2,}ed|lost|went|began|broke|hit|fell|ran|took|saw|came|got|left|stopped|died|crashed|failed|happened|began|started|spiked|dropped)\b[^.!?;]{0,45}\b(?:at|around|about|on|since)\s+(?:about\s+|around\s+|approximately\s+|~\s*)?$/i;
const START_AFTER =
  /^\s*(?:utc|gmt)?\s*[,:)-]?\s*[^.!?]{0,45}?\b(?:start(?:ed|s)?|beg[au]n|begins|first (?:seen|noticed|detected|reported|observed)|went down|started failing|began failing|was detected|were detected|was first|kicked off|onset|was declared|failed|failing|went|broke|stopped|dropped|spiked|crashed|errored|alerted|paged|fired|degraded|became|corrupted|exposed|leaked|deleted|lost|occurred|happened|hit|received|reported|triggered)\b/i;
const AGO_AFTER = /^\s*ago\b/i;
const AGO_LEAD =
  /\b(?:(?:start(?:ed|ing)?|beg[au]n|since|happened|occurred|appeared|noticed)\s+)?(?:about|around|roughly|approximately|some|~|over|almost|nearly|just)?\s*$/i;

const ELAPSED_AFTER =
  /^\s*(?:in(?:to)?\b(?=\s*(?:$|[.,;:!?)\n]|the\b|this\b|it\b|and\b|now\b|so\b|with\b))|so far\b|and counting\b|elapsed\b|old\b|running\b|ongoing\b|of\s+(?:downtime|impact|outage|disruption|degradation|errors|failures|instability|unavailability))/i;
const ELAPSED_BEFORE =
  /(?:\bfor(?: the (?:past|last))?|\bover the (?:past|last)|\bin the (?:past|last)|\belapsed|\bduration|\bdowntime|\bbeen\s+(?:down|degraded|out|failing|ongoing|broken|unavailable|happening|going on|running|open)(?:\s+for)?|\blasted|\blasting|\bongoing for|\brunning for|\bopen for|\bcurrently|\bnow|\bsince)\s*[:=]?\s*(?:about|approximately|approx\.?|roughly|around|~|almost|nearly|over|more than|just over|just under|under|at)?\s*$/i;
const FUTURE = /\b(?:will|'ll|going to|gonna|plan(?:ned)? to|expect|schedul|tomorrow|next)\w*/i;

const ETA_LABEL_BEFORE =
  /(?:\beta|\be\.t\.a\.?|\bestimated (?:time (?:to|of) )?(?:resolution|recovery|fix|restore|restoration|completion|repair)|\bexpected (?:resolution|recovery|fix|completion|restoration)(?: time)?|\btime to (?:fix|resolution|recovery|restore|repair|mitigate|mitigation)|\bttr|\bttm)\b\s*(?:for (?:the )?(?:fix|resolution|recovery|restore|full (?:recovery|resolution|restore)|workaround|mitigation))?\s*(?:is\s+|of\s+)?[:=~-]?\s*(?:about|approximately|approx\.?|roughly|around|~|in|by|within|at|under)?\s*(?:about|approximately|roughly|around|~)?\s*$/i;

const COMPLETION = String.raw`work(?:s|ing)?\s+again|(?<!\b(?:roll|rolling|rolled|fall|falling|get|getting|come|coming|push|pushing|write|report|call|circle|check|go|going|scale|scaling|dial|dialing|cut|cutting|step|stepping|fight|fighting)\s)back(?:\s+up|\s+online|\s+to normal)?|restored?|restoring|resolved?|resolution|resolving|fix(?:ed)?|recover(?:ed|y)?|up and running|online|available(?:\s+again)?|operational|normal|working(?:\s+again)?|done|complete(?:d)?|completion|finish(?:ed)?|ready|live|deployed|mitigat(?:ed|ion)|restoration|stable|stabili[sz]ed|clear(?:ed)?|caught up|processed|drained|synced|repaired|root cause|a cause|the cause|diagnosis|an answer|answers|results|findings|know|promise[sd]?|flow(?:ing)?\s+again`;
const ETA_COMPLETION_BEFORE = new RegExp(
  String.raw`\b(?:${COMPLETION})\b[^.!?;]{0,45}?\b(?:by|within|in|before|around|at|no later than|under|inside(?: of)?|takes?|taking|take about|about)\s+(?:the\s+next\s+|about\s+|approximately\s+|approx\.?\s+|roughly\s+|around\s+|~\s*|an estimated\s+|less than\s+|under\s+)?$`,
  "i",
);
/** "closed for maintenance until 12:00": a reopening time is a resolution time. */
const ETA_UNTIL_BEFORE =
  /\b(?:closed|down|unavailable|offline|maintenance|paused|suspended|disabled|read-only)\b[^.!?;]{0,40}\b(?:until|till|through)\s+(?:about\s+|around\s+|approximately\s+)?$/i;
const ETA_TAKES_BEFORE =
  /\b(?:takes?|taking|will take|should take|needs?|requires?|expected to take|estimated to take)\s+(?:about|approximately|approx\.?|roughly|around|~|up to|at least|another)?\s*$/i;
const ETA_COMPLETION_AFTER = new RegExp(
  String.raw`^\s*(?:utc|gmt)?\s*(?:to|until|till|for|before)\s+(?:a\s+|the\s+|full\s+)?(?:${COMPLETION})\b`,
  "i",
);
/** "was fixed at 06:40", "restored at 14:50": a past event on the timeline, not a promise. */
const PAST_COMPLETION_BEFORE =
  /(?:\b(?:was|were|been|got|had)\s+(?:fully\s+|finally\s+|successfully\s+)?(?:resolved|restored|fixed|recovered|mitigated|deployed|completed|finished|reverted|rolled\s+back|back)\b[^.!?;]{0,30}|\b(?:resolved|restored|fixed|recovered|mitigated|completed|finished|reverted|ended|stopped|cleared)\s+(?:at|around|on|as\s+of)\s*)$/i;
const NON_RESOLUTION = /\b(?:root cause|a cause|the cause|diagnosis|an answer|answers|results|findings|know)\b/i;

const TIMEBOX_BEFORE =
  /(?:\bneed|\bgive (?:us|me|it|them|him|her)|\banother|\bfor the next|\btime-?box(?:ed)?(?: to| of| at)?|\bcheck back in|\breport back (?:in|within|by)|\bback to me (?:in|within|by)|\bwithin|\byou have|\bhave)\s*(?:about|~)?\s*$/i;

/** "if we have no cause by 14:25": the time is a trigger of the plan, not an estimate. */
const TRIGGER_BEFORE =
  /\b(?:if|unless|otherwise|in case)\b[^.!?;]{0,70}\b(?:by|at|before|after|in|within|past|until)\s+(?:about\s+|around\s+|~\s*)?$/i;

const LATEST = new Map<RegExp, RegExp>();
/** The same pattern, matched as late as possible in the window (the shortest phrase before the time). */
function latest(re: RegExp): RegExp {
  let out = LATEST.get(re);
  if (!out) {
    out = new RegExp(String.raw`^[\s\S]*(${re.source})`, `${re.flags.replace(/[gd]/g, "")}d`);
    LATEST.set(re, out);
  }
  return out;
}

/** Classify every time expression by its neighbourhood within its sentence. */
export function classifyTimes(text: string, times: readonly TimeExpr[], sentences: readonly Range[]): ClassifiedTime[] {
  const out: ClassifiedTime[] = [];
  let si = 0;
  for (const time of times) {
    while (si < sentences.length && (sentences[si]?.end ?? 0) <= time.start) si++;
    const sentence = sentences[si] ?? { start: 0, end: text.length };
    const preStart = Math.max(sentence.start, time.start - WINDOW_BEFORE);
    const pre = text.slice(preStart, time.start);
    const post = text.slice(time.end, Math.min(sentence.end, time.end + WINDOW_AFTER));
    out.push(classifyOne(time, pre, preStart, post, text));
  }
  return out;
}

function classifyOne(time: TimeExpr, pre: string, preStart: number, post: string, text: string): ClassifiedTime {
  const own: Range = { start: time.start, end: time.end };
  const before = (re: RegExp): Range | null => {
    const m = latest(re).exec(pre);
    const at = m?.indices?.[1]?.[0];
    return at !== undefined ? { start: preStart + at, end: time.end } : null;
  };
  const after = (re: RegExp): Range | null => {
    const m = re.exec(post);
    return m ? { start: time.start, end: time.end + m.index + m[0].length } : null;
  };
  const result = (role: TimeRole | null, span: Range | null, resolution = false): ClassifiedTime => ({
    time,
    role,
    span: span ?? own,
    resolution,
  });

  for (const re of NEXT_UPDATE_BEFORE) {
    const span = before(re);
    if (span) return result("nextUpdate", span);
  }
  if (TRIGGER_BEFORE.test(pre)) return result("trigger", null);
  const etaLabel = before(ETA_LABEL_BEFORE);
  if (etaLabel && time.kind !== "tplus") return result("eta", etaLabel, true);

  if (time.kind !== "duration" && time.kind !== "tplus" && time.kind !== "bare") {
    const future = /\b(?:by|before|until|till|within|no later than|after|around|at about)\s*$/i.test(pre);
    const range =
      FROM_RANGE_BEFORE.test(pre) && FROM_RANGE_AFTER.test(post)
        ? before(FROM_RANGE_BEFORE)
        : time.kind === "clock" && BARE_RANGE_AFTER.test(post)
          ? own
          : null;
    const start = range ?? before(START_BEFORE) ?? (future ? null : after(START_AFTER));
    if (start) return result("start", start);
  }
  if (time.kind === "duration" || time.kind === "bare") {
    const ago = after(AGO_AFTER);
    if (ago) {
      const lead = AGO_LEAD.exec(pre);
      return result("start", lead && lead[0].trim() !== "" ? { start: preStart + lead.index, end: ago.end } : ago);
    }
  }
  if (time.kind === "tplus") return result("elapsed", own);
  if (time.kind === "duration") {
    const elapsedAfter = after(ELAPSED_AFTER);
    if (elapsedAfter) {
      const lead =
        /\b(?:currently|now|about|approximately|roughly|around|~|almost|nearly|over|just over|we are|we're)\s*$/i.exec(
          pre,
        );
      return result("elapsed", lead ? { start: preStart + lead.index, end: elapsedAfter.end } : elapsedAfter);
    }
    const elapsedBefore = before(ELAPSED_BEFORE);
    if (elapsedBefore && !FUTURE.test(pre)) return result("elapsed", elapsedBefore);
  }
  if (PAST_COMPLETION_BEFORE.test(pre) && !FUTURE.test(pre)) return result("end", before(PAST_COMPLETION_BEFORE));
  if (time.kind !== "duration" && PAST_EVENT_BEFORE.test(pre) && !FUTURE.test(pre)) {
    return result("start", before(PAST_EVENT_BEFORE));
  }
  const completion = before(ETA_COMPLETION_BEFORE);
  if (completion) {
    const phrase = text.slice(completion.start, completion.end);
    return result("eta", completion, !NON_RESOLUTION.test(phrase));
  }
  const until = before(ETA_UNTIL_BEFORE);
  if (until) return result("eta", until, true);
  const completionAfter = after(ETA_COMPLETION_AFTER);
  if (completionAfter) {
    const phrase = text.slice(completionAfter.start, completionAfter.end);
    return result("eta", completionAfter, !NON_RESOLUTION.test(phrase));
  }
  if (time.kind === "duration") {
    const takes = before(ETA_TAKES_BEFORE);
    if (takes) {
      if (/\bneeds?\b|\banother\b/i.test(text.slice(takes.start, time.start))) return result("timebox", takes);
      return result("eta", takes, true);
    }
    const box = before(TIMEBOX_BEFORE);
    if (box) return result("timebox", box);
  }
  return result(null, null);
}
