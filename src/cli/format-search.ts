/** The human form of a search answer: one line per hit, the matched words in bold. */
import type { SearchAnswer } from "../app/search.js";
import { clockTime, severityText } from "./format.js";
import type { Style } from "./style.js";

export function searchLines(answer: SearchAnswer, nowMs: number, style: Style): string[] {
  const quoted = answer.query.includes('"') ? `'${answer.query}'` : `"${answer.query}"`;
  if (answer.hits.length === 0) return [`No entries match ${quoted}.`];
  const idWidth = Math.max(...answer.hits.map((h) => h.incidentId.length));
  const byWidth = Math.max(...answer.hits.map((h) => h.by.length));
  const lines = answer.hits.map((hit) => {
    const marks = hit.mode === "drill" ? ` ${style.cyan("[drill]")}` : "";
    const where = hit.type === "NoteAdded" ? hit.channel : hit.field;
    return (
      `${style.bold(hit.incidentId.padEnd(idWidth))}  ${severityText(hit.severity, style)}${marks}  ` +
      `${style.dim(clockTime(hit.at, nowMs))}  ${hit.by.padEnd(byWidth)}  ${style.dim(where.padEnd(10))}  ` +
      highlight(hit.snippet, answer.terms, style)
    );
  });
  const count = answer.truncated
    ? `the newest ${answer.hits.length === 1 ? "entry" : `${answer.hits.length} entries`} matching ${quoted} (more match: --limit raises it, up to 500)`
    : `${answer.hits.length} ${answer.hits.length === 1 ? "entry matches" : "entries match"} ${quoted}, newest first`;
  return [count, ...lines];
}

/** Wraps every occurrence of a term (case-insensitive) in bold. */
export function highlight(text: string, terms: readonly string[], style: Style): string {
  const lowered = text.toLocaleLowerCase();
  const marked = new Array<boolean>(text.length).fill(false);
  for (const term of terms) {
    for (let at = lowered.indexOf(term); at !== -1 && term !== ""; at = lowered.indexOf(term, at + term.length)) {
      marked.fill(true, at, at + term.length);
    }
  }
  let out = "";
  for (let i = 0; i < text.length; ) {
    let j = i;
    while (j < text.length && marked[j] === marked[i]) j++;
    out += marked[i] ? style.bold(text.slice(i, j)) : text.slice(i, j);
    i = j;
  }
  return out;
}
