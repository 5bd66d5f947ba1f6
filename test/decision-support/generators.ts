/** fast-check generators: option sets with any mix of attributes (and gaps), and weight lists. */
import fc from "fast-check";
import type { MatrixOption } from "../../src/domain/decision-support/index.js";
import type { OptionAttributes } from "../../src/domain/incident/events.js";

const level = fc.constantFrom("low", "medium", "high", "critical" as const);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 3 });

export const attributesArbitrary: fc.Arbitrary<OptionAttributes> = fc
  .record({
    timeToCompleteMinutes: maybe(fc.integer({ min: 0, max: 20_000 })),
    dataLoss: maybe(fc.constantFrom("none", "2 hours of writes", "30 min", "18% of records", "some orders", "0")),
    risk: maybe(level),
    userImpact: maybe(fc.constantFrom("low: slower", "high", "Catastrophic", "slow pages", "none", "medium — errors")),
    likelihoodOfSuccess: maybe(fc.integer({ min: 0, max: 100 })),
    revenueImpactUsd: maybe(fc.integer({ min: 0, max: 100_000_000 })),
    recoveryTimeMinutes: maybe(fc.integer({ min: 0, max: 50_000 })),
    reputation: maybe(level),
    legalRisk: maybe(level),
    cost: maybe(fc.constantFrom("$20k", "two engineers", "$1M")),
    extras: maybe(fc.record({ queue: fc.integer({ min: 0, max: 50 }) })),
  })
  .map((a) => Object.fromEntries(Object.entries(a).filter(([, v]) => v !== undefined)) as OptionAttributes);

export function optionsArbitrary(min: number, max: number): fc.Arbitrary<MatrixOption[]> {
  return fc
    .array(attributesArbitrary, { minLength: min, maxLength: max })
    .map((list) =>
      list.map((attributes, i) => ({ id: String.fromCharCode(65 + i), title: `Option ${i + 1}`, attributes })),
    );
}

/** Some criteria re-weighted in half steps from 0 to 10; the rest keep the defaults. */
export function weightsArbitrary(): fc.Arbitrary<Record<string, number>> {
  const half = fc.integer({ min: 0, max: 20 }).map((n) => n / 2);
  return fc
    .record(
      {
        time: half,
        dataLoss: half,
        risk: half,
        userImpact: half,
        success: half,
        revenue: half,
        recovery: half,
        legal: half,
      },
      { requiredKeys: [] },
    )
    .map((w) => ({ ...w }));
}
