/**
 * Deterministic keyword matching for drills: a persona recognising a question, an
 * option recognised in the trainee's own words, a rubric concept found in a rationale.
 * Words are lower-cased and lightly stemmed ("restoring", "restored", "restores" all
 * read "restor"), so phrasing may vary; phrases match as consecutive stems.
 *
 * A matcher is a list of groups: every group must match, and a group matches when any
 * of its phrases does — `[[restore, backup], [how long, time, hours]]`.
 */

export type PhraseGroups = readonly (readonly string[])[];

const SUFFIXES = ["ings", "ing", "edly", "ed", "ies", "es", "s", "ly"] as const;

/** A crude, stable stem: enough to let "restore" meet "restoring" without a dictionary. */
export function stem(word: string): string {
  let w = word.toLowerCase();
  for (const suffix of SUFFIXES) {
    if (w.length - suffix.length >= 3 && w.endsWith(suffix)) {
      w = suffix === "ies" ? `${w.slice(0, -3)}y` : w.slice(0, -suffix.length);
      break;
    }
  }
  // "restore" and "restor(ing)" meet; so do "failover" and "failovers".
  if (w.length > 3 && w.endsWith("e")) w = w.slice(0, -1);
  return w;
}

/** The stems of a text, in order; apostrophes vanish ("don't" → "dont"), other marks split words. */
export function stems(text: string): string[] {
  return (
    text
      .toLowerCase()
      .replace(/['\u2019]/g, "")
      .match(/[\p{L}\p{N}]+/gu) ?? []
  ).map(stem);
}

function indexOfPhrase(words: readonly string[], phrase: readonly string[]): number {
  if (phrase.length === 0) return -1;
  outer: for (let i = 0; i + phrase.length <= words.length; i++) {
    for (let k = 0; k < phrase.length; k++) if (words[i + k] !== phrase[k]) continue outer;
    return i;
  }
  return -1;
}

/** The phrases of `group` found in `text` (as written in the group). */
export function phrasesFound(text: string, phrases: readonly string[]): string[] {
  const words = stems(text);
  return phrases.filter((phrase) => indexOfPhrase(words, stems(phrase)) >= 0);
}

export interface GroupsMatch {
  matched: boolean;
  /** The first phrase found for each group that matched. */
  words: string[];
  /** How many groups matched (a partial match scores lower). */
  groupsMatched: number;
}

export function matchGroups(text: string, groups: PhraseGroups): GroupsMatch {
  const words = stems(text);
  const found: string[] = [];
  for (const group of groups) {
    const hit = group.find((phrase) => indexOfPhrase(words, stems(phrase)) >= 0);
    if (hit !== undefined) found.push(hit);
  }
  return { matched: groups.length > 0 && found.length === groups.length, words: found, groupsMatched: found.length };
}

/** True when `handle` (with or without @) appears in the text as a whole word. */
export function mentions(text: string, handle: string): boolean {
  const escaped = handle.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(?<![\\p{L}\\p{N}_-])@?${escaped}(?![\\p{L}\\p{N}_-])`, "iu").test(text);
}
