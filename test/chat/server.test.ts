/**
 * `warroom serve` with chat configured, over real sockets: a signed slash command declares,
 * the server's mirror opens the channel on the recording Slack, and closing the server stops it.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildConfig } from "../../src/app/config.js";
import { startServer } from "../../src/http/server.js";
import { slackSignature } from "../../src/integrations/chat/verify.js";
import { SIGNING_SECRET, SLACK_USERS, slashForm } from "./helpers.js";
import { SlackRecorder } from "./slack-recorder.js";

describe("the server runs the chat mirror", () => {
  let dir: string;
  let slack: SlackRecorder;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "warroom-chat-server-"));
    slack = new SlackRecorder();
    await slack.start();
  });
  afterEach(async () => {
    await slack.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("declares from a signed request over HTTP and opens the channel; stops with the server", async () => {
    const config = buildConfig({
      dbPath: join(dir, "warroom.db"),
      port: 0,
      logLevel: "silent",
      reminderIntervalMs: 0,
      chat: {
        slack: {
          signingSecret: SIGNING_SECRET,
          botToken: "xoxb-srv",
          apiUrl: slack.apiUrl,
          users: SLACK_USERS,
          retryBaseMs: 5,
        },
      },
    });
    const server = await startServer({ config });
    try {
      const body = slashForm('declare "Login failing" --sev SEV-1');
      const timestamp = String(Math.floor(Date.now() / 1000));
      const response = await fetch(`${server.url}/chat/slack/commands`, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "x-slack-request-timestamp": timestamp,
          "x-slack-signature": slackSignature(SIGNING_SECRET, timestamp, body),
        },
        body,
      });
      expect(response.status).toBe(200);
      expect(((await response.json()) as { text: string }).text).toContain('INC-1 declared: SEV-1 "Login failing"');
      for (let i = 0; i < 500 && slack.callsOf("pins.add").length === 0; i++)
        await new Promise((r) => setTimeout(r, 10));
      expect(slack.calls.map((c) => c.method)).toEqual([
        "conversations.create",
        "conversations.invite",
        "chat.postMessage",
        "pins.add",
      ]);
      expect(slack.calls[0]?.authorization).toBe("Bearer xoxb-srv");
    } finally {
      await server.close();
    }
    const after = slack.attempts;
    await new Promise((r) => setTimeout(r, 50));
    expect(slack.attempts).toBe(after);
  });
});
