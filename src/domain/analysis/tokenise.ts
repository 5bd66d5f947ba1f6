/**
 * Tokens, sentences and clauses with offsets. All functions expect normalised text
 * (see `normalise.ts`) and run in linear time.
 */

export interface Range {
  start: number;
  end: number;
}

export interface Token extends Range {
  /** Lower case, apostrophes removed: "Don't" → "dont". */
  norm: string;
}

const WORD = /[\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*/gu;

/** Word tokens for lexicon matching; hyphens and underscores split words ("sign-in" → sign, in). */
export function tokens(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    const start = m.index;
    out.push({ start, end: start + m[0].length, norm: m[0].toLowerCase().replace(/'/g, "") });
  }
  return out;
}

/** Words as a reader counts them: whitespace-separated chunks holding a letter or digit. */
export function countWords(text: string, from = 0, to = text.length): number {
  let n = 0;
  for (const m of text.slice(from, to).matchAll(/\S+/g)) {
    if (/[\p{L}\p{N}]/u.test(m[0])) n++;
  }
  return n;
}

/** Start offsets of the words (as counted by `countWords`). */
export function wordStarts(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(/\S+/g)) {
    if (/[\p{L}\p{N}]/u.test(m[0])) out.push(m.index);
  }
  return out;
}

/** Abbreviations whose full stop never ends a sentence. */
const NO_BREAK = new Set([
  "a.m",
  "p.m",
  "e.g",
  "i.e",
  "vs",
  "approx",
  "ca",
  "cf",
  "etc.,",
  "no",
  "mr",
  "mrs",
  "ms",
  "dr",
]);

const BULLET = /^\s*(?:[-*+>•]|\d{1,3}[.)]|#{1,6})\s/;
const ENDS_CLAUSE = /[.!?:;]\s*$/;

function isSpace(code: number): boolean {
  return (
    code === 32 || (code >= 9 && code <= 13) || code === 0xa0 || code === 0xfeff || (code >= 0x2000 && code <= 0x200a)
  );
}

function trimRange(text: string, start: number, end: number): Range | null {
  let s = start;
  let e = end;
  while (s < e && isSpace(text.charCodeAt(s))) s++;
  while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
  return s < e ? { start: s, end: e } : null;
}

const DOT = 46;
const BANG = 33;
const QUESTION = 63;
const isTerminal = (c: number) => c === DOT || c === BANG || c === QUESTION;
const isCloser = (c: number) => c === 34 || c === 39 || c === 41 || c === 93;

/** Lines joined into blocks: a hard-wrapped line continues when it is long, unpunctuated and the next starts lower-case. */
function blocks(text: string): Range[] {
  const lines: Range[] = [];
  let pos = 0;
  while (pos <= text.length) {
    const nl = text.indexOf("\n", pos);
    const end = nl === -1 ? text.length : nl;
    lines.push({ start: pos, end });
    if (nl === -1) break;
    pos = nl + 1;
  }
  const out: Range[] = [];
  let current: Range | null = null;
  let previous: Range | null = null;
  for (const line of lines) {
    const content = text.slice(line.start, line.end);
    const blank = content.trim() === "";
    if (blank) {
      if (current) out.push(current);
      current = null;
      previous = null;
      continue;
    }
    const continues =
      current !== null &&
      previous !== null &&
      previous.end - previous.start >= 45 &&
      !ENDS_CLAUSE.test(text.slice(previous.start, previous.end)) &&
      /^\s*\p{Ll}/u.test(content) &&
      !BULLET.test(content);
    if (continues && current) {
      current.end = line.end;
    } else {
      if (current) out.push(current);
      current = { start: line.start, end: line.end };
    }
    previous = line;
  }
  if (current) out.push(current);
  return out;
}

/** Sentences: split at . ! ? followed by space or end, and at line breaks (see `blocks`). */
export function sentences(text: string): Range[] {
  const out: Range[] = [];
  for (const block of blocks(text)) {
    let start = block.start;
    let i = block.start;
    while (i < block.end) {
      const ch = text.charCodeAt(i);
      if (isTerminal(ch)) {
        let j = i;
        while (j < block.end && isTerminal(text.charCodeAt(j))) j++;
        // closing quotes or brackets stay with the sentence
        while (j < block.end && isCloser(text.charCodeAt(j))) j++;
        const atEnd = j >= block.end || isSpace(text.charCodeAt(j));
        if (atEnd && !(ch === DOT && j === i + 1 && isAbbreviation(text, i))) {
          const r = trimRange(text, start, j);
          if (r) out.push(r);
          start = j;
        }
        i = j;
        continue;
      }
      i++;
    }
    const r = trimRange(text, start, block.end);
    if (r) out.push(r);
  }
  return out;
}

function isAbbreviation(text: string, dot: number): boolean {
  let s = dot;
  while (s > 0 && /[A-Za-z.]/.test(text[s - 1] ?? "")) s--;
  if (dot - s > 8) return false;
  const word = text.slice(s, dot).toLowerCase();
  if (!NO_BREAK.has(word)) return false;
  // "a.m." / "p.m." end a sentence when a capitalised sentence clearly follows
  if (word === "a.m" || word === "p.m") {
    const rest = text.slice(dot + 1, dot + 12);
    return !/^\s+(?:The|We|Our|I|It|This|Next|Please)\b/.test(rest);
  }
  return true;
}

/** Clauses of a sentence: split at ; and spaced dashes, and at ", but/so/and we…" joins. */
export function clauses(text: string, sentence: Range): Range[] {
  const body = text.slice(sentence.start, sentence.end);
  const out: Range[] = [];
  let last = 0;
  for (const m of body.matchAll(
    /;|\s-{1,2}\s|,\s+(?=(?:but|so|while|whereas|although|though|which|and (?:we|our|the team|i)|we|our|i)\b)/gi,
  )) {
    const r = trimRange(text, sentence.start + last, sentence.start + m.index);
    if (r) out.push(r);
    last = m.index + m[0].length;
  }
  const r = trimRange(text, sentence.start + last, sentence.end);
  if (r) out.push(r);
  return out;
}

export interface Label {
  /** Lower-cased label words, e.g. "next update". */
  name: string;
  /** Where the label's content starts (after the colon). */
  contentStart: number;
  start: number;
}

const LABEL =
  /^\s*(?:[-*+>•]\s*)?(?:\*\*|__)?([A-Za-z][A-Za-z /&'()-]{0,32}?)(?:\*\*|__)?\s*[:=](?!\/\/)(?:\*\*|__)?\s*/;

/** A leading "Label:" of a sentence ("IMPACT: …", "Next update: 14:25"), at most four words. */
export function labelOf(text: string, sentence: Range): Label | null {
  const body = text.slice(sentence.start, Math.min(sentence.end, sentence.start + 48));
  const m = LABEL.exec(body);
  if (!m?.[1]) return null;
  const name = m[1].trim().toLowerCase();
  if (name.split(/\s+/).length > 4) return null;
  const labelStart = sentence.start + m[0].indexOf(m[1]);
  return { name, contentStart: sentence.start + m[0].length, start: labelStart };
}
