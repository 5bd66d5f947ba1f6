/**
 * The postmortem draft as a structured document: sections of blocks, rendered to
 * markdown or HTML by separate renderers, and the response figures it was built from.
 */
import type { Audience, Horizon, ReminderKind } from "../incident/events.js";
import type { Incident } from "../incident/state.js";
import type { TimelineEntry } from "../incident/timeline.js";

/** What a draft is built from: the folded incident and its timeline (an IncidentDetail fits). */
export type PostmortemSource = Incident & { timeline: readonly TimelineEntry[] };

export type Block =
  | { kind: "paragraph"; text: string }
  | { kind: "list"; items: string[] }
  | { kind: "numbered"; items: string[] }
  | { kind: "checklist"; items: { text: string; done: boolean }[] }
  | { kind: "subheading"; text: string };

export const DRAFT_SECTION_IDS = [
  "summary",
  "impact",
  "detection",
  "timeline",
  "decisions",
  "root-cause",
  "went-well",
  "went-poorly",
  "lucky",
  "action-items",
  "lessons",
  "external-message",
] as const;
export type DraftSectionId = (typeof DRAFT_SECTION_IDS)[number];

export interface DraftSection {
  id: DraftSectionId;
  title: string;
  blocks: Block[];
}

export interface UpdateGap {
  /** When the update clock started: the declaration or the previous update. */
  from: string;
  /** The next update, or the resolution (or now) when none went out before it. */
  to: string;
  endedBy: "update" | "resolution" | "now";
  minutes: number;
  /** When the next update was due (promised time, else the cadence); null with no cadence. */
  dueAt: string | null;
  /** Minutes past `dueAt`; 0 when on time. */
  lateMinutes: number;
}

export interface DecisionLatency {
  id: string;
  title: string;
  at: string;
  /** The first option on the table for this decision, and the minutes from it to the decision. */
  optionsFirstProposedAt: string | null;
  minutesFromOptions: number | null;
  deadlineId: string | null;
  deadlineSetAt: string | null;
  deadlineDueAt: string | null;
  minutesFromDeadlineSet: number | null;
  /** Decided by the deadline; null with no deadline. */
  metDeadline: boolean | null;
}

export interface OverranTask {
  id: string;
  title: string;
  assignee: string;
  timeboxMinutes: number;
  dueAt: string;
  /** When it was done, or null when it was still open at the end. */
  closedAt: string | null;
  overranMinutes: number;
}

export interface MissedDeadline {
  id: string;
  question: string;
  dueAt: string;
  /** `open` (passed with no decision by the end) or `decided` (decided late). */
  status: "open" | "decided" | "cancelled";
  lateMinutes: number;
}

export interface ResponseFigures {
  declaredAt: string;
  resolvedAt: string | null;
  /** The end the figures are measured to: the resolution, or now while still open. */
  endAt: string;
  ongoing: boolean;
  durationMinutes: number;
  /** Not in the log: when the first signal appeared is filled in by people. */
  timeToDeclareMinutes: null;
  timeToFirstRoleMinutes: number | null;
  timeToFirstUpdateMinutes: number | null;
  firstUpdateByAudience: Partial<Record<Audience, number>>;
  updatesPublished: number;
  /** The incident's update cadence at the end (minutes), used to judge gaps. */
  cadenceMinutes: number | null;
  updateGaps: UpdateGap[];
  longestUpdateGapMinutes: number | null;
  lateUpdates: number;
  timeToMitigateMinutes: number | null;
  mitigatedAt: string | null;
  decisions: DecisionLatency[];
  missedDeadlines: MissedDeadline[];
  tasks: { total: number; overran: OverranTask[] };
  reminders: { total: number; byKind: Partial<Record<ReminderKind, number>> };
  /** Updates published although the text analyser found an error for their audience. */
  updatesWithWordingErrors: { id: string; audience: Audience; rules: string[] }[];
  rolesFilled: { role: string; person: string; at: string }[];
  requiredRolesNeverFilled: string[];
  triggersFired: { id: string; action: string; at: string }[];
}

export interface DraftActionItem {
  id: string;
  title: string;
  owner: string;
  dueDate: string | null;
  horizon: Horizon;
  status: "open" | "done";
  overdue: boolean;
}

export interface PostmortemDraft {
  incidentId: string;
  title: string;
  generatedAt: string;
  sections: DraftSection[];
  figures: ResponseFigures;
  wentWell: string[];
  wentPoorly: string[];
  actionItems: DraftActionItem[];
  /** How many pieces of logged wording were held back because they read as blame. */
  heldBack: number;
}
