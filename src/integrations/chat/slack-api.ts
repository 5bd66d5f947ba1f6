/**
 * The few Slack Web API calls Warroom makes, through `@slack/web-api` with the configured
 * base URL. The client's own retrying is off: the mirror decides when to try again (it
 * must keep order per channel and never hold up a command), so every failure surfaces here.
 */
import {
  LogLevel,
  WebAPIHTTPError,
  WebAPIPlatformError,
  WebAPIRateLimitedError,
  WebAPIRequestError,
  WebClient,
} from "@slack/web-api";
import { doublingDelay } from "../retry.js";

export interface SlackMessage {
  text: string;
  blocks?: unknown[];
}

export interface ChannelMessage {
  ts: string;
  text: string;
  user?: string;
  /** Posted by an app (ours included), not a person. */
  bot: boolean;
}

export class SlackApi {
  private readonly client: WebClient;

  constructor(botToken: string, apiUrl: string) {
    this.client = new WebClient(botToken, {
      slackApiUrl: apiUrl.endsWith("/") ? apiUrl : `${apiUrl}/`,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      logLevel: LogLevel.ERROR,
      timeout: 10_000,
      allowAbsoluteUrls: false,
    });
  }

  async createChannel(name: string, isPrivate: boolean): Promise<string> {
    const result = await this.client.conversations.create({ name, is_private: isPrivate });
    const id = result.channel?.id;
    if (!id) throw new Error("conversations.create answered without a channel id");
    return id;
  }

  async invite(channel: string, users: string[]): Promise<void> {
    if (users.length === 0) return;
    await this.client.conversations.invite({ channel, users: users.join(",") });
  }

  async post(channel: string, message: SlackMessage): Promise<string> {
    const result = await this.client.chat.postMessage({
      channel,
      text: message.text,
      ...(message.blocks ? { blocks: message.blocks as never } : {}),
      unfurl_links: false,
    });
    return result.ts ?? "";
  }

  async update(channel: string, ts: string, message: SlackMessage): Promise<void> {
    await this.client.chat.update({
      channel,
      ts,
      text: message.text,
      ...(message.blocks ? { blocks: message.blocks as never } : {}),
    });
  }

  async pin(channel: string, ts: string): Promise<void> {
    await this.client.pins.add({ channel, timestamp: ts });
  }

  /** One message by its timestamp: the channel's history first, then thread replies. */
  async message(channel: string, ts: string): Promise<ChannelMessage | null> {
    const history = await this.client.conversations.history({
      channel,
      latest: ts,
      oldest: ts,
      inclusive: true,
      limit: 1,
    });
    const found = history.messages?.find((m) => m.ts === ts);
    if (found)
      return { ts, text: found.text ?? "", bot: Boolean(found.bot_id), ...(found.user ? { user: found.user } : {}) };
    const replies = await this.client.conversations.replies({ channel, ts, inclusive: true, limit: 1 });
    const reply = replies.messages?.find((m) => m.ts === ts);
    if (!reply) return null;
    return { ts, text: reply.text ?? "", bot: Boolean(reply.bot_id), ...(reply.user ? { user: reply.user } : {}) };
  }
}

/** Slack's platform error code (`name_taken`, `already_in_channel`…), or null for transport failures. */
export function platformError(error: unknown): string | null {
  return error instanceof WebAPIPlatformError ? String(error.data.error) : null;
}

const TRANSIENT_PLATFORM = new Set([
  "internal_error",
  "fatal_error",
  "service_unavailable",
  "request_timeout",
  "ratelimited",
]);

/**
 * How long to wait before trying again, or null when trying again cannot help
 * (a platform refusal such as `channel_not_found`). Rate limits wait as long as Slack asks.
 */
export function retryDelayMs(error: unknown, attempt: number, baseMs: number): number | null {
  const backoff = doublingDelay(baseMs, attempt, 60_000);
  if (error instanceof WebAPIRateLimitedError) return Math.max(error.retryAfter * 1000, baseMs);
  if (error instanceof WebAPIHTTPError || error instanceof WebAPIRequestError) return backoff;
  const code = platformError(error);
  if (code !== null) return TRANSIENT_PLATFORM.has(code) ? backoff : null;
  return backoff;
}
