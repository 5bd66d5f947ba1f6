/**
 * The score for people, compact enough to read at 2 AM: the total and verdict, the
 * groups and competencies on two lines, then each item with its points, its advice and
 * the evidence that earned or cost them; the actions the engine refused; and the feed
 * line format the interactive drill prints.
 */

import type { ItemScore, Score } from "./rubric/types.js";
import type { DrillRun, FeedEntry } from "./run-record.js";

export interface Paint {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  green(text: string): string;
  cyan(text: string): string;
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

function mark(item: ItemScore, paint: Paint): string {
  if (item.points >= item.max) return paint.green("✓");
  if (item.points <= 0) return paint.red("✗");
  return paint.yellow("◐");
}

export interface ReportOptions {
  /** Evidence lines shown per item before "(+N more)"; default 4. */
  evidencePerItem?: number;
  passPercent?: number;
}

export function scoreReport(score: Score, run: DrillRun | null, paint: Paint, options: ReportOptions = {}): string[] {
  const limit = options.evidencePerItem ?? 4;
  const verdict = score.passed ? paint.bold(paint.green("PASSED")) : paint.bold(paint.red("NOT PASSED"));
  const lines = [
    `${paint.bold(score.scenario)}  ${score.trainee}  ${fmt(score.total)}/${score.max} (${fmt(score.percent)}%)  ${verdict}${options.passPercent === undefined ? "" : paint.dim(`  pass mark ${options.passPercent}%`)}`,
    score.groups.map((g) => `${g.name} ${fmt(g.score)}/${g.max}`).join(" · "),
    paint.dim(
      `competencies: ${score.competencies
        .map((c) => `${c.name} ${c.score === null ? "-" : fmt(c.score)}/${c.weight}`)
        .join(" · ")}`,
    ),
  ];
  const width = Math.max(...score.items.map((i) => i.id.length));
  for (const group of score.groups) {
    lines.push("", paint.bold(`${group.name} ${fmt(group.score)}/${group.max}`));
    for (const item of score.items.filter((i) => i.group === group.name)) {
      const points = `${fmt(item.points)}/${item.max}`.padStart(7);
      lines.push(`  ${mark(item, paint)} ${item.id.padEnd(width)} ${points}  ${item.advice}`);
      for (const e of item.evidence.slice(0, limit)) {
        const where = [e.at, e.action === undefined ? "" : `#${e.action}`].filter(Boolean).join(" ");
        const words = e.words && e.words.length > 0 ? paint.dim(` [${e.words.slice(0, 5).join(", ")}]`) : "";
        lines.push(paint.dim(`      ${where.padEnd(10)} `) + e.note + words);
      }
      if (item.evidence.length > limit) lines.push(paint.dim(`      (+${item.evidence.length - limit} more)`));
    }
  }
  if (run && run.errors.length > 0) {
    lines.push("", paint.bold(`Refused actions ${run.errors.length}`));
    for (const e of run.errors) {
      const action = run.actions.find((a) => a.index === e.action);
      lines.push(`  #${e.action} ${action?.clock ?? ""} ${action?.verb ?? ""}: ${e.message}`);
    }
  }
  return lines;
}

/** One feed line: "02:07 sarah-db   Corruption confirmed…", tech-channel lines marked. */
export function feedLine(entry: FeedEntry, paint: Paint, width = 13): string {
  const channel =
    entry.channel === "tech" ? paint.dim(" [tech]") : entry.channel === "stakeholder" ? paint.dim(" [update]") : "";
  const who = entry.from.padEnd(width);
  switch (entry.kind) {
    case "persona":
      return `${paint.dim(entry.clock)} ${paint.cyan(who)}${channel} ${entry.text}`;
    case "trainee":
      return `${paint.dim(entry.clock)} ${paint.bold(who)}${channel} ${entry.text}`;
    case "reminder":
      return `${paint.dim(entry.clock)} ${paint.yellow(who)} ${entry.text}`;
    case "error":
      return `${paint.dim(entry.clock)} ${paint.red(who)} ${entry.text}`;
    default:
      return `${paint.dim(entry.clock)} ${paint.dim(who)} ${entry.text}`;
  }
}
