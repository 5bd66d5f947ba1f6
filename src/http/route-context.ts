/** What every route module gets: the app, the route book and the live-stream settings. */
import type { WarroomApp } from "../app/warroom-app.js";
import type { HttpMetrics } from "./http-metrics.js";
import type { RouteBook } from "./route-book.js";
import type { SseOptions, SseRegistry } from "./sse.js";

export interface RouteContext {
  app: WarroomApp;
  book: RouteBook;
  streams: SseRegistry;
  metrics: HttpMetrics;
  sse: SseOptions;
}

/** Problem statuses any command can answer with. */
export const COMMAND_ERRORS = [400, 403, 404, 409, 413, 415, 422, 503];
/** Problem statuses of reads. */
export const READ_ERRORS = [400, 404, 503];
