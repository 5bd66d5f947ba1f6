/**
 * Scoring a run: each rubric item's evaluator gives a share of its points with evidence
 * and advice; items add up to groups and the total; the total passes at the profile's
 * mark unless a critical item scored zero. Every run also rolls up into the handbook's
 * competencies (technical 30, leadership 40, communication 30) for the trainee's profile.
 */
import type { DrillRun } from "../run-record.js";
import type { Scenario } from "../scenario-schema.js";
import { RubricContext } from "./context.js";
import {
  COMPETENCIES,
  COMPETENCY_WEIGHTS,
  type Competency,
  type EvaluatorName,
  type RubricItemSpec,
} from "./params.js";
import { EVALUATORS } from "./registry.js";
import type { CompetencyScore, ItemOutcome, ItemScore, Score } from "./types.js";

const round1 = (n: number) => Math.round(n * 10) / 10;

function evaluate(ctx: RubricContext, item: RubricItemSpec): ItemOutcome {
  const evaluator = EVALUATORS[item.evaluator as EvaluatorName] as (c: RubricContext, p: unknown) => ItemOutcome;
  const outcome = evaluator(ctx, item.params);
  return { ...outcome, fraction: Math.min(1, Math.max(0, outcome.fraction)) };
}

export function scoreRun(scenario: Scenario, run: DrillRun): Score {
  const ctx = new RubricContext(scenario, run);
  const items: ItemScore[] = [];
  const byCompetency = new Map<Competency, { points: number; max: number; items: string[] }>();
  let criticalZero = false;
  const groups = scenario.rubric.groups.map((group) => {
    let score = 0;
    let max = 0;
    for (const spec of group.items) {
      const outcome = evaluate(ctx, spec);
      // Half points: fine enough to show a partial miss on a 5-point item.
      const points = Math.round(outcome.fraction * spec.points * 2) / 2;
      items.push({
        id: spec.id,
        group: group.name,
        points,
        max: spec.points,
        evidence: outcome.evidence,
        advice: outcome.advice,
      });
      score += points;
      max += spec.points;
      if (spec.critical && points === 0) criticalZero = true;
      const c = byCompetency.get(spec.competency) ?? { points: 0, max: 0, items: [] };
      c.points += points;
      c.max += spec.points;
      c.items.push(spec.id);
      byCompetency.set(spec.competency, c);
    }
    return { name: group.name, score, max };
  });
  const total = groups.reduce((sum, g) => sum + g.score, 0);
  const max = groups.reduce((sum, g) => sum + g.max, 0);
  const percent = max === 0 ? 0 : round1((100 * total) / max);
  const competencies: CompetencyScore[] = COMPETENCIES.map((name) => {
    const c = byCompetency.get(name);
    const share = c && c.max > 0 ? c.points / c.max : null;
    return {
      name,
      weight: COMPETENCY_WEIGHTS[name],
      score: share === null ? null : round1(share * COMPETENCY_WEIGHTS[name]),
      percent: share === null ? null : round1(share * 100),
      items: c?.items ?? [],
    };
  });
  return {
    scenario: scenario.id,
    trainee: run.trainee,
    total,
    max,
    percent,
    passed: percent >= scenario.rubric.passPercent && !criticalZero,
    groups,
    items,
    competencies,
  };
}
