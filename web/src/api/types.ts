/**
 * The shapes the browser reads from the public API (see /openapi.json). Where the server's
 * module is pure (no Node types), its shape is re-exported type-only, so the Vite build
 * never pulls in server code; the rest are still written out here.
 */
export type Severity = "SEV-1" | "SEV-2" | "SEV-3" | "SEV-4";
export const SEVERITIES: Severity[] = ["SEV-1", "SEV-2", "SEV-3", "SEV-4"];
export type Status = "investigating" | "identified" | "mitigating" | "monitoring" | "resolved";
export const OPEN_STATUSES = ["investigating", "identified", "mitigating", "monitoring"] as const;
export type Channel = "command" | "tech" | "stakeholder";
export const CHANNELS: Channel[] = ["command", "tech", "stakeholder"];
export type Audience = "team" | "executive" | "customer" | "legal";
export const AUDIENCES: Audience[] = ["team", "executive", "customer", "legal"];
export type Mode = "live" | "drill";

// The server's own shape, type-only (erased in the Vite build; views.ts needs no Node types).
export type { IncidentSummary } from "../../../src/app/views.js";

export interface TimelineEntry {
  version: number;
  position: number;
  at: string;
  by: string;
  type: string;
  channel: Channel;
  text: string;
}

export interface LiveEntry extends TimelineEntry {
  incidentId: string;
}

export interface Finding {
  rule: string;
  severity: "error" | "warning" | "info";
  message: string;
  excerpt: string;
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

export interface Task {
  id: string;
  title: string;
  assignee: string;
  timeboxMinutes: number;
  dueAt: string;
  workstreamId: string | null;
  status: "assigned" | "acknowledged" | "done" | "cancelled";
  outcome: string | null;
  expired: boolean;
  secondsLeft: number;
}

export interface OptionAttributes {
  timeToCompleteMinutes?: number;
  dataLoss?: string;
  risk?: "low" | "medium" | "high" | "critical";
  userImpact?: string;
  likelihoodOfSuccess?: number;
  cost?: string;
  recoveryTimeMinutes?: number;
}

export interface IncidentOption {
  id: string;
  title: string;
  description: string | null;
  attributes: OptionAttributes;
  proposedBy: string;
  proposedAt: string;
}

export interface Decision {
  id: string;
  kind: "technical" | "trade-off" | "business";
  title: string;
  chosen: string[];
  rationale: string;
  decidedBy: string;
  at: string;
}

export interface ActionItem {
  id: string;
  title: string;
  owner: string;
  dueDate: string | null;
  horizon: "immediate" | "short-term" | "long-term";
  status: "open" | "done";
}

export interface PublishedUpdate {
  id: string;
  at: string;
  by: string;
  audience: Audience;
  text: string;
  findings: Finding[];
}

export interface IncidentDetail {
  id: string;
  title: string;
  severity: Severity;
  impact: string;
  status: Status;
  mode: Mode;
  private: boolean;
  commander: string;
  declaredAt: string;
  resolvedAt: string | null;
  resolutionSummary: string | null;
  roles: Record<string, { person: string; since: string }>;
  cadenceMinutes: number | null;
  updates: PublishedUpdate[];
  workstreams: Workstream[];
  tasks: Task[];
  options: IncidentOption[];
  decisions: Decision[];
  actionItems: ActionItem[];
  flags: { code: string; message: string }[];
  updateClock: { nextUpdateDue: string | null; overdue: boolean; overdueBySeconds: number };
  elapsedSeconds: number;
  postmortem: { revision: number } | null;
  deadlines: { id: string; question: string; dueAt: string; status: "open" | "decided" | "cancelled" }[];
  triggers: {
    id: string;
    condition: string;
    action: string;
    dueAt: string;
    status: "open" | "fired" | "averted" | "cancelled";
  }[];
  version: number;
  now: string;
  timeline: TimelineEntry[];
}

export interface RoleDefinition {
  id: string;
  title: string;
  duty: string;
}

export interface Policy {
  severities: Record<Severity, { criteria: string; cadenceMinutes: number | null; requiredRoles: string[] }>;
  roles: RoleDefinition[];
  defaultTimeboxMinutes: number;
  maxTextBytes: number;
}

export interface LintReport {
  ok: boolean;
  findings: Finding[];
}

export interface MatrixCriterion {
  id: string;
  label: string;
  direction: "higher" | "lower";
  weight: number;
}

export interface MatrixRow {
  id: string;
  title: string;
  kind: "option" | "hybrid";
  cells: Record<string, { shown: string | null; score: number | null }>;
  score: number | null;
  rank: number | null;
  chosenIn: string[];
}

export interface OptionsMatrix {
  incidentId: string;
  criteria: MatrixCriterion[];
  rows: MatrixRow[];
  ranking: string[];
  winner: string | null;
  margin: number | null;
  sensitivity: { line: string } | null;
}

export interface PostmortemRecord {
  revision: number;
  version: number | null;
  markdown: string;
  at: string;
  by: string;
  latestRevision: number;
  published: { version: number; revision: number; at: string; by: string }[];
  unpublishedChanges: boolean;
}

export interface PostmortemDraft {
  markdown: string;
  heldBack: number;
}

export interface CommandResult {
  incident: { id: string; version: number };
  appended: TimelineEntry[];
  duplicate: boolean;
}
