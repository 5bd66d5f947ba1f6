/** The HTTP metrics print exactly what prom-client's own Counter and Histogram print. */
import { Counter, Histogram, Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import {
  DURATION_BUCKETS,
  DURATION_METRIC,
  httpMetrics,
  REQUESTS_METRIC,
  UNMATCHED_ROUTE,
} from "../../src/http/http-metrics.js";

type Observation = [method: string, route: string | undefined, status: number, seconds: number | null];

const observations: Observation[] = [
  ["POST", "/api/incidents/:id/notes", 200, 0.0042],
  ["POST", "/api/incidents/:id/notes", 200, 0.001],
  ["POST", "/api/incidents/:id/notes", 400, 0.0009],
  ["GET", "/api/stream", 200, null],
  ["GET", undefined, 404, 0.0003],
  ["POST", "/api/incidents/:id/notes", 200, 3.5],
  ["GET", "/api/incidents/:id", 304, 0.025],
  ["GET", "/api/stream", 200, null],
  ["POST", "/api/incidents", 201, 0.0100001],
  ["POST", "/api/incidents/:id/notes", 200, 2.5],
];

/** The same figures through prom-client's classes: the reference. */
function referenceRegistry(seen: Observation[]): Registry {
  const registry = new Registry();
  const labelNames = ["method", "route", "status"] as const;
  const requests = new Counter({
    name: REQUESTS_METRIC,
    help: "HTTP requests answered, by method, route template and status",
    labelNames,
    registers: [registry],
  });
  const duration = new Histogram({
    name: DURATION_METRIC,
    help: "Time to answer an HTTP request (live streams excluded), by method, route template and status",
    labelNames,
    buckets: [...DURATION_BUCKETS],
    registers: [registry],
  });
  for (const [method, route, status, seconds] of seen) {
    const labels = { method, route: route ?? UNMATCHED_ROUTE, status: String(status) };
    requests.inc(labels);
    if (seconds !== null) duration.observe(labels, seconds);
  }
  return registry;
}

const reference = (seen: Observation[]) => referenceRegistry(seen).metrics();

describe("HTTP metrics", () => {
  it("print the same exposition as prom-client's Counter and Histogram", async () => {
    const registry = new Registry();
    const metrics = httpMetrics(registry);
    for (const [method, route, status, seconds] of observations) metrics.observe(method, route, status, seconds);
    expect(await registry.metrics()).toBe(await reference(observations));
    expect(await registry.getMetricsAsJSON()).toEqual(await referenceRegistry(observations).getMetricsAsJSON());
  });

  it("are shared by every HTTP app over one registry, and reset with it", async () => {
    const registry = new Registry();
    const one = httpMetrics(registry);
    const two = httpMetrics(registry);
    one.observe("POST", "/api/incidents", 201, 0.002);
    two.observe("POST", "/api/incidents", 201, 0.003);
    expect(await registry.getSingleMetricAsString(REQUESTS_METRIC)).toContain(
      'warroom_http_requests_total{method="POST",route="/api/incidents",status="201"} 2',
    );
    registry.resetMetrics();
    expect(await registry.metrics()).toBe(await reference([]));
    one.observe("GET", "/healthz", 200, 0.0001);
    expect(await registry.metrics()).toBe(await reference([["GET", "/healthz", 200, 0.0001]]));
  });
});
