/**
 * The folded state of one incident. Built only by `evolve`; everything time-dependent
 * (overdue updates, expired time-boxes) is computed from it and a `now` in `derived.ts`.
 */
import type {
  Audience,
  Channel,
  DecisionKind,
  Horizon,
  Mode,
  OptionAttributes,
  ReminderKind,
  Status,
  StoredFinding,
} from "./events.js";
import type { Severity } from "./policy.js";

export interface RoleHolder {
  person: string;
  since: string;
}

export interface PublishedUpdate {
  id: string;
  at: string;
  by: string;
  audience: Audience;
  text: string;
  impact: string | null;
  timeline: string | null;
  plan: string | null;
  nextUpdateAt: string | null;
  findings: StoredFinding[];
}

export interface DecisionDeadline {
  id: string;
  question: string;
  dueAt: string;
  setBy: string;
  setAt: string;
  status: "open" | "decided" | "cancelled";
  decisionId: string | null;
  closedAt: string | null;
}

export interface Trigger {
  id: string;
  condition: string;
  action: string;
  dueAt: string;
  setBy: string;
  setAt: string;
  status: "open" | "fired" | "averted" | "cancelled";
  note: string | null;
  closedAt: string | null;
}

export interface Postmortem {
  /** The latest saved revision (1, 2, …) and its text. */
  revision: number;
  markdown: string;
  savedAt: string;
  savedBy: string;
  /** Every publication, oldest first; each points at the revision it froze. */
  published: { version: number; revision: number; markdown: string; at: string; by: string }[];
}

export interface Workstream {
  id: string;
  name: string;
  lead: string;
  goal: string;
  timeboxMinutes: number;
  startedAt: string;
  dueAt: string;
  status: "open" | "closed";
  outcome: string | null;
}

export type TaskStatus = "assigned" | "acknowledged" | "done" | "cancelled";

export interface Task {
  id: string;
  title: string;
  assignee: string;
  assignedBy: string;
  assignedAt: string;
  timeboxMinutes: number;
  dueAt: string;
  workstreamId: string | null;
  status: TaskStatus;
  acknowledgedAt: string | null;
  closedAt: string | null;
  outcome: string | null;
}

export interface Option {
  id: string;
  title: string;
  description: string | null;
  attributes: OptionAttributes;
  proposedBy: string;
  proposedAt: string;
}

export interface Decision {
  id: string;
  kind: DecisionKind;
  title: string;
  chosen: string[];
  rationale: string;
  alternatives: string[];
  consulted: string[];
  fallback: string | null;
  decidedBy: string;
  at: string;
  overrideReason: string | null;
}

export interface ActionItem {
  id: string;
  title: string;
  owner: string;
  dueDate: string | null;
  horizon: Horizon;
  status: "open" | "done";
  createdAt: string;
  completedAt: string | null;
}

/** What is known of the impact beyond severity and users affected, for triage. */
export interface ImpactEstimate {
  revenueAtRiskPerHourUsd: number | null;
  /** When the impact starts, for an incident that has not hit yet. */
  impactStartsAt: string | null;
  worseningPctPerHour: number | null;
  note: string | null;
  at: string;
  by: string;
}

export interface SkillNeed {
  skill: string;
  count: number;
}

export interface Incident {
  id: string;
  title: string;
  severity: Severity;
  impact: string;
  usersAffectedPct: number | null;
  services: string[];
  mode: Mode;
  private: boolean;
  declaredBy: string;
  declaredAt: string;
  status: Status;
  resolvedAt: string | null;
  resolutionSummary: string | null;
  /** Role id → holder. The commander is always present. */
  roles: Record<string, RoleHolder>;
  cadenceMinutes: number | null;
  cadenceFollowsSeverity: boolean;
  /** When the update clock last restarted: declaration, a published update, or a reopen. */
  lastUpdateAt: string;
  /** A next-update time promised in the last update, which overrides the cadence. */
  promisedNextUpdateAt: string | null;
  updates: PublishedUpdate[];
  workstreams: Workstream[];
  tasks: Task[];
  options: Option[];
  decisions: Decision[];
  actionItems: ActionItem[];
  noteCount: Record<Channel, number>;
  deadlines: DecisionDeadline[];
  triggers: Trigger[];
  /** Keys of reminders already issued, so each is issued once. */
  remindersIssued: Record<string, ReminderKind>;
  postmortem: Postmortem | null;
  /** Absent until estimated (set-impact-estimate). */
  impactEstimate?: ImpactEstimate;
  /** Engineers needed by skill; absent until stated (set-skill-needs). */
  skillNeeds?: SkillNeed[];
  /** The number of events folded so far: the stream version. */
  version: number;
  lastEventAt: string;
}

/** Before the first event a stream has no incident. */
export type IncidentState = Incident | null;

export const initialState = (): IncidentState => null;
