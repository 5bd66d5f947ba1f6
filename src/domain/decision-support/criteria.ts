/**
 * The built-in criteria of the options matrix: where each reads its value in an option's
 * attributes, which way is better, how it becomes a 0–1 score, and how a hybrid (one
 * option, then another) combines its steps' values.
 */
import type { OptionAttributes, RiskLevel } from "../incident/events.js";
import {
  dataLossScore,
  findLevel,
  formatMinutes,
  formatUsd,
  halfLife,
  LEVEL_SCORE,
  parseUsd,
  readDataLoss,
  SCALE,
} from "./normalise.js";

export const BUILTIN_CRITERIA = [
  "time",
  "dataLoss",
  "risk",
  "userImpact",
  "success",
  "revenue",
  "recovery",
  "reputation",
  "legal",
  "cost",
] as const;
export type BuiltinCriterion = (typeof BUILTIN_CRITERIA)[number];

/**
 * How a hybrid's steps combine: `sum` (steps run one after another, so times and money
 * add), `worst` (the weakest step sets it), `first` (what the first step gives, which is
 * what people live with while the later steps run), `product` (every step has to work).
 */
export type Combine = "sum" | "worst" | "first" | "product";

/** One criterion's reading of one option. */
export interface Reading {
  /** What was said, for display ("4h", "none", "$8M"); null when nothing was said. */
  shown: string | null;
  /** The value in natural units (minutes, USD, percent) or, for levels and data loss, the score itself. */
  value: number | null;
  /** 0 (worst) … 1 (best); null when unknown. */
  score: number | null;
}

export interface CriterionDef {
  id: BuiltinCriterion;
  label: string;
  /** Which way the raw value is better; the score is always "higher is better". */
  direction: "higher" | "lower";
  /** How the value becomes a score, in a few words. */
  scale: string;
  combine: Combine;
  /** Spellings accepted in a weights list, compared without case, '-', '_' or spaces. */
  aliases: string[];
  read(attributes: OptionAttributes): Reading;
  /** For `sum` and `product`: the reading of a combined natural value. */
  fromValue?(value: number): Reading;
}

const UNKNOWN: Reading = { shown: null, value: null, score: null };

const minutesReading = (half: number) => (value: number) => ({
  shown: formatMinutes(value),
  value,
  score: halfLife(value, half),
});
const usdReading = (half: number) => (value: number) => ({
  shown: formatUsd(value),
  value,
  score: halfLife(value, half),
});
const percentReading = (value: number) => ({ shown: `${round(value, 2)}%`, value, score: value / 100 });

function levelReading(level: RiskLevel | undefined): Reading {
  if (level === undefined) return UNKNOWN;
  const score = LEVEL_SCORE[level];
  return { shown: level, value: score, score };
}

function moneyReading(said: string | undefined, usd: number | undefined, half: number): Reading {
  const value = usd ?? (said === undefined ? null : parseUsd(said));
  if (value === null) return said === undefined ? UNKNOWN : { shown: said, value: null, score: null };
  return { ...usdReading(half)(value), shown: said ?? formatUsd(value) };
}

