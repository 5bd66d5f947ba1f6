/**
 * The words around a rendered matrix, shared by the terminal and Markdown renderings:
 * the winner line, the unknown/not-given legend and how hybrids were combined.
 */
import type { OptionsMatrix } from "./matrix.js";

export function score2(score: number | null): string {
  return score === null ? "–" : score.toFixed(2);
}

export function winnerLine(matrix: OptionsMatrix): string | null {
  const winner = matrix.rows.find((r) => r.id === matrix.winner);
  if (!winner || winner.score === null) return null;
  const second = matrix.rows.find((r) => r.id === matrix.ranking[1]);
  const lead =
    second && matrix.margin !== null
      ? matrix.margin === 0
        ? `, tied with ${second.id} (the tie goes to the earlier id)`
        : `, ahead of ${second.id} by ${matrix.margin.toFixed(2)}`
      : "";
  return `Winner: ${winner.id} ${winner.title} (${score2(winner.score)})${lead}.`;
}

export function legendLines(matrix: OptionsMatrix): string[] {
  const out: string[] = [];
  const unknowns = matrix.rows.some((r) => r.breakdown.some((b) => b.unknown));
  if (unknowns) out.push(`? = unknown, counted as ${matrix.unknownScore.toFixed(2)} (neither rewarded nor punished).`);
  const shownOnly = matrix.criteria.filter((c) => !c.scored).map((c) => c.label);
  if (shownOnly.length > 0) out.push(`Shown, not scored (no value could be read): ${shownOnly.join(", ")}.`);
  if (matrix.notGiven.length > 0) out.push(`Not given for any option: ${matrix.notGiven.join(", ")}.`);
  if (matrix.rows.some((r) => r.kind === "hybrid")) {
    out.push(
      "Hybrids: times and money add up, data loss and risk levels take the worst step, user impact is the first step's, likelihood of success multiplies; unknown if any step is unknown.",
    );
  }
  return out;
}

/** Level prefixes and long text cut to `width` characters with an ellipsis. */
export function clip(text: string, width: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  const chars = [...flat];
  return chars.length <= width ? flat : `${chars.slice(0, Math.max(1, width - 1)).join("")}…`;
}
