/**
 * Blame: a person (named, @handle, "engineer X", "someone on the team") presented as the
 * cause of the incident or as the thing to fix. Naming people for what they did on a
 * timeline ("deployment initiated by Engineer Mike") is not blame and is not matched.
 */
import { BLAME_WORDS, type BlameKind, JARGON, NOT_NAMES } from "./lexicons.js";
import { PhraseMatcher } from "./phrase-matcher.js";
import type { Range, Token } from "./tokenise.js";

export type BlameHitKind = BlameKind | "punishment";
export interface BlameHit extends Range {
  kind: BlameHitKind;
}

const blameWords = new PhraseMatcher<BlameKind>(BLAME_WORDS);
const NEGATORS = new Set([
  "no",
  "not",
  "never",
  "without",
  "nobody",
  "isnt",
  "wasnt",
  "arent",
  "werent",
  "instead",
  "than",
]);
const JARGON_WORDS = new Set(JARGON.map(([t]) => t).filter((t) => !t.includes(" ")));

const HANDLE = String.raw`@[\w][\w.-]{0,40}`;
const TITLED = String.raw`(?:[Ee]ngineer|[Dd]eveloper|[Dd]ev|[Oo]perator|SRE|[Aa]dmin|[Ii]ntern|[Cc]ontractor)\s+[A-Z][\w-]{0,30}`;
const GENERIC = String.raw`someone(?:\s+(?:on|from|in)\s+(?:(?:the|our|their|this)\s+)?\w+(?:\s+team)?|\s+in\s+\w+)?|somebody|the\s+(?:\w+\s+)?team|(?:ops|devops|qa|devs?)(?:\s+team)?|one\s+of\s+(?:our|the|their)\s+(?:engineers|developers|devs|admins|operators|sres|contractors|people)|an?\s+(?:junior\s+|new\s+|senior\s+)?(?:engineer|developer|dev|operator|admin|sre|intern|contractor|team\s+member)|(?:the|our|their)\s+(?:junior\s+|new\s+|senior\s+)?(?:on-?call\s+)?(?:engineer|developer|dev|operator|admin|sre|intern|contractor|vendor|consultant|on-?call(?:er)?(?:\s+engineer)?|dba|new\s+hire)|he|she|they|you`;
const WORD = String.raw`[A-Za-z][\w-]{0,30}`;
const PERSON = String.raw`(?<![\w@.'-])(${HANDLE}|${TITLED}|${GENERIC}|${WORD})`;
const ADV = String.raw`(?:(?:accidentally|apparently|just|again|basically|clearly|obviously|carelessly|mistakenly|also|then|totally|completely|somehow|probably|had|has|have|himself|herself)\s+){0,2}`;

