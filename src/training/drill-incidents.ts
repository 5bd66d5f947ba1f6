/**
 * The incidents of a drill with several fronts: which incident each declaration opened and
 * for which front, and what an action's `incident:` names — a front key (`payments`) or an
 * incident id (`INC-2`). An action that names none acts on the most recently declared
 * incident, so a single-incident transcript reads exactly as before.
 */
import { WarroomError } from "../domain/shared/errors.js";
import { parseOffset } from "./duration.js";
import { type Front, primaryFront } from "./fronts-schema.js";
import type { DrillRun, RunIncident } from "./run-record.js";
import type { Inject } from "./scenario-schema.js";
import { matchGroups } from "./text-match.js";

export interface DeclaredIncident {
  id: string;
  front: string | null;
  /** Seconds from the start. */
  declaredAt: number;
}

const INCIDENT_ID = /^INC-\d+$/i;

function refused(message: string, code: "validation.failed" | "incident.not_found" = "validation.failed"): never {
  throw new WarroomError(code, message, [{ field: "incident", message }]);
}

export class DrillIncidents {
  readonly declared: DeclaredIncident[] = [];

  constructor(readonly fronts: readonly Front[]) {}

  /** A drill with fronts may declare several incidents. */
  get multi(): boolean {
    return this.fronts.length > 0;
  }

  /** The most recently declared incident. */
  get latest(): string | null {
    return this.declared.at(-1)?.id ?? null;
  }

  register(id: string, front: string | null, offset: number): void {
    if (this.declared.some((d) => d.id === id)) return;
    this.declared.push({ id, front, declaredAt: offset });
  }

  frontOf(id: string | null | undefined): string | null {
    return this.declared.find((d) => d.id === id)?.front ?? null;
  }

  idOf(front: string): string | null {
    return this.declared.find((d) => d.front === front)?.id ?? null;
  }

  /** The incident the single-incident rubric items read: the primary front's, else the first declared. */
  primaryId(): string | null {
    const primary = primaryFront(this.fronts);
    return (primary ? this.idOf(primary.key) : null) ?? this.declared[0]?.id ?? null;
  }

  /**
   * The front a declaration is for: the one it names, else the first undeclared front its
   * words match (title and impact), else none. Naming an unknown or declared front is refused.
   */
  frontToDeclare(ref: string | undefined, words: string): string | null {
    if (ref !== undefined) {
      if (INCIDENT_ID.test(ref))
        refused(`declare names the front it opens (incident: ${this.keys()[0] ?? "…"}), not ${ref}`);
      const front = this.front(ref);
      const existing = this.idOf(front.key);
      if (existing !== null) refused(`${front.key} is already ${existing}: act on it with incident: ${front.key}`);
      return front.key;
    }
    const match = this.fronts.find(
      (f) => this.idOf(f.key) === null && f.match !== undefined && matchGroups(words, f.match).matched,
    );
    return match?.key ?? null;
  }

  /** For an action: which front a declaration opens, or which incident `ref` names (null: the default). */
  target(
    verb: string,
    fields: Record<string, unknown>,
    ref: string | undefined,
  ): { declaring: string | null; acting: string | null } {
    if (verb !== "declare") return { declaring: null, acting: ref === undefined ? null : this.resolve(ref) };
    const words = `${String(fields.title ?? "")} ${String(fields.impact ?? "")}`;
    if (!this.multi && ref !== undefined) this.front(ref);
    return { declaring: this.multi ? this.frontToDeclare(ref, words) : null, acting: null };
  }

  /** The incident an action names: a front key or an incident id of this drill. */
  resolve(ref: string): string {
    if (INCIDENT_ID.test(ref)) {
      const id = ref.toUpperCase();
      if (!this.declared.some((d) => d.id === id)) {
        const known = this.declared.map((d) => d.id).join(", ");
        refused(
          `${id} is not an incident of this drill (${known === "" ? "none declared yet" : known})`,
          "incident.not_found",
        );
      }
      return id;
    }
    const front = this.front(ref);
    return (
      this.idOf(front.key) ??
      refused(`${front.key} has no incident yet: declare it first (incident: ${front.key})`, "incident.not_found")
    );
  }

  private keys(): string[] {
    return this.fronts.map((f) => f.key);
  }

  private front(key: string): Front {
    const front = this.fronts.find((f) => f.key === key);
    if (front) return front;
    return this.multi
      ? refused(`no front called '${key}' (fronts: ${this.keys().join(", ")})`)
      : refused(`'${key}' names no incident: this drill has no fronts, so use its id (INC-1) or leave incident out`);
  }
}

/**
 * Shape problems of an action's `incident:` before a drill starts: a front key the scenario
 * does not have, or an incident id on a declaration.
 */
export function incidentRefProblem(fronts: readonly Front[], verb: string, ref: string): string | null {
  if (INCIDENT_ID.test(ref)) {
    return verb === "declare" ? `declare names the front it opens, not an incident id (${ref})` : null;
  }
  if (fronts.some((f) => f.key === ref)) return null;
  return fronts.length === 0
    ? `'${ref}' names no incident: this scenario has no fronts (use INC-1 or leave incident out)`
    : `no front called '${ref}' (fronts: ${fronts.map((f) => f.key).join(", ")})`;
}

/** A front's deadline as an inject: at `at`, unless its incident is resolved, the persona says it. */
export function deadlineInjects(fronts: readonly Front[]): Inject[] {
  return fronts.flatMap((front) => {
    if (front.deadline === undefined) return [];
    const { at, from, text } = front.deadline;
    return [
      {
        id: `${front.key}-deadline`,
        when: { by: at, condition: { kind: "unresolved" as const } },
        front: front.key,
        lines: [{ from, text, channel: "command" as const, asks: false }],
      },
    ];
  });
}

/** Each front deadline, met when the front's incident was resolved by then (and not reopened). */
export function deadlineOutcomes(
  fronts: readonly Front[],
  incidents: readonly RunIncident[],
  startMs: number,
): NonNullable<DrillRun["deadlines"]> {
  return fronts.flatMap((front) => {
    if (front.deadline === undefined) return [];
    const offset = parseOffset(front.deadline.at, "deadline.at");
    let met = false;
    for (const e of incidents.find((i) => i.front === front.key)?.events ?? []) {
      if (Date.parse(e.at) > startMs + offset * 1000) break;
      if (e.type === "IncidentResolved") met = true;
      if (e.type === "IncidentReopened") met = false;
    }
    return [{ front: front.key, offset, what: front.deadline.what, met }];
  });
}
