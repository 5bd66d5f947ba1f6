/**
 * Human output for communications: lint findings (after `update`, from `lint`), finding
 * counts of published updates, and the latest reminders `show` lists.
 */
import type { IncidentDetail } from "../app/views.js";
import type { StoredFinding } from "../domain/incident/events.js";
import { clockTime, table } from "./format.js";
import type { Style } from "./style.js";

const EXCERPT_WIDTH = 40;
const REMINDERS_TAIL = 3;

function severityLabel(severity: StoredFinding["severity"], style: Style): string {
  if (severity === "error") return style.bold(style.red("error"));
  if (severity === "warning") return style.yellow("warning");
  return style.dim("info");
}

function excerptOf(finding: StoredFinding): string {
  const text = finding.excerpt.replace(/\s+/g, " ").trim();
  if (text === "") return "-";
  return `"${text.length > EXCERPT_WIDTH ? `${text.slice(0, EXCERPT_WIDTH - 1)}…` : text}"`;
}

/** "1 error, 2 warnings, 1 info"; "no findings" when empty. */
export function countFindings(findings: readonly StoredFinding[]): string {
  const count = (severity: StoredFinding["severity"]) => findings.filter((f) => f.severity === severity).length;
  const parts: string[] = [];
  const errors = count("error");
  const warnings = count("warning");
  const infos = count("info");
  if (errors > 0) parts.push(`${errors} error${errors === 1 ? "" : "s"}`);
  if (warnings > 0) parts.push(`${warnings} warning${warnings === 1 ? "" : "s"}`);
  if (infos > 0) parts.push(`${infos} info`);
  return parts.length === 0 ? "no findings" : parts.join(", ");
}

const RANK: Record<StoredFinding["severity"], number> = { error: 0, warning: 1, info: 2 };

/** One row per finding, errors first: severity, rule, the words that triggered it, what is wrong. */
export function findingLines(findings: readonly StoredFinding[], style: Style, indent = "  "): string[] {
  const sorted = [...findings].sort((a, b) => RANK[a.severity] - RANK[b.severity]);
  const rows = sorted.map((f) => [severityLabel(f.severity, style), f.rule, excerptOf(f), f.message]);
  return table(["", "", "", ""], rows, style, indent).slice(1);
}

/**
 * Under a published update: its errors and warnings, marked as not blocking (info hints
 * are stored with the update; `--json` and `warroom lint` show them). Nothing when clean.
 */
export function publishedFindingLines(findings: readonly StoredFinding[], style: Style): string[] {
  const shown = findings.filter((f) => f.severity !== "info");
  if (shown.length === 0) return [];
  return [
    style.yellow(`lint (not blocking; --strict refuses errors): ${countFindings(shown)}`),
    ...findingLines(shown, style),
  ];
}

/** `warroom lint` in a terminal: a verdict line, then the findings. */
export function lintLines(report: { audience: string; ok: boolean; findings: StoredFinding[] }, style: Style) {
  if (report.findings.length === 0) return [`${style.green("✓")} ${report.audience}: no findings`];
  const verdict = report.ok ? style.green("✓ ok") : style.bold(style.red("✗ not ok"));
  return [
    `${verdict} for ${report.audience}: ${countFindings(report.findings)}`,
    ...findingLines(report.findings, style),
  ];
}

/** "lint: 1 warning (jargon)" for an update in `show`; null when it has no findings. */
export function updateLintSummary(findings: readonly StoredFinding[]): string | null {
  if (findings.length === 0) return null;
  const rules = [...new Set(findings.map((f) => f.rule))];
  return `lint: ${countFindings(findings)} (${rules.join(", ")})`;
}

/** The latest reminders on the timeline, each marked ⏰; nothing when none was issued. */
export function reminderLines(detail: IncidentDetail, style: Style): string[] {
  const now = Date.parse(detail.now);
  const reminders = detail.timeline.filter((e) => e.type === "ReminderIssued");
  if (reminders.length === 0) return [];
  const shown = reminders.slice(-REMINDERS_TAIL);
  const count = shown.length === reminders.length ? `${shown.length}` : `last ${shown.length} of ${reminders.length}`;
  return [
    "",
    style.bold(`REMINDERS (${count})`),
    ...shown.map(
      (e) => `  ${style.dim(clockTime(e.at, now))}  ${style.yellow(`⏰ ${e.text.replace(/^Reminder: /, "")}`)}`,
    ),
  ];
}
