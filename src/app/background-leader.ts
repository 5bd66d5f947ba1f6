/**
 * The work only one server may do at a time (sending webhooks, mirroring to chat), run
 * by whichever instance holds the store's leader lock. Every `retryMs` an instance that
 * does not lead tries to take the lock, and the leader checks it still holds it; when
 * the lock is lost (its connection gone), the work stops here and another instance
 * takes over. A store without a leader lock (SQLite: one server) always leads.
 */
import type { EventStore, LeaderLock } from "../store/event-store.js";

export interface BackgroundLeaderOptions {
  store: Pick<EventStore, "leaderLock">;
  /** Starts the work; called each time this instance becomes the leader. */
  start(): Promise<void>;
  /** Stops it; called when leadership ends (lock lost, or `stop`). */
  stop(): Promise<void>;
  retryMs: number;
  onChange?(leading: boolean): void;
  onError?(error: unknown): void;
}

export class BackgroundLeader {
  private lock: LeaderLock | null = null;
  private leadingNow = false;
  private timer: NodeJS.Timeout | null = null;
  private turn: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(private readonly options: BackgroundLeaderOptions) {}

  get leading(): boolean {
    return this.leadingNow;
  }

  /** Tries at once, then every `retryMs`. */
  async start(): Promise<void> {
    this.stopped = false;
    await this.tick();
    this.timer = setInterval(() => void this.tick(), this.options.retryMs);
    this.timer.unref();
  }

  /** Stops the work if this instance leads, and lets the lock go. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.serial(() => this.resign());
  }

  private tick(): Promise<void> {
    return this.serial(async () => {
      if (this.stopped) return;
      if (this.leadingNow) {
        if (this.lock === null || (await this.lock.check())) return;
        await this.resign();
        return;
      }
      const take = this.options.store.leaderLock;
      if (take === undefined) {
        await this.lead(null);
        return;
      }
      const lock = await take.call(this.options.store, "background");
      if (lock !== null) await this.lead(lock);
    });
  }

  private async lead(lock: LeaderLock | null): Promise<void> {
    this.lock = lock;
    this.leadingNow = true;
    this.options.onChange?.(true);
    try {
      await this.options.start();
    } catch (error) {
      this.options.onError?.(error);
    }
  }

  private async resign(): Promise<void> {
    if (!this.leadingNow) return;
    this.leadingNow = false;
    try {
      await this.options.stop();
    } catch (error) {
      this.options.onError?.(error);
    }
    await this.lock?.release();
    this.lock = null;
    this.options.onChange?.(false);
  }

  /** One tick or stop at a time: a slow lock check never overlaps the next. */
  private serial(work: () => Promise<void>): Promise<void> {
    this.turn = this.turn.then(work).catch((error: unknown) => this.options.onError?.(error));
    return this.turn;
  }
}
