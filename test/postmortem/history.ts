/**
 * Crafted event histories for the postmortem tests: commands run through the real
 * `decide` on a ManualClock, folded, and described as timeline entries — what an
 * IncidentDetail carries, without a store.
 */
import { type CommandInput, type CommandType, incidentCommandSchema } from "../../src/domain/incident/commands.js";
import { decide } from "../../src/domain/incident/decide.js";
import { evolve } from "../../src/domain/incident/evolve.js";
import { DEFAULT_POLICY } from "../../src/domain/incident/policy.js";
import type { Incident, IncidentState } from "../../src/domain/incident/state.js";
import { type TimelineEntry, toTimelineEntry } from "../../src/domain/incident/timeline.js";
import type { PostmortemSource } from "../../src/domain/postmortem/index.js";
import { isoNow, ManualClock } from "../../src/domain/shared/clock.js";

export const T0 = "2026-03-01T10:00:00.000Z";

type AnyInput = { [K in CommandType]: CommandInput<K> & { type: K } }[CommandType];

export class History {
  readonly clock = new ManualClock(T0);
  private state: IncidentState = null;
  private readonly entries: TimelineEntry[] = [];

  constructor(readonly incidentId = "INC-1") {}

  /** Moves the clock to T0 + minutes. */
  at(minutes: number): this {
    this.clock.set(new Date(Date.parse(T0) + minutes * 60_000).toISOString());
    return this;
  }

  run(actor: string, input: AnyInput): this {
    const command = incidentCommandSchema.parse(input);
    const now = isoNow(this.clock);
    for (const event of decide(command, this.state, { incidentId: this.incidentId, actor, now }, DEFAULT_POLICY)) {
      this.state = evolve(this.state, event);
      const version = this.entries.length + 1;
      this.entries.push(toTimelineEntry(event, version, version));
    }
    return this;
  }

  get incident(): Incident {
    if (this.state === null) throw new Error("nothing declared");
    return this.state;
  }

  get source(): PostmortemSource {
    return { ...this.incident, timeline: [...this.entries] };
  }

  get now(): string {
    return isoNow(this.clock);
  }
}

/** ISO instant T0 + minutes. */
export const tAt = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();
