/**
 * Given/when/then for the pure domain core: given events → when a command (built through
 * `incidentCommandSchema.parse`, so defaults apply as at the edges) → the events emitted,
 * or the WarroomError thrown. No I/O, no clock: time and the actor are passed in.
 */
import { expect } from "vitest";
import type { z } from "zod";
import {
  type CommandContext,
  type IncidentCommand,
  incidentCommandSchema,
} from "../../src/domain/incident/commands.js";
import { decide } from "../../src/domain/incident/decide.js";
import type { EventOf, EventType, IncidentEvent } from "../../src/domain/incident/events.js";
import { fold } from "../../src/domain/incident/evolve.js";
import { DEFAULT_POLICY, type IncidentPolicy } from "../../src/domain/incident/policy.js";
import type { Incident, IncidentState } from "../../src/domain/incident/state.js";
import { type ErrorCode, isWarroomError, type WarroomError } from "../../src/domain/shared/errors.js";

export const INCIDENT_ID = "INC-1";
/** Declaration time of the standard incident. */
export const T0 = "2026-03-01T10:00:00.000Z";

/** The cast: who holds what in the standard histories. */
export const IC = "alice";
export const TECH = "bob";
export const EXEC = "carol";
export const DEV = "dave";
export const OTHER = "erin";

/** ISO instant `minutes` (and `seconds`) after T0. */
export function at(minutes: number, seconds = 0): string {
  return new Date(Date.parse(T0) + minutes * 60_000 + seconds * 1000).toISOString();
}

/** What a client sends: any command, defaults not yet applied. */
export type CommandInputAny = z.input<typeof incidentCommandSchema>;

/** Builds a command as the edges do: parsed, defaults applied. */
export function command(input: CommandInputAny): IncidentCommand {
  return incidentCommandSchema.parse(input);
}

type EventFields<K extends EventType> = Omit<EventOf<K>, "type" | "at" | "by"> & { at?: string; by?: string };

/** One event of `type`, stamped at T0+1 min by the IC unless told otherwise. */
export function ev<K extends EventType>(type: K, fields: EventFields<K>): EventOf<K> {
  return { at: at(1), by: IC, ...fields, type } as unknown as EventOf<K>;
}

export function declared(fields: Partial<EventFields<"IncidentDeclared">> = {}): EventOf<"IncidentDeclared"> {
  return ev("IncidentDeclared", {
    at: T0,
    by: IC,
    incidentId: INCIDENT_ID,
    title: "Checkout failing",
    severity: "SEV-2",
    impact: "",
    usersAffectedPct: null,
    services: [],
    mode: "live",
    private: false,
    commander: IC,
    cadenceMinutes: 30,
    ...fields,
  });
}

export function roleAssigned(role: string, person: string, when = at(1)): EventOf<"RoleAssigned"> {
  return ev("RoleAssigned", { role, person, at: when });
}

export function optionProposed(optionId: string, title = `Option ${optionId}`, when = at(2)) {
  return ev("OptionProposed", {
    optionId,
    title,
    description: null,
    attributes: {},
    proposedBy: TECH,
    at: when,
    by: TECH,
  });
}

export function taskAssigned(
  taskId: string,
  assignee: string,
  options: { minutes?: number; when?: string; workstreamId?: string | null } = {},
): EventOf<"TaskAssigned"> {
  const when = options.when ?? at(2);
  const minutes = options.minutes ?? 15;
  return ev("TaskAssigned", {
    taskId,
    title: `Task ${taskId}`,
    assignee,
    timeboxMinutes: minutes,
    dueAt: new Date(Date.parse(when) + minutes * 60_000).toISOString(),
    workstreamId: options.workstreamId ?? null,
    at: when,
  });
}

export function workstreamStarted(workstreamId: string, lead = DEV, when = at(2)): EventOf<"WorkstreamStarted"> {
  return ev("WorkstreamStarted", {
    workstreamId,
    name: `Stream ${workstreamId}`,
    lead,
    goal: "Find the cause",
    timeboxMinutes: 30,
    dueAt: new Date(Date.parse(when) + 30 * 60_000).toISOString(),
    at: when,
  });
}

export function actionItemAdded(actionId: string, owner = DEV, when = at(2)): EventOf<"ActionItemAdded"> {
  return ev("ActionItemAdded", {
    actionId,
    title: `Follow-up ${actionId}`,
    owner,
    dueDate: null,
    horizon: "short-term",
    at: when,
  });
}

