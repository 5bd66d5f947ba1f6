/**
 * The matrix as Markdown (for a postmortem, a ticket or a chat post): one table with the
 * criteria down the side and the options across, then the ranking with each option's
 * score breakdown, the winner, the sensitivity and the legend.
 */
import type { OptionsMatrix } from "./matrix.js";
import { legendLines, score2, winnerLine } from "./render-text.js";
import { criterionLine, formatWeight } from "./sensitivity.js";

/** Table cells: no pipes or line breaks from user text. */
export function mdCell(text: string): string {
  return text
    .replace(/\s+/g, " ")
    .replace(/([|\\`*_])/g, "\\$1")
    .trim();
}

export function renderMatrixMarkdown(matrix: OptionsMatrix, incidentId: string): string {
  const lines: string[] = [`### Options for ${incidentId}`, ""];
  if (matrix.rows.length === 0) {
    lines.push("No options have been proposed yet.");
    return `${lines.join("\n")}\n`;
  }
  const rows = matrix.rows;
  lines.push(
    `| Criterion | Weight | ${rows.map((r) => `${r.id}${r.chosenIn.length > 0 ? " ✓" : ""}: ${mdCell(r.title)}`).join(" | ")} |`,
    `|---|---:|${rows.map(() => "---").join("|")}|`,
  );
  for (const c of matrix.criteria) {
    const cells = rows.map((r) => {
      const cell = r.cells[c.id];
      const shown = cell?.shown == null ? "?" : mdCell(cell.shown);
      if (!c.scored) return shown;
      return `${shown} (${cell?.score == null ? "?" : score2(cell.score)})`;
    });
    const label = `${mdCell(c.label)}${c.custom ? " (custom)" : ""}`;
    lines.push(`| ${label} | ${c.scored ? formatWeight(c.weight) : "not scored"} | ${cells.join(" | ")} |`);
  }
  lines.push(
    `| **Score** | | ${rows.map((r) => (r.score === null ? "–" : `**${score2(r.score)}** (#${r.rank})`)).join(" | ")} |`,
    "",
  );

  const winner = winnerLine(matrix);
  if (winner) lines.push(`**${winner}**`, "");
  if (matrix.ranking.length > 0) {
    lines.push("Ranking, with each criterion's share of the score:", "");
    matrix.ranking.forEach((id, i) => {
      const row = rows.find((r) => r.id === id);
      if (!row) return;
      const parts = row.breakdown
        .filter((b) => b.weight > 0)
        .map((b) => `${b.criterion} ${b.contribution.toFixed(2)}${b.unknown ? "?" : ""}`);
      lines.push(`${i + 1}. ${row.id} — ${score2(row.score)} (${parts.join(", ")})`);
    });
    lines.push("");
  }
  const s = matrix.sensitivity;
  if (s) {
    lines.push(`**Sensitivity:** ${s.line}`, "");
    for (const c of s.criteria) lines.push(`- ${criterionLine(c)}`);
    lines.push("");
  }
  const legend = legendLines(matrix);
  if (legend.length > 0) lines.push(...legend.map((line) => `_${line}_`), "");
  return `${lines.join("\n").trimEnd()}\n`;
}
