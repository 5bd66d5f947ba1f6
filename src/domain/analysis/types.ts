/** Public types of the text analyser. Offsets are UTF-16 code-unit indices into the text given. */

export const AUDIENCES = ["team", "executive", "customer", "legal"] as const;
export type Audience = (typeof AUDIENCES)[number];

export type Severity = "error" | "warning" | "info";

export interface Span {
  text: string;
  start: number;
  end: number;
}

export interface Finding {
  /** Stable rule id, e.g. `jargon` or `blame.person`. */
  rule: string;
  severity: Severity;
  /** One line saying what is wrong. */
  message: string;
  /** The exact words that triggered the rule (`text.slice(start, end)`); empty for "missing" rules. */
  excerpt: string;
  /** One line saying what to write instead. */
  suggestion: string;
  start: number;
  end: number;
}

export interface OwnerMention {
  person: string;
  span: Span;
}

export interface RoleMention {
  role: string;
  /** Null when the role is claimed by the writer ("I am the Incident Commander") or left open. */
  person: string | null;
  span: Span;
}

export interface Extracted {
  impact: Span | null;
  timeline: { start: Span | null; elapsed: Span | null; eta: Span | null };
  plan: Span | null;
  nextUpdate: Span | null;
  owners: OwnerMention[];
  roles: RoleMention[];
}

export interface Analysis {
  audience: Audience;
  ok: boolean;
  findings: Finding[];
  extracted: Extracted;
  stats: { words: number; sentences: number };
}

export interface AnalyseOptions {
  /** ISO timestamp of "now"; enables checks that depend on the clock (a next-update time already past). */
  now?: string;
  /** Word limits per audience; missing entries use the defaults. */
  maxWords?: Partial<Record<Audience, number>>;
}

export const POSTMORTEM_SECTIONS = [
  "summary",
  "impact",
  "timeline",
  "root-cause",
  "went-well",
  "went-poorly",
  "action-items",
  "lessons",
] as const;
export type PostmortemSection = (typeof POSTMORTEM_SECTIONS)[number];

export interface ActionItem {
  text: string;
  start: number;
  end: number;
  owner: string | null;
  due: string | null;
}

export interface PostmortemAnalysis {
  ok: boolean;
  findings: Finding[];
  sections: { found: PostmortemSection[]; missing: PostmortemSection[] };
  actionItems: ActionItem[];
  stats: { words: number; sentences: number };
}