const VERBS = [
  String.raw`broke\s+(?:it|prod|production|the\s+\w+|everything|things|stuff|checkout|login|payments|our\s+\w+|\w+\s+again)`,
  String.raw`caused\s+(?:it|this|the\s+(?:outage|incident|issue|problem|failure|downtime|breakage|mess|whole\s+thing)|an?\s+(?:outage|incident|issue|failure))`,
  String.raw`(?:took|takes)\s+(?:down|out)\b`,
  String.raw`brought\s+down|knocked\s+over|nuked|blew\s+(?:up|away)|botched|borked`,
  String.raw`(?:messed|screwed|fucked)\s+up`,
  String.raw`forgot\s+(?:to|the|about)`,
  String.raw`made\s+(?:a|an|the)\s+(?:mistake|typo|error|bad\s+call|bad\s+change|wrong)`,
  "fat-?fingered|mis-?configured|mistyped",
  String.raw`(?:didn't|didnt|did\s+not|failed\s+to|never|neglected\s+to)\s+(?:follow|test|check|review|read|run|notice|bother|update|verify|validate|listen|catch|escalate|ask|wait|tell|warn|double-check|look)`,
  String.raw`ignored\s+(?:the|our|my|all|every)`,
  String.raw`missed\s+(?:the|an?|our|all|every)\s+(?:alert|alerts|page|pages|warning|warnings|step|check|signs?)`,
  String.raw`(?:accidentally|mistakenly|inadvertently|carelessly|wrongly|unintentionally)\s+[a-z]+`,
  String.raw`(?:deploy|push|merg|ship|releas)\w*\s+(?:[\w']+\s+){0,5}?without\s+(?:proper\s+|any\s+|enough\s+)?(?:testing|tests?|review|approval|checking)\b`,
  String.raw`skipped\s+(?:the\s+)?(?:checklist|review|tests?|testing|process|steps?|approval|canary|staging)`,
  "bypassed",
  String.raw`should(?:'ve|\s+have|\s+of)\s+(?:known|tested|checked|caught|followed|noticed|been|asked|waited|reviewed|run|done|seen|read|escalated|realised|realized)`,
  String.raw`(?:deployed|pushed|merged|shipped|released|rolled\s+out)\s+(?:a\s+|some\s+|his\s+|her\s+|their\s+)?(?:bad|broken|buggy|untested|faulty|unreviewed|wrong|sloppy|half-baked|dodgy)(?:\s+(?:code|change|changes|config|configuration|commit|build|release|update|patch|script|migration|query|version|deploy))?`,
  String.raw`(?:deployed|pushed|merged|shipped|released|rolled\s+out|ran|made)\s+(?:the\s+|his\s+|her\s+|their\s+|a\s+|some\s+)?(?:(?:code|change|changes|it|update|fix|patch|config|migration|script|command)\s+)?without\s+(?:proper\s+|adequate\s+|any\s+|enough\s+|sufficient\s+)?(?:testing|tests|review|approval|checking|following|telling|asking|a\s+review)`,
  String.raw`(?:is|was|are|were)\s+(?:to\s+blame|at\s+fault|responsible\s+for\s+(?:the|this)\s+(?:outage|incident|issue|mess|failure|downtime))`,
  String.raw`(?:deleted|dropped|removed|changed|edited|updated|ran|pushed|deployed|used|picked|chose|restarted|killed|applied|merged)\s+the\s+wrong|[a-z]+ed\s+(?:[\w']+\s+){0,4}?(?:with|to)\s+the\s+wrong\s+\w+|ran\s+the\s+wrong|deleted\s+(?:the\s+)?(?:prod|production|live)|dropped\s+(?:the\s+)?(?:prod\s+|production\s+|live\s+)?(?:table|database|db)`,
  String.raw`(?:wasn't|was\s+not)\s+paying\s+attention`,
];
/** A person, an optional aside ("Our contractor, Acme IT, …" / "Dave, …"), then what they did. */
const PERSON_VERB = new RegExp(String.raw`${PERSON}(?:,\s*[^,.;!?\n]{1,30},|,)?\s+${ADV}(?:${VERBS.join("|")})`, "gi");

const CAUSE_NOUN = String.raw`change|deploy|deployment|commit|push|pr|pull\s+request|code|script|config|migration|query|command|update|patch|release|mistake|error|typo|fault|screw-?up|carelessness|negligence|oversight|bad\s+\w+`;
const POSSESSIVE = new RegExp(String.raw`${PERSON}'s\s+(?:\w+\s+)?(?:${CAUSE_NOUN})\b`, "gi");
const ALWAYS_BLAME_NOUN = /\b(?:mistake|error|typo|fault|screw-?up|carelessness|negligence|oversight)\b/i;
const CAUSAL =
  /\b(?:caus\w*|broke|break\w*|led to|lead to|result\w* in|trigger\w*|responsible|took down|brought down|because of|due to|thanks to|blame\w*|root cause|behind|introduced)\b/i;
const CAUSED_BY = new RegExp(
  String.raw`\b(?:caused|triggered|introduced|broken|started)\s+by\s+(?:${HANDLE}|${TITLED}|${GENERIC}|human|a\s+human|a\s+person|people)(?![\w'])`,
  "gi",
);
/** "because Tom ran the script": a person as the subject of the cause. */
const BECAUSE_PERSON = new RegExp(
  String.raw`\b(?:because|cause|cuz|due\s+to|thanks\s+to)\s+(?:of\s+)?(${HANDLE}|${TITLED}|${GENERIC}|[A-Z][a-z][\w-]{0,30}|[a-z][\w-]{1,30})\s+(?!(?:is|was|were|are|had\s+been|has\s+been|went|being|'s|s)\b)(?:had\s+|has\s+|just\s+|accidentally\s+)?(?:[a-z]+ed|ran|did|made|took|forgot|broke|pushed|hit|left|put|sent|set|let|shut|cut|wrote|gave)\b`,
  "g",
);
/** "a bad deployment from Jake", "a misconfiguration by one of our admins" (needs a causal word nearby). */
const CAUSE_FROM_PERSON = new RegExp(
  String.raw`\b(?:${CAUSE_NOUN}|misconfiguration|deployment|deploy|push)\s+(?:from|by|of)\s+(${HANDLE}|${TITLED}|${GENERIC}|[A-Z][a-z][\w-]{0,30})(?![\w'])`,
  "gi",
);
const BLAME_NAME = new RegExp(
  String.raw`\b(?:blame|blaming|blamed)\s+(?:it\s+on\s+|this\s+on\s+)?(${HANDLE}|${TITLED}|[A-Z][\w-]{1,30})`,
  "g",
);

