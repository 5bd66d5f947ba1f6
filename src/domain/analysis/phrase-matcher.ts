/**
 * Matches lexicons of word phrases against tokens in linear time, robust to case,
 * punctuation between words, hyphens ("sign-in" = "sign in") and contractions
 * ("don't" = "dont" = "do not").
 */
import type { Token } from "./tokenise.js";

export interface PhraseHit<T> {
  start: number;
  end: number;
  /** Index of the first and one past the last token matched. */
  first: number;
  last: number;
  value: T;
}

const CONTRACTIONS: [RegExp, string[]][] = [
  [/^can't$/, ["cant", "can not", "cannot"]],
  [/^won't$/, ["wont", "will not"]],
  [/^shan't$/, ["shant", "shall not"]],
  [/^(\w+)n't$/, ["$1nt", "$1 not"]],
  [/^i'm$/, ["im", "i am"]],
  [/^(\w+)'re$/, ["$1re", "$1 are"]],
  [/^(\w+)'ll$/, ["$1ll", "$1 will"]],
  [/^(\w+)'ve$/, ["$1ve", "$1 have"]],
  [/^(\w+)'d$/, ["$1d", "$1 would", "$1 had"]],
  [/^(it|that|there|what|here|who|he|she)'s$/, ["$1s", "$1 is"]],
];

/** Every spelling of a phrase: "don't know" → "dont know", "do not know". */
export function spellings(phrase: string): string[] {
  let variants: string[][] = [[]];
  for (const word of phrase
    .toLowerCase()
    .replace(/[\u2019]/g, "'")
    .split(/[\s-]+/)
    .filter(Boolean)) {
    let forms = [word.replace(/'/g, "")];
    for (const [re, reps] of CONTRACTIONS) {
      if (re.test(word)) {
        forms = reps.map((r) => word.replace(re, r));
        break;
      }
    }
    const next: string[][] = [];
    for (const v of variants) for (const f of forms) next.push([...v, ...f.split(" ")]);
    variants = next;
  }
  return [...new Set(variants.map((v) => v.join(" ")))];
}

interface Entry<T> {
  words: string[];
  value: T;
}

export class PhraseMatcher<T> {
  private readonly byFirst = new Map<string, Entry<T>[]>();

  constructor(entries: Iterable<[phrase: string, value: T]>) {
    for (const [phrase, value] of entries) {
      for (const spelling of spellings(phrase)) {
        const words = spelling.split(" ");
        const first = words[0];
        if (!first) continue;
        const list = this.byFirst.get(first) ?? [];
        list.push({ words, value });
        this.byFirst.set(first, list);
      }
    }
    for (const list of this.byFirst.values()) list.sort((a, b) => b.words.length - a.words.length);
  }

  /**
   * Longest, leftmost, non-overlapping matches. Words of one phrase must sit in one sentence:
   * only spaces, hyphens, slashes or % between them, plus at most two filler words.
   */
  match(text: string, toks: readonly Token[]): PhraseHit<T>[] {
    const out: PhraseHit<T>[] = [];
    let i = 0;
    while (i < toks.length) {
      const tok = toks[i];
      const list = tok ? this.byFirst.get(tok.norm) : undefined;
      let matched = 0;
      if (tok && list) {
        for (const entry of list) {
          const next = fits(text, toks, i, entry.words);
          const lastTok = next > i ? toks[next - 1] : undefined;
          if (lastTok) {
            out.push({ start: tok.start, end: lastTok.end, first: i, last: next, value: entry.value });
            matched = next - i;
            break;
          }
        }
      }
      i += matched > 0 ? matched : 1;
    }
    return out;
  }
}

/** Words that may sit inside a phrase without changing it: "not really sure", "don't actually know". */
const FILLERS = new Set([
  "really",
  "actually",
  "exactly",
  "entirely",
  "quite",
  "totally",
  "fully",
  "completely",
  "yet",
  "so",
  "too",
  "very",
  "100",
  "even",
  "honestly",
  "truly",
  "currently",
]);

/** Index one past the last token of the phrase starting at `at`, or -1. At most two fillers per phrase. */
function fits(text: string, toks: readonly Token[], at: number, words: string[]): number {
  let i = at;
  let fillers = 0;
  for (let k = 0; k < words.length; k++) {
    let tok = toks[i];
    if (k > 0) {
      while (tok && tok.norm !== words[k] && FILLERS.has(tok.norm) && fillers < 2 && joined(text, toks[i - 1], tok)) {
        fillers++;
        i++;
        tok = toks[i];
      }
      if (!joined(text, toks[i - 1], tok)) return -1;
    }
    if (!tok || tok.norm !== words[k]) return -1;
    i++;
  }
  return i;
}

function joined(text: string, prev: Token | undefined, tok: Token | undefined): boolean {
  if (!prev || !tok) return false;
  const gap = text.slice(prev.end, tok.start);
  return gap.length <= 4 && /^[\s\-/%]*$/.test(gap);
}
