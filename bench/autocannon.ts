/**
 * What the HTTP benches share: autocannon, typed (it ships no types of its own), and
 * `--name value` arguments.
 */
import { createRequire } from "node:module";

/** `--name value` from the command line; the fallback when absent, not a number, or ≤ 0. */
export function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

export interface Histogram {
  average: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export interface AutocannonResult {
  requests: Histogram & { total: number };
  latency: Histogram;
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  "2xx": number;
  statusCodeStats: Record<string, { count: number }>;
}

export interface AutocannonClient {
  /**
   * Replaces the client's request list. (`setRequest` only swaps the request in hand: the
   * next one is the shared default again, so a per-connection path or token would apply
   * to one request per connection only.)
   */
  setRequests(requests: { method?: string; path?: string; headers?: Record<string, string>; body?: string }[]): void;
}

export interface AutocannonOptions {
  url: string;
  connections: number;
  duration: number;
  method: "GET" | "POST";
  headers: Record<string, string>;
  body?: string;
  setupClient?: (client: AutocannonClient) => void;
}

export const autocannon = createRequire(import.meta.url)("autocannon") as (
  options: AutocannonOptions,
) => Promise<AutocannonResult>;
