/**
 * What chat remembers, as events in its own stream (`CHAT-slack`) of the main store, so
 * both store adapters, export/import and the audit chain carry it: where mirroring began,
 * each incident's channel, and how far each incident's timeline has been mirrored (by
 * global position, so a restart resumes after the last message sent and loses none).
 */
import { z } from "zod";
import { assertNever } from "../../domain/incident/evolve.js";
import { isWarroomError } from "../../domain/shared/errors.js";
import type { EventStore } from "../../store/event-store.js";

export const CHAT_STREAM = "CHAT-slack";

export const chatEventSchema = z.discriminatedUnion("type", [
  /** Incidents declared at or before this position are not mirrored (chat was set up later). */
  z.object({ type: z.literal("ChatMirrorStarted"), afterPosition: z.number().int().min(0) }),
  z.object({
    type: z.literal("ChatChannelOpened"),
    incidentId: z.string(),
    channelId: z.string(),
    name: z.string(),
    private: z.boolean(),
  }),
  z.object({ type: z.literal("ChatMirrored"), incidentId: z.string(), throughPosition: z.number().int().min(0) }),
  /** The pinned summary's message, kept up to date as the incident changes. */
  z.object({ type: z.literal("ChatSummaryPosted"), incidentId: z.string(), ts: z.string() }),
]);
export type ChatEvent = z.infer<typeof chatEventSchema>;

export interface IncidentChannel {
  incidentId: string;
  channelId: string;
  name: string;
  private: boolean;
}

export class ChatLedger {
  private version = 0;
  private started: number | null = null;
  private readonly channels = new Map<string, IncidentChannel>();
  private readonly byChannelId = new Map<string, IncidentChannel>();
  private readonly mirrored = new Map<string, number>();
  private readonly summaries = new Map<string, string>();

  constructor(private readonly store: EventStore) {}

  async load(): Promise<void> {
    for (const data of await this.store.readStreamData(CHAT_STREAM, this.version)) {
      this.version += 1;
      const parsed = chatEventSchema.safeParse(data);
      if (parsed.success) this.apply(parsed.data);
    }
  }

  get startedAfter(): number | null {
    return this.started;
  }

  channelOf(incidentId: string): IncidentChannel | undefined {
    return this.channels.get(incidentId);
  }

  incidentOfChannel(channelId: string): string | null {
    return this.byChannelId.get(channelId)?.incidentId ?? null;
  }

  summaryOf(incidentId: string): string | undefined {
    return this.summaries.get(incidentId);
  }

  mirroredThrough(incidentId: string): number {
    return this.mirrored.get(incidentId) ?? 0;
  }

  /** Appends, expecting the version read; another writer in between means reload and go again. */
  async record(event: ChatEvent): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        const result = await this.store.append({
          streamId: CHAT_STREAM,
          expectedVersion: this.version,
          events: [{ type: event.type, data: event }],
        });
        this.version = result.version;
        this.apply(event);
        return;
      } catch (error) {
        if (!isWarroomError(error) || error.code !== "stream.version_conflict" || attempt >= 3) throw error;
        await this.load();
      }
    }
  }

  private apply(event: ChatEvent): void {
    switch (event.type) {
      case "ChatMirrorStarted":
        this.started ??= event.afterPosition;
        return;
      case "ChatChannelOpened": {
        const { type: _type, ...channel } = event;
        this.channels.set(event.incidentId, channel);
        this.byChannelId.set(event.channelId, channel);
        return;
      }
      case "ChatMirrored":
        this.mirrored.set(event.incidentId, Math.max(this.mirroredThrough(event.incidentId), event.throughPosition));
        return;
      case "ChatSummaryPosted":
        this.summaries.set(event.incidentId, event.ts);
        return;
      default:
        assertNever(event);
    }
  }
}
