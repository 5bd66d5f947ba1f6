/** The rubric's outputs: evidence, item results, and the score object `warroom train --json` prints. */

/** One piece of evidence: where in the run (time, action, event, feed line) and what it shows. */
export interface Evidence {
  /** "02:07" on the virtual clock. */
  at: string;
  /** "T+2m" from the start. */
  offset: string;
  /** The transcript action (0-based index) it comes from, when the trainee did it. */
  action?: number;
  /** The event version on the drill incident. */
  event?: number;
  /** The feed line (seq) it comes from. */
  feed?: number;
  /** What it shows, in a few words, quoting the trainee where it helps. */
  note: string;
  /** The words that counted (matched phrases, analyser excerpts). */
  words?: string[];
}

export interface ItemOutcome {
  /** 0 to 1: the share of the item's points earned. */
  fraction: number;
  evidence: Evidence[];
  /** One sentence: what to keep doing, or what to do differently. */
  advice: string;
}

export interface ItemScore {
  id: string;
  group: string;
  points: number;
  max: number;
  evidence: Evidence[];
  advice: string;
}

export interface GroupScore {
  name: string;
  score: number;
  max: number;
}

export interface CompetencyScore {
  name: "technical" | "leadership" | "communication";
  /** The handbook's weight: technical 30, leadership 40, communication 30. */
  weight: number;
  /** Share of the weight earned (null when no item assesses it). */
  score: number | null;
  percent: number | null;
  items: string[];
}

export interface Score {
  scenario: string;
  trainee: string;
  total: number;
  max: number;
  percent: number;
  passed: boolean;
  groups: GroupScore[];
  items: ItemScore[];
  competencies: CompetencyScore[];
}
