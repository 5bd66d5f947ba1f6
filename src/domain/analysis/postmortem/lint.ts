/** `lintPostmortem(markdown)`: sections present, blameless language, action items that can be done. */
import { findBlame } from "../blame.js";
import type { RuleText } from "../catalogue.js";
import { capPerRule, type RawHit, settle, toFinding } from "../findings.js";
import { normalise } from "../normalise.js";
import { countWords, sentences, tokens } from "../tokenise.js";
import type { PostmortemAnalysis, PostmortemSection, Severity } from "../types.js";
import { actionItems, isVague } from "./action-items.js";
import { headings, sectionsFound } from "./sections.js";

export const POSTMORTEM_RULE_IDS = [
  "postmortem.section-missing",
  "postmortem.impact-unquantified",
  "blame.person",
  "blame.human-error",
  "blame.hindsight",
  "blame.punishment",
  "action-item.no-owner",
  "action-item.no-date",
  "action-item.vague",
] as const;
export type PostmortemRuleId = (typeof POSTMORTEM_RULE_IDS)[number];

const SEVERITY: Record<PostmortemRuleId, Severity> = {
  "postmortem.section-missing": "warning",
  "postmortem.impact-unquantified": "warning",
  "blame.person": "error",
  "blame.human-error": "error",
  "blame.hindsight": "warning",
  "blame.punishment": "error",
  "action-item.no-owner": "warning",
  "action-item.no-date": "warning",
  "action-item.vague": "warning",
};

/** Sections without which the review cannot do its job. */
const REQUIRED: ReadonlySet<PostmortemSection> = new Set(["impact", "timeline", "root-cause", "action-items"]);

const SECTION_NAMES: Record<PostmortemSection, string> = {
  summary: "Summary",
  impact: "Impact",
  timeline: "Timeline",
  "root-cause": "Root cause / contributing causes",
  "went-well": "What went well",
  "went-poorly": "What went poorly",
  "action-items": "Action items",
  lessons: "Lessons learned",
};

export const POSTMORTEM_RULE_TEXT: Record<PostmortemRuleId, RuleText> = {
  "postmortem.section-missing": {
    message: 'No "{detail}" section.',
    suggestion: 'Add a "{detail}" heading; reviewers look for it by name.',
  },
  "postmortem.impact-unquantified": {
    message: "The impact section gives no numbers.",
    suggestion: "Quantify it: duration, users or accounts affected, revenue, support tickets.",
  },
  "blame.person": {
    message: 'Names a person as the cause: "{x}".',
    suggestion: "Describe what the system, tooling or process allowed, not who did it.",
  },
  "blame.human-error": {
    message: '"{x}" stops the analysis at a person.',
    suggestion: "Ask why the action made sense at the time and which safeguard was missing.",
  },
  "blame.hindsight": {
    message: 'Hindsight ("{x}") judges the past with what we know now.',
    suggestion: "Describe what people knew and saw at the time, and what would have helped them.",
  },
  "blame.punishment": {
    message: 'Punishes or lectures people: "{x}".',
    suggestion: "Change the system instead: a guard-rail, an automated check, a better default.",
  },
  "action-item.no-owner": {
    message: 'Action item "{x}" has no owner.',
    suggestion: "Give it one named owner (a person, or a team with a named lead).",
  },
  "action-item.no-date": {
    message: 'Action item "{x}" has no due date.',
    suggestion: "Add a due date or a horizon such as this week, this month, this quarter.",
  },
  "action-item.vague": {
    message: 'Action item "{x}" is too vague to be checked off.',
    suggestion: "Name the concrete change and how we will know it is done.",
  },
};

const BLAME_RULE = {
  person: "blame.person",
  "human-error": "blame.human-error",
  hindsight: "blame.hindsight",
  punishment: "blame.punishment",
} as const;

export function lintPostmortem(markdown: string): PostmortemAnalysis {
  const raw = typeof markdown === "string" ? markdown : "";
  const text = normalise(raw);
  const hs = headings(text);
  const sections = sectionsFound(hs);
  const hits: RawHit[] = [];
  const hit = (rule: PostmortemRuleId, start: number, end: number, detail?: string, severity?: Severity) =>
    hits.push({ rule, start, end, severity: severity ?? SEVERITY[rule], ...(detail !== undefined ? { detail } : {}) });

  for (const s of sections.missing) {
    hit("postmortem.section-missing", 0, 0, SECTION_NAMES[s], REQUIRED.has(s) ? "error" : "warning");
  }
  for (const h of hs) {
    if (h.sections.includes("impact") && !/\d/.test(text.slice(h.body.start, h.body.end))) {
      hit("postmortem.impact-unquantified", h.line.start, h.line.end);
    }
  }
  for (const b of findBlame(text, tokens(text), "postmortem")) hit(BLAME_RULE[b.kind], b.start, b.end);

  const items = actionItems(text, hs);
  for (const item of items) {
    if (!item.owner) hit("action-item.no-owner", item.start, item.end);
    if (!item.due) hit("action-item.no-date", item.start, item.end);
    if (isVague(item.text)) hit("action-item.vague", item.start, item.end);
  }

  const findings = settle(capPerRule(hits).map((h) => toFinding(raw, h, "postmortem", POSTMORTEM_RULE_TEXT)));
  return {
    ok: !findings.some((f) => f.severity === "error"),
    findings,
    sections,
    actionItems: items.map((i) => ({ ...i, text: raw.slice(i.start, i.end) })),
    stats: { words: countWords(text), sentences: sentences(text).length },
  };
}
