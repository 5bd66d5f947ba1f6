/**
 * Writes to one non-incident stream (the people directory, API tokens, members of
 * private incidents) with optimistic concurrency: decide against the folded state,
 * append with the version it was folded from, and on a conflict (another process
 * wrote) catch up and decide again. Writes from this process are queued one at a time,
 * so they never conflict with each other. Events reach the read model only through
 * the live feed, like incident events, so every instance folds the same log.
 */
import { isWarroomError, WarroomError } from "../domain/shared/errors.js";
import type { EventStore, StoredEvent } from "../store/event-store.js";

export interface FeedAccess {
  store: EventStore;
  /** Pull what other processes committed. */
  catchUp(): Promise<void>;
  /** Hand this process's appended events to the feed (and so to the read models). */
  offer(events: StoredEvent[]): Promise<void>;
}

const MAX_ATTEMPTS = 10;

export class DirectoryStream {
  /** The stream's version as folded by the feed; the read model sets it in `apply`. */
  version = 0;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly feed: FeedAccess,
    readonly streamId: string,
  ) {}

  /** `decide` sees the state as of `version`; it returns the events to append and the result. */
  write<R>(decide: () => { events: { type: string }[]; result: R }): Promise<R> {
    const run = this.queue.then(() => this.attempt(decide));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Resolves once every write queued so far has finished (or failed). */
  async idle(): Promise<void> {
    await this.queue;
  }

  private async attempt<R>(decide: () => { events: { type: string }[]; result: R }): Promise<R> {
    await this.feed.catchUp();
    for (let attempt = 1; ; attempt++) {
      const { events, result } = decide();
      if (events.length === 0) return result;
      try {
        const appended = await this.feed.store.append({
          streamId: this.streamId,
          expectedVersion: this.version,
          events: events.map((data) => ({ type: data.type, data })),
        });
        await this.feed.offer(appended.events);
        return result;
      } catch (error) {
        const conflict = isWarroomError(error) && error.code === "stream.version_conflict";
        if (!conflict) throw error;
        if (attempt >= MAX_ATTEMPTS) {
          throw new WarroomError("stream.version_conflict", `${this.streamId} is busy; try again`);
        }
        await this.feed.catchUp();
      }
    }
  }
}
