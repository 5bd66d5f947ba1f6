/**
 * Subscriptions and their delivery logs, read and written through the event store
 * (`webhook-events.ts`). Used by the HTTP routes, the CLI on a local file, and the
 * deliverer. Each write states the version it read; a concurrent writer makes it reload
 * and try again.
 */
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { parseOrFail } from "../../app/validation.js";
import { EVENT_TYPES } from "../../domain/incident/events.js";
import { type Clock, isoNow } from "../../domain/shared/clock.js";
import { fail, isWarroomError } from "../../domain/shared/errors.js";
import type { EventStore } from "../../store/event-store.js";
import { tryAppend } from "../try-append.js";
import {
  type CursorState,
  type DeliveryLogEntry,
  foldCursor,
  foldIndex,
  type IndexState,
  LOG_LIMIT,
  type Subscription,
  WEBHOOK_INDEX_STREAM,
  type WebhookEvent,
  webhookStreamId,
} from "./webhook-events.js";

const MAX_RETRIES = 10;
const ACTOR = /^[\p{L}\p{N}._-]{1,100}$/u;

function checkActor(actor: string): string {
  const handle = actor.trim().replace(/^@/, "");
  if (!ACTOR.test(handle)) fail("actor.missing", "say who is acting: a person handle such as sarah-db", "actor");
  return handle;
}

export const newSubscriptionSchema = z
  .object({
    url: z
      .url({ protocol: /^https?$/, error: "url must be an http:// or https:// URL" })
      .max(2000, "url is at most 2000 characters"),
    events: z
      .array(
        z.string().refine((v) => v === "*" || (EVENT_TYPES as string[]).includes(v), {
          error: `each event is * or an event type: ${EVENT_TYPES.join(", ")}`,
        }),
      )
      .min(1, "name at least one event type, or *")
      .max(100)
      .default(["*"]),
    description: z.string().max(500).default(""),
    includePrivate: z.boolean().default(false),
  })
  .strict();
export type NewSubscription = z.input<typeof newSubscriptionSchema>;

