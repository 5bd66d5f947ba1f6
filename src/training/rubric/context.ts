/**
 * What every evaluator reads: the run, the drill incident folded from its events, the
 * trainee's options recognised as the scenario's, and helpers that turn an event, an
 * action or a feed line into evidence with its time and its action index.
 */
import { fold } from "../../domain/incident/evolve.js";
import type { Incident } from "../../domain/incident/state.js";
import { formatOffset, wallClock } from "../duration.js";
import { mapOptions, type OptionMapping } from "../option-match.js";
import type { DrillRun, FeedEntry, RunEvent } from "../run-record.js";
import type { Scenario } from "../scenario-schema.js";
import type { Evidence } from "./types.js";

/** Words that are not a person: "can someone…", "the team", "TBD". */
const NOT_A_PERSON =
  /^(?:someone|somebody|anyone|anybody|everyone|everybody|team|all|tbd|tbc|nobody|none|oncall|on-call|us|we)$/i;

export class RubricContext {
  readonly incident: Incident | null;
  readonly mapping: OptionMapping;
  private readonly startMs: number;
  private readonly actionOf = new Map<number, number>();

  constructor(
    readonly scenario: Scenario,
    readonly run: DrillRun,
  ) {
    this.startMs = Date.parse(run.startedAt);
    this.incident = run.events.length > 0 ? fold(run.events) : null;
    for (const action of run.actions) {
      // In a drill with several incidents, only the actions on this one (versions repeat across streams).
      if (action.incident !== undefined && action.incident !== run.incidentId) continue;
      for (const version of action.events) this.actionOf.set(version, action.index);
    }
    this.mapping = mapOptions(this.scenario, this.incident?.options ?? []);
  }

  get trainee(): string {
    return this.run.trainee;
  }

  /** Seconds from the start. */
  offsetOf(iso: string): number {
    return Math.round((Date.parse(iso) - this.startMs) / 1000);
  }

  /** The trainee's events of one type, in order. */
  mine<T extends RunEvent["type"]>(type: T): Extract<RunEvent, { type: T }>[] {
    return this.run.events.filter((e): e is Extract<RunEvent, { type: T }> => e.type === type && e.by === this.trainee);
  }

  all<T extends RunEvent["type"]>(type: T): Extract<RunEvent, { type: T }>[] {
    return this.run.events.filter((e): e is Extract<RunEvent, { type: T }> => e.type === type);
  }

  isPerson(handle: string): boolean {
    return handle.trim() !== "" && !NOT_A_PERSON.test(handle.trim());
  }

  isCast(handle: string): boolean {
    return this.scenario.cast.some((p) => p.handle === handle);
  }

  event(event: RunEvent, note: string, words?: string[]): Evidence {
    const action = this.actionOf.get(event.version);
    return {
      at: wallClock(event.at),
      offset: formatOffset(this.offsetOf(event.at)),
      ...(action === undefined ? {} : { action }),
      event: event.version,
      note,
      ...(words && words.length > 0 ? { words } : {}),
    };
  }

  feed(entry: FeedEntry, note: string, words?: string[]): Evidence {
    return {
      at: entry.clock,
      offset: formatOffset(entry.offset),
      ...(entry.action === undefined || entry.kind === "persona" ? {} : { action: entry.action }),
      feed: entry.seq,
      note,
      ...(words && words.length > 0 ? { words } : {}),
    };
  }

  action(index: number, note: string, words?: string[]): Evidence {
    const record = this.run.actions.find((a) => a.index === index);
    return {
      at: record?.clock ?? "",
      offset: formatOffset(record?.offset ?? 0),
      action: index,
      note,
      ...(words && words.length > 0 ? { words } : {}),
    };
  }

  /** A note about the whole run (something missing), timed at its end. */
  absent(note: string): Evidence {
    return { at: wallClock(this.run.endedAt), offset: formatOffset(this.offsetOf(this.run.endedAt)), note };
  }
}

/** "30 minutes" → 1800 etc. for messages. */
export function minutesText(seconds: number): string {
  return seconds % 60 === 0 ? `${seconds / 60} min` : formatOffset(seconds).slice(2);
}

/** Short quote of a text for evidence notes. */
export function quote(text: string, max = 90): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return `"${flat.length > max ? `${flat.slice(0, max - 1)}…` : flat}"`;
}
