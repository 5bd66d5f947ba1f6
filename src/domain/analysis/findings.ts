/** Turning rule hits into findings: severity from the policy, words from the catalogue, stable order. */
import { RULE_TEXT, type RuleText } from "./catalogue.js";
import type { Audience, Finding, Severity } from "./types.js";

export interface RawHit {
  rule: string;
  start: number;
  end: number;
  severity: Severity;
  detail?: string;
}

export function toFinding(
  raw: string,
  hit: RawHit,
  audience: Audience | "postmortem",
  texts: Readonly<Record<string, RuleText>> = RULE_TEXT,
): Finding {
  const excerpt = raw.slice(hit.start, hit.end);
  const text = texts[hit.rule] ?? { message: hit.rule, suggestion: "" };
  const [detail, limit] = (hit.detail ?? "").split("|");
  const fill = (s: string) =>
    s
      .replace(/\{x\}/g, oneLine(excerpt))
      .replace(/\{audience\}/g, audience)
      .replace(/\{reader\}/g, READER[audience])
      .replace(/\{detail\}/g, detail ?? "")
      .replace(/\{limit\}/g, limit ?? "");
  return {
    rule: hit.rule,
    severity: hit.severity,
    message: fill(text.message),
    excerpt,
    suggestion: fill(text.suggestion),
    start: hit.start,
    end: hit.end,
  };
}

/** Messages stay one line and short even when the excerpt is long. */
function oneLine(s: string): string {
  const flat = s.replace(/\s+/g, " ").trim();
  return flat.length > 80 ? `${flat.slice(0, 77)}...` : flat;
}

const READER: Record<Audience | "postmortem", string> = {
  team: "the response team",
  executive: "an executive reader",
  customer: "a customer",
  legal: "a legal reader",
  postmortem: "a postmortem reader",
};

/** At most this many findings per rule: a wall of identical findings helps no one and costs time. */
export const MAX_FINDINGS_PER_RULE = 25;

/** Keep the first `MAX_FINDINGS_PER_RULE` hits of each rule, in text order. */
export function capPerRule<T extends { rule: string; start: number; end: number }>(hits: T[]): T[] {
  const sorted = [...hits].sort((a, b) => a.start - b.start || a.end - b.end);
  const count = new Map<string, number>();
  return sorted.filter((h) => {
    const n = (count.get(h.rule) ?? 0) + 1;
    count.set(h.rule, n);
    return n <= MAX_FINDINGS_PER_RULE;
  });
}

const ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Sorted by position, then severity, then rule; one finding per rule and overlapping place. */
export function settle(findings: Finding[]): Finding[] {
  const sorted = [...findings].sort(
    (a, b) =>
      a.start - b.start ||
      a.end - b.end ||
      ORDER[a.severity] - ORDER[b.severity] ||
      (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0),
  );
  const out: Finding[] = [];
  const reach = new Map<string, number>();
  for (const f of sorted) {
    const r = reach.get(f.rule);
    // empty "missing" findings never collide; real excerpts collide when they overlap
    if (r !== undefined && f.start < r && f.end > f.start) continue;
    out.push(f);
    if (f.end > f.start) reach.set(f.rule, Math.max(r ?? 0, f.end));
  }
  return out;
}
