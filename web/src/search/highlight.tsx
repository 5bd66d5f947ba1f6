/**
 * Matched terms marked in a piece of text, built as React text nodes and <mark> elements:
 * the text is never parsed as HTML, so a hit holding markup shows as the characters typed.
 */
import type { ReactNode } from "react";

export interface Segment {
  text: string;
  match: boolean;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * `text` cut into plain and matching runs. Longer terms are tried first, so "failover"
 * wins over "fail" where both start; the `i` and `u` flags fold case per character, so
 * offsets stay those of the original text.
 */
export function segmentsOf(text: string, terms: readonly string[]): Segment[] {
  const wanted = [...new Set(terms.filter((t) => t.length > 0))].sort((a, b) => b.length - a.length);
  if (wanted.length === 0 || text.length === 0) return text ? [{ text, match: false }] : [];
  const pattern = new RegExp(wanted.map(escapeRegExp).join("|"), "giu");
  const out: Segment[] = [];
  let from = 0;
  for (const found of text.matchAll(pattern)) {
    const at = found.index;
    if (at > from) out.push({ text: text.slice(from, at), match: false });
    const last = out[out.length - 1];
    // Adjacent matches ("db" then "failover" in "dbfailover") read as one mark.
    if (last?.match && at === from) last.text += found[0];
    else out.push({ text: found[0], match: true });
    from = at + found[0].length;
  }
  if (from < text.length) out.push({ text: text.slice(from), match: false });
  return out;
}

export function Highlighted({ text, terms }: { text: string; terms: readonly string[] }) {
  const parts: ReactNode[] = segmentsOf(text, terms).map((segment, i) =>
    segment.match ? (
      // biome-ignore lint/suspicious/noArrayIndexKey: the runs are rebuilt whole from the same text
      <mark key={i}>{segment.text}</mark>
    ) : (
      segment.text
    ),
  );
  return <>{parts}</>;
}
