/**
 * Blameless by construction. The draft's own sentences are written not to blame; the
 * words people typed into the log (titles, notes, rationales, summaries) are checked in
 * the line they will stand in with the postmortem lint, and a line that would read as
 * blame keeps its facts (time, ids, owners) but not those words.
 */
import { lintPostmortem } from "../analysis/index.js";
import { renderMarkdown } from "./markdown.js";
import type { Block, PostmortemDraft } from "./types.js";

export const HELD_BACK = "[held back: the logged wording reads as blame; restate it as what the system allowed]";

/** At most this many characters of logged text on one line of the draft. */
const MAX_QUOTE = 280;

export function readsAsBlame(text: string): boolean {
  return lintPostmortem(text).findings.some((f) => f.rule.startsWith("blame."));
}

/** One line of plain text: whitespace (newlines included) collapsed, long text cut with an ellipsis. */
export function oneLine(text: string, max = MAX_QUOTE): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

/** Builds the draft's lines from logged wording, counting what it held back. */
export class Wording {
  heldBack = 0;

  /** `before + logged + after` on one line, or with the logged words held back when the line blames. */
  line(before: string, logged: string, after = ""): string {
    const quoted = oneLine(logged);
    const candidate = `${before}${quoted}${after}`;
    if (quoted === "" || !readsAsBlame(candidate)) return candidate;
    this.heldBack += 1;
    return `${before}${HELD_BACK}${after}`;
  }

  /** Logged wording on its own (a title, an item). */
  quote(logged: string): string {
    return this.line("", logged);
  }
}

/**
 * The last check, on the whole rendered draft: a line that still reads as blame (say,
 * a pattern that spans two lines) is replaced by the held-back notice. Rarely needed.
 */
export function settleBlame(draft: PostmortemDraft): PostmortemDraft {
  let current = draft;
  for (let round = 0; round < 5; round++) {
    const markdown = renderMarkdown(current);
    const hits = lintPostmortem(markdown).findings.filter((f) => f.rule.startsWith("blame."));
    if (hits.length === 0) return current;
    const flagged = new Set<string>();
    for (const hit of hits) {
      const from = markdown.lastIndexOf("\n", Math.max(0, hit.start - 1)) + 1;
      const to = markdown.indexOf("\n", hit.end);
      for (const line of markdown.slice(from, to === -1 ? markdown.length : to).split("\n")) flagged.add(line);
    }
    let held = 0;
    const swap = (text: string) => {
      if (text === "" || ![...flagged].some((line) => line.includes(text))) return text;
      held += 1;
      return HELD_BACK;
    };
    current = {
      ...current,
      title: swap(current.title),
      sections: current.sections.map((s) => ({ ...s, blocks: s.blocks.map((b) => swapBlock(b, swap)) })),
    };
    if (held === 0) return current;
    current.heldBack += held;
  }
  return current;
}

function swapBlock(block: Block, swap: (text: string) => string): Block {
  switch (block.kind) {
    case "paragraph":
    case "subheading":
      return { ...block, text: swap(block.text) };
    case "list":
    case "numbered":
      return { ...block, items: block.items.map(swap) };
    case "checklist":
      return { ...block, items: block.items.map((i) => ({ ...i, text: swap(i.text) })) };
  }
}
