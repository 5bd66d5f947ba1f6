/**
 * Prometheus metrics, one registry per app so tests and several apps never collide.
 * The hot path only bumps plain maps; prom-client reads them when /metrics is scraped,
 * so a command pays a Map lookup, not prom-client's label hashing.
 */
import { Counter, Gauge, Histogram, Registry } from "prom-client";

/** Counts by a label tuple, turned into a prom-client counter at scrape time. */
class TallyCounter<L extends string> {
  private readonly counts = new Map<string, { labels: Record<L, string>; value: number }>();

  constructor(registry: Registry, name: string, help: string, labelNames: readonly L[]) {
    const counts = this.counts;
    new Counter({
      name,
      help,
      labelNames: [...labelNames],
      registers: [registry],
      collect() {
        this.reset();
        for (const { labels, value } of counts.values()) this.inc(labels, value);
      },
    });
  }

  inc(labels: Record<L, string>, by = 1): void {
    const key = Object.values(labels).join("\u0000");
    const entry = this.counts.get(key);
    if (entry) entry.value += by;
    else this.counts.set(key, { labels, value: by });
  }
}

export class WarroomMetrics {
  readonly registry = new Registry();
  readonly commands = new TallyCounter(
    this.registry,
    "warroom_commands_total",
    "Commands handled, by command type and outcome (ok, duplicate or an error code)",
    ["command", "outcome"] as const,
  );
  readonly appendedEvents = new TallyCounter(
    this.registry,
    "warroom_appended_events_total",
    "Events appended to the store, by event type",
    ["type"] as const,
  );
  readonly appendSeconds = new Histogram({
    name: "warroom_append_duration_seconds",
    help: "Time from handing events to the store to durable commit",
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });
  readonly subscribers: Gauge;
  readonly openIncidents: Gauge;

  constructor(sources: { subscribers: () => number; openIncidents: () => number }) {
    this.subscribers = new Gauge({
      name: "warroom_live_subscribers",
      help: "Clients following the live stream",
      registers: [this.registry],
      collect() {
        this.set(sources.subscribers());
      },
    });
    this.openIncidents = new Gauge({
      name: "warroom_open_incidents",
      help: "Incidents not yet resolved (live and drill)",
      registers: [this.registry],
      collect() {
        this.set(sources.openIncidents());
      },
    });
  }
}
