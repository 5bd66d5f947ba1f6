/**
 * The reminder scheduler inside the server: every `intervalMs`, for each open incident
 * with reminders due at the app's clock (`dueReminders`), it runs `issue-reminders` as
 * `warroom`. The domain checks again when it decides, so each reminder is issued once,
 * however many schedulers (or server instances) race: the losers get
 * `reminder.none_due` or a version conflict, which are expected and swallowed. A drill
 * on a virtual clock calls `tick()` itself after moving the clock.
 */
import { dueReminders } from "../domain/incident/reminders.js";
import type { TimelineEntry } from "../domain/incident/timeline.js";
import { isoNow } from "../domain/shared/clock.js";
import { type ErrorCode, isWarroomError } from "../domain/shared/errors.js";
import type { WarroomApp } from "./warroom-app.js";

/** The actor reminders are recorded under. */
export const SCHEDULER_ACTOR = "warroom";

/** Outcomes that mean someone else got there first: nothing to report. */
const EXPECTED: ReadonlySet<ErrorCode> = new Set(["reminder.none_due", "stream.version_conflict", "incident.resolved"]);

export interface ReminderSchedulerOptions {
  app: WarroomApp;
  /** Milliseconds between ticks; 0 (or less) means `start` does nothing and only `tick()` issues. */
  intervalMs: number;
  /** Called for an unexpected failure on one incident; the scheduler carries on. */
  onError?: (error: unknown, incidentId: string) => void;
}

export interface TickResult {
  /** What this tick appended, per incident. */
  issued: { incidentId: string; entries: TimelineEntry[] }[];
  /** Incidents where issuing failed unexpectedly (already passed to `onError`). */
  failed: { incidentId: string; message: string }[];
}

export class ReminderScheduler {
  private timer: ReturnType<typeof setInterval> | null = null;
  private current: Promise<TickResult> | null = null;

  constructor(private readonly options: ReminderSchedulerOptions) {}

  get running(): boolean {
    return this.timer !== null;
  }

  start(): void {
    if (this.timer !== null || this.options.intervalMs <= 0) return;
    this.timer = setInterval(() => {
      this.tick().catch((error: unknown) => this.options.onError?.(error, "*"));
    }, this.options.intervalMs);
    this.timer.unref?.();
  }

  /** Stops the timer and waits for a tick in progress to end. */
  async stop(): Promise<void> {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    await this.current?.catch(() => undefined);
  }

  /** One pass over the open incidents; a tick already under way is joined, not doubled. */
  tick(): Promise<TickResult> {
    this.current ??= this.pass().finally(() => {
      this.current = null;
    });
    return this.current;
  }

  private async pass(): Promise<TickResult> {
    const { app } = this.options;
    const result: TickResult = { issued: [], failed: [] };
    const now = isoNow(app.clock);
    for (const incident of await app.openIncidentStates()) {
      if (dueReminders(incident, now).length === 0) continue;
      try {
        const done = await app.execute(incident.id, { type: "issue-reminders" }, { actor: SCHEDULER_ACTOR });
        result.issued.push({ incidentId: incident.id, entries: done.appended });
      } catch (error) {
        if (isWarroomError(error) && EXPECTED.has(error.code)) continue;
        result.failed.push({
          incidentId: incident.id,
          message: error instanceof Error ? error.message : String(error),
        });
        this.options.onError?.(error, incident.id);
      }
    }
    return result;
  }
}
