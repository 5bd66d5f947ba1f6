/**
 * The training API's answer shapes (catalogue entries, drill summaries, the drill clock),
 * as pure types: the server builds them (drill-report.ts, drill-registry.ts, live-drill.ts)
 * and the web imports them type-only, so this module must import nothing that needs Node.
 */
/** Scenario["difficulty"]: spelled out, since the schema module pulls in the engine; scenarioSummary assigning into it keeps the two in step. */
export type Difficulty = "beginner" | "intermediate" | "advanced" | "expert";

export interface ScenarioSummary {
  id: string;
  title: string;
  difficulty: Difficulty;
  duration: string;
  startsAt: string;
  /** What it trains, in the scenario's words. */
  objectives: string[];
  cast: number;
  fronts: number;
  certifies: boolean;
  passPercent: number;
  groups: { name: string; points: number }[];
}

export interface ScenarioDetail extends ScenarioSummary {
  briefing: string;
  date: string;
  people: { handle: string; name: string | null; role: string }[];
  /** With several incidents at once: what a command names with `--incident` (never the severity: that is for the trainee to judge). */
  frontKeys: { key: string; title: string }[];
  rubric: {
    group: string;
    id: string;
    points: number;
    competency: string;
    critical: boolean;
    description: string | null;
  }[];
}

export interface DrillClock {
  /** Seconds since the start. */
  offset: number;
  /** "T+2m05s". */
  offsetText: string;
  /** ISO time on the virtual clock. */
  at: string;
  /** "02:07" (UTC). */
  clock: string;
  /** The scenario's length in seconds. */
  duration: number;
  /** Virtual seconds per real second; 0 when the clock only moves when advanced. */
  speed: number;
}

export interface DrillSummary {
  id: string;
  scenario: { id: string; title: string };
  trainee: string;
  status: "running" | "finished";
  startedAt: string;
  lastUsedAt: string;
  clock: DrillClock;
  feedSize: number;
  /** The score, once finished. */
  percent: number | null;
  passed: boolean | null;
}

export interface DrillDetail extends DrillSummary {
  scenarioDetail: ScenarioDetail;
  /** The drill's incidents as declared so far. */
  incidents: string[];
}
