/**
 * Delivers committed incident events to each subscription, in position order, after
 * commit: one worker per subscription walks the log from its cursor, signs and POSTs
 * each matching event, and records the outcome in the subscription's stream (a delivery
 * moves the cursor, so a restart resumes there). A failure is retried with exponential
 * back-off (capped, with jitter) and the worker does not move past it: a receiver that is
 * down gets everything, in order, once it is back. It runs beside the command path and
 * never holds it up; drills are never sent, private incidents only when asked for.
 */

import { isIncidentStream, toIncidentEvent } from "../../app/incident-projection.js";
import type { WarroomApp } from "../../app/warroom-app.js";
import { toTimelineEntry } from "../../domain/incident/timeline.js";
import { isoNow } from "../../domain/shared/clock.js";
import type { StoredEvent } from "../../store/event-store.js";
import { counterOn } from "../alerts/alert-metrics.js";
import { doublingDelay, Waits } from "../retry.js";
import { signedHeaders } from "./signature.js";
import type { WebhooksConfig } from "./webhook-config.js";
import type { Subscription, WebhookEvent } from "./webhook-events.js";
import type { WebhookRegistry } from "./webhook-registry.js";

export interface DelivererOptions {
  app: WarroomApp;
  registry: WebhookRegistry;
  config: WebhooksConfig;
  /** 0 ≤ random() < 1, for the jitter; Math.random by default. */
  random?: () => number;
  onError?: (error: unknown, subscriptionId: string) => void;
}

interface IncidentFlags {
  mode: string;
  private: boolean;
}

const PAGE = 200;
/** Deliveries written to the cursor stream in one append: one commit for many, not one each. */
const FLUSH_EVERY = 50;

/** Outcomes waiting to be appended to the subscription's stream, and the version it is at. */
class PendingRecords {
  records: WebhookEvent[] = [];

  constructor(
    private readonly registry: WebhookRegistry,
    private readonly id: string,
    public version: number,
  ) {}

  /** Appends what is waiting; false when another writer moved the stream (a replay): they are dropped. */
  async flush(): Promise<boolean> {
    if (this.records.length === 0) return true;
    const batch = this.records.splice(0);
    const written = await this.registry.record(this.id, this.version, batch);
    if (written) this.version += batch.length;
    return written;
  }
}

export class WebhookDeliverer {
  private running = false;
  private readonly workers = new Map<string, Promise<void>>();
  /** Woken with `force` on stop or a subscription change, without it on new events. */
  private readonly waits = new Waits<boolean>();
  private seenIndexVersion = -1;
  /** Aborts requests in flight on stop, so shutting down never waits out a slow receiver. */
  private stopping = new AbortController();
  private readonly incidents = new Map<string, IncidentFlags>();
  private follow: { close(): void } | null = null;
  private timer: NodeJS.Timeout | undefined;
  private readonly attempts;

  constructor(private readonly options: DelivererOptions) {
    this.attempts = counterOn(
      options.app.metrics.registry,
      "warroom_webhook_attempts_total",
      "Webhook delivery attempts, by subscription and outcome (private incidents not counted)",
      ["subscription", "outcome"] as const,
    );
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.stopping = new AbortController();
    const { app } = this.options;
    this.follow = await app.follow({ afterPosition: app.livePosition }, () => this.wakeAll());
    this.timer = setInterval(() => void this.reconcile(), this.options.config.pollIntervalMs);
    this.timer.unref();
    await this.reconcile();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.stopping.abort();
    this.follow?.close();
    this.follow = null;
    if (this.timer) clearInterval(this.timer);
    this.wakeAll(true);
    await Promise.allSettled([...this.workers.values()]);
  }

  /** Starts a worker for each subscription that has none; wakes the idle ones. */
  private async reconcile(): Promise<void> {
    if (!this.running) return;
    try {
      for (const subscription of await this.options.registry.subscriptions()) {
        if (this.workers.has(subscription.id)) continue;
        const worker = this.work(subscription.id)
          .catch((error) => this.options.onError?.(error, subscription.id))
          .finally(() => this.workers.delete(subscription.id));
        this.workers.set(subscription.id, worker);
      }
    } catch (error) {
      this.options.onError?.(error, "*");
    }
    // A subscription changed or went: cut back-offs short so the change applies now.
    const changed = this.options.registry.indexVersion !== this.seenIndexVersion;
    this.seenIndexVersion = this.options.registry.indexVersion;
    this.wakeAll(changed);
  }

  private async work(id: string): Promise<void> {
    const { registry, app } = this.options;
    let skipped: { version: number; position: number } | null = null;
    while (this.running) {
      const subscription = (await registry.subscriptions()).find((s) => s.id === id);
      if (!subscription) return;
      const state = await registry.cursorState(id);
      let from = state.cursor ?? subscription.startAfter;
      if (skipped && skipped.version === state.version) from = Math.max(from, skipped.position);
      const page = await app.store.readAll(from, PAGE);
      if (page.length === 0) {
        await this.sleep(this.options.config.pollIntervalMs);
        continue;
      }
      const cursor: PendingRecords = new PendingRecords(registry, id, state.version);
      let scanned: number | null = null;
      for (const event of page) {
        if (!this.running) break;
        if (await this.matches(subscription, event)) {
          if (!(await this.deliver(subscription, event, cursor))) {
            scanned = null;
            break;
          }
          if (cursor.records.length >= FLUSH_EVERY && !(await cursor.flush())) {
            scanned = null;
            break;
          }
        }
        scanned = event.position;
      }
      // Written before waiting or stopping, so a clean stop or restart sends nothing twice.
      const flushed: boolean = await cursor.flush();
      skipped = flushed && scanned !== null ? { version: cursor.version, position: scanned } : null;
    }
  }

