/**
 * `WarroomApi` over HTTP, with Node's global fetch: the same surface as the in-process
 * app, so the CLI (`--server`), tests and the web can switch between them. Errors come
 * back as the server's problem+json and are rethrown as the same WarroomError.
 */

import type {
  ActionItemFilter,
  CallOptions,
  CommandResult,
  IncidentFilter,
  LiveEntry,
  Subscription,
  TimelineFilter,
  WarroomApi,
} from "../app/api.js";
import type { SearchAnswer, SearchInput } from "../app/search.js";
import type { IncidentDetail, IncidentSummary, OpenActionItem, OpenTaskItem } from "../app/views.js";
import type { IncidentPolicy } from "../domain/incident/policy.js";
import type { TimelineEntry } from "../domain/incident/timeline.js";
import { WarroomError } from "../domain/shared/errors.js";
import { errorFromResponse, isAbort, unreachable } from "./http-errors.js";
import { SseParser } from "./sse.js";

export interface HttpClientOptions {
  /** Replaces the global fetch (tests). */
  fetch?: typeof fetch;
  /** First delay before reconnecting a dropped live stream (ms); doubles up to `maxReconnectDelayMs`. */
  reconnectDelayMs?: number;
  maxReconnectDelayMs?: number;
  /** Told each time a live stream dropped and is being reopened. */
  onReconnect?: (info: { attempt: number; error: Error | undefined; afterPosition: number }) => void;
  /** API token, sent as `Authorization: Bearer` on every request and live stream. */
  token?: string;
  /**
   * With a token the server acts as the token's person; send Warroom-Actor too only when
   * the user named someone explicitly (an admin acting for another person).
   */
  sendActorWithToken?: boolean;
}

type Query = Record<string, string | number | undefined>;

export class WarroomHttpClient implements WarroomApi {
  readonly baseUrl: string;
  private readonly fetchFn: typeof fetch;
  private readonly reconnectDelayMs: number;
  private readonly maxReconnectDelayMs: number;
  private readonly onReconnect: HttpClientOptions["onReconnect"];
  private readonly streams = new Set<AbortController>();
  private readonly auth: Record<string, string>;
  private readonly sendActor: boolean;

  constructor(baseUrl: string, options: HttpClientOptions = {}) {
    this.baseUrl = baseUrl.replace(/\/+$/, "");
    this.fetchFn = options.fetch ?? fetch;
    this.reconnectDelayMs = options.reconnectDelayMs ?? 500;
    this.maxReconnectDelayMs = options.maxReconnectDelayMs ?? 10_000;
    this.onReconnect = options.onReconnect;
    this.auth = options.token ? { authorization: `Bearer ${options.token}` } : {};
    this.sendActor = options.token === undefined || options.sendActorWithToken === true;
  }

  declare(input: unknown, options: CallOptions): Promise<CommandResult> {
    return this.send("POST", "/api/incidents", { body: input, call: options });
  }

  execute(incidentId: string, command: unknown, options: CallOptions): Promise<CommandResult> {
    return this.send("POST", `${incidentPath(incidentId)}/commands`, { body: command, call: options });
  }

  async listIncidents(filter: IncidentFilter = {}): Promise<IncidentSummary[]> {
    const query = { status: filter.status, severity: filter.severity, mode: filter.mode };
    const body = await this.send<{ incidents: IncidentSummary[] }>("GET", "/api/incidents", { query });
    return body.incidents;
  }

  getIncident(incidentId: string): Promise<IncidentDetail> {
    return this.send("GET", incidentPath(incidentId));
  }

  async timeline(incidentId: string, filter: TimelineFilter = {}): Promise<TimelineEntry[]> {
    const query: Query = {
      channel: filter.channel,
      type: filter.types && filter.types.length > 0 ? filter.types.join(",") : undefined,
      afterVersion: filter.afterVersion,
      limit: filter.limit,
    };
    const body = await this.send<{ entries: TimelineEntry[] }>("GET", `${incidentPath(incidentId)}/timeline`, {
      query,
    });
    return body.entries;
  }

  async openTasks(filter: { assignee?: string } = {}): Promise<OpenTaskItem[]> {
    const body = await this.send<{ tasks: OpenTaskItem[] }>("GET", "/api/tasks", {
      query: { assignee: filter.assignee },
    });
    return body.tasks;
  }

  async openActionItems(filter: ActionItemFilter = {}): Promise<OpenActionItem[]> {
    const overdue = filter.overdue === undefined ? undefined : String(filter.overdue);
    const query = { owner: filter.owner, status: filter.status, overdue };
    const body = await this.send<{ actionItems: OpenActionItem[] }>("GET", "/api/action-items", { query });
    return body.actionItems;
  }

  search(input: SearchInput): Promise<SearchAnswer> {
    const query = {
      q: input.q,
      status: input.status,
      mode: input.mode,
      limit: input.limit === undefined ? undefined : String(input.limit),
    };
    return this.send("GET", "/api/search", { query });
  }

  policy(): Promise<IncidentPolicy> {
    return this.send("GET", "/api/policy");
  }