export function resolved(when = at(5)): EventOf<"IncidentResolved"> {
  return ev("IncidentResolved", { summary: "Rolled back", at: when });
}

/** A SEV-2 with a tech lead (bob) and an executive stakeholder (carol). */
export function staffed(fields: Partial<EventFields<"IncidentDeclared">> = {}): IncidentEvent[] {
  return [declared(fields), roleAssigned("tech-lead", TECH), roleAssigned("exec-stakeholder", EXEC)];
}

export interface WhenOptions {
  actor?: string;
  now?: string;
  policy?: IncidentPolicy;
  incidentId?: string;
}

/** Default acting person and time of a `when`. */
export const DEFAULT_NOW = at(10);

function context(options: WhenOptions): CommandContext {
  return { incidentId: options.incidentId ?? INCIDENT_ID, actor: options.actor ?? IC, now: options.now ?? DEFAULT_NOW };
}

/** Freezes a state deeply so any mutation by `decide` throws. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

type Result = { ok: true; events: IncidentEvent[] } | { ok: false; error: unknown };

export class Outcome {
  constructor(
    readonly before: IncidentState,
    readonly history: IncidentEvent[],
    private readonly result: Result,
  ) {}

  /** The events emitted; fails the test when the command was refused. */
  get events(): IncidentEvent[] {
    if (!this.result.ok) {
      const error = this.result.error;
      const detail = isWarroomError(error) ? `${error.code}: ${error.message}` : String(error);
      throw new Error(`expected events but the command was refused (${detail})`);
    }
    return this.result.events;
  }

  /** The incident after folding the emitted events onto the history. */
  get after(): Incident {
    const state = fold([...this.history, ...this.events]);
    if (state === null) throw new Error("no incident after the command");
    return state;
  }

  /** Then: exactly these events (asymmetric matchers allowed), or a custom check. */
  emits(expected: IncidentEvent[] | ((events: IncidentEvent[], after: Incident) => void)): IncidentEvent[] {
    const events = this.events;
    if (typeof expected === "function") expected(events, this.after);
    else expect(events).toStrictEqual(expected);
    return events;
  }

  /** Then: one event of `type` containing `fields`. */
  emitsOne<K extends EventType>(type: K, fields: Partial<EventOf<K>> = {}): EventOf<K> {
    const events = this.events;
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type, ...fields });
    return events[0] as EventOf<K>;
  }

  /** Then: refused with `code`; `fragment` is the offending field or part of the message. */
  throws(code: ErrorCode, fragment?: string): WarroomError {
    if (this.result.ok) {
      throw new Error(`expected ${code} but the command emitted ${JSON.stringify(this.result.events)}`);
    }
    const error = this.result.error;
    if (!isWarroomError(error)) throw error;
    expect(error.code, error.message).toBe(code);
    if (fragment !== undefined) {
      const fields = error.details.map((d) => d.field);
      const matches = fields.includes(fragment) || error.message.includes(fragment);
      expect(matches, `neither field [${fields.join(", ")}] nor message "${error.message}" has ${fragment}`).toBe(true);
    }
    return error;
  }
}

export class Scenario {
  constructor(readonly history: IncidentEvent[]) {}

  get state(): IncidentState {
    return fold(this.history);
  }

  /** When: decide the command against the folded (frozen) history. */
  when(input: CommandInputAny, options: WhenOptions = {}): Outcome {
    const state = deepFreeze(fold(structuredClone(this.history)));
    const snapshot = structuredClone(state);
    const cmd = command(input);
    let result: Result;
    try {
      result = { ok: true, events: decide(cmd, state, context(options), options.policy ?? DEFAULT_POLICY) };
    } catch (error) {
      result = { ok: false, error };
    }
    expect(state, "decide must not change the state it is given").toStrictEqual(snapshot);
    return new Outcome(state, this.history, result);
  }

  /** Appends what a successful command emits to the history: builds a given through decide. */
  and(input: CommandInputAny, options: WhenOptions = {}): Scenario {
    return new Scenario([...this.history, ...this.when(input, options).events]);
  }
}

export function given(...events: (IncidentEvent | readonly IncidentEvent[])[]): Scenario {
  return new Scenario(events.flat());
}

/** The incident folded from `events`; fails when there is none. */
export function incidentOf(events: IncidentEvent[]): Incident {
  const state = fold(events);
  if (state === null) throw new Error("no incident in these events");
  return state;
}

/** A policy like the default with a few fields changed. */
export function policyWith(fields: Partial<IncidentPolicy>): IncidentPolicy {
  return { ...DEFAULT_POLICY, ...fields };
}
