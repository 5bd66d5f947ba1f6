/** Time is injected: the system clock live, a manual or virtual clock in tests and drills. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export function isoNow(clock: Clock): string {
  return new Date(clock.now()).toISOString();
}

/** A clock that only moves when told to: for tests and scripted drills. */
export class ManualClock implements Clock {
  private current: number;

  constructor(start: string | number = "2026-01-01T00:00:00.000Z") {
    this.current = typeof start === "number" ? start : Date.parse(start);
  }

  now(): number {
    return this.current;
  }

  advance(ms: number): void {
    this.current += ms;
  }

  advanceMinutes(minutes: number): void {
    this.advance(minutes * 60_000);
  }

  set(iso: string): void {
    this.current = Date.parse(iso);
  }
}
