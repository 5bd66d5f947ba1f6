/**
 * Which single weight change would flip the winner. With the other weights held, each
 * row's numerator is a straight line in the one weight x (Bₒ + x·sₒ), and the rows share
 * the denominator, so the winner changes exactly where another row's line crosses the
 * winner's. For each weight this finds the nearest crossing above and below the current
 * value within 0 … 10× (0 … 10 for a weight of 0), and a two-decimal weight that flips it.
 */
import { round } from "./criteria.js";
import { type ScoredRow, UNKNOWN_SCORE, winnerOf } from "./scoring.js";

export const MAX_FACTOR = 10;

export interface Flip {
  /** Where the two rows tie; beyond it (in this direction) the new winner leads. */
  at: number;
  /** A two-decimal weight that does flip it. */
  suggested: number;
  /** suggested ÷ current weight; null when the current weight is 0. */
  factor: number | null;
  winner: string;
}

export interface CriterionSensitivity {
  criterion: string;
  label: string;
  weight: number;
  /** The range searched: 0 … 10× the weight (0 … 10 when the weight is 0). */
  range: [number, number];
  up: Flip | null;
  down: Flip | null;
}

export interface Sensitivity {
  winner: string;
  maxFactor: number;
  criteria: CriterionSensitivity[];
  /** The smallest change (relative to the weight) that flips the winner, or null. */
  closest: (Flip & { criterion: string; label: string; direction: "up" | "down"; from: number }) | null;
  /** One line for people. */
  line: string;
}

export interface SensitivityInput {
  rows: readonly ScoredRow[];
  criteria: readonly { id: string; label: string; weight: number }[];
}

const EPS = 1e-12;

export function sensitivity(input: SensitivityInput): Sensitivity | null {
  const weights = input.criteria.map((c) => c.weight);
  const winner = winnerOf(input.rows, weights);
  if (winner === null || input.rows.length < 2) return null;
  const criteria = input.criteria.map((c, i) => forCriterion(input.rows, weights, i, winner, c));
  let closest: Sensitivity["closest"] = null;
  let best = Number.POSITIVE_INFINITY;
  for (const c of criteria) {
    for (const [direction, flip] of [
      ["up", c.up],
      ["down", c.down],
    ] as const) {
      if (!flip) continue;
      const change = Math.abs(flip.at - c.weight) / (c.weight > 0 ? c.weight : 1);
      if (change < best - EPS) {
        best = change;
        closest = { ...flip, criterion: c.criterion, label: c.label, direction, from: c.weight };
      }
    }
  }
  return { winner, maxFactor: MAX_FACTOR, criteria, closest, line: sensitivityLine(winner, closest) };
}

function forCriterion(
  rows: readonly ScoredRow[],
  weights: readonly number[],
  index: number,
  winner: string,
  c: { id: string; label: string; weight: number },
): CriterionSensitivity {
  const w = c.weight;
  const high = w > 0 ? w * MAX_FACTOR : MAX_FACTOR;
  const numerator = (row: ScoredRow, x: number) =>
    row.scores.reduce((sum, s, i) => sum + (i === index ? x : (weights[i] ?? 0)) * (s ?? UNKNOWN_SCORE), 0);
  const slopeOf = (row: ScoredRow) => row.scores[index] ?? UNKNOWN_SCORE;
  const top = rows.find((r) => r.id === winner) as ScoredRow;
  let up = Number.POSITIVE_INFINITY;
  let down = Number.NEGATIVE_INFINITY;
  for (const row of rows) {
    if (row.id === winner) continue;
    const slope = slopeOf(row) - slopeOf(top);
    if (Math.abs(slope) < EPS) continue;
    const gap = numerator(top, w) - numerator(row, w);
    const cross = w + (Math.max(0, gap) / Math.abs(slope)) * Math.sign(slope);
    if (slope > 0) up = Math.min(up, cross);
    else down = Math.max(down, cross);
  }
  const at = (x: number) => weights.map((v, i) => (i === index ? x : v));
  const flip = (cross: number, direction: "up" | "down"): Flip | null => {
    if (direction === "up" ? !(cross < high) : !(cross > 0)) return null;
    const candidates =
      direction === "up"
        ? [Math.min(Math.floor(cross * 100 + EPS) / 100 + 0.01, high), cross + 1e-6 * Math.max(1, cross), high]
        : [Math.max(Math.ceil(cross * 100 - EPS) / 100 - 0.01, 0), cross - 1e-6 * Math.max(1, cross), 0];
    for (const x of candidates) {
      if (direction === "up" ? x <= cross : x >= cross) continue;
      const next = winnerOf(rows, at(x));
      if (next !== null && next !== winner) {
        const suggested = round(x, 6);
        return { at: round(cross, 6), suggested, factor: w > 0 ? round(suggested / w, 4) : null, winner: next };
      }
    }
    return null;
  };
  return {
    criterion: c.id,
    label: c.label,
    weight: w,
    range: [0, high],
    up: Number.isFinite(up) ? flip(up, "up") : null,
    down: Number.isFinite(down) ? flip(down, "down") : null,
  };
}

/** Weights as typed: 1, 1.55, 0.3 (six decimals at most, for the rare finer flip point). */
export function formatWeight(value: number): string {
  return String(round(value, 6));
}

export function sensitivityLine(winner: string, closest: Sensitivity["closest"]): string {
  if (closest === null) return `No single weight change within 0–${MAX_FACTOR}× flips the winner (${winner}).`;
  const verb = closest.direction === "up" ? "raising" : "lowering";
  const bound = closest.direction === "up" ? "or more" : "or less";
  return `Closest call: ${verb} ${closest.label} from ${formatWeight(closest.from)} to ${formatWeight(closest.suggested)} ${bound} makes ${closest.winner} the winner instead of ${winner}.`;
}

/** "time ×1: C wins at 1.55 or more; D stays down to 0" — one criterion, both directions. */
export function criterionLine(c: CriterionSensitivity): string {
  const parts: string[] = [];
  if (c.up) parts.push(`${c.up.winner} wins at ${formatWeight(c.up.suggested)} or more`);
  if (c.down) parts.push(`${c.down.winner} wins at ${formatWeight(c.down.suggested)} or less`);
  if (parts.length === 0)
    parts.push(`no single change within ${formatWeight(c.range[0])}–${formatWeight(c.range[1])} flips it`);
  return `${c.label} (weight ${formatWeight(c.weight)}): ${parts.join("; ")}`;
}
