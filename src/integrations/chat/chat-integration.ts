/**
 * Everything chat needs, built once from config: the Slack Web API client (when a bot
 * token is set), who is who, the chat ledger, the mirror and the replay guard. The server
 * starts and stops it with itself; the HTTP routes use it to verify and answer.
 */
import type { WarroomApp } from "../../app/warroom-app.js";
import type { ChatConfig } from "./chat-config.js";
import { ChatLedger } from "./chat-ledger.js";
import { ChatPeople } from "./chat-people.js";
import { ChatMirror } from "./mirror.js";
import { SlackApi } from "./slack-api.js";
import { ReplayGuard } from "./verify.js";

export type ChatLog = (message: string, error?: unknown) => void;

export class ChatIntegration {
  readonly people: ChatPeople;
  readonly ledger: ChatLedger;
  readonly slack: SlackApi | null;
  /** The mirror while this instance runs it (see startMirror); a fresh one each time. */
  mirror: ChatMirror | null = null;
  readonly replays = new ReplayGuard();

  constructor(
    readonly app: WarroomApp,
    readonly config: ChatConfig,
    readonly log: ChatLog = () => undefined,
  ) {
    this.people = new ChatPeople(app.people, { slack: config.slack.users, mattermost: config.mattermost.users });
    this.ledger = new ChatLedger(app.store);
    const { botToken, apiUrl } = config.slack;
    this.slack = botToken ? new SlackApi(botToken, apiUrl) : null;
  }

  /** Loads the ledger (which channel is which incident), as slash commands and buttons need it. */
  async start(): Promise<void> {
    await this.ledger.load();
  }

  /**
   * Starts mirroring timelines to Slack, when a bot token is set. Only one server of a
   * deployment does it at a time (the background leader), so it may start again after a
   * stop: each start makes a new mirror that resumes from the progress in the ledger.
   */
  async startMirror(): Promise<void> {
    if (this.slack === null || this.mirror !== null) return;
    const { app, config, log } = this;
    this.mirror = new ChatMirror({
      app,
      slack: this.slack,
      ledger: this.ledger,
      people: this.people,
      channelPrefix: config.slack.channelPrefix,
      retryBaseMs: config.slack.retryBaseMs,
      log,
    });
    await this.mirror.start();
  }

  async stopMirror(): Promise<void> {
    const mirror = this.mirror;
    this.mirror = null;
    await mirror?.stop();
  }

  async stop(): Promise<void> {
    await this.stopMirror();
  }
}