  /**
   * Opens the SSE stream (resolving once the server accepted it, so a missing incident
   * rejects here) and keeps it open: a dropped connection is reopened with
   * `Last-Event-ID` set to the last position seen, so nothing is missed or repeated.
   */
  async follow(
    scope: { incidentId?: string; afterPosition: number },
    onEntry: (entry: LiveEntry) => void,
    onError?: (error: Error) => void,
  ): Promise<Subscription> {
    const path = scope.incidentId === undefined ? "/api/stream" : `${incidentPath(scope.incidentId)}/stream`;
    const controller = new AbortController();
    this.streams.add(controller);
    const close = () => {
      controller.abort();
      this.streams.delete(controller);
    };
    let last = scope.afterPosition;
    let first: Response;
    try {
      first = await this.openStream(path, last, controller.signal);
    } catch (error) {
      close();
      throw error;
    }
    const deliver = (entry: LiveEntry) => {
      if (entry.position <= last) return;
      last = entry.position;
      onEntry(entry);
    };
    void this.pump(path, first, controller.signal, deliver, () => last)
      .catch((error: unknown) => {
        if (!controller.signal.aborted) onError?.(error instanceof Error ? error : new Error(String(error)));
      })
      .finally(close);
    return { close };
  }

  async close(): Promise<void> {
    for (const controller of this.streams) controller.abort();
    this.streams.clear();
  }

  private async pump(
    path: string,
    first: Response,
    signal: AbortSignal,
    deliver: (entry: LiveEntry) => void,
    lastPosition: () => number,
  ): Promise<void> {
    let response: Response | undefined = first;
    /** The server's `retry:` advice, else our base delay. */
    let advised = this.reconnectDelayMs;
    let delay = advised;
    let attempt = 0;
    for (;;) {
      let dropped: Error | undefined;
      if (response) {
        try {
          advised = (await this.consume(response, signal, deliver)) ?? advised;
        } catch (error) {
          dropped = error instanceof Error ? error : new Error(String(error));
        }
        delay = advised;
      }
      if (signal.aborted) return;
      attempt += 1;
      this.onReconnect?.({ attempt, error: dropped, afterPosition: lastPosition() });
      await sleep(delay, signal);
      if (signal.aborted) return;
      try {
        response = await this.openStream(path, lastPosition(), signal);
        attempt = 0;
      } catch (error) {
        if (signal.aborted) return;
        // Only an unreachable server is worth waiting for; a refusal (404, 403…) is final.
        if (!(error instanceof WarroomError) || error.code !== "store.unavailable") throw error;
        response = undefined;
        delay = Math.min(delay * 2, this.maxReconnectDelayMs);
      }
    }
  }

  /** Reads one connection to its end; returns the server's `retry:` advice if any. */
  private async consume(
    response: Response,
    signal: AbortSignal,
    deliver: (entry: LiveEntry) => void,
  ): Promise<number | undefined> {
    const body = response.body;
    if (!body) return undefined;
    const reader = body.getReader();
    const decoder = new TextDecoder();
    const parser = new SseParser();
    let retry: number | undefined;
    const onAbort = () => void reader.cancel().catch(() => undefined);
    signal.addEventListener("abort", onAbort, { once: true });
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        for (const message of parser.push(decoder.decode(value, { stream: true }))) {
          if (message.retry !== undefined) retry = message.retry;
          if (message.event !== "entry" || message.data === "") continue;
          const entry = JSON.parse(message.data) as LiveEntry;
          if (typeof entry.position !== "number" && message.id !== undefined) entry.position = Number(message.id);
          deliver(entry);
        }
      }
    } finally {
      signal.removeEventListener("abort", onAbort);
    }
    return retry;
  }

  private async openStream(path: string, afterPosition: number, signal: AbortSignal): Promise<Response> {
    const url = `${this.baseUrl}${path}`;
    let response: Response;
    try {
      response = await this.fetchFn(url, {
        headers: { accept: "text/event-stream", "last-event-id": String(afterPosition), ...this.auth },
        signal,
      });
    } catch (error) {
      if (isAbort(error)) throw error;
      throw unreachable(this.baseUrl, error);
    }
    if (!response.ok) throw await errorFromResponse(response, this.baseUrl);
    return response;
  }

  /** Any other route (people, tokens…): JSON in, JSON out, problems thrown as WarroomError. */
  request<T>(method: "GET" | "POST" | "PATCH" | "DELETE", path: string, body?: unknown, actor?: string): Promise<T> {
    return this.send(method, path, {
      ...(body === undefined ? {} : { body }),
      ...(actor === undefined ? {} : { call: { actor } }),
    });
  }

  private async send<T>(
    method: "GET" | "POST" | "PATCH" | "DELETE",
    path: string,
    init: { body?: unknown; call?: CallOptions; query?: Query } = {},
  ): Promise<T> {
    const headers: Record<string, string> = { accept: "application/json", ...this.auth };
    if (init.body !== undefined) headers["content-type"] = "application/json";
    if (init.call) {
      if (this.sendActor) headers["warroom-actor"] = headerSafe(init.call.actor);
      if (init.call.expectedVersion !== undefined) headers["if-match"] = String(init.call.expectedVersion);
      if (init.call.idempotencyKey !== undefined) headers["idempotency-key"] = headerSafe(init.call.idempotencyKey);
    }
    const url = `${this.baseUrl}${path}${queryString(init.query)}`;
    let response: Response;
    try {
      response = await this.fetchFn(url, {
        method,
        headers,
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      });
    } catch (error) {
      throw unreachable(this.baseUrl, error);
    }
    if (!response.ok) throw await errorFromResponse(response, this.baseUrl);
    const text = await response.text();
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new WarroomError("internal", `the Warroom server at ${this.baseUrl} sent a response that is not JSON`);
    }
  }
}

function incidentPath(incidentId: string): string {
  return `/api/incidents/${encodeURIComponent(incidentId)}`;
}

function queryString(query: Query | undefined): string {
  if (!query) return "";
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== "") params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** Header values must be ASCII: non-ASCII handles travel percent-encoded. */
function headerSafe(value: string): string {
  return /^[\x20-\x7e]*$/.test(value) ? value : encodeURIComponent(value);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}
