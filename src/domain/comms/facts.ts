/**
 * What every template draws on, read once from the incident at `now`: impact, clocks,
 * the latest decision, open triggers, deadlines and tasks, and what is known about data
 * loss. Pure.
 */
import { elapsedSeconds, openTasks, type TaskView } from "../incident/derived.js";
import type { Decision, DecisionDeadline, Incident, Option, Trigger, Workstream } from "../incident/state.js";
import { clause, duration, minutesFrom, when } from "./compose.js";

/** Minutes to the next update when the incident has no cadence (SEV-4, or turned off). */
export const DEFAULT_NEXT_UPDATE_MINUTES = 60;

export interface DraftOptions {
  /** Promise this next-update time instead of one from the cadence (ISO). */
  nextUpdateAt?: string;
}

export type DataLoss = { state: "none" } | { state: "some"; detail: string[] } | { state: "unknown" };

export interface Facts {
  incident: Incident;
  now: string;
  resolved: boolean;
  /** The impact as recorded, without its closing full stop; "" when none. */
  impact: string;
  usersPct: number | null;
  /** "02:05 UTC" (with the date when not today). */
  started: string;
  /** "42 minutes": declared → now, or → resolved. */
  elapsed: string;
  /** "03:45 UTC" once resolved. */
  ended: string | null;
  nextUpdateAt: string | null;
  decision: Decision | undefined;
  chosen: Option[];
  triggers: Trigger[];
  deadlines: DecisionDeadline[];
  tasks: TaskView[];
  workstreams: Workstream[];
  dataLoss: DataLoss;
}

/** An impact written as "unknown", "TBD" or "?" says nothing: the draft asks instead. */
const UNKNOWN = /^\s*(?:unknown|tbd|tbc|unclear|n\/a|not (?:yet )?known|\?+)\s*[.!]?\s*$/i;
const NO_LOSS = /^\s*(?:none|no\b|nothing|zero|0\b|nil|no data)/i;

export function factsOf(incident: Incident, now: string, options: DraftOptions = {}): Facts {
  const resolved = incident.status === "resolved";
  const decision = incident.decisions.at(-1);
  const chosen = (decision?.chosen ?? []).flatMap((id) => incident.options.filter((o) => o.id === id));
  return {
    incident,
    now,
    resolved,
    impact: UNKNOWN.test(incident.impact) ? "" : clause(incident.impact),
    usersPct: incident.usersAffectedPct,
    started: when(incident.declaredAt, now),
    elapsed: duration(elapsedSeconds(incident, now)),
    ended: incident.resolvedAt === null ? null : when(incident.resolvedAt, now),
    nextUpdateAt: resolved
      ? null
      : (options.nextUpdateAt ?? minutesFrom(now, incident.cadenceMinutes ?? DEFAULT_NEXT_UPDATE_MINUTES)),
    decision,
    chosen,
    triggers: incident.triggers.filter((t) => t.status === "open"),
    deadlines: incident.deadlines.filter((d) => d.status === "open"),
    tasks: openTasks(incident, now),
    workstreams: incident.workstreams.filter((w) => w.status === "open"),
    dataLoss: dataLossOf(chosen),
  };
}

/** From the data-loss attribute of the options chosen last: known none, known some, or unknown. */
export function dataLossOf(chosen: Option[]): DataLoss {
  const stated = chosen.map((o) => o.attributes.dataLoss?.trim() ?? "");
  if (stated.length === 0 || stated.some((s) => s === "")) return { state: "unknown" };
  const lossy = chosen.filter((o) => !NO_LOSS.test(o.attributes.dataLoss ?? ""));
  if (lossy.length === 0) return { state: "none" };
  return { state: "some", detail: lossy.map((o) => `${o.id}: ${clause(o.attributes.dataLoss ?? "")}`) };
}
