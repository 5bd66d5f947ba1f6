/**
 * Triage and staffing: what the planner reads (open incidents with what is known of
 * their impact, the roster, who is on what now) and what it answers (priorities with
 * their reasons, a staffing plan, what stays uncovered, the moves, how it was solved).
 * Pure data: the app builds the input from the live incidents and the people directory,
 * `--input` files and the training drill build it from their own sources.
 */
import type { Severity } from "../incident/policy.js";

export interface SkillNeed {
  skill: string;
  count: number;
}

export interface TriageIncident {
  id: string;
  title: string;
  severity: Severity;
  /** Share of users affected now (or once it hits), 0–100; null when not known. */
  usersAffectedPct: number | null;
  revenueAtRiskPerHourUsd: number | null;
  /** When the impact starts, for incidents that have not hit yet ("expires at 21:00"). */
  impactStartsAt: string | null;
  /** How fast the impact grows, percent per hour. */
  worseningPctPerHour: number | null;
  /** Engineers wanted by skill; empty means a default count of any skill by severity. */
  needs: SkillNeed[];
}

export interface RosterPerson {
  handle: string;
  skills: string[];
  icQualified: boolean;
  available: boolean;
}

/** Where a person is now: derived from roles held and open tasks on the live incidents. */
export interface CurrentAssignment {
  person: string;
  incident: string;
  as: "commander" | "engineer";
}

export interface TriageSettings {
  /** Most people one commander directs (the doctrine's span of control, about seven). */
  spanOfControl: number;
  /** What staying on one's current incident is worth: moving must gain more than this (commanders: times commanderWeight). */
  moveCost: number;
  /** What a commander is worth against one engineer, per point of priority. */
  commanderWeight: number;
  /** Bonus for having anyone on an incident whose impact has not started yet. */
  deadlineBonus: number;
  /** Impact starting within this many hours makes an incident a deadline incident. */
  deadlineHorizonHours: number;
  /** Engineers wanted when an incident states no needs, by severity. */
  defaultNeeds: Record<Severity, number>;
  /** Extra candidates kept per skill need (and commanders per incident) in the solver model. */
  candidatesPerNeed: number;
  /** The solver's time limit; past it the greedy plan is used and labelled as such. */
  timeLimitMs: number;
}

export const DEFAULT_SETTINGS: TriageSettings = {
  spanOfControl: 7,
  moveCost: 15,
  commanderWeight: 3,
  deadlineBonus: 100,
  deadlineHorizonHours: 24,
  defaultNeeds: { "SEV-1": 3, "SEV-2": 2, "SEV-3": 1, "SEV-4": 1 },
  candidatesPerNeed: 6,
  timeLimitMs: 5000,
};

export interface TriageInput {
  /** ISO instant the plan is for. */
  now: string;
  incidents: TriageIncident[];
  people: RosterPerson[];
  current: CurrentAssignment[];
}

/** One factor of the priority: a sentence, the points it adds, and the number behind it. */
export interface PriorityReason {
  factor: "severity" | "users" | "revenue" | "time-to-impact" | "trend";
  points: number;
  value: number | string | null;
  text: string;
}

export interface IncidentPriority {
  id: string;
  title: string;
  severity: Severity;
  /** 0–100. */
  priority: number;
  reasons: PriorityReason[];
}

/** The skill an engineer fills, or "any" where the incident stated no needs. */
export const ANY_SKILL = "any";

/** One placement: a commander, or an engineer filling a skill need. */
export interface Placement {
  person: string;
  incident: string;
  as: "commander" | "engineer";
  /** The skill filled (engineers only). */
  skill: string | null;
}

export interface AssignmentReason {
  person: string;
  as: "commander" | "engineer";
  skill: string | null;
  text: string;
}

export interface Assignment {
  incident: string;
  commander: string | null;
  engineers: string[];
  reasons: AssignmentReason[];
}

export interface Uncovered {
  incident: string;
  what: "commander" | "skill";
  skill: string | null;
  missing: number;
  reason: string;
  /** What would cover it: "one more database engineer". */
  wouldCover: string;
}

export interface Move {
  person: string;
  from: string;
  to: string;
  reason: string;
}

export type SolverStatus = "optimal" | "feasible" | "fallback-greedy" | "greedy" | "empty";

export interface SolverReport {
  /** optimal: proved; feasible: the solver's best within the limit; fallback-greedy: the solver failed or ran out of time; greedy: no solver was asked; empty: nothing to plan. */
  status: SolverStatus;
  objective: number;
  /** The greedy plan's objective on the same instance, for comparison. */
  greedyObjective: number;
  ms: number;
  /** Which solver answered: "highs", "exact" (enumeration, small instances) or "greedy". */
  engine: string;
  note: string;
  model: { variables: number; constraints: number; candidatesPruned: boolean };
}

export interface TriagePlan {
  now: string;
  incidents: IncidentPriority[];
  assignments: Assignment[];
  uncovered: Uncovered[];
  moves: Move[];
  solver: SolverReport;
}