const PUNISH: RegExp[] = [
  new RegExp(
    String.raw`${PERSON}\s+(?:to|will|should|must|needs\s+to|need\s+to|has\s+to|is\s+to|shall)\s+(?:receive|get|undergo|attend|take|complete|go\s+through|be\s+sent\s+(?:to|for)|do)\s+(?:additional|more|extra|remedial|mandatory|refresher|further|proper|some|a)?\s*(?:training|coaching|re-?training|education|course|a\s+course)`,
    "gi",
  ),
  new RegExp(String.raw`\b[Rr]e-?train(?:ing|ed)?\s+(?:${TITLED}|[A-Z][\w-]{1,30})`, "g"),
  new RegExp(
    String.raw`\bre-?train(?:ing|ed)?\s+(?:${HANDLE}|him|her|them|the\s+engineer|the\s+developer|engineers|the\s+team|staff|the\s+operator)`,
    "gi",
  ),
  /\b(?:disciplinary(?:\s+action)?|disciplined|written\s+warning|verbal\s+warning|formal\s+warning|reprimand(?:ed)?|performance\s+improvement\s+plan|name\s+and\s+shame|held\s+accountable|hold\s+\w+\s+accountable|consequences\s+for\s+(?:him|her|them|the\s+engineer))\b/gi,
  new RegExp(
    String.raw`${PERSON}\s+(?:was|should\s+be|will\s+be|must\s+be|to\s+be|gets|get|is\s+being)\s+(?:fired|terminated|dismissed|suspended|demoted|disciplined|reprimanded|written\s+up|let\s+go|put\s+on\s+(?:a\s+)?pip|removed\s+from\s+(?:the\s+)?(?:on-?call|rotation|team))`,
    "gi",
  ),
  new RegExp(
    String.raw`\b(?:fire|terminate|dismiss|demote)\s+(?:${HANDLE}|${TITLED}|[A-Z][\w-]{1,30}|him|her|them|the\s+engineer)\b`,
    "g",
  ),
  /\brevoke\s+(?:[\w@-]{1,40}'s\s+)(?:prod(?:uction)?\s+)?(?:access|permissions|rights)/gi,
  /\bremind\s+(?:all\s+)?(?:engineers|everyone|the\s+team|people|staff|developers|devs|the\s+engineer|him|her|them|operators|on-?call(?:ers)?|team\s+members)\s+to\b/gi,
];

const HINDSIGHT =
  /\b(?:should(?:'ve|\s+have|\s+of)|shouldn't\s+have|should\s+not\s+have|ought\s+to\s+have|could\s+(?:easily\s+)?have\s+(?:prevented|avoided|caught|stopped)|if\s+only|failed\s+to|neglected\s+to)\b/gi;
const SYSTEM_SUBJECT =
  /\b(?:alerts?|alarms?|monitors?|monitoring|tests?|pipeline|checks?|system|systems|tool|tooling|script|process|procedures?|it|this|that|automation|dashboard|config|job|service|deploy|deployment|build|canary|migration|database|cluster|server|query|request|page|pager|runbook|review|check|code|limit|backup|restore|failover|rollback)\s+(?:\w+\s+)?$/i;

const DETERMINERS =
  /\b(?:the|a|an|this|that|these|those|our|their|its|his|her|my|your|new|bad|latest|last|recent|same|which|whose|every|each|some|any|no)\s+$/i;
const PREPOSITIONS = /\b(?:of|to|in|on|at|for|with|from|by|into|onto|via|about)\s+$/i;

/** Is the plain word at `start` plausibly a person's name in subject position? */
function plausibleSubject(text: string, word: string, start: number, possessive = false): boolean {
  if (word.startsWith("@")) return true;
  if (/\s/.test(word)) return true; // a titled name or a generic phrase
  const lower = word.toLowerCase();
  if (GENERIC_ONE_WORD.has(lower)) return true;
  if (NOT_NAMES.has(lower) || JARGON_WORDS.has(lower) || /\d/.test(word)) return false;
  const before = text.slice(Math.max(0, start - 24), start);
  if (DETERMINERS.test(before) || (!possessive && PREPOSITIONS.test(before))) return false;
  if (/^[a-z]/.test(word)) {
    // lower-case names only where a sentence or clause begins: "mike broke prod"
    return /(?:^|[.!?:;,\n]|\b(?:and|but|because|cuz|since|so|guess|think|pretty sure|turns out))\s*$/i.test(before);
  }
  return true;
}
const GENERIC_ONE_WORD = new Set(["someone", "somebody", "he", "she", "they", "you"]);

function negated(toks: readonly Token[], first: number): boolean {
  for (let k = Math.max(0, first - 3); k < first; k++) {
    const t = toks[k];
    if (t && NEGATORS.has(t.norm)) return true;
  }
  return false;
}

export function findBlame(text: string, toks: readonly Token[], mode: "message" | "postmortem"): BlameHit[] {
  const out: BlameHit[] = [];
  for (const hit of blameWords.match(text, toks)) {
    if (negated(toks, hit.first)) continue;
    out.push({ start: hit.start, end: hit.end, kind: hit.value });
  }
  for (const m of text.matchAll(PERSON_VERB)) {
    const who = m[1] ?? "";
    if (!plausibleSubject(text, who, m.index)) continue;
    out.push({ start: m.index, end: m.index + m[0].length, kind: "person" });
  }
  for (const m of text.matchAll(POSSESSIVE)) {
    const who = m[1] ?? "";
    if (!plausibleSubject(text, who, m.index, true)) continue;
    const sentence = sentenceAround(text, m.index, m.index + m[0].length);
    if (!ALWAYS_BLAME_NOUN.test(m[0]) && !CAUSAL.test(sentence)) continue;
    out.push({ start: m.index, end: m.index + m[0].length, kind: "person" });
  }
  for (const m of text.matchAll(BECAUSE_PERSON)) {
    const who = m[1] ?? "";
    const at = m.index + m[0].indexOf(who, m[0].search(/\s/));
    if (!plausibleSubject(text, who, at, true) || /^[A-Z]{2,}$/.test(who)) continue;
    out.push({ start: m.index, end: m.index + m[0].length, kind: "person" });
  }
  for (const m of text.matchAll(CAUSE_FROM_PERSON)) {
    const who = m[1] ?? "";
    const at = m.index + m[0].lastIndexOf(who);
    if (!plausibleSubject(text, who, at, true)) continue;
    const sentence = sentenceAround(text, m.index, m.index + m[0].length);
    if (!ALWAYS_BLAME_NOUN.test(m[0]) && !/\bmisconfiguration\b/i.test(m[0]) && !CAUSAL.test(sentence)) continue;
    out.push({ start: m.index, end: m.index + m[0].length, kind: "person" });
  }
  for (const m of text.matchAll(CAUSED_BY)) out.push({ start: m.index, end: m.index + m[0].length, kind: "person" });
  for (const m of text.matchAll(BLAME_NAME)) {
    const who = m[1] ?? "";
    if (!who.startsWith("@") && NOT_NAMES.has(who.toLowerCase())) continue;
    out.push({ start: m.index, end: m.index + m[0].length, kind: "person" });
  }
  for (const re of PUNISH) {
    for (const m of text.matchAll(re)) {
      const who = m[1];
      if (who !== undefined && !plausibleSubject(text, who, m.index)) continue;
      out.push({ start: m.index, end: m.index + m[0].length, kind: "punishment" });
    }
  }
  if (mode === "postmortem") {
    for (const m of text.matchAll(HINDSIGHT)) {
      const before = text.slice(Math.max(0, m.index - 40), m.index);
      if (SYSTEM_SUBJECT.test(before)) continue;
      out.push({ start: m.index, end: m.index + m[0].length, kind: "hindsight" });
    }
  }
  return out;
}

function sentenceAround(text: string, start: number, end: number): string {
  const from = Math.max(0, start - 120);
  const to = Math.min(text.length, end + 120);
  const before = text.slice(from, start);
  const cut = Math.max(before.lastIndexOf(". "), before.lastIndexOf("\n"));
  const after = text.slice(end, to);
  const stop = after.search(/[.!?](?:\s|$)|\n/);
  return text.slice(cut === -1 ? from : from + cut + 1, stop === -1 ? to : end + stop);
}
