/** Action items of a postmortem: list items and table rows under the action-items section, with owner and due date. */
import { NOT_NAMES } from "../lexicons.js";
import type { ActionItem } from "../types.js";
import type { Heading } from "./sections.js";

const LIST_ITEM = /^(\s*(?:[-*+]|\d{1,3}[.)])\s+(?:\[[ xX]\]\s*)?)(.*\S)\s*$/;
const TABLE_ROW = /^\s*\|(.+)\|\s*$/;
const TABLE_RULE = /^\s*\|?(?:\s*:?-{2,}:?\s*\|)+\s*:?-{0,}:?\s*\|?\s*$/;

const MONTH =
  "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|jun(?:e)?|jul(?:y)?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
const DUE = new RegExp(
  [
    String.raw`\b\d{4}-[01]\d-[0-3]\d\b`,
    String.raw`\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b`,
    String.raw`\b${MONTH}\.?\s+\d{1,2}(?:st|nd|rd|th)?\b`,
    String.raw`\b\d{1,2}(?:st|nd|rd|th)?\s+${MONTH}\b`,
    String.raw`\bq[1-4](?:\s+\d{4}|\s*'\d{2})?\b`,
    String.raw`\b(?:this|next)\s+(?:week|sprint|month|quarter)\b`,
    String.raw`\b(?:end\s+of\s+(?:the\s+)?(?:week|month|quarter|sprint|year)|eo[wmqy])\b`,
    String.raw`\bsprint\s+\d+\b`,
    String.raw`\b(?:due|by|before|deadline|target(?:\s+date)?)\s*:?\s*(?:mon|tues|wednes|thurs|fri|satur|sun)day\b`,
    String.raw`\b(?:due|by|before|deadline|within)\s*:?\s*(?:\d+\s+(?:days?|weeks?|months?)|tomorrow|friday|monday)\b`,
  ].join("|"),
  "i",
);
const OWNER_PATTERNS: RegExp[] = [
  /(@[\w][\w.-]{0,40})/,
  /\b(?:owner|owners|assignee|assigned\s+to|dri|responsible)\s*[:=-]?\s*(@?[A-Za-z][\w.-]{0,40}(?:\s+(?:team|squad|group))?)/i,
  /\(\s*(@?[A-Z][\w.-]{0,40}(?:\s+(?:[A-Z][\w.-]{0,40}|team|squad))?)\s*(?:[,;/].*)?\)\s*$/,
  /\[\s*(@?[A-Z][\w.-]{0,40})\s*\]/,
  /\s[-–—]\s+(@?[A-Z][\w.-]{0,40}(?:\s+(?:[A-Z][\w.-]{0,40}|team|squad))?)\s*(?:[,;(].*)?$/,
  /^(@?[A-Z][a-z][\w.-]{0,40})\s+(?:to|will)\s+\w+/,
  /\b([A-Z][\w-]{0,40}\s+team)\b/,
];

const HEADER_OWNER = /^(?:owner|owners|assignee|who|dri|responsible|lead)$/i;
const HEADER_DUE = /^(?:due|due date|date|deadline|when|target|target date|eta|by)$/i;
const EMPTY_CELL = /^(?:|-|—|tbd|tbc|n\/a|none|\?+)$/i;

function ownerOf(text: string): string | null {
  for (const re of OWNER_PATTERNS) {
    const m = re.exec(text);
    const who = m?.[1]?.trim();
    if (!who) continue;
    const bare = who.replace(/^@/, "").toLowerCase();
    if (EMPTY_CELL.test(bare)) continue;
    const isTeam = /\s(?:team|squad|group)$/.test(bare);
    if (!who.startsWith("@") && !isTeam && NOT_NAMES.has(bare.split(/\s+/)[0] ?? "")) continue;
    return who.replace(/^@/, "");
  }
  return null;
}

function dueOf(text: string): string | null {
  return DUE.exec(text)?.[0] ?? null;
}

export function actionItems(text: string, hs: readonly Heading[]): ActionItem[] {
  const out: ActionItem[] = [];
  const seen = new Set<number>();
  let covered = -1;
  for (let hi = 0; hi < hs.length; hi++) {
    const h = hs[hi];
    if (!h?.sections.includes("action-items") || h.body.end <= covered) continue;
    covered = h.body.end;
    // sub-headings such as "Immediate (this week)" give their items a horizon; headings are in text order
    const subs: Heading[] = [];
    for (let k = hi + 1; k < hs.length; k++) {
      const sub = hs[k];
      if (!sub || sub.line.start >= h.body.end) break;
      subs.push(sub);
    }
    let subIndex = -1;
    let columns: { owner: number; due: number } | null = null;
    let pos = h.body.start;
    while (pos < h.body.end) {
      const nl = text.indexOf("\n", pos);
      const lineEnd = nl === -1 || nl > h.body.end ? h.body.end : nl;
      const line = text.slice(pos, lineEnd);
      while (subIndex + 1 < subs.length && (subs[subIndex + 1]?.line.start ?? Infinity) < pos) subIndex++;
      const horizon = subs[subIndex];
      const inherited = horizon ? dueOf(horizon.title) : null;
      const row = TABLE_ROW.exec(line);
      if (row?.[1] && !TABLE_RULE.test(line)) {
        const cells = row[1].split("|").map((c) => c.trim());
        if (columns === null) {
          const owner = cells.findIndex((c) => HEADER_OWNER.test(c));
          const due = cells.findIndex((c) => HEADER_DUE.test(c));
          if (owner !== -1 || due !== -1 || cells.some((c) => /^(?:action|item|task|description|what)$/i.test(c))) {
            columns = { owner, due };
            pos = lineEnd + 1;
            continue;
          }
          columns = { owner: -1, due: -1 };
        }
        if (!seen.has(pos)) {
          seen.add(pos);
          const ownerCell = columns.owner >= 0 ? (cells[columns.owner] ?? "") : "";
          const dueCell = columns.due >= 0 ? (cells[columns.due] ?? "") : "";
          const inner = row[1].trim();
          const start = pos + line.indexOf(row[1]) + (row[1].length - row[1].trimStart().length);
          out.push({
            text: inner,
            start,
            end: start + inner.length,
            owner: !EMPTY_CELL.test(ownerCell) && ownerCell ? ownerCell.replace(/^@/, "") : ownerOf(inner),
            due: !EMPTY_CELL.test(dueCell) && dueCell ? dueCell : (dueOf(inner) ?? inherited),
          });
        }
      } else {
        const item = LIST_ITEM.exec(line);
        if (item?.[1] !== undefined && item[2] && !seen.has(pos)) {
          seen.add(pos);
          const start = pos + item[1].length;
          out.push({
            text: item[2],
            start,
            end: start + item[2].length,
            owner: ownerOf(item[2]),
            due: dueOf(item[2]) ?? inherited,
          });
        }
      }
      if (nl === -1) break;
      pos = lineEnd + 1;
    }
  }
  return out;
}

const VAGUE_ANYWHERE =
  /\b(?:be\s+(?:more\s+)?(?:careful|vigilant|diligent|cautious|attentive|mindful)|try\s+harder|pay\s+(?:more\s+|closer\s+)?attention|double[- ]check\s+(?:everything|things|more)|communicate\s+better|do\s+better|work\s+harder|avoid\s+(?:mistakes|errors|similar\s+(?:issues|incidents))|(?:make\s+sure|ensure)\s+(?:this|it)\s+(?:doesn'?t|does\s+not|never|won'?t|will\s+not)\s+happen(?:\s+again)?|prevent\s+(?:this|recurrence|it)(?:\s+from\s+happening(?:\s+again)?)?\s*$|be\s+more\s+\w+|take\s+more\s+care|more\s+care)\b/i;
const VAGUE_LEAD =
  /^(?:improve\w*|better|more|increase|enhance|strengthen|review|revisit|look\s+into|add\s+more|consider|think\s+about|work\s+on)\b\s*(.*)$/i;
const SPECIFIC =
  /\d|\b(?:of|for|on|to|with|by|so\s+that|when|using|via|at|from|per|under|over|before|after|than|if|that|which|alert\w*|threshold|dashboard|runbook|test\s+for)\b|[:(]/i;

/** An action nobody can tell is done: "be more careful", "improve monitoring". */
export function isVague(item: string): boolean {
  const core = item
    .replace(/\s*[-–—([].*$/, "")
    .replace(/@[\w.-]{1,40}/g, "")
    .replace(/\b(?:owner|due|by)\s*:.*$/i, "")
    .trim();
  if (VAGUE_ANYWHERE.test(core)) return true;
  const lead = VAGUE_LEAD.exec(core);
  if (!lead) return false;
  const rest = (lead[1] ?? "").trim();
  const words = rest === "" ? 0 : rest.split(/\s+/).length;
  return words <= 3 && !SPECIFIC.test(rest);
}
