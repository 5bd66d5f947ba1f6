/**
 * The matrix for a terminal: criteria down the side, options across, each cell the value
 * as said and its score; then the score row, the winner, the sensitivity and a legend.
 * Colour comes from the caller's `Paint` (plain text when it paints nothing).
 */
import type { MatrixRow, OptionsMatrix } from "./matrix.js";
import { clip, legendLines, score2, winnerLine } from "./render-text.js";
import { criterionLine, formatWeight } from "./sensitivity.js";

export interface Paint {
  bold(text: string): string;
  dim(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
}

const PLAIN: Paint = { bold: (t) => t, dim: (t) => t, green: (t) => t, yellow: (t) => t };

/** Characters of a value shown in a cell before it is cut. */
const VALUE_WIDTH = 12;
const SCORE_WIDTH = 4;

const width = (text: string) => [...text].length;
const pad = (text: string, n: number) => text + " ".repeat(Math.max(0, n - width(text)));

export function renderMatrixTerminal(matrix: OptionsMatrix, incidentId: string, paint: Paint = PLAIN): string[] {
  if (matrix.rows.length === 0)
    return [`${incidentId} has no options yet: propose some with \`warroom option ${incidentId} add\`.`];
  const rows = matrix.rows;
  const labels = matrix.criteria.map((c) => `${c.label}${c.custom ? " (custom)" : ""}`);
  const weights = matrix.criteria.map((c) => (c.scored ? `×${formatWeight(c.weight)}` : "–"));
  const labelWidth = Math.max(5, ...labels.map(width));
  const weightWidth = Math.max(...weights.map(width), 2);
  const valueWidth = Math.min(
    VALUE_WIDTH,
    Math.max(4, ...rows.flatMap((r) => Object.values(r.cells).map((c) => width(c.shown ?? "?")))),
  );
  const colWidth = Math.max(valueWidth + 1 + SCORE_WIDTH, ...rows.map((r) => width(headerId(r))), 8);
  const lead = " ".repeat(labelWidth + 2 + weightWidth + 2);

  const out: string[] = [
    paint.bold(`${incidentId} OPTIONS`) + paint.dim("  scores 0–1, higher is better; ×weight"),
    paint.dim(lead + rows.map((r) => pad(headerId(r), colWidth)).join("  ")).trimEnd(),
    paint.dim(lead + rows.map((r) => pad(clip(r.title, colWidth), colWidth)).join("  ")).trimEnd(),
  ];
  matrix.criteria.forEach((c, i) => {
    const cells = rows.map((r) => {
      const cell = r.cells[c.id];
      const shown = cell?.shown ?? null;
      const value = shown === null ? "?" : clip(shown, valueWidth);
      const score = !c.scored ? "" : cell?.score == null ? "?" : score2(cell.score);
      return pad(`${pad(value, valueWidth)} ${score.padStart(SCORE_WIDTH)}`, colWidth);
    });
    out.push(
      `${pad(labels[i] ?? "", labelWidth)}  ${pad(weights[i] ?? "", weightWidth)}  ${cells.join("  ")}`.trimEnd(),
    );
  });
  const scores = rows.map((r) => {
    const text = r.score === null ? "–" : `${score2(r.score)} #${r.rank}`;
    return r.id === matrix.winner ? paint.green(paint.bold(pad(text, colWidth))) : pad(text, colWidth);
  });
  out.push(`${paint.bold(pad("SCORE", labelWidth + 2 + weightWidth))}  ${scores.join("  ").trimEnd()}`);

  const winner = winnerLine(matrix);
  if (winner) out.push("", paint.bold(winner));
  const s = matrix.sensitivity;
  if (s) {
    out.push(s.closest ? paint.yellow(s.line) : s.line);
    for (const c of s.criteria) out.push(paint.dim(`  ${criterionLine(c)}`));
  }
  const chosen = rows.filter((r) => r.chosenIn.length > 0).map((r) => `${r.id} (${r.chosenIn.join(", ")})`);
  if (chosen.length > 0) out.push(`Chosen so far: ${chosen.join(", ")}.`);
  const legend = legendLines(matrix);
  if (legend.length > 0) out.push(...legend.map((line) => paint.dim(line)));
  return out;
}

function headerId(row: MatrixRow): string {
  return row.chosenIn.length > 0 ? `${row.id} ✓` : row.id;
}
