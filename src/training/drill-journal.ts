/**
 * What a running drill needs to come back after a server restart, kept in the main store:
 * a drill is deterministic on its virtual clock, so its inputs are enough. Each drill has
 * a stream named by its id (`DRL-…`) of `DrillOpened`, then `DrillActed` (the trainee's
 * action and the virtual second it happened at), `DrillClockMoved` (the clock moved on
 * by the trainee, or where it stood when the server stopped) and `DrillFinished`. The
 * index stream `DRILLS` names every drill once, so a starting server finds them.
 *
 * The journal is best effort: a drill whose journal cannot be written keeps running (a
 * training tool should not fail the trainee for a full disk) and the error is logged.
 */
import { type Clock, isoNow } from "../domain/shared/clock.js";
import { isWarroomError } from "../domain/shared/errors.js";
import type { EventStore, StoredEvent } from "../store/event-store.js";

export const DRILL_INDEX_STREAM = "DRILLS";

export type JournalEntry =
  | { type: "DrillActed"; offset: number; action: Record<string, unknown> }
  | { type: "DrillClockMoved"; offset: number }
  | { type: "DrillFinished"; offset: number };

export interface DrillOpened {
  type: "DrillOpened";
  drill: string;
  scenario: string;
  trainee: string;
  /** Real time the drill started (ms since the epoch). */
  startedAt: number;
}

/** A drill as its stream tells it: how it opened, what happened since, and when it was last written. */
export interface JournalledDrill {
  opened: DrillOpened;
  entries: JournalEntry[];
  /** Real time of the last entry (ms). */
  lastAt: number;
  finished: boolean;
}

export class DrillJournal {
  private readonly versions = new Map<string, number>();
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly log: (message: string, error: unknown) => void = () => undefined,
  ) {}

  opened(event: DrillOpened): Promise<void> {
    return this.write(event.drill, event, true);
  }

  entry(drill: string, entry: JournalEntry): Promise<void> {
    return this.write(drill, entry, false);
  }

  /**
   * The drills started within `sinceMs` (ms before now), oldest first. Older ones cannot
   * come back (they are long idle or finished), so their streams are not even read.
   */
  async drills(sinceMs: number): Promise<JournalledDrill[]> {
    const out: JournalledDrill[] = [];
    const from = this.clock.now() - sinceMs;
    for (const indexed of await this.store.readStream(DRILL_INDEX_STREAM)) {
      if (Date.parse(indexed.recordedAt) < from) continue;
      const id = (indexed.data as { drill?: unknown }).drill;
      if (typeof id !== "string" || !id.startsWith("DRL-")) continue;
      const events = await this.store.readStream(id);
      const drill = toDrill(events);
      if (drill === null) continue;
      this.versions.set(id, events.length);
      out.push(drill);
    }
    return out;
  }

  /** Writes go one after another: each drill's events stay in order, and the index never races itself. */
  private write(drill: string, data: object, index: boolean): Promise<void> {
    const next = this.tail.then(async () => {
      try {
        const version = this.versions.get(drill) ?? 0;
        await this.store.append({ streamId: drill, expectedVersion: version, events: [{ type: typeOf(data), data }] });
        this.versions.set(drill, version + 1);
        if (index) await this.appendToIndex(drill);
      } catch (error) {
        this.log(`the journal of ${drill} could not be written; after a restart it resumes from before this`, error);
      }
    });
    this.tail = next;
    return next;
  }

  private async appendToIndex(drill: string): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const version = this.versions.get(DRILL_INDEX_STREAM) ?? (await this.store.readStream(DRILL_INDEX_STREAM)).length;
      try {
        const data = { drill, at: isoNow(this.clock) };
        await this.store.append({
          streamId: DRILL_INDEX_STREAM,
          expectedVersion: version,
          events: [{ type: "DrillIndexed", data }],
        });
        this.versions.set(DRILL_INDEX_STREAM, version + 1);
        return;
      } catch (error) {
        // Another server indexed a drill meanwhile: read the version again.
        this.versions.delete(DRILL_INDEX_STREAM);
        if (!isWarroomError(error) || error.code !== "stream.version_conflict" || attempt >= 5) throw error;
      }
    }
  }
}

function typeOf(data: object): string {
  return String((data as { type?: unknown }).type ?? "DrillEvent");
}

function toDrill(events: StoredEvent[]): JournalledDrill | null {
  const first = events[0]?.data as DrillOpened | undefined;
  if (first?.type !== "DrillOpened") return null;
  const entries = events.slice(1).map((e) => e.data as JournalEntry);
  const last = events.at(-1) as StoredEvent;
  return {
    opened: first,
    entries,
    lastAt: Date.parse(last.recordedAt),
    finished: entries.some((e) => e.type === "DrillFinished"),
  };
}
