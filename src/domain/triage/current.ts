/**
 * Who is on what now, derived from the incidents: every role held and every open task
 * (assigned or acknowledged) is one holding. The planner reads them as current
 * assignments (the commander role commands, anything else is engineering work); the
 * roster reads them as each person's load. Drills and resolved incidents hold nobody.
 */
import { COMMANDER_ROLE } from "../incident/policy.js";
import type { Incident } from "../incident/state.js";
import type { CurrentAssignment, TriageIncident } from "./types.js";

/** A person's load: the roles they hold and their open tasks on live incidents. */
export interface PersonLoad {
  roles: { incident: string; role: string }[];
  openTasks: { incident: string; task: string }[];
  incidents: string[];
}

/** One role held or one open task, on one incident. */
type Holding =
  | { person: string; incident: string; role: string; task?: undefined }
  | { person: string; incident: string; task: string; role?: undefined };

/** The incidents triage plans for: live (drills left out) and not resolved. */
export const liveIncidents = (incidents: readonly Incident[]): Incident[] =>
  incidents.filter((i) => i.mode === "live" && i.status !== "resolved");

function holdings(incidents: readonly Incident[]): Holding[] {
  const out: Holding[] = [];
  for (const incident of incidents) {
    for (const [role, holder] of Object.entries(incident.roles)) {
      out.push({ person: holder.person, incident: incident.id, role });
    }
    for (const task of incident.tasks) {
      if (task.status === "assigned" || task.status === "acknowledged") {
        out.push({ person: task.assignee, incident: incident.id, task: task.id });
      }
    }
  }
  return out;
}

/** What the planner reads from an incident: severity, users, the impact estimate, the skill needs. */
export function toTriageIncident(incident: Incident): TriageIncident {
  const estimate = incident.impactEstimate;
  return {
    id: incident.id,
    title: incident.title,
    severity: incident.severity,
    usersAffectedPct: incident.usersAffectedPct,
    revenueAtRiskPerHourUsd: estimate?.revenueAtRiskPerHourUsd ?? null,
    impactStartsAt: estimate?.impactStartsAt ?? null,
    worseningPctPerHour: estimate?.worseningPctPerHour ?? null,
    needs: incident.skillNeeds ?? [],
  };
}

/** Who is on what now: commanders by the commander role, everyone else by role or open task. */
export function currentAssignments(incidents: readonly Incident[]): CurrentAssignment[] {
  return holdings(incidents).map((h) => ({
    person: h.person,
    incident: h.incident,
    as: h.role === COMMANDER_ROLE ? "commander" : "engineer",
  }));
}

export const emptyLoad = (): PersonLoad => ({ roles: [], openTasks: [], incidents: [] });

export function loadsOf(incidents: readonly Incident[]): Map<string, PersonLoad> {
  const loads = new Map<string, PersonLoad>();
  for (const h of holdings(incidents)) {
    let load = loads.get(h.person);
    if (!load) {
      load = emptyLoad();
      loads.set(h.person, load);
    }
    if (h.role !== undefined) load.roles.push({ incident: h.incident, role: h.role });
    else load.openTasks.push({ incident: h.incident, task: h.task });
  }
  for (const load of loads.values()) {
    load.incidents = [...new Set([...load.roles.map((r) => r.incident), ...load.openTasks.map((t) => t.incident)])];
  }
  return loads;
}
