/**
 * What the after-commit senders (the chat mirror, the webhook deliverer) share for retrying:
 * the doubling back-off, and timed waits that a stop (or another wake-up) cuts short.
 */

/** base·2^n, capped at `maxMs`. */
export function doublingDelay(baseMs: number, n: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.min(n, 30));
}

/** Timed waits that `wake(reason)` ends early, each one only for the reasons it accepts. */
export class Waits<Reason = void> {
  private readonly pending = new Set<(reason: Reason) => void>();

  sleep(ms: number, endsOn: (reason: Reason) => boolean = () => true): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.pending.delete(wake);
        resolve();
      };
      const wake = (reason: Reason) => {
        if (endsOn(reason)) done();
      };
      const timer = setTimeout(done, ms);
      this.pending.add(wake);
    });
  }

  wake(reason: Reason): void {
    for (const wake of [...this.pending]) wake(reason);
  }
}
