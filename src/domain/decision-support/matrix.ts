/**
 * The options matrix: every option's attributes side by side, each read into a 0–1 score
 * (see `criteria.ts`), weighted, ranked, with hybrids (one option, then another) as extra
 * rows and the sensitivity of the winner to each weight. Pure and deterministic: the
 * same options and weights give the same matrix, whatever order the options come in.
 */
import type { OptionAttributes } from "../incident/events.js";
import { fail } from "../shared/errors.js";
import { round } from "./criteria.js";
import {
  type Column,
  columnsFor,
  type Draft,
  hybridDraft,
  optionDraft,
  resolveLowerBetter,
  resolveWeights,
  scoreCustoms,
} from "./rows.js";
import { compareRanked, type ScoredRow, UNKNOWN_SCORE, weightedScore } from "./scoring.js";
import { type Sensitivity, sensitivity } from "./sensitivity.js";
import { DEFAULT_WEIGHTS, type DecisionWeights, type WeightOverrides } from "./weights.js";

export interface MatrixOption {
  id: string;
  title: string;
  attributes: OptionAttributes;
}

export interface MatrixRequest {
  options: readonly MatrixOption[];
  /** The full default set (config); `DEFAULT_WEIGHTS` when absent. */
  defaults?: DecisionWeights;
  /** This call's weights, by criterion id or alias; `custom` sets every custom criterion. */
  weights?: WeightOverrides;
  /** Hybrids as option ids in order, e.g. [["C", "A"]]. */
  hybrids?: readonly (readonly string[])[];
  /** Custom criteria where less is better (custom criteria are "more is better" otherwise). */
  lowerBetter?: readonly string[];
  /** Decisions made so far, to mark the rows they chose. */
  decisions?: readonly { id: string; chosen: readonly string[] }[];
  /** False skips the sensitivity search (it recomputes the ranking many times). */
  sensitivity?: boolean;
  /** How the caller names its inputs in errors: `--weights` on the CLI, `weights` over HTTP. */
  fields?: { weights?: string; hybrid?: string; lowerBetter?: string };
}

export interface MatrixCriterion {
  id: string;
  label: string;
  direction: "higher" | "lower";
  weight: number;
  /** False when values were given but none could be scored (shown only). */
  scored: boolean;
  custom: boolean;
  scale: string;
  /** How a hybrid combines its steps on this criterion. */
  hybrid: string;
}

export interface MatrixCell {
  shown: string | null;
  score: number | null;
  /** For hybrids: how the value came about. */
  how: string | null;
}

export interface BreakdownItem {
  criterion: string;
  weight: number;
  /** The score used: the cell's, or `UNKNOWN_SCORE` when unknown. */
  score: number;
  unknown: boolean;
  /** weight × score ÷ total weight: the parts add up to the row's score. */
  contribution: number;
}

export interface MatrixRow {
  id: string;
  title: string;
  kind: "option" | "hybrid";
  steps: string[];
  cells: Record<string, MatrixCell>;
  /** 0 … 1, higher is better; null when nothing could be scored. */
  score: number | null;
  rank: number | null;
  breakdown: BreakdownItem[];
  /** Decisions that chose this option (or this exact sequence). */
  chosenIn: string[];
}

export interface OptionsMatrix {
  criteria: MatrixCriterion[];
  /** Criteria nobody gave a value for. */
  notGiven: string[];
  rows: MatrixRow[];
  /** Row ids, best first. */
  ranking: string[];
  winner: string | null;
  /** The winner's lead over the runner-up. */
  margin: number | null;
  unknownScore: number;
  /** Present when there are hybrids: how their values were combined. */
  hybridRules: string[];
  sensitivity: Sensitivity | null;
}

