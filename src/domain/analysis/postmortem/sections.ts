/** Headings of a markdown postmortem and the standard sections they stand for. */
import type { Range } from "../tokenise.js";
import { POSTMORTEM_SECTIONS, type PostmortemSection } from "../types.js";

export interface Heading {
  level: number;
  title: string;
  /** The heading line. */
  line: Range;
  /** From after the heading to the next heading of the same or a higher level. */
  body: Range;
  sections: PostmortemSection[];
}

const SYNONYMS: [PostmortemSection, RegExp][] = [
  [
    "went-poorly",
    /\b(?:went\s+(?:poorly|wrong|badly|bad|less\s+well)|didn'?t\s+go\s+(?:so\s+)?well|did\s+not\s+go\s+(?:so\s+)?well|could\s+(?:have\s+)?(?:gone|go|be\s+done)\s+better|could\s+be\s+improved|areas?\s+(?:for|of)\s+improvement|opportunit(?:y|ies)\s+(?:for|to)\s+improve\w*|improvement\s+opportunities|challenges|problems\s+(?:we\s+)?(?:hit|encountered)|pain\s+points|what\s+hurt|where\s+we\s+struggled|needs?\s+improvement|the\s+bad|not\s+so\s+good|went\s+badly)\b/i,
  ],
  [
    "went-well",
    /\b(?:went\s+well|what\s+worked|worked\s+well|successes|highlights|the\s+good|strengths|wins|positives|what\s+helped|bright\s+spots)\b/i,
  ],
  ["lessons", /\b(?:lessons?|learnings?|takeaways?|what\s+we\s+learn(?:ed|t)|insights)\b/i],
  [
    "action-items",
    /\b(?:action\s+items?|actions|follow-?\s?ups?|follow\s+up\s+items|remediation(?:s|\s+items)?|next\s+steps|corrective\s+actions?|preventi(?:ve|on)\s+actions?|to-?dos?|tasks|capa|action\s+plan)\b/i,
  ],
  [
    "root-cause",
    /\b(?:root\s+causes?|rca|contributing\s+(?:causes?|factors)|causes?|causal|five\s+whys|5\s+whys|why\s+it\s+happened|what\s+caused\s+it)\b/i,
  ],
  ["timeline", /\b(?:timeline|chronology|sequence\s+of\s+events|events|event\s+log|time\s+line)\b/i],
  ["impact", /\b(?:impact|blast\s+radius|who\s+was\s+affected|scope)\b/i],
  [
    "summary",
    /\b(?:summary|overview|tl;?\s?dr|abstract|synopsis|what\s+happened|description|background|incident\s+in\s+brief)\b/i,
  ],
];

const ATX = /^ {0,3}(#{1,6})[ \t]+(.+?)[ \t]*#*[ \t]*$/;
const BOLD_LINE = /^\s*(?:\*\*|__)([^*_\n]{2,80})(?:\*\*|__)\s*:?\s*$/;
const LABEL_LINE = /^\s*([A-Z][A-Za-z /&'()-]{2,60}):\s*$/;
const SETEXT = /^\s*(=+|-+)\s*$/;

export function classifyTitle(title: string): PostmortemSection[] {
  const clean = title
    .replace(/[*_`]/g, "")
    .replace(/^\s*(?:\d{1,2}[.)]|[ivx]{1,4}[.)])\s*/i, "")
    .trim();
  const out: PostmortemSection[] = [];
  for (const [section, re] of SYNONYMS) {
    if (section === "went-well" && out.includes("went-poorly")) continue;
    if (re.test(clean)) out.push(section);
  }
  return out;
}

export function headings(text: string): Heading[] {
  const lines: Range[] = [];
  let pos = 0;
  while (pos <= text.length) {
    const nl = text.indexOf("\n", pos);
    const end = nl === -1 ? text.length : nl;
    lines.push({ start: pos, end });
    if (nl === -1) break;
    pos = nl + 1;
  }
  const found: Omit<Heading, "body">[] = [];
  let inFence = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line) continue;
    const content = text.slice(line.start, line.end);
    if (/^\s*(?:```|~~~)/.test(content)) {
      inFence = !inFence;
      continue;
    }
    if (inFence) continue;
    let level = 0;
    let title = "";
    const atx = ATX.exec(content);
    const next = lines[i + 1];
    const setext =
      next && content.trim() !== "" && !/^\s*[-*+]\s/.test(content)
        ? SETEXT.exec(text.slice(next.start, next.end))
        : null;
    if (atx?.[1] && atx[2]) {
      level = atx[1].length;
      title = atx[2];
    } else if (setext?.[1] && content.trim().length <= 80) {
      level = setext[1].startsWith("=") ? 1 : 2;
      title = content.trim();
    } else {
      const bold = BOLD_LINE.exec(content) ?? LABEL_LINE.exec(content);
      if (bold?.[1]) {
        level = 4;
        title = bold[1];
      }
    }
    if (level > 0) found.push({ level, title: title.trim(), line, sections: classifyTitle(title) });
  }
  // each heading's body ends where the next heading of the same or a higher level starts (one pass, a stack)
  const ends = new Array<number>(found.length).fill(text.length);
  const open: number[] = [];
  found.forEach((h, i) => {
    while (open.length > 0) {
      const top = open[open.length - 1] ?? -1;
      const topHeading = found[top];
      if (!topHeading || topHeading.level < h.level) break;
      ends[top] = h.line.start;
      open.pop();
    }
    open.push(i);
  });
  return found.map((h, i) => ({
    ...h,
    body: { start: Math.min(h.line.end + 1, text.length), end: ends[i] ?? text.length },
  }));
}

export function sectionsFound(hs: readonly Heading[]): { found: PostmortemSection[]; missing: PostmortemSection[] } {
  const have = new Set<PostmortemSection>();
  for (const h of hs) for (const s of h.sections) have.add(s);
  return {
    found: POSTMORTEM_SECTIONS.filter((s) => have.has(s)),
    missing: POSTMORTEM_SECTIONS.filter((s) => !have.has(s)),
  };
}
