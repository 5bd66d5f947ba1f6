/** Length, sentence length, alarmed tone and exclamation marks. */
import { ACRONYMS, PANIC, SHOUT_WORDS } from "../lexicons.js";
import { PhraseMatcher } from "../phrase-matcher.js";
import { MAX_SENTENCE_WORDS } from "../policy.js";
import { countWords, type Range, wordStarts } from "../tokenise.js";
import type { Hit, Rule } from "./rule.js";

export const lengthRule: Rule = (ctx, options) => {
  const limit = options.maxWords[ctx.audience];
  if (ctx.words <= limit) return [];
  const starts = wordStarts(ctx.text);
  const from = starts[limit] ?? 0;
  let end = ctx.text.length;
  while (end > from && /\s/.test(ctx.text[end - 1] ?? "")) end--;
  return [{ rule: "length", start: from, end, detail: `${ctx.words}|${limit}` }];
};

export const sentenceLengthRule: Rule = (ctx) => {
  const limit = MAX_SENTENCE_WORDS[ctx.audience];
  const hits: Hit[] = [];
  for (const s of ctx.sentences) {
    const n = countWords(ctx.text, s.start, s.end);
    if (n > limit) hits.push({ rule: "sentence.long", start: s.start, end: s.end, detail: String(n) });
  }
  return hits;
};

const panicWords = new PhraseMatcher<true>(PANIC.map((p): [string, true] => [p, true]));
const CAPS = /(?<![\p{L}\p{N}'-])\p{Lu}[\p{Lu}\p{N}'-]*(?![\p{L}\p{N}])/gu;

function shouty(word: string): boolean {
  const letters = word.replace(/[^\p{L}]/gu, "");
  if (letters.length < 2 || /\d/.test(word) || ACRONYMS.has(word) || ACRONYMS.has(letters)) return false;
  if (SHOUT_WORDS.has(letters)) return true;
  return letters.length >= 5;
}

/** Runs of capitalised words; a run that is a heading or a "LABEL:" is not shouting. */
function capsRuns(text: string): Range[] {
  const runs: { start: number; end: number; words: string[] }[] = [];
  for (const m of text.matchAll(CAPS)) {
    const last = runs[runs.length - 1];
    if (last && /^[ ]{1,2}$/.test(text.slice(last.end, m.index))) {
      last.end = m.index + m[0].length;
      last.words.push(m[0]);
    } else {
      runs.push({ start: m.index, end: m.index + m[0].length, words: [m[0]] });
    }
  }
  const out: Range[] = [];
  let lineStart = 0;
  let scanned = 0;
  let lineEnd = -2;
  for (const run of runs) {
    if (!run.words.some(shouty) && !(run.words.length >= 3 && run.words.filter((w) => !ACRONYMS.has(w)).length >= 3))
      continue;
    // line bounds found by walking forward once, not by searching back from every run
    for (; scanned < run.start; scanned++) if (text.charCodeAt(scanned) === 10) lineStart = scanned + 1;
    if (lineEnd < run.end && lineEnd !== -1) lineEnd = text.indexOf("\n", run.end);
    const atLineStart = run.start - lineStart <= 12 && /^[\s\-*#>•\d.)[\]]*$/.test(text.slice(lineStart, run.start));
    if (atLineStart) {
      const end = lineEnd === -1 ? text.length : lineEnd;
      const after = text.slice(run.end, Math.min(end, run.end + 60));
      // a "LABEL:", or a short heading line with more text below it
      const heading = /#/.test(text.slice(lineStart, run.start)) || (lineEnd !== -1 && run.words.length <= 6);
      if (/^\s*(?:\([^)\n]{0,40}\))?\s*[:=-]/.test(after) || (heading && end - run.end <= 60 && after.trim() === ""))
        continue;
    }
    out.push({ start: run.start, end: run.end });
  }
  return out;
}

export const toneRule: Rule = (ctx) => {
  const hits: Hit[] = [];
  for (const m of panicWords.match(ctx.text, ctx.toks)) hits.push({ rule: "tone.panic", start: m.start, end: m.end });
  for (const r of capsRuns(ctx.text)) hits.push({ rule: "tone.panic", start: r.start, end: r.end, detail: "caps" });
  let singles: Range[] = [];
  for (const m of ctx.text.matchAll(/[!?]+/g)) {
    if (!m[0].includes("!")) continue;
    if (m[0].length >= 2) hits.push({ rule: "tone.exclamation", start: m.index, end: m.index + m[0].length });
    else singles.push({ start: m.index, end: m.index + 1 });
  }
  if (singles.length >= 3) {
    singles = singles.slice(2);
    for (const s of singles) hits.push({ rule: "tone.exclamation", start: s.start, end: s.end });
  }
  return hits;
};
