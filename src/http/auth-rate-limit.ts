/**
 * Per-token rate limits: a token bucket per token id (`burst` requests at once, refilled
 * at `perSecond`). Over the limit a request gets 429 `rate.limited` with Retry-After.
 * Buckets live in memory per server instance; idle full buckets are dropped.
 */
import type { Clock } from "../domain/shared/clock.js";

export interface RateLimitOptions {
  /** Sustained requests per second per token. */
  perSecond: number;
  /** Requests a token may make at once before the sustained rate applies. */
  burst: number;
}

/** Generous: the web UI and scripted clients never meet it; a runaway loop does. */
export const DEFAULT_RATE_LIMIT: RateLimitOptions = { perSecond: 1000, burst: 5000 };

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly options: RateLimitOptions,
    private readonly clock: Clock,
  ) {}

  /** Takes one request from the key's bucket: 0 when allowed, else the seconds to wait. */
  take(key: string): number {
    const now = this.clock.now();
    const { perSecond, burst } = this.options;
    const bucket = this.buckets.get(key) ?? { tokens: burst, at: now };
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * perSecond);
    bucket.at = now;
    if (this.buckets.size > 10_000) this.sweep();
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / perSecond));
  }

  private sweep(): void {
    const now = this.clock.now();
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + ((now - bucket.at) / 1000) * this.options.perSecond >= this.options.burst) {
        this.buckets.delete(key);
      }
    }
  }
}