  /**
   * Sends one event until it is taken (its record joins `cursor.records`); false when
   * interrupted (replay, removal, a change, stop). Failures are written at once, after
   * the deliveries before them.
   */
  private async deliver(subscribed: Subscription, event: StoredEvent, cursor: PendingRecords): Promise<boolean> {
    const { registry, app } = this.options;
    const body = JSON.stringify(payloadOf(subscribed.id, event));
    for (let attempt = 1; this.running; attempt++) {
      // Removed, changed (URL, secret, types) or replayed meanwhile: start again from the top.
      const subscription = (await registry.subscriptions()).find((s) => s.id === subscribed.id);
      if (!subscription || !sameDelivery(subscription, subscribed)) return false;
      const current = await registry.cursorState(subscription.id);
      if (current.version !== cursor.version) return false;
      const outcome = await this.post(subscription, event, body);
      // Cut off by shutting down: not the receiver's failure, and the restart sends it again.
      if (!outcome.ok && !this.running) return false;
      const base = {
        at: isoNow(app.clock),
        position: event.position,
        eventType: event.type,
        incidentId: event.streamId,
        attempt,
      };
      if (!this.incidents.get(event.streamId)?.private) {
        this.attempts.inc({ subscription: subscription.id, outcome: outcome.ok ? "delivered" : "failed" });
      }
      if (outcome.ok) {
        cursor.records.push({ type: "WebhookDelivered", ...base, status: outcome.status });
        return true;
      }
      const delay = this.backoff(attempt);
      cursor.records.push({
        type: "WebhookAttemptFailed",
        ...base,
        status: outcome.status,
        error: outcome.error.slice(0, 500),
        retryAt: new Date(app.clock.now() + delay).toISOString(),
      });
      if (!(await cursor.flush())) return false;
      await this.sleep(delay, false);
    }
    return false;
  }

  private async post(
    subscription: Subscription,
    event: StoredEvent,
    body: string,
  ): Promise<{ ok: true; status: number } | { ok: false; status: number | null; error: string }> {
    try {
      const response = await fetch(subscription.url, {
        method: "POST",
        redirect: "manual",
        signal: AbortSignal.any([AbortSignal.timeout(this.options.config.timeoutMs), this.stopping.signal]),
        headers: {
          "content-type": "application/json",
          "user-agent": "Warroom-Webhooks/1",
          "warroom-delivery": `${subscription.id}-${event.position}`,
          "warroom-event": event.type,
          // Signed with the wall clock the receiver checks against, not the app's (possibly virtual) clock.
          ...signedHeaders(subscription.secret, body, Date.now()),
        },
        body,
      });
      await response.arrayBuffer().catch(() => undefined);
      if (response.status >= 200 && response.status < 300) return { ok: true, status: response.status };
      return { ok: false, status: response.status, error: `HTTP ${response.status}` };
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      return { ok: false, status: null, error: cause ?? (error as Error).message };
    }
  }

  /** base·2^(n-1), capped, with the upper half random so many senders do not retry in step. */
  private backoff(attempt: number): number {
    const { baseDelayMs, maxDelayMs } = this.options.config;
    const capped = doublingDelay(baseDelayMs, attempt - 1, maxDelayMs);
    return Math.round(capped / 2 + (this.options.random ?? Math.random)() * (capped / 2));
  }

  private async matches(subscription: Subscription, event: StoredEvent): Promise<boolean> {
    if (!isIncidentStream(event.streamId)) return false;
    if (!subscription.events.includes("*") && !subscription.events.includes(event.type)) return false;
    let flags = this.incidents.get(event.streamId);
    if (!flags) {
      for (const incident of await this.options.app.listIncidents()) {
        this.incidents.set(incident.id, { mode: incident.mode, private: incident.private });
      }
      flags = this.incidents.get(event.streamId);
    }
    if (!flags || flags.mode === "drill") return false;
    return subscription.includePrivate || !flags.private;
  }

  private wakeAll(force = false): void {
    this.waits.wake(force);
  }

  /** Waits `ms`; new events end an idle wait early; a back-off ends early only on stop or a subscription change. */
  private sleep(ms: number, wakeOnEvents = true): Promise<void> {
    return this.waits.sleep(ms, (force) => force || wakeOnEvents || !this.running);
  }
}

function sameDelivery(a: Subscription, b: Subscription): boolean {
  return (
    a.url === b.url &&
    a.secret === b.secret &&
    a.includePrivate === b.includePrivate &&
    a.events.join() === b.events.join()
  );
}

/** The body sent: the stored event with its place in the log and its timeline line. */
export function payloadOf(subscriptionId: string, event: StoredEvent) {
  const entry = toTimelineEntry(toIncidentEvent(event), event.version, event.position);
  return {
    id: `${subscriptionId}-${event.position}`,
    subscription: subscriptionId,
    type: event.type,
    incidentId: event.streamId,
    position: event.position,
    version: event.version,
    recordedAt: event.recordedAt,
    text: entry.text,
    data: event.data,
  };
}
