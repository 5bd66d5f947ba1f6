/** The training API's answers, as the pages read them (see src/http/routes/training.ts). */
import type { DrillClock } from "../../../src/training/drill-api-types.js";

// The server's own shapes, type-only (erased in the Vite build; the module needs no Node).
export type {
  DrillClock,
  DrillDetail,
  DrillSummary,
  ScenarioDetail,
  ScenarioSummary,
} from "../../../src/training/drill-api-types.js";

export interface FeedEntry {
  seq: number;
  at: string;
  offset: number;
  clock: string;
  kind: "persona" | "trainee" | "reminder" | "system" | "error";
  from: string;
  channel: string | null;
  text: string;
  asks?: boolean;
  incident?: string;
}

export interface InputResult {
  action: { index: number; verb: string; ok: boolean; error?: { code: string; message: string } } | null;
  feed: FeedEntry[];
  clock: DrillClock;
}

export interface Evidence {
  at: string;
  offset: string;
  action?: number;
  event?: number;
  feed?: number;
  note: string;
  words?: string[];
}

export interface ReportItem {
  id: string;
  group: string;
  points: number;
  max: number;
  evidence: Evidence[];
  advice: string;
  description: string | null;
  competency: string;
  critical: boolean;
}

export interface DrillReport {
  drill: string;
  scenario: string;
  scenarioTitle: string;
  trainee: string;
  total: number;
  max: number;
  percent: number;
  passed: boolean;
  passPercent: number;
  groups: { name: string; score: number; max: number }[];
  competencies: { name: string; weight: number; score: number | null; percent: number | null; items: string[] }[];
  items: ReportItem[];
  criticalMissed: string[];
  refused: { action: number; clock: string; verb: string; code: string; message: string }[];
  transcript: string;
  recorded: { run: number; certificate: { id: string; expiresAt: string } | null } | null;
  startedAt: string;
  endedAt: string;
}

export type Competency = "technical" | "leadership" | "communication";

export interface TrainingHistory {
  trainee: string;
  runs: {
    run: number;
    at: string;
    scenario: string;
    scenarioTitle: string;
    total: number;
    max: number;
    percent: number;
    passed: boolean;
    passPercent: number;
    criticalMissed: string[];
    competencies: Record<Competency, number | null>;
    certificate: string | null;
  }[];
  passed: number;
  profile: {
    competencies: { name: Competency; weight: number; percent: number | null; runs: number }[];
    overall: number | null;
    overTime: ({ run: number; at: string } & Record<Competency, number | null>)[];
  };
  certificates: {
    id: string;
    scenario: string;
    issuedAt: string;
    expiresAt: string;
    percent: number;
    status: string;
  }[];
}
