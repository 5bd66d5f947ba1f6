/**
 * Read models of a trainee's record, pure: the runs with their scores, the competency
 * profile over time (running averages of technical, leadership and communication, and
 * the handbook's weighting of them), and the certificates with their status as of now.
 */
import { judgeCertificate } from "../domain/training/certificate.js";
import {
  type CertificateIssued,
  type DrillCompleted,
  TRAINEE_COMPETENCIES,
  type TraineeCompetency,
} from "../domain/training/events.js";
import type { Trainee, Versioned } from "../domain/training/trainee.js";
import { COMPETENCY_WEIGHTS } from "./rubric/params.js";

const round1 = (n: number) => Math.round(n * 10) / 10;

export type CompetencyPercents = Record<TraineeCompetency, number | null>;

export interface HistoryRun {
  /** 1 for the trainee's first run, 2 for the next… */
  run: number;
  /** Its event's version in the trainee's stream (what a certificate cites). */
  version: number;
  at: string;
  scenario: string;
  scenarioTitle: string;
  total: number;
  max: number;
  percent: number;
  passed: boolean;
  passPercent: number;
  criticalMissed: string[];
  competencies: CompetencyPercents;
  /** The certificate this run earned, if any. */
  certificate: string | null;
}

export interface CompetencyProfile {
  name: TraineeCompetency;
  weight: number;
  /** Average over the runs that assessed it; null when none did. */
  percent: number | null;
  runs: number;
}

export interface ProfilePoint extends CompetencyPercents {
  run: number;
  at: string;
}

export interface TrainingProfile {
  competencies: CompetencyProfile[];
  /** The handbook's weighting (technical 30, leadership 40, communication 30) of the averages, 0–100. */
  overall: number | null;
  /** The running averages after each run, oldest first. */
  overTime: ProfilePoint[];
}

export interface CertificateView {
  id: string;
  trainee: string;
  scenario: string;
  issuedAt: string;
  expiresAt: string;
  percent: number;
  status: "valid" | "expired" | "tampered";
  reasons: string[];
}

export interface TrainingHistory {
  trainee: string;
  runs: HistoryRun[];
  passed: number;
  profile: TrainingProfile;
  certificates: CertificateView[];
}

function percentsOf(drill: DrillCompleted): CompetencyPercents {
  const out = { technical: null, leadership: null, communication: null } as CompetencyPercents;
  for (const c of drill.score.competencies) out[c.name] = c.percent;
  return out;
}

function historyRun(
  entry: Versioned<DrillCompleted>,
  index: number,
  certificates: Versioned<CertificateIssued>[],
): HistoryRun {
  const { event } = entry;
  return {
    run: index + 1,
    version: entry.version,
    at: event.at,
    scenario: event.scenario,
    scenarioTitle: event.scenarioTitle,
    total: event.score.total,
    max: event.score.max,
    percent: event.score.percent,
    passed: event.score.passed,
    passPercent: event.score.passPercent,
    criticalMissed: event.score.criticalMissed,
    competencies: percentsOf(event),
    certificate: certificates.find((c) => c.event.run === entry.version)?.event.certificateId ?? null,
  };
}

/** Averages of each competency over the runs so far, and their weighted sum. */
export function profileOf(runs: HistoryRun[]): TrainingProfile {
  const sums = { technical: [0, 0], leadership: [0, 0], communication: [0, 0] } as Record<
    TraineeCompetency,
    [number, number]
  >;
  const overTime: ProfilePoint[] = [];
  for (const run of runs) {
    for (const name of TRAINEE_COMPETENCIES) {
      const value = run.competencies[name];
      if (value === null) continue;
      sums[name][0] += value;
      sums[name][1] += 1;
    }
    const point = { run: run.run, at: run.at } as ProfilePoint;
    for (const name of TRAINEE_COMPETENCIES) point[name] = averageOf(sums[name]);
    overTime.push(point);
  }
  const competencies = TRAINEE_COMPETENCIES.map((name) => ({
    name,
    weight: COMPETENCY_WEIGHTS[name],
    percent: averageOf(sums[name]),
    runs: sums[name][1],
  }));
  const assessed = competencies.filter((c) => c.percent !== null);
  const weights = assessed.reduce((sum, c) => sum + c.weight, 0);
  const overall =
    weights === 0 ? null : round1(assessed.reduce((sum, c) => sum + (c.percent ?? 0) * c.weight, 0) / weights);
  return { competencies, overall, overTime };
}

function averageOf([sum, count]: [number, number]): number | null {
  return count === 0 ? null : round1(sum / count);
}

export function certificateView(
  certificate: CertificateIssued,
  drill: DrillCompleted | undefined,
  now: string,
): CertificateView {
  const verdict = judgeCertificate(certificate, drill, now);
  return {
    id: certificate.certificateId,
    trainee: certificate.trainee,
    scenario: certificate.scenario,
    issuedAt: certificate.issuedAt,
    expiresAt: certificate.expiresAt,
    percent: certificate.scores.percent,
    status: verdict.status,
    reasons: verdict.reasons,
  };
}

export function certificateViews(trainee: Trainee, now: string): CertificateView[] {
  return trainee.certificates.map(({ event }) =>
    certificateView(event, trainee.runs.find((r) => r.version === event.run)?.event, now),
  );
}

export function historyOf(trainee: Trainee, now: string): TrainingHistory {
  const runs = trainee.runs.map((r, i) => historyRun(r, i, trainee.certificates));
  return {
    trainee: trainee.trainee,
    runs,
    passed: runs.filter((r) => r.passed).length,
    profile: profileOf(runs),
    certificates: certificateViews(trainee, now),
  };
}
