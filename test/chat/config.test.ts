/** The chat section of the config: defaults, secrets from the environment over the file, bad values named. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildConfig, loadConfig } from "../../src/app/config.js";

describe("chat config", () => {
  it("defaults to Slack's API and nothing set up", () => {
    const { chat } = buildConfig({});
    expect(chat.slack).toMatchObject({ apiUrl: "https://slack.com/api/", channelPrefix: "inc-", users: {} });
    expect(chat.slack.signingSecret).toBeUndefined();
    expect(chat.mattermost.token).toBeUndefined();
  });

  it("takes secrets from the environment over the file, keeping the file's other chat settings", () => {
    const dir = mkdtempSync(join(tmpdir(), "warroom-chat-config-"));
    try {
      const path = join(dir, "warroom.config.json");
      const fileChat = {
        slack: { signingSecret: "from-file", apiUrl: "http://127.0.0.1:9/api/", users: { "alex-ic": "U1" } },
      };
      writeFileSync(path, JSON.stringify({ chat: fileChat }));
      const config = loadConfig({}, { WARROOM_SLACK_SIGNING_SECRET: "from-env", WARROOM_MATTERMOST_TOKEN: "mm" }, path);
      expect(config.chat.slack).toMatchObject({
        signingSecret: "from-env",
        apiUrl: "http://127.0.0.1:9/api/",
        users: { "alex-ic": "U1" },
      });
      expect(config.chat.mattermost.token).toBe("mm");
      expect(loadConfig({}, {}, path).chat.slack.signingSecret).toBe("from-file");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("names each bad chat setting", () => {
    expect(() =>
      buildConfig({ chat: { slack: { apiUrl: "not a url", channelPrefix: "INC ", users: { "bad handle": "U1" } } } }),
    ).toThrow(/chat\.slack\.apiUrl[\s\S]*chat\.slack\.channelPrefix[\s\S]*chat\.slack\.users/);
    expect(() => buildConfig({ chat: { teams: {} } })).toThrow(/chat/);
  });
});
