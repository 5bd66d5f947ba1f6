/**
 * Hybrids: one option, then another ("C then A"). Each criterion combines its steps'
 * readings by its rule (see `COMBINE_TEXT`): times and money add, data loss and the risk
 * levels take the worst step, user impact is the first step's, likelihood multiplies.
 * If any step's value is unknown the combined value is unknown too, said as such.
 */
import { WarroomError } from "../shared/errors.js";
import type { CriterionDef, Reading } from "./criteria.js";

export const MAX_HYBRID_STEPS = 6;
export const MAX_HYBRIDS = 10;

export interface StepReading {
  optionId: string;
  reading: Reading;
}

export interface Combined extends Reading {
  /** How the value came about: "30m + 4h", "worst of C, A", "C's (the first step)". */
  how: string;
}

export function combineReadings(def: CriterionDef, steps: readonly StepReading[]): Combined {
  const ids = steps.map((s) => s.optionId);
  const first = steps[0];
  if (def.combine === "first" || first === undefined) {
    const reading = first?.reading ?? { shown: null, value: null, score: null };
    return { ...reading, how: `${first?.optionId ?? "?"}'s (the first step)` };
  }
  const missing = steps.filter((s) => s.reading.score === null || s.reading.value === null).map((s) => s.optionId);
  if (missing.length > 0) {
    const anyShown = steps.some((s) => s.reading.shown !== null);
    return {
      shown: anyShown ? steps.map((s) => s.reading.shown ?? "?").join(" / ") : null,
      value: null,
      score: null,
      how: `unknown: ${missing.join(", ")} ${missing.length === 1 ? "has" : "have"} no usable value`,
    };
  }
  const values = steps.map((s) => s.reading.value as number);
  switch (def.combine) {
    case "sum": {
      const total = values.reduce((a, b) => a + b, 0);
      const reading = def.fromValue ? def.fromValue(total) : { shown: String(total), value: total, score: null };
      return { ...reading, how: steps.map((s) => s.reading.shown ?? "?").join(" + ") };
    }
    case "product": {
      const product = values.reduce((a, b) => a * (b / 100), 1) * 100;
      const reading = def.fromValue ? def.fromValue(product) : { shown: String(product), value: product, score: null };
      return { ...reading, how: steps.map((s) => s.reading.shown ?? "?").join(" × ") };
    }
    case "worst": {
      let worst = steps[0] as StepReading;
      for (const step of steps) if ((step.reading.score as number) < (worst.reading.score as number)) worst = step;
      return { ...worst.reading, how: `worst of ${ids.join(", ")} (${worst.optionId})` };
    }
  }
}

/** Custom criteria combine by their weakest step: the lowest value, or the highest when lower is better. */
export function combineCustom(steps: readonly { optionId: string; value: number | null }[], lowerBetter: boolean) {
  const missing = steps.filter((s) => s.value === null).map((s) => s.optionId);
  if (missing.length > 0) return { value: null, how: `unknown: ${missing.join(", ")} has no value` };
  const values = steps.map((s) => s.value as number);
  const value = lowerBetter ? Math.max(...values) : Math.min(...values);
  return { value, how: `worst of ${steps.map((s) => s.optionId).join(", ")}` };
}

/**
 * "C,A", "C then A", "C>A" or "C→A" → ["C", "A"], upper-cased. Checks the shape only
 * (two to six steps, none twice); whether the options exist is the matrix's check.
 */
export function parseHybrids(specs: readonly string[], field: string): string[][] {
  const out: string[][] = [];
  const seen = new Set<string>();
  for (const spec of specs) {
    const steps = spec
      .split(/\s*(?:,|>|→|\bthen\b)\s*/i)
      .map((s) => s.trim().toUpperCase())
      .filter((s) => s !== "");
    const fail = (message: string): never => {
      throw new WarroomError("validation.failed", `${field}: ${message}`, [{ field, message }]);
    };
    if (steps.length < 2) fail(`'${spec}' is not a hybrid: give two or more options in order, e.g. C,A`);
    if (steps.length > MAX_HYBRID_STEPS) fail(`'${spec}' has ${steps.length} steps; the most is ${MAX_HYBRID_STEPS}`);
    if (new Set(steps).size !== steps.length) fail(`'${spec}' lists an option twice; each step is a different option`);
    const key = steps.join(">");
    if (seen.has(key)) fail(`the hybrid ${steps.join(" then ")} is asked for twice`);
    seen.add(key);
    out.push(steps);
  }
  if (out.length > MAX_HYBRIDS) {
    const message = `${out.length} hybrids asked for; the most is ${MAX_HYBRIDS}`;
    throw new WarroomError("validation.failed", `${field}: ${message}`, [{ field, message }]);
  }
  return out;
}

export const hybridId = (steps: readonly string[]) => steps.join("→");
