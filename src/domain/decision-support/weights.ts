/**
 * Criterion weights: defaults (overridable in config as `decisionWeights`), a per-call
 * list such as `risk=3,time:1,perf=2`, and their validation. A weight is a number from 0
 * to 1000; 0 leaves a criterion out of the score. `custom` is the weight of every
 * custom criterion (a numeric `extras` attribute) not named on its own.
 */
import { z } from "zod";
import { WarroomError } from "../shared/errors.js";
import { type BuiltinCriterion, builtinFor } from "./criteria.js";

export const MAX_WEIGHT = 1000;

export type WeightKey = BuiltinCriterion | "custom";
export type DecisionWeights = Record<WeightKey, number>;

/**
 * What matters most in an incident comes first: whether it works, what users go
 * through and whether data survives; then risk, money, reputation and legal exposure;
 * then how long it takes, recovery and cost.
 */
export const DEFAULT_WEIGHTS: Readonly<DecisionWeights> = Object.freeze({
  success: 3,
  userImpact: 3,
  dataLoss: 3,
  risk: 2,
  revenue: 2,
  reputation: 2,
  legal: 2,
  time: 1,
  recovery: 1,
  cost: 1,
  custom: 1,
});

const weight = (key: WeightKey) =>
  z
    .number({ error: `${key} must be a number` })
    .min(0, `${key} must be 0 or more`)
    .max(MAX_WEIGHT, `${key} must be at most ${MAX_WEIGHT}`)
    .default(DEFAULT_WEIGHTS[key]);

/** The config section: every key optional, missing ones take the defaults. */
export const decisionWeightsSchema = z
  .object({
    success: weight("success"),
    userImpact: weight("userImpact"),
    dataLoss: weight("dataLoss"),
    risk: weight("risk"),
    revenue: weight("revenue"),
    reputation: weight("reputation"),
    legal: weight("legal"),
    time: weight("time"),
    recovery: weight("recovery"),
    cost: weight("cost"),
    custom: weight("custom"),
  })
  .strict()
  .default(() => ({ ...DEFAULT_WEIGHTS }));

/** Weights asked for on one call: built-in keys resolved from their aliases, custom keys as typed. */
export type WeightOverrides = Record<string, number>;

function bad(field: string, message: string): never {
  throw new WarroomError("validation.failed", `${field}: ${message}`, [{ field, message }]);
}

/**
 * `risk=3,time:1,perf=2` (or the parts as separate strings) → overrides. A malformed
 * pair, a number out of range or a key given twice fails, naming `field`.
 */
export function parseWeights(spec: string | readonly string[], field: string): WeightOverrides {
  const parts = (typeof spec === "string" ? [spec] : spec)
    .flatMap((s) => s.split(","))
    .map((s) => s.trim())
    .filter((s) => s !== "");
  const out: WeightOverrides = {};
  for (const part of parts) {
    const match = /^([^=:]+)[=:]\s*(.*)$/.exec(part);
    if (!match?.[1]) bad(field, `'${part}' is not key=number (e.g. risk=3,time=1)`);
    const rawKey = match[1].trim();
    const text = (match[2] ?? "").trim();
    if (!/^\d+(\.\d+)?$/.test(text)) bad(field, `the weight of ${rawKey} ('${text}') is not a number of 0 or more`);
    const value = Number(text);
    if (value > MAX_WEIGHT) bad(field, `the weight of ${rawKey} is ${value}; the most is ${MAX_WEIGHT}`);
    const key = builtinFor(rawKey) ?? (rawKey.toLowerCase() === "custom" ? "custom" : rawKey);
    if (key in out) bad(field, `${rawKey} is given twice`);
    out[key] = value;
  }
  return out;
}

/** Custom-criterion direction list: `perf,queue` → ["perf", "queue"]. */
export function parseKeyList(spec: string | readonly string[]): string[] {
  return (typeof spec === "string" ? [spec] : spec)
    .flatMap((s) => s.split(","))
    .map((s) => s.trim())
    .filter((s) => s !== "");
}