export function buildMatrix(request: MatrixRequest): OptionsMatrix {
  const fields = { weights: "weights", hybrid: "hybrid", lowerBetter: "lowerBetter", ...request.fields };
  const options = [...request.options].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const columns = columnsFor(options);
  const customs = columns.filter((c) => c.custom);
  const lower = resolveLowerBetter(request.lowerBetter ?? [], customs, fields.lowerBetter);
  const weightOf = resolveWeights(request.defaults ?? DEFAULT_WEIGHTS, request.weights ?? {}, customs, fields.weights);

  const rows: Draft[] = options.map((o) => optionDraft(o, columns));
  for (const steps of request.hybrids ?? [])
    rows.push(hybridDraft(steps, options, rows, columns, lower, fields.hybrid));
  scoreCustoms(rows, customs, lower);

  const scored = columns.filter((c) => rows.some((r) => r.cells[c.id]?.score !== null));
  const shownOnly = columns.filter((c) => !scored.includes(c) && rows.some((r) => r.cells[c.id]?.shown !== null));
  const weights = scored.map((c) => weightOf(c));
  if (scored.length > 0 && weights.every((w) => w === 0)) {
    fail(
      "validation.failed",
      `every criterion with values has weight 0 (${scored.map((c) => c.id).join(", ")}): give one a weight above 0`,
      fields.weights,
    );
  }
  const scoredRows: ScoredRow[] = rows.map((r) => ({
    id: r.id,
    scores: scored.map((c) => r.cells[c.id]?.score ?? UNKNOWN_SCORE),
  }));
  const totals = new Map(scoredRows.map((r) => [r.id, weightedScore(r.scores, weights)]));
  const ranking =
    scored.length === 0
      ? []
      : [...totals]
          .map(([id, score]) => ({ id, score }))
          .sort(compareRanked)
          .map((r) => r.id);
  const total = weights.reduce((a, b) => a + b, 0);

  const chosen = chosenMap(request.decisions ?? []);
  const matrixRows: MatrixRow[] = rows.map((r) => ({
    id: r.id,
    title: r.title,
    kind: r.kind,
    steps: r.steps,
    cells: Object.fromEntries([...scored, ...shownOnly].map((c) => [c.id, r.cells[c.id] as MatrixCell])),
    score: scored.length === 0 ? null : round(totals.get(r.id) ?? 0, 6),
    rank: scored.length === 0 ? null : ranking.indexOf(r.id) + 1,
    breakdown: scored.map((c, i) => {
      const score = r.cells[c.id]?.score ?? null;
      const used = score ?? UNKNOWN_SCORE;
      const weight = weights[i] ?? 0;
      return {
        criterion: c.id,
        weight,
        score: round(used, 6),
        unknown: score === null,
        contribution: round(total === 0 ? 0 : (weight * used) / total, 6),
      };
    }),
    chosenIn: chosen.get(r.steps.join(">")) ?? [],
  }));
  const [first, second] = ranking;
  const winner = first ?? null;
  return {
    criteria: [
      ...scored.map((c, i) => criterionOut(c, weights[i] ?? 0, true)),
      ...shownOnly.map((c) => criterionOut(c, weightOf(c), false)),
    ],
    notGiven: columns.filter((c) => !scored.includes(c) && !shownOnly.includes(c)).map((c) => c.label),
    rows: matrixRows,
    ranking,
    winner,
    margin:
      winner !== null && second !== undefined ? round((totals.get(winner) ?? 0) - (totals.get(second) ?? 0), 6) : null,
    unknownScore: UNKNOWN_SCORE,
    hybridRules: (request.hybrids ?? []).length > 0 ? hybridRules(columns) : [],
    sensitivity:
      scored.length === 0 || request.sensitivity === false
        ? null
        : sensitivity({
            rows: scoredRows,
            criteria: scored.map((c, i) => ({ id: c.id, label: c.label, weight: weights[i] ?? 0 })),
          }),
  };
}

function criterionOut(c: Column, weight: number, scored: boolean): MatrixCriterion {
  return {
    id: c.id,
    label: c.label,
    direction: c.direction,
    weight,
    scored,
    custom: c.custom,
    scale: c.scale,
    hybrid: c.hybrid,
  };
}

function hybridRules(columns: Column[]): string[] {
  return columns.filter((c) => c.def !== null).map((c) => c.hybrid);
}

function chosenMap(decisions: readonly { id: string; chosen: readonly string[] }[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const d of decisions) {
    const key = d.chosen.join(">");
    out.set(key, [...(out.get(key) ?? []), d.id]);
  }
  return out;
}
