/** The chat routes are in the OpenAPI document, marked as verified by signature rather than a token. */
import { describe, expect, it } from "vitest";
import { chatFixture } from "./helpers.js";

describe("chat routes in /openapi.json", () => {
  it("lists each with access signed and no bearer token", async () => {
    const f = await chatFixture();
    try {
      const doc = (await f.http.inject({ method: "GET", url: "/openapi.json" })).json() as {
        paths: Record<string, { post?: { "x-warroom-access"?: string; security?: unknown[] } }>;
      };
      for (const path of [
        "/chat/slack/commands",
        "/chat/slack/interactions",
        "/chat/slack/events",
        "/chat/mattermost/commands",
      ]) {
        expect(doc.paths[path]?.post, path).toMatchObject({ "x-warroom-access": "signed", security: [] });
      }
    } finally {
      await f.close();
    }
  });
});
