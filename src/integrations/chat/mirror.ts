/**
 * After commit, each incident's timeline goes to its Slack channel, in order. On
 * `IncidentDeclared` the channel is opened (private for private incidents), the role holders
 * invited and the summary posted and pinned; later role changes invite the new holders.
 * Each incident has its own queue: a failure waits (Retry-After on 429, else doubling back-off)
 * and tries the same entry again, so nothing is skipped or reordered, and the command that
 * produced the entry never waits for Slack. Progress is recorded by global position
 * (`chat-ledger.ts`), so a restart resumes where it stopped. Drills are not mirrored.
 */
import { AsyncResource } from "node:async_hooks";
import type { LiveEntry, Subscription } from "../../app/api.js";
import type { WarroomApp } from "../../app/warroom-app.js";
import { Waits } from "../retry.js";
import type { ChatLedger } from "./chat-ledger.js";
import type { ChatPeople } from "./chat-people.js";
import { channelName, entryMessage, summaryMessage } from "./messages.js";
import { platformError, retryDelayMs, type SlackApi } from "./slack-api.js";

export interface MirrorOptions {
  app: WarroomApp;
  slack: SlackApi;
  ledger: ChatLedger;
  people: ChatPeople;
  channelPrefix: string;
  retryBaseMs: number;
  log: (message: string, error?: unknown) => void;
}

const ROLE_EVENTS = new Set(["RoleAssigned", "RoleHandedOver", "CommandHandedOver"]);
const CHECKPOINT_EVERY = 50;
/** Entries that change what the pinned summary says. */
const SUMMARY_EVENTS = new Set([
  ...ROLE_EVENTS,
  "RoleReleased",
  "SeverityChanged",
  "StatusChanged",
  "IncidentResolved",
  "IncidentReopened",
]);

interface Opening {
  summaryTs?: string;
  summaryRecorded?: boolean;
  pinned?: boolean;
  invited?: boolean;
}

export class ChatMirror {
  private subscription: Subscription | null = null;
  private stopped = false;
  private readonly queues = new Map<string, LiveEntry[]>();
  private readonly running = new Map<string, Promise<void>>();
  private readonly skipped = new Set<string>();
  private readonly openings = new Map<string, Opening>();
  private readonly waits = new Waits();
  private idleWaiters: (() => void)[] = [];
  /**
   * Entries arrive inside whichever request committed them; the queues run in the context
   * the mirror was made in (the server's), so no request's identity rides along.
   */
  private readonly scope = new AsyncResource("warroom-chat-mirror");

  constructor(private readonly options: MirrorOptions) {}

  async start(): Promise<void> {
    const { app, ledger } = this.options;
    await ledger.load();
    if (ledger.startedAfter === null) {
      await app.refresh();
      await ledger.record({ type: "ChatMirrorStarted", afterPosition: app.livePosition });
    }
    this.subscription = await app.follow({ afterPosition: ledger.startedAfter ?? 0 }, (entry) => this.enqueue(entry));
  }

