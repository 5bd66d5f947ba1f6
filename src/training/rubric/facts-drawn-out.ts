/**
 * Which of a scenario's facts the trainee drew out by a moment (before deciding, before
 * escalating…), with evidence for each: shared by every evaluator that asks "did you
 * find out first?".
 */
import type { RubricContext } from "./context.js";
import type { Evidence } from "./types.js";

export interface FactsDrawnOut {
  got: number;
  evidence: Evidence[];
  /** Facts not drawn out in time: their topic and the persona who knew. */
  missing: { topic: string; from: string }[];
}

export function factsDrawnOut(
  ctx: RubricContext,
  factIds: readonly string[],
  limit: number,
  say: { inTime: (topic: string, from: string) => string; late: (topic: string) => string },
): FactsDrawnOut {
  const evidence: Evidence[] = [];
  const missing: FactsDrawnOut["missing"] = [];
  let got = 0;
  for (const id of factIds) {
    const fact = ctx.scenario.facts.find((f) => f.id === id);
    const topic = fact?.topic ?? id.replace(/-/g, " ");
    const revealed = ctx.run.facts.find((f) => f.fact === id);
    if (revealed && revealed.offset <= limit) {
      got++;
      evidence.push(ctx.action(revealed.action, say.inTime(topic, revealed.from)));
    } else {
      missing.push({ topic, from: fact?.from ?? "?" });
      if (revealed) evidence.push(ctx.action(revealed.action, say.late(topic)));
    }
  }
  return { got, evidence, missing };
}
