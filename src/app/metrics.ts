/** Prometheus metrics, one registry per app so tests and several apps never collide. */
import { Counter, Gauge, Histogram, Registry } from "prom-client";

export class WarroomMetrics {
  readonly registry = new Registry();
  readonly commands = new Counter({
    name: "warroom_commands_total",
    help: "Commands handled, by command type and outcome (ok, duplicate or an error code)",
    labelNames: ["command", "outcome"] as const,
    registers: [this.registry],
  });
  readonly appendedEvents = new Counter({
    name: "warroom_appended_events_total",
    help: "Events appended to the store, by event type",
    labelNames: ["type"] as const,
    registers: [this.registry],
  });
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
