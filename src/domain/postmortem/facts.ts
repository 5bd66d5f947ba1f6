/**
 * What went well and what went poorly, prefilled from the figures. Every statement is
 * about the response (updates, roles, decisions, time-boxes), never about a person as a
 * cause; the review adds, removes and deepens them.
 */

import type { IncidentPolicy } from "../incident/policy.js";
import { roleDefinition } from "../incident/policy.js";
import { minutesText, stamp } from "./log.js";
import type { PostmortemSource, ResponseFigures } from "./types.js";

/** The doctrine's first external message: within about five minutes of the response starting. */
const FIRST_UPDATE_GOOD_MIN = 5;
/** Without a cadence, a first update later than this reads as slow. */
const FIRST_UPDATE_SLOW_MIN = 15;
const ROLES_QUICK_MIN = 10;
const SLOW_DECISION_MIN = 30;

export interface ResponseFacts {
  wentWell: string[];
  wentPoorly: string[];
}

export function responseFacts(source: PostmortemSource, f: ResponseFigures, policy: IncidentPolicy): ResponseFacts {
  const well: string[] = [];
  const poorly: string[] = [];
  const day = source.declaredAt;
  const at = (iso: string) => stamp(iso, day);
  const roleTitle = (id: string) => roleDefinition(policy, id)?.title ?? id;

  // Updates
  const firstLimit = f.cadenceMinutes ?? FIRST_UPDATE_SLOW_MIN;
  if (f.timeToFirstUpdateMinutes === null) {
    if (f.durationMinutes > 0) poorly.push("No update was published during the incident.");
  } else if (f.timeToFirstUpdateMinutes <= FIRST_UPDATE_GOOD_MIN) {
    well.push(`The first update went out ${minutesText(f.timeToFirstUpdateMinutes)} after declaring.`);
  } else if (f.timeToFirstUpdateMinutes > firstLimit) {
    poorly.push(
      `The first update took ${minutesText(f.timeToFirstUpdateMinutes)} after declaring${f.cadenceMinutes === null ? "" : ` (cadence ${f.cadenceMinutes} min)`}.`,
    );
  }
  const late = f.updateGaps.filter((g) => g.lateMinutes > 0);
  for (const g of late) {
    const due = g.dueAt === null ? "" : at(g.dueAt);
    poorly.push(
      g.endedBy === "update"
        ? `The update due at ${due} went out ${minutesText(g.lateMinutes)} late (${at(g.to)}).`
        : `The update due at ${due} had not gone out by the ${g.endedBy === "resolution" ? "resolution" : "time of this draft"} (${minutesText(g.lateMinutes)} late).`,
    );
  }
  if (late.length === 0 && f.updatesPublished >= 2 && f.cadenceMinutes !== null) {
    well.push(
      `All ${f.updatesPublished} updates went out on time; the longest gap was ${minutesText(f.longestUpdateGapMinutes ?? 0)}.`,
    );
  }
  for (const u of f.updatesWithWordingErrors) {
    poorly.push(`Update ${u.id} to the ${u.audience} audience went out with wording problems: ${u.rules.join(", ")}.`);
  }
  if (f.updatesPublished > 0 && f.updatesWithWordingErrors.length === 0) {
    well.push("Every published update passed the wording checks for its audience.");
  }

  // Roles
  if (f.timeToFirstRoleMinutes !== null && f.timeToFirstRoleMinutes <= ROLES_QUICK_MIN) {
    const named = [...new Set(f.rolesFilled.map((r) => roleTitle(r.role)))].join(", ");
    well.push(`Roles were filled from ${minutesText(f.timeToFirstRoleMinutes)} after declaring (${named}).`);
  }
  for (const role of f.requiredRolesNeverFilled) {
    poorly.push(`No ${roleTitle(role)} was named, though ${source.severity} calls for one.`);
  }

  // Decisions
  if (source.decisions.length > 0) {
    const withFallback = source.decisions.filter((d) => d.fallback !== null).length;
    well.push(
      `${source.decisions.length} decision${source.decisions.length === 1 ? " was" : "s were"} recorded with a rationale${withFallback === source.decisions.length ? " and a fallback" : ""}.`,
    );
    for (const d of source.decisions) {
      if (d.fallback === null) poorly.push(`Decision ${d.id} recorded no fallback.`);
    }
  }
  for (const d of f.decisions) {
    if (d.metDeadline === true) well.push(`Decision ${d.id} was made before its deadline ${d.deadlineId ?? ""}.`);
    if (d.minutesFromOptions !== null && d.minutesFromOptions > SLOW_DECISION_MIN) {
      poorly.push(`Decision ${d.id} came ${minutesText(d.minutesFromOptions)} after the first option was proposed.`);
    }
  }
  for (const dl of f.missedDeadlines) {
    poorly.push(
      dl.status === "decided"
        ? `Decision deadline ${dl.id} (${at(dl.dueAt)}) was met ${minutesText(dl.lateMinutes)} late.`
        : `Decision deadline ${dl.id} (${at(dl.dueAt)}) passed with no decision (${minutesText(dl.lateMinutes)} over).`,
    );
  }
  for (const t of f.triggersFired) {
    well.push(`Trigger ${t.id} fired at ${at(t.at)} and the agreed action was taken.`);
  }

  // Time-boxes and reminders
  if (f.tasks.total > 0 && f.tasks.overran.length === 0) {
    well.push(
      `All ${f.tasks.total} task${f.tasks.total === 1 ? "" : "s"} finished within ${f.tasks.total === 1 ? "its" : "their"} time-box.`,
    );
  }
  for (const t of f.tasks.overran) {
    poorly.push(
      `Task ${t.id} ran ${minutesText(t.overranMinutes)} past its ${t.timeboxMinutes}-min time-box${t.closedAt === null ? " and was still open at the end" : ""}.`,
    );
  }
  if (f.reminders.total > 0) {
    const kinds = Object.entries(f.reminders.byKind)
      .map(([kind, n]) => `${kind} ${n}`)
      .join(", ");
    poorly.push(
      `${f.reminders.total} reminder${f.reminders.total === 1 ? " was" : "s were"} needed${kinds ? ` (${kinds})` : ""}.`,
    );
  }
  return { wentWell: well, wentPoorly: poorly };
}
