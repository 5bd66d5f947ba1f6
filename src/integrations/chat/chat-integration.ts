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
  readonly mirror: ChatMirror | null;
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
    this.mirror = this.slack
      ? new ChatMirror({
          app,
          slack: this.slack,
          ledger: this.ledger,
          people: this.people,
          channelPrefix: config.slack.channelPrefix,
          retryBaseMs: config.slack.retryBaseMs,
          log,
        })
      : null;
  }

  /** Loads the ledger (which channel is which incident) and starts mirroring if Slack is set up. */
  async start(): Promise<void> {
    if (this.mirror) await this.mirror.start();
    else await this.ledger.load();
  }

  async stop(): Promise<void> {
    await this.mirror?.stop();
  }
}
