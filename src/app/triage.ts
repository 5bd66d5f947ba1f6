/**
 * Triage on the app: the live open incidents (drills left out) and the people directory
 * become the planner's input; who is on what now (roles held, open tasks) is derived from
 * the incidents. The plan is computed on demand, so it follows every declaration,
 * resolution and severity change, and people stay where they are unless moving is clearly
 * better. `--input` files and `POST /api/triage` go through the same planner.
 */
import type { Incident } from "../domain/incident/state.js";
import {
  type CurrentAssignment,
  currentAssignments,
  emptyLoad,
  liveIncidents,
  loadsOf,
  type PersonLoad,
  planStaffing,
  type RosterPerson,
  type TriageInput,
  type TriagePlan,
  type TriageSettings,
  toTriageIncident,
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

export interface RosterEntry extends RosterPerson {
  name?: string;
  load: PersonLoad;
}

/** The directory with each person's current load, plus anyone working an incident who is not in it. */
export async function rosterWithLoad(sources: TriageSources): Promise<RosterEntry[]> {
  const incidents = liveIncidents(await sources.openIncidents());
  const loads = loadsOf(incidents);
  const people = sources.people();
  const known = new Set(people.map((p) => p.handle.toLowerCase()));
  return people
    .map((p) => ({ ...p, load: loads.get(p.handle) ?? emptyLoad() }))
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
    const incidents = liveIncidents(await sources.openIncidents());
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
