/**
 * A Warroom app with chat on: SQLite file, manual clock, the HTTP app with the chat routes,
 * and Slack played by the recording server. Requests are signed exactly as Slack signs them.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { buildConfig, type ConfigInput } from "../../src/app/config.js";
import { createWarroomApp } from "../../src/app/create-app.js";
import type { WarroomApp } from "../../src/app/warroom-app.js";
import { ManualClock } from "../../src/domain/shared/clock.js";
import { buildHttpApp } from "../../src/http/build-http-app.js";
import { ChatIntegration } from "../../src/integrations/chat/chat-integration.js";
import { slackSignature } from "../../src/integrations/chat/verify.js";
import { SlackRecorder } from "./slack-recorder.js";

export const SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
export const MATTERMOST_TOKEN = "xr3j5x3p4pfjpm7hv7tjy3bgrr";
export const START = "2026-03-07T02:00:00.000Z";

/** Slack member ids of the people in the tests. */
export const SLACK_USERS = { "alex-ic": "U0ALEX", "sarah-db": "U0SARAH", "lisa-sre": "U0LISA", "mike-app": "U0MIKE" };

export interface ChatFixture {
  app: WarroomApp;
  http: FastifyInstance;
  chat: ChatIntegration;
  slack: SlackRecorder;
  clock: ManualClock;
  head(): Promise<number>;
  /** Restart chat (a server restart): a new integration on the same store. */
  restartChat(): Promise<ChatIntegration>;
  close(): Promise<void>;
}

export async function chatFixture(
  chatConfig: Partial<NonNullable<ConfigInput["chat"]>> = {},
  /** `auth`: the server's token mode (`tokens` is the default in production; signed routes need no token). */
  options: { startChat?: boolean; auth?: "tokens" | "off" } = {},
): Promise<ChatFixture> {
  const dir = mkdtempSync(join(tmpdir(), "warroom-chat-"));
  const slack = new SlackRecorder();
  await slack.start();
  const clock = new ManualClock(START);
  const config = buildConfig({
    dbPath: join(dir, "warroom.db"),
    chat: {
      slack: {
        signingSecret: SIGNING_SECRET,
        botToken: "xoxb-test",
        apiUrl: slack.apiUrl,
        users: SLACK_USERS,
        retryBaseMs: 5,
      },
      mattermost: { token: MATTERMOST_TOKEN, users: { "lisa-sre": "lisa" } },
      ...chatConfig,
    },
  });
  const app = await createWarroomApp(config, { clock });
  let chat = new ChatIntegration(app, config.chat);
  if (options.startChat !== false) {
    await chat.start();
    await chat.startMirror();
  }
  const http = buildHttpApp({
    app,
    bodyLimitBytes: config.bodyLimitBytes,
    chat,
    auth: { mode: options.auth ?? "off" },
  });
  return {
    app,
    http,
    get chat() {
      return chat;
    },
    slack,
    clock,
    head: () => app.store.headPosition(),
    async restartChat() {
      await chat.stop();
      chat = new ChatIntegration(app, config.chat);
      await chat.start();
      await chat.startMirror();
      return chat;
    },
    async close() {
      await chat.stop();
      await http.close();
      await app.close();
      await slack.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface SignOptions {
  /** Seconds since the epoch; the fixture clock's now by default. */
  timestamp?: number;
  secret?: string;
  signature?: string | null;
  contentType?: string;
}

/** POSTs `body` signed as Slack signs: v0=HMAC-SHA256(secret, "v0:" + ts + ":" + body). */
export function slackPost(
  fixture: ChatFixture,
  url: string,
  body: string,
  options: SignOptions = {},
): Promise<LightMyRequestResponse> {
  const timestamp = String(options.timestamp ?? Math.floor(fixture.clock.now() / 1000));
  const signature =
    options.signature === undefined
      ? slackSignature(options.secret ?? SIGNING_SECRET, timestamp, body)
      : options.signature;
  return fixture.http.inject({
    method: "POST",
    url,
    headers: {
      "content-type": options.contentType ?? "application/x-www-form-urlencoded",
      "x-slack-request-timestamp": timestamp,
      ...(signature === null ? {} : { "x-slack-signature": signature }),
    },
    payload: body,
  });
}

let triggers = 0;

/** The form Slack sends for `/incident <text>`, typed by `user` in `channel`. */
export function slashForm(text: string, user = SLACK_USERS["alex-ic"], channel = "C_GENERAL"): string {
  return new URLSearchParams({
    token: "legacy-verification-token",
    team_id: "T0001",
    team_domain: "example",
    channel_id: channel,
    channel_name: "general",
    user_id: user,
    user_name: "someone",
    command: "/incident",
    text,
    response_url: "https://hooks.slack.com/commands/T0001/1/abc",
    // Each invocation has its own trigger id, so two identical commands are two requests.
    trigger_id: `13345224609.738474920.${(triggers++).toString(16).padStart(8, "0")}`,
  }).toString();
}

export async function slash(fixture: ChatFixture, text: string, user?: string, channel?: string) {
  const response = await slackPost(fixture, "/chat/slack/commands", slashForm(text, user, channel));
  if (response.statusCode !== 200) throw new Error(`slash ${text}: ${response.statusCode} ${response.body}`);
  return response.json() as { response_type: string; text: string };
}

/** Gives a linked chat user an API token of `role` (adding them to the directory first): their role in chat. */
export async function grantToken(
  fixture: ChatFixture,
  handle: string,
  role: "viewer" | "responder" | "commander" | "admin",
) {
  const acting = { actor: "admin" };
  if (!fixture.app.people.get(handle)) await fixture.app.people.add({ handle, name: handle }, acting);
  return fixture.app.tokens.create({ person: handle, role, name: "chat test" }, acting);
}

/** Waits for the mirror to empty its queues. */
export async function mirrored(fixture: ChatFixture): Promise<void> {
  await fixture.app.refresh();
  await fixture.chat.mirror?.idle();
}