  /** Stops taking entries and ends waiting retries; what was not sent is sent after the next start. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.subscription?.close();
    this.waits.wake();
    await Promise.allSettled([...this.running.values()]);
  }

  /** Resolves when every queue is empty (tests; a graceful stop). */
  idle(): Promise<void> {
    if (this.running.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private enqueue(entry: LiveEntry): void {
    if (this.stopped || this.skipped.has(entry.incidentId)) return;
    if (entry.position <= this.options.ledger.mirroredThrough(entry.incidentId)) return;
    const queue = this.queues.get(entry.incidentId) ?? [];
    queue.push(entry);
    this.queues.set(entry.incidentId, queue);
    if (!this.running.has(entry.incidentId)) {
      const run = this.scope
        .runInAsyncScope(() => this.drain(entry.incidentId))
        .finally(() => {
          this.running.delete(entry.incidentId);
          if (this.running.size === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
        });
      this.running.set(entry.incidentId, run);
    }
  }

  private async drain(incidentId: string): Promise<void> {
    const { ledger } = this.options;
    const queue = this.queues.get(incidentId) ?? [];
    let through = ledger.mirroredThrough(incidentId);
    // Entries may arrive while progress is being recorded: go round until none is left.
    // Progress is recorded at least every CHECKPOINT_EVERY entries, so a steady stream of
    // entries cannot leave a long tail to post again after a crash.
    while (queue.length > 0 && !this.stopped) {
      for (let sent = 0; queue.length > 0 && !this.stopped && sent < CHECKPOINT_EVERY; sent++) {
        const entry = queue[0] as LiveEntry;
        if (!(await this.withRetry(incidentId, () => this.handle(entry)))) break;
        // A separate step, so a failed refresh never posts the entry twice.
        if (SUMMARY_EVENTS.has(entry.type) && !(await this.withRetry(incidentId, () => this.refreshSummary(entry))))
          break;
        queue.shift();
        through = Math.max(through, entry.position);
      }
      if (through > ledger.mirroredThrough(incidentId) && ledger.channelOf(incidentId)) {
        await ledger
          .record({ type: "ChatMirrored", incidentId, throughPosition: through })
          .catch((error) => this.options.log(`recording chat progress for ${incidentId} failed`, error));
      }
    }
  }

  /** True once `step` succeeded or failed for good (logged); false when stopped meanwhile. */
  private async withRetry(incidentId: string, step: () => Promise<void>): Promise<boolean> {
    for (let attempt = 0; !this.stopped; attempt++) {
      try {
        await step();
        return true;
      } catch (error) {
        const delay = retryDelayMs(error, attempt, this.options.retryBaseMs);
        if (delay === null) {
          this.options.log(`Slack refused a call for ${incidentId}; skipping it`, error);
          return true;
        }
        this.options.log(`Slack call for ${incidentId} failed; trying again in ${delay} ms`, error);
        await this.waits.sleep(delay);
      }
    }
    return false;
  }

  private async handle(entry: LiveEntry): Promise<void> {
    const channel = this.options.ledger.channelOf(entry.incidentId);
    if (entry.type === "IncidentDeclared") {
      await this.open(entry);
      return;
    }
    if (!channel) return; // declared before chat was set up, or a drill
    if (ROLE_EVENTS.has(entry.type)) await this.inviteRoles(entry.incidentId, channel.channelId);
    await this.options.slack.post(channel.channelId, entryMessage(entry));
  }

  /** Each step is done once: a retry after a failure carries on from the step that failed. */
  private async open(entry: LiveEntry): Promise<void> {
    const { app, slack, ledger } = this.options;
    const detail = await app.getIncident(entry.incidentId);
    if (detail.mode === "drill") {
      this.skipped.add(entry.incidentId);
      return;
    }
    let channel = ledger.channelOf(entry.incidentId);
    if (!channel) {
      const base = channelName(this.options.channelPrefix, detail.id, detail.title);
      const { id, name } = await this.createChannel(base, detail.private);
      await ledger.record({
        type: "ChatChannelOpened",
        incidentId: detail.id,
        channelId: id,
        name,
        private: detail.private,
      });
      channel = ledger.channelOf(entry.incidentId);
    }
    if (!channel) return;
    const opening = this.openings.get(detail.id) ?? {};
    this.openings.set(detail.id, opening);
    if (!opening.invited) {
      await this.inviteRoles(detail.id, channel.channelId);
      opening.invited = true;
    }
    opening.summaryTs ??= await slack.post(channel.channelId, summaryMessage(detail, await app.policy()));
    if (!opening.summaryRecorded) {
      await ledger.record({ type: "ChatSummaryPosted", incidentId: detail.id, ts: opening.summaryTs });
      opening.summaryRecorded = true;
    }
    if (!opening.pinned) {
      await slack.pin(channel.channelId, opening.summaryTs).catch((error) => {
        if (platformError(error) !== "already_pinned") throw error;
      });
      opening.pinned = true;
    }
    this.openings.delete(detail.id);
  }

  /** The pinned summary, rewritten with the incident as it is now. */
  private async refreshSummary(entry: LiveEntry): Promise<void> {
    const channel = this.options.ledger.channelOf(entry.incidentId);
    const ts = this.options.ledger.summaryOf(entry.incidentId);
    if (!channel || !ts) return;
    const detail = await this.options.app.getIncident(entry.incidentId);
    await this.options.slack.update(channel.channelId, ts, summaryMessage(detail, await this.options.app.policy()));
  }

  /** A taken name gets -2, -3 … */
  private async createChannel(base: string, isPrivate: boolean): Promise<{ id: string; name: string }> {
    for (let n = 1; ; n++) {
      const name = n === 1 ? base : `${base.slice(0, 76)}-${n}`;
      try {
        return { id: await this.options.slack.createChannel(name, isPrivate), name };
      } catch (error) {
        if (platformError(error) !== "name_taken" || n >= 20) throw error;
      }
    }
  }

  /** Invites whoever holds a role now; someone already there, or not in Slack, is not an error. */
  private async inviteRoles(incidentId: string, channelId: string): Promise<void> {
    const detail = await this.options.app.getIncident(incidentId);
    const holders = Object.values(detail.roles).map((holder) => holder.person);
    const ids = await this.options.people.idsOf("slack", holders);
    try {
      await this.options.slack.invite(channelId, ids);
    } catch (error) {
      const code = platformError(error);
      if (code === null) throw error;
      if (code !== "already_in_channel") this.options.log(`inviting to ${incidentId}'s channel: ${code}`);
    }
  }
}
