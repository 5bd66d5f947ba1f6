/**
 * What the training API answers, built from a scenario and a finished run: the catalogue
 * entry (what a scenario trains), its detail (briefing, cast, rubric without the evaluator
 * internals), and the score report — the `warroom train --json` score object with each
 * item's description, competency and criticality beside its evidence and advice, the
 * refused actions, and what was recorded.
 */

import type { ScenarioDetail, ScenarioSummary } from "./drill-api-types.js";
import { isCertifying, type RecordedRun } from "./history.js";
import type { ItemScore, Score } from "./rubric/types.js";
import type { DrillRun } from "./run-record.js";
import type { Scenario } from "./scenario-schema.js";

export type { ScenarioDetail, ScenarioSummary } from "./drill-api-types.js";

export interface ReportItem extends ItemScore {
  description: string | null;
  competency: string;
  critical: boolean;
}

export interface DrillReport extends Omit<Score, "items"> {
  drill: string;
  scenarioTitle: string;
  passPercent: number;
  items: ReportItem[];
  /** Critical items that scored zero (any one fails the run). */
  criticalMissed: string[];
  refused: { action: number; clock: string; verb: string; code: string; message: string }[];
  /** The trainee's actions as a transcript (YAML): `warroom train <scenario> --transcript` replays it. */
  transcript: string;
  /** Set when the run was kept in the trainee's record. */
  recorded: { run: number; certificate: { id: string; expiresAt: string } | null } | null;
  startedAt: string;
  endedAt: string;
}

const itemsOf = (scenario: Scenario) => scenario.rubric.groups.flatMap((g) => g.items.map((item) => ({ g, item })));

export function scenarioSummary(scenario: Scenario): ScenarioSummary {
  return {
    id: scenario.id,
    title: scenario.title,
    difficulty: scenario.difficulty,
    duration: scenario.duration,
    startsAt: scenario.startsAt,
    objectives: scenario.objectives,
    cast: scenario.cast.length,
    fronts: scenario.fronts?.length ?? 1,
    certifies: isCertifying(scenario),
    passPercent: scenario.rubric.passPercent,
    groups: scenario.rubric.groups.map((g) => ({
      name: g.name,
      points: g.points ?? g.items.reduce((sum, i) => sum + i.points, 0),
    })),
  };
}

export function scenarioDetail(scenario: Scenario): ScenarioDetail {
  return {
    ...scenarioSummary(scenario),
    briefing: scenario.briefing,
    date: scenario.date,
    people: scenario.cast.map((p) => ({ handle: p.handle, name: p.name ?? null, role: p.role })),
    frontKeys: (scenario.fronts ?? []).map((f) => ({ key: f.key, title: f.title })),
    rubric: itemsOf(scenario).map(({ g, item }) => ({
      group: g.name,
      id: item.id,
      points: item.points,
      competency: item.competency,
      critical: item.critical === true,
      description: item.description ?? null,
    })),
  };
}

export function drillReport(input: {
  drill: string;
  scenario: Scenario;
  score: Score;
  run: DrillRun;
  transcript: string;
  recorded: RecordedRun | null;
}): DrillReport {
  const { scenario, score, run, recorded } = input;
  const specs = new Map(itemsOf(scenario).map(({ item }) => [item.id, item]));
  const items = score.items.map((scored): ReportItem => {
    const spec = specs.get(scored.id);
    return {
      ...scored,
      description: spec?.description ?? null,
      competency: spec?.competency ?? "leadership",
      critical: spec?.critical === true,
    };
  });
  const certificate = recorded?.certificate?.event;
  return {
    ...score,
    drill: input.drill,
    scenarioTitle: scenario.title,
    passPercent: scenario.rubric.passPercent,
    items,
    criticalMissed: items.filter((i) => i.critical && i.points === 0).map((i) => i.id),
    refused: run.errors.map((e) => {
      const action = run.actions.find((a) => a.index === e.action);
      return {
        action: e.action,
        clock: action?.clock ?? "",
        verb: action?.verb ?? "",
        code: e.code,
        message: e.message,
      };
    }),
    transcript: input.transcript,
    recorded: recorded
      ? {
          run: recorded.number,
          certificate: certificate ? { id: certificate.certificateId, expiresAt: certificate.expiresAt } : null,
        }
      : null,
    startedAt: run.startedAt,
    endedAt: run.endedAt,
  };
}
