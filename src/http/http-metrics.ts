/**
 * HTTP request metrics, registered on the app's own registry so `/metrics` shows the
 * app's and the transport's figures together. Routes are labelled by their template
 * (`/api/incidents/:id`), never the raw URL, to keep the label set small.
 */
import { Counter, Histogram, type Registry } from "prom-client";

type Labels = "method" | "route" | "status";

export const UNMATCHED_ROUTE = "(unmatched)";

export interface HttpMetrics {
  observe(method: string, route: string | undefined, status: number, seconds: number | null): void;
}

export function httpMetrics(registry: Registry): HttpMetrics {
  // Several HTTP apps over one WarroomApp (tests do this) share the same series.
  const requests =
    (registry.getSingleMetric("warroom_http_requests_total") as Counter<Labels> | undefined) ??
    new Counter({
      name: "warroom_http_requests_total",
      help: "HTTP requests answered, by method, route template and status",
      labelNames: ["method", "route", "status"] as const,
      registers: [registry],
    });
  const duration =
    (registry.getSingleMetric("warroom_http_request_duration_seconds") as Histogram<Labels> | undefined) ??
    new Histogram({
      name: "warroom_http_request_duration_seconds",
      help: "Time to answer an HTTP request (live streams excluded), by method, route template and status",
      labelNames: ["method", "route", "status"] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    });
  return {
    observe(method, route, status, seconds) {
      const labels = { method, route: route ?? UNMATCHED_ROUTE, status: String(status) };
      requests.inc(labels);
      if (seconds !== null) duration.observe(labels, seconds);
    },
  };
}
