/**
 * The application's public surface. The in-process app (`WarroomApp`) and the HTTP client
 * used by `warroom --server` both implement it, so the CLI cannot tell them apart.
 */

import type { Channel, EventType, Mode } from "../domain/incident/events.js";
import type { IncidentPolicy, Severity } from "../domain/incident/policy.js";
import type { TimelineEntry } from "../domain/incident/timeline.js";
import type { SearchAnswer, SearchInput } from "./search.js";
import type { IncidentDetail, IncidentSummary, IncidentView, OpenActionItem, OpenTaskItem } from "./views.js";

export interface CallOptions {
  /** The person acting (a handle). */
  actor: string;
  /** Refuse with stream.version_conflict unless the incident is at this version. */
  expectedVersion?: number;
  /** A retried call with the same key returns the first result and appends nothing. */
  idempotencyKey?: string;
}

export interface CommandResult {
  incident: IncidentView;
  /** The timeline entries this command appended (the first call's, for a duplicate). */
  appended: TimelineEntry[];
  duplicate: boolean;
}

export interface IncidentFilter {
  status?: "open" | "resolved" | "all";
  severity?: Severity;
  mode?: Mode;
}

export interface ActionItemFilter {
  owner?: string;
  /** `open` (the default) or `all`, which adds done items. */
  status?: "open" | "all";
  /** Only items past their due date. */
  overdue?: boolean;
}

export interface TimelineFilter {
  channel?: Channel;
  types?: EventType[];
  afterVersion?: number;
  limit?: number;
}

/** One message on the live stream: a timeline entry of one incident. */
export interface LiveEntry extends TimelineEntry {
  incidentId: string;
}

export interface Subscription {
  close(): void;
}

export interface WarroomApi {
  /** Declare a new incident; the input is a `declare` command without `type`. */
  declare(input: unknown, options: CallOptions): Promise<CommandResult>;
  /** Run any other command (`{ type: "assign-role", ... }`) on an incident. */
  execute(incidentId: string, command: unknown, options: CallOptions): Promise<CommandResult>;
  listIncidents(filter?: IncidentFilter): Promise<IncidentSummary[]>;
  getIncident(incidentId: string): Promise<IncidentDetail>;
  timeline(incidentId: string, filter?: TimelineFilter): Promise<TimelineEntry[]>;
  openTasks(filter?: { assignee?: string }): Promise<OpenTaskItem[]>;
  openActionItems(filter?: ActionItemFilter): Promise<OpenActionItem[]>;
  /** Full-text search over every incident's log (the caller's visible incidents only), newest first. */
  search(input: SearchInput): Promise<SearchAnswer>;
  policy(): Promise<IncidentPolicy>;
  /**
   * Live entries after `afterPosition` (0 = from the start), for one incident or all,
   * in position order with no gap and no duplicate.
   */
  follow(
    scope: { incidentId?: string; afterPosition: number },
    onEntry: (entry: LiveEntry) => void,
    onError?: (error: Error) => void,
  ): Promise<Subscription>;
  close(): Promise<void>;
}
