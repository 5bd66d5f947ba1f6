/**
 * Triage on the app: the live open incidents (drills left out) and the people directory
 * become the planner's input; who is on what now (roles held, open tasks) is derived from
 * the incidents. The plan is computed on demand, so it follows every declaration,
 * resolution and severity change, and people stay where they are unless moving is clearly
 * better. `--input` files and `POST /api/triage` go through the same planner.
 */
import { COMMANDER_ROLE } from "../domain/incident/policy.js";
import type { Incident } from "../domain/incident/state.js";
import {
  type CurrentAssignment,
  planStaffing,
  type RosterPerson,
  type TriageIncident,
  type TriageInput,
  type TriagePlan,
  type TriageSettings,
} from "../domain/triage/index.js";
import { fromInputFile, triageInputSchema } from "../domain/triage/input-schema.js";
import { highsSolver } from "./triage-solver.js";
import { parseOrFail } from "./validation.js";

/** What triage reads: the open incidents, the directory, the time. */
export interface TriageSources {
  openIncidents(): Promise<readonly Incident[]>;
  people(): readonly RosterPerson[];
  now(): string;
}

/** A person's load: the roles they hold and their open tasks on live incidents. */
export interface PersonLoad {
  roles: { incident: string; role: string }[];
  openTasks: { incident: string; task: string }[];
  incidents: string[];
}

export interface RosterEntry extends RosterPerson {
  name?: string;
  load: PersonLoad;
}

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
  const out: CurrentAssignment[] = [];
  for (const incident of incidents) {
    for (const [role, holder] of Object.entries(incident.roles)) {
      out.push({
        person: holder.person,
        incident: incident.id,
        as: role === COMMANDER_ROLE ? "commander" : "engineer",
      });
    }
    for (const task of incident.tasks) {
      if (task.status === "assigned" || task.status === "acknowledged") {
        out.push({ person: task.assignee, incident: incident.id, as: "engineer" });
      }
    }
  }
  return out;
}

export function loadsOf(incidents: readonly Incident[]): Map<string, PersonLoad> {
  const loads = new Map<string, PersonLoad>();
  const of = (person: string) => {
    let load = loads.get(person);
    if (!load) {
      load = { roles: [], openTasks: [], incidents: [] };
      loads.set(person, load);
    }
    return load;
  };
  for (const incident of incidents) {
    for (const [role, holder] of Object.entries(incident.roles))
      of(holder.person).roles.push({ incident: incident.id, role });
    for (const task of incident.tasks) {
      if (task.status === "assigned" || task.status === "acknowledged") {
        of(task.assignee).openTasks.push({ incident: incident.id, task: task.id });
      }
    }
  }
  for (const load of loads.values()) {
    load.incidents = [...new Set([...load.roles.map((r) => r.incident), ...load.openTasks.map((t) => t.incident)])];
  }
  return loads;
}

const live = (incidents: readonly Incident[]) => incidents.filter((i) => i.mode === "live" && i.status !== "resolved");

/** The directory with each person's current load, plus anyone working an incident who is not in it. */
export async function rosterWithLoad(sources: TriageSources): Promise<RosterEntry[]> {
  const incidents = live(await sources.openIncidents());
  const loads = loadsOf(incidents);
  const people = sources.people();
  const known = new Set(people.map((p) => p.handle.toLowerCase()));
  const empty = (): PersonLoad => ({ roles: [], openTasks: [], incidents: [] });
  return people
    .map((p) => ({ ...p, load: loads.get(p.handle) ?? empty() }))
    .concat(
      [...loads]
        .filter(([handle]) => !known.has(handle.toLowerCase()))
        .map(([handle, load]) => ({ handle, skills: [], icQualified: false, available: true, load })),
    );
}

/**
 * A commander who is not in the directory still counts where they are (they keep command)
 * rather than vanish from the plan. Other role holders outside the directory (an executive
 * stakeholder, a scribe) are not planned: nothing says what they can do.
 */
function withUnlisted(people: readonly RosterPerson[], current: readonly CurrentAssignment[]): RosterPerson[] {
  const known = new Set(people.map((p) => p.handle));
  const extra = new Map<string, RosterPerson>();
  for (const a of current) {
    if (known.has(a.person) || a.as !== "commander") continue;
    extra.set(a.person, { handle: a.person, skills: [], icQualified: true, available: true });
  }
  return [...people, ...extra.values()];
}

export interface PlanRequest {
  /** A `--input` file or POST body (validated here); absent: the live incidents. */
  file?: unknown;
  settings?: Partial<TriageSettings>;
  /** Skip the solver: the greedy plan only. */
  greedy?: boolean;
}

export async function triagePlan(sources: TriageSources, request: PlanRequest = {}): Promise<TriagePlan> {
  let input: TriageInput;
  let settings: Partial<TriageSettings> = { ...request.settings };
  if (request.file !== undefined) {
    const file = parseOrFail(triageInputSchema, request.file, "triage input");
    const built = fromInputFile(file, sources.now(), [...sources.people()]);
    input = built.input;
    settings = { ...built.settings, ...settings };
  } else {
    const incidents = live(await sources.openIncidents());
    const current = currentAssignments(incidents);
    input = {
      now: sources.now(),
      incidents: incidents.map(toTriageIncident),
      people: withUnlisted(sources.people(), current),
      current,
    };
  }
  const solver = request.greedy ? null : await highsSolver();
  return planStaffing(input, { solver, settings, timer: () => performance.now() });
}
