/**
 * HTTP request metrics, registered on the app's own registry so `/metrics` shows the
 * app's and the transport's figures together. Routes are labelled by their template
 * (`/api/incidents/:id`), never the raw URL, to keep the label set small.
 *
 * Every request is recorded, so the hot path is kept short: the series live here, one
 * per (method, route, status), found with one map lookup and updated with a few
 * additions; prom-client only formats them when `/metrics` is read. (prom-client's own
 * Counter and Histogram hash and validate the label object on every call, which cost
 * more than the rest of this file per request.) The exposition is exactly what
 * prom-client's Counter and Histogram print for the same observations; the tests
 * compare the two.
 */
import type { Metric, Registry } from "prom-client";

export const UNMATCHED_ROUTE = "(unmatched)";
export const REQUESTS_METRIC = "warroom_http_requests_total";
export const DURATION_METRIC = "warroom_http_request_duration_seconds";
export const DURATION_BUCKETS: readonly number[] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

export interface HttpMetrics {
  /** One answered request; `seconds` null for a response whose duration means nothing (a live stream). */
  observe(method: string, route: string | undefined, status: number, seconds: number | null): void;
}

interface Labels {
  method: string;
  route: string;
  status: string;
}

interface Series {
  labels: Labels;
  requests: number;
  /** Requests with a duration: the histogram's count. */
  timed: number;
  sum: number;
  /** Observations per bucket (not cumulative); the ones above the last bound are `timed` minus their sum. */
  buckets: number[];
}

type ExposedValue = {
  value: number;
  labels: Record<string, string | number>;
  metricName?: string;
  /** As prom-client gives it for a bucket (no exemplars here). */
  exemplar?: null;
};

/** What the prom-client registry needs of a metric to print it (and to reset it). */
class ExposedMetric {
  readonly aggregator = "sum";

  constructor(
    readonly name: string,
    readonly help: string,
    readonly type: "counter" | "histogram",
    readonly store: HttpSeries,
  ) {}

  async get() {
    const values = this.type === "counter" ? this.store.requestValues() : this.store.durationValues(this.name);
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
  }

  reset(): void {
    this.store.reset();
  }
}

class HttpSeries {
  private series = new Map<string, Series>();

  record(method: string, route: string, status: number, seconds: number | null): void {
    const key = `${method} ${status} ${route}`;
    let series = this.series.get(key);
    if (series === undefined) {
      series = {
        labels: { method, route, status: String(status) },
        requests: 0,
        timed: 0,
        sum: 0,
        buckets: new Array<number>(DURATION_BUCKETS.length).fill(0),
      };
      this.series.set(key, series);
    }
    series.requests++;
    if (seconds === null || !Number.isFinite(seconds)) return;
    series.timed++;
    series.sum += seconds;
    for (let i = 0; i < DURATION_BUCKETS.length; i++) {
      if (seconds <= (DURATION_BUCKETS[i] as number)) {
        (series.buckets[i] as number)++;
        return;
      }
    }
  }

  requestValues(): ExposedValue[] {
    const values: ExposedValue[] = [];
    for (const series of this.series.values()) values.push({ value: series.requests, labels: { ...series.labels } });
    return values;
  }

  durationValues(name: string): ExposedValue[] {
    const values: ExposedValue[] = [];
    for (const series of this.series.values()) {
      if (series.timed === 0) continue;
      let cumulative = 0;
      DURATION_BUCKETS.forEach((le, i) => {
        cumulative += series.buckets[i] as number;
        values.push({
          value: cumulative,
          labels: { le, ...series.labels },
          metricName: `${name}_bucket`,
          exemplar: null,
        });
      });
      values.push(
        { value: series.timed, labels: { le: "+Inf", ...series.labels }, metricName: `${name}_bucket`, exemplar: null },
        { value: series.sum, labels: { ...series.labels }, metricName: `${name}_sum` },
        { value: series.timed, labels: { ...series.labels }, metricName: `${name}_count` },
      );
    }
    return values;
  }

  reset(): void {
    this.series = new Map();
  }
}

export function httpMetrics(registry: Registry): HttpMetrics {
  // Several HTTP apps over one WarroomApp (tests do this) share the same series.
  const existing = registry.getSingleMetric(REQUESTS_METRIC) as unknown;
  let store: HttpSeries;
  if (existing instanceof ExposedMetric) {
    store = existing.store;
  } else {
    store = new HttpSeries();
    // The registry formats any object with this shape; its types only name prom-client's classes.
    const register = (metric: ExposedMetric) => registry.registerMetric(metric as unknown as Metric);
    register(
      new ExposedMetric(
        REQUESTS_METRIC,
        "HTTP requests answered, by method, route template and status",
        "counter",
        store,
      ),
    );
    register(
      new ExposedMetric(
        DURATION_METRIC,
        "Time to answer an HTTP request (live streams excluded), by method, route template and status",
        "histogram",
        store,
      ),
    );
  }
  return {
    observe(method, route, status, seconds) {
      store.record(method, route ?? UNMATCHED_ROUTE, status, seconds);
    },
  };
}