export const CRITERIA: readonly CriterionDef[] = [
  {
    id: "time",
    label: "time to complete",
    direction: "lower",
    scale: `1 at 0, 0.5 at ${formatMinutes(SCALE.timeMinutes)}`,
    combine: "sum",
    aliases: ["time", "timetocomplete", "timetocompleteminutes", "duration", "eta"],
    read: (a) =>
      a.timeToCompleteMinutes === undefined ? UNKNOWN : minutesReading(SCALE.timeMinutes)(a.timeToCompleteMinutes),
    fromValue: minutesReading(SCALE.timeMinutes),
  },
  {
    id: "dataLoss",
    label: "data loss",
    direction: "lower",
    scale: `none 1; lost time 0.5 at ${formatMinutes(SCALE.dataLossMinutes)}; a share lost p% → 1−p; other loss 0`,
    combine: "worst",
    aliases: ["dataloss", "data"],
    read: (a) => {
      if (a.dataLoss === undefined) return UNKNOWN;
      const score = dataLossScore(readDataLoss(a.dataLoss));
      return { shown: a.dataLoss, value: score, score };
    },
  },
  {
    id: "risk",
    label: "risk",
    direction: "lower",
    scale: "low 0.75, medium 0.5, high 0.25, critical 0",
    combine: "worst",
    aliases: ["risk"],
    read: (a) => levelReading(a.risk),
  },
  {
    id: "userImpact",
    label: "user impact",
    direction: "lower",
    scale: "a level word in the text: none 1, low 0.75, medium 0.5, high 0.25, critical 0",
    combine: "first",
    aliases: ["userimpact", "impact", "users"],
    read: (a) => {
      if (a.userImpact === undefined) return UNKNOWN;
      const found = findLevel(a.userImpact);
      const score = found === null ? null : LEVEL_SCORE[found.level];
      return { shown: a.userImpact, value: score, score };
    },
  },
  {
    id: "success",
    label: "likelihood of success",
    direction: "higher",
    scale: "the percentage as a fraction",
    combine: "product",
    aliases: ["success", "likelihood", "likelihoodofsuccess", "chance", "probability"],
    read: (a) => (a.likelihoodOfSuccess === undefined ? UNKNOWN : percentReading(a.likelihoodOfSuccess)),
    fromValue: percentReading,
  },
  {
    id: "revenue",
    label: "revenue impact",
    direction: "lower",
    scale: `1 at $0, 0.5 at ${formatUsd(SCALE.revenueUsd)}`,
    combine: "sum",
    aliases: ["revenue", "revenueimpact", "revenueimpactusd", "money"],
    read: (a) => moneyReading(a.revenueImpact, a.revenueImpactUsd, SCALE.revenueUsd),
    fromValue: usdReading(SCALE.revenueUsd),
  },
  {
    id: "recovery",
    label: "recovery time",
    direction: "lower",
    scale: `1 at 0, 0.5 at ${formatMinutes(SCALE.recoveryMinutes)}`,
    combine: "sum",
    aliases: ["recovery", "recoverytime", "recoverytimeminutes"],
    read: (a) =>
      a.recoveryTimeMinutes === undefined ? UNKNOWN : minutesReading(SCALE.recoveryMinutes)(a.recoveryTimeMinutes),
    fromValue: minutesReading(SCALE.recoveryMinutes),
  },
  {
    id: "reputation",
    label: "reputation damage",
    direction: "lower",
    scale: "low 0.75, medium 0.5, high 0.25, critical 0",
    combine: "worst",
    aliases: ["reputation", "rep", "reputationdamage"],
    read: (a) => levelReading(a.reputation),
  },
  {
    id: "legal",
    label: "legal risk",
    direction: "lower",
    scale: "low 0.75, medium 0.5, high 0.25, critical 0",
    combine: "worst",
    aliases: ["legal", "legalrisk"],
    read: (a) => levelReading(a.legalRisk),
  },
  {
    id: "cost",
    label: "cost",
    direction: "lower",
    scale: `an amount: 1 at $0, 0.5 at ${formatUsd(SCALE.costUsd)}; other text unknown`,
    combine: "sum",
    aliases: ["cost"],
    read: (a) => moneyReading(a.cost, undefined, SCALE.costUsd),
    fromValue: usdReading(SCALE.costUsd),
  },
];

export function criterionDef(id: BuiltinCriterion): CriterionDef {
  const def = CRITERIA.find((c) => c.id === id);
  if (!def) throw new Error(`unknown criterion ${id}`);
  return def;
}

/** "Legal-Risk", "legal_risk" and "legalrisk" are one key. */
export function aliasKey(key: string): string {
  return key.toLowerCase().replace(/[\s_-]+/g, "");
}

/** The built-in criterion a weights key names, or null. */
export function builtinFor(key: string): BuiltinCriterion | null {
  const wanted = aliasKey(key);
  return CRITERIA.find((c) => c.aliases.includes(wanted) || aliasKey(c.id) === wanted)?.id ?? null;
}

export function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** How each combine rule reads, for the matrix's notes. */
export const COMBINE_TEXT: Record<Combine, string> = {
  sum: "adds up (the steps run one after another)",
  worst: "takes the worst step",
  first: "is the first step's (what people live with while the later steps run)",
  product: "multiplies (every step has to work)",
};