/** What may change: any of the fields, at least one. */
export const subscriptionChangesSchema = z
  .object({
    url: newSubscriptionSchema.shape.url.optional(),
    events: newSubscriptionSchema.shape.events.unwrap().optional(),
    description: z.string().max(500).optional(),
    includePrivate: z.boolean().optional(),
    /** A new signing secret, answered this once; the old one stops at once. */
    rotateSecret: z.literal(true).optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, {
    error: "change at least one of url, events, description, includePrivate, rotateSecret",
  });

/** What a listing shows: the secret only as its first characters. */
export interface SubscriptionView extends Omit<Subscription, "secret"> {
  secretHint: string;
  cursor: number;
  delivered: number;
  failures: number;
  lastDelivery: DeliveryLogEntry | null;
}

export class WebhookRegistry {
  private index: IndexState = { version: 0, subscriptions: new Map(), issued: 0 };
  private readonly cursors = new Map<string, CursorState>();

  constructor(
    readonly store: EventStore,
    readonly clock: Clock,
  ) {}

  /** The index stream's version as last read: it moves whenever a subscription is added, changed or removed. */
  get indexVersion(): number {
    return this.index.version;
  }

  async subscriptions(): Promise<Subscription[]> {
    await this.refreshIndex();
    return [...this.index.subscriptions.values()];
  }

  /** Adds a subscription; the answer carries its signing secret (shown this once). */
  async add(input: unknown, actor: string): Promise<Subscription> {
    const by = checkActor(actor);
    const body = parseOrFail(newSubscriptionSchema, input, "webhook subscription");
    const secret = newSecret();
    let id = "";
    await this.write(WEBHOOK_INDEX_STREAM, async (version) => {
      id = `WH${this.index.issued + 1}`;
      const event: WebhookEvent = {
        type: "WebhookSubscribed",
        at: isoNow(this.clock),
        by,
        id,
        url: body.url,
        events: [...new Set(body.events)],
        secret,
        description: body.description,
        includePrivate: body.includePrivate,
        startAfter: await this.store.headPosition(),
      };
      return { version, events: [event] };
    });
    return this.require(id);
  }

  /** Changes a subscription; delivery carries on from its cursor with the new settings. */
  async update(id: string, input: unknown, actor: string): Promise<SubscriptionView & { secret?: string }> {
    const key = normaliseId(id);
    const by = checkActor(actor);
    const { rotateSecret, ...changes } = parseOrFail(subscriptionChangesSchema, input, "webhook changes");
    const secret = rotateSecret ? newSecret() : undefined;
    await this.write(WEBHOOK_INDEX_STREAM, async (version) => {
      if (!this.index.subscriptions.has(key)) notFound(key);
      const events = changes.events ? { events: [...new Set(changes.events)] } : {};
      const rotated = secret === undefined ? {} : { secret };
      return {
        version,
        events: [{ type: "WebhookUpdated", at: isoNow(this.clock), by, id: key, ...changes, ...events, ...rotated }],
      };
    });
    const view = await this.get(key);
    return secret === undefined ? view : { ...view, secret };
  }

  async remove(id: string, actor: string): Promise<void> {
    const key = normaliseId(id);
    const by = checkActor(actor);
    await this.write(WEBHOOK_INDEX_STREAM, async (version) => {
      if (!this.index.subscriptions.has(key)) notFound(key);
      return { version, events: [{ type: "WebhookRemoved", at: isoNow(this.clock), by, id: key }] };
    });
  }

  async list(): Promise<SubscriptionView[]> {
    const out: SubscriptionView[] = [];
    for (const subscription of await this.subscriptions()) out.push(await this.view(subscription));
    return out;
  }

  async get(id: string): Promise<SubscriptionView> {
    return this.view(await this.require(id));
  }

  /** The latest delivery attempts, newest last (at most `limit`, itself at most the log's bound). */
  async deliveries(id: string, limit = 50): Promise<DeliveryLogEntry[]> {
    const subscription = await this.require(id);
    const state = await this.cursorState(subscription.id);
    return state.log.slice(-Math.min(Math.max(limit, 1), LOG_LIMIT));
  }

  /** Sends every matching event from `fromPosition` on again, in order. */
  async replay(id: string, fromPosition: number, actor: string): Promise<void> {
    if (!Number.isInteger(fromPosition) || fromPosition < 1) {
      fail("validation.failed", "fromPosition must be a whole number from 1", "fromPosition");
    }
    const by = checkActor(actor);
    const subscription = await this.require(id);
    await this.write(webhookStreamId(subscription.id), async (version) => ({
      version,
      events: [{ type: "WebhookReplayRequested", at: isoNow(this.clock), by, fromPosition }],
    }));
  }

  /** The subscription's cursor and log as of the latest commit. */
  async cursorState(id: string): Promise<CursorState> {
    const state = this.cursors.get(id) ?? { version: 0, cursor: null, log: [], delivered: 0, failures: 0 };
    foldCursor(state, await this.store.readStream(webhookStreamId(id), state.version));
    this.cursors.set(id, state);
    return state;
  }

  /** Appends delivery outcomes after the version read; false when another writer moved first. */
  record(id: string, expectedVersion: number, events: WebhookEvent[]): Promise<boolean> {
    return tryAppend(this.store, webhookStreamId(id), expectedVersion, events);
  }

  async require(id: string): Promise<Subscription> {
    const key = normaliseId(id);
    await this.refreshIndex();
    return this.index.subscriptions.get(key) ?? notFound(key);
  }

  private async view(subscription: Subscription): Promise<SubscriptionView> {
    const { secret, ...rest } = subscription;
    const state = await this.cursorState(subscription.id);
    return {
      ...rest,
      secretHint: `${secret.slice(0, 10)}…`,
      cursor: state.cursor ?? subscription.startAfter,
      delivered: state.delivered,
      failures: state.failures,
      lastDelivery: state.log.at(-1) ?? null,
    };
  }

  private async refreshIndex(): Promise<void> {
    foldIndex(this.index, await this.store.readStream(WEBHOOK_INDEX_STREAM, this.index.version));
  }

  private async write(
    stream: string,
    decide: (version: number) => Promise<{ version: number; events: WebhookEvent[] }>,
  ): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      await this.refreshIndex();
      const version =
        stream === WEBHOOK_INDEX_STREAM ? this.index.version : (await this.cursorState(stream.slice(4))).version;
      const { events } = await decide(version);
      try {
        await this.store.append({
          streamId: stream,
          expectedVersion: version,
          events: events.map((data) => ({ type: data.type, data })),
        });
        return;
      } catch (error) {
        const conflict = isWarroomError(error) && error.code === "stream.version_conflict";
        if (!conflict || attempt >= MAX_RETRIES) throw error;
      }
    }
  }
}

function newSecret(): string {
  return `whsec_${randomBytes(24).toString("base64url")}`;
}

/** "wh3", "3" and "WH3" all name WH3. */
function normaliseId(id: string): string {
  const trimmed = String(id).trim().toUpperCase();
  return /^\d+$/.test(trimmed) ? `WH${trimmed}` : trimmed;
}

function notFound(id: string): never {
  fail("webhook.not_found", `no webhook subscription ${id.slice(0, 40)}; see warroom webhook list`, "id");
}
