/** Prometheus counters for integrations, on the app's registry (reused if already there). */
import { Counter, type Registry } from "prom-client";

export function counterOn<L extends string>(
  registry: Registry,
  name: string,
  help: string,
  labelNames: readonly L[],
): Counter<L> {
  const existing = registry.getSingleMetric(name);
  if (existing) return existing as Counter<L>;
  return new Counter({ name, help, labelNames: [...labelNames], registers: [registry] });
}

export function alertCounter(registry: Registry): Counter<"receiver" | "outcome"> {
  return counterOn(
    registry,
    "warroom_alerts_total",
    "Alerts received, by receiver and outcome (declared, attached, repeat, resolved, ignored, watching)",
    ["receiver", "outcome"] as const,
  );
}
