/**
 * Outgoing webhooks live in the event store like everything else: the subscriptions in
 * `WHK-index`, and each subscription's delivery log and cursor in `WHK-<id>` (a delivered
 * event moves the cursor; a replay request moves it back). A restart, or another process,
 * folds the same streams and resumes where delivery stopped.
 */
import { z } from "zod";

export const WEBHOOK_INDEX_STREAM = "WHK-index";
export const webhookStreamId = (id: string) => `WHK-${id}`;
/** The delivery log kept in memory and shown, per subscription (the stream keeps everything). */
export const LOG_LIMIT = 200;

export const webhookEventSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("WebhookSubscribed"),
    at: z.string(),
    by: z.string(),
    id: z.string(),
    url: z.string(),
    /** Incident event types to send, or `*` for all. */
    events: z.array(z.string()).min(1),
    secret: z.string(),
    description: z.string(),
    includePrivate: z.boolean(),
    /** The store's head when subscribed: delivery starts after it. */
    startAfter: z.number().int().min(0),
  }),
  z.object({
    type: z.literal("WebhookUpdated"),
    at: z.string(),
    by: z.string(),
    id: z.string(),
    url: z.string().optional(),
    events: z.array(z.string()).min(1).optional(),
    description: z.string().optional(),
    includePrivate: z.boolean().optional(),
    secret: z.string().optional(),
  }),
  z.object({ type: z.literal("WebhookRemoved"), at: z.string(), by: z.string(), id: z.string() }),
  z.object({
    type: z.literal("WebhookDelivered"),
    at: z.string(),
    position: z.number().int(),
    eventType: z.string(),
    incidentId: z.string(),
    attempt: z.number().int().min(1),
    status: z.number().int(),
  }),
  z.object({
    type: z.literal("WebhookAttemptFailed"),
    at: z.string(),
    position: z.number().int(),
    eventType: z.string(),
    incidentId: z.string(),
    attempt: z.number().int().min(1),
    status: z.number().int().nullable(),
    error: z.string(),
    retryAt: z.string(),
  }),
  z.object({
    type: z.literal("WebhookReplayRequested"),
    at: z.string(),
    by: z.string(),
    /** Events at this position and after are sent again. */
    fromPosition: z.number().int().min(1),
  }),
]);
export type WebhookEvent = z.infer<typeof webhookEventSchema>;
type Subscribed = Extract<WebhookEvent, { type: "WebhookSubscribed" }>;

export interface Subscription extends Omit<Subscribed, "type" | "at" | "by"> {
  createdAt: string;
  createdBy: string;
}

export interface DeliveryLogEntry {
  at: string;
  position: number;
  eventType: string;
  incidentId: string;
  attempt: number;
  outcome: "delivered" | "failed";
  status: number | null;
  error?: string;
  retryAt?: string;
}

export interface IndexState {
  version: number;
  subscriptions: Map<string, Subscription>;
  /** Every id ever used (removed ones too), so a new subscription never reuses one. */
  issued: number;
}

/** A stored event with its version in the stream: folding skips what the state already has. */
export interface Versioned {
  version: number;
  data: unknown;
}

/**
 * Folds in place. Two reads racing (a listing and the deliverer) may both bring the same
 * events; each is applied once, by its version.
 */
export function foldIndex(state: IndexState, events: readonly Versioned[]): IndexState {
  for (const stored of events) {
    if (stored.version <= state.version) continue;
    const event = webhookEventSchema.parse(stored.data);
    state.version = stored.version;
    if (event.type === "WebhookSubscribed") {
      const { type: _type, at, by, ...rest } = event;
      state.subscriptions.set(event.id, { ...rest, createdAt: at, createdBy: by });
      state.issued += 1;
    } else if (event.type === "WebhookUpdated") {
      const current = state.subscriptions.get(event.id);
      if (current) {
        const { type: _type, at: _at, by: _by, id: _id, ...changes } = event;
        state.subscriptions.set(event.id, { ...current, ...changes });
      }
    } else if (event.type === "WebhookRemoved") {
      state.subscriptions.delete(event.id);
    }
  }
  return state;
}

export interface CursorState {
  version: number;
  /** Events after this position are still to send. */
  cursor: number | null;
  log: DeliveryLogEntry[];
  delivered: number;
  failures: number;
}

export function foldCursor(state: CursorState, events: readonly Versioned[]): CursorState {
  for (const stored of events) {
    if (stored.version <= state.version) continue;
    const event = webhookEventSchema.parse(stored.data);
    state.version = stored.version;
    switch (event.type) {
      case "WebhookDelivered":
        state.cursor = event.position;
        state.delivered += 1;
        pushLog(state, { ...pick(event), outcome: "delivered", status: event.status });
        break;
      case "WebhookAttemptFailed":
        state.failures += 1;
        pushLog(state, {
          ...pick(event),
          outcome: "failed",
          status: event.status,
          error: event.error,
          retryAt: event.retryAt,
        });
        break;
      case "WebhookReplayRequested":
        state.cursor = event.fromPosition - 1;
        break;
      default:
        break;
    }
  }
  return state;
}

function pick(event: { at: string; position: number; eventType: string; incidentId: string; attempt: number }) {
  return {
    at: event.at,
    position: event.position,
    eventType: event.eventType,
    incidentId: event.incidentId,
    attempt: event.attempt,
  };
}

function pushLog(state: CursorState, entry: DeliveryLogEntry): void {
  state.log.push(entry);
  if (state.log.length > LOG_LIMIT) state.log.splice(0, state.log.length - LOG_LIMIT);
}
