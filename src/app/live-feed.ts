/**
 * Moves committed events, in global-position order and exactly once, into the
 * projection and out to live subscribers. Local appends are offered directly; anything
 * written by another process (a CLI on the same SQLite file, another server instance)
 * is pulled from the store by polling the global position.
 */
import type { EventStore, StoredEvent } from "../store/event-store.js";

export type FeedListener = (event: StoredEvent) => void;

export class LiveFeed {
  private head = 0;
  private chain: Promise<void> = Promise.resolve();
  private readonly listeners = new Set<FeedListener>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: EventStore,
    private readonly apply: (event: StoredEvent) => void,
  ) {}

  get position(): number {
    return this.head;
  }

  get subscriberCount(): number {
    return this.listeners.size;
  }

  /** Pull everything committed so far. Resolves once the feed has delivered it. */
  catchUp(): Promise<void> {
    return this.serial(() => this.pull());
  }

  /** Deliver events this process just appended; pulls first if some are missing. */
  offer(events: StoredEvent[]): Promise<void> {
    return this.serial(async () => {
      for (const event of events) {
        if (event.position <= this.head) continue;
        if (event.position !== this.head + 1) {
          await this.pull();
          continue;
        }
        this.deliver(event);
      }
    });
  }

  subscribe(listener: FeedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  startPolling(intervalMs: number): void {
    this.stopPolling();
    this.timer = setInterval(() => {
      this.catchUp().catch(() => undefined);
    }, intervalMs);
    this.timer.unref();
  }

  stopPolling(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private async pull(): Promise<void> {
    for (;;) {
      const page = await this.store.readAll(this.head, 1000);
      for (const event of page) if (event.position > this.head) this.deliver(event);
      if (page.length < 1000) return;
    }
  }

  private deliver(event: StoredEvent): void {
    this.head = event.position;
    this.apply(event);
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A failing subscriber must not stop delivery to the others or the projection.
      }
    }
  }

  private serial(task: () => Promise<void>): Promise<void> {
    const run = this.chain.then(task, task);
    this.chain = run.catch(() => undefined);
    return run;
  }
}
