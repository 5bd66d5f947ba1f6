/**
 * Weighted scoring and ranking, shared by the matrix and the sensitivity search so both
 * agree on who wins. A row's score is Σ wᵢ·sᵢ / Σ wᵢ over the criteria in play, where an
 * unknown sᵢ counts as `UNKNOWN_SCORE`; every row shares the denominator, so the
 * ranking is decided by the numerators. Ties (to 1e-9) go to the lower id.
 */

/** What an unknown value counts as: the middle of the scale, neither rewarded nor punished. */
export const UNKNOWN_SCORE = 0.5;

export interface ScoredRow {
  id: string;
  /** Effective per-criterion scores (unknowns already replaced), in criteria order. */
  scores: readonly number[];
}

export function weightedScore(scores: readonly number[], weights: readonly number[]): number {
  let top = 0;
  let bottom = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i] ?? 0;
    top += w * (scores[i] ?? UNKNOWN_SCORE);
    bottom += w;
  }
  return bottom === 0 ? UNKNOWN_SCORE : top / bottom;
}

const key = (score: number) => Math.round(score * 1e9);

export function compareRanked(a: { id: string; score: number }, b: { id: string; score: number }): number {
  const diff = key(b.score) - key(a.score);
  if (diff !== 0) return diff;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Ids best first. */
export function rankIds(rows: readonly ScoredRow[], weights: readonly number[]): string[] {
  return rows
    .map((row) => ({ id: row.id, score: weightedScore(row.scores, weights) }))
    .sort(compareRanked)
    .map((row) => row.id);
}

export function winnerOf(rows: readonly ScoredRow[], weights: readonly number[]): string | null {
  return rankIds(rows, weights)[0] ?? null;
}
