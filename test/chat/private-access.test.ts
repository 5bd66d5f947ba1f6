/**
 * A verified chat request acts as the linked person (with auth on or off): members of a private
 * incident can run commands on it from chat, others are told it does not exist (as the API
 * tells them), and nothing is appended for them.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type ChatFixture, chatFixture, grantToken, mirrored, SLACK_USERS, slackPost, slash } from "./helpers.js";

describe.each(["tokens", "off"] as const)("private incidents from chat, auth %s", (auth) => {
  let f: ChatFixture;
  let id: string;
  beforeEach(async () => {
    f = await chatFixture({}, { auth });
    await slash(f, 'declare "Invoices exposed" --sev SEV-1 --private');
    id = (await f.app.listIncidents())[0]?.id ?? "";
    await slash(f, `assign ${id} tech-lead @sarah-db`);
    await mirrored(f);
  });
  afterEach(async () => f.close());

  it("members act on it", async () => {
    // A status change is a commander's call: with auth on, sarah needs a commander token for it.
    if (auth === "tokens") await grantToken(f, "sarah-db", "commander");
    const reply = await slash(f, `status ${id} identified leaked export job found`, SLACK_USERS["sarah-db"]);
    expect(reply.text).toContain("Status investigating → identified");
    expect((await f.app.getIncident(id)).status).toBe("identified");
  });

  it("a non-member is told it does not exist, and nothing is appended", async () => {
    const head = await f.head();
    const reply = await slash(f, `sev ${id} SEV-3 looks small`, SLACK_USERS["mike-app"]);
    expect(reply.text).toContain(`incident ${id} does not exist`);
    const shown = await slash(f, `status ${id}`, SLACK_USERS["mike-app"]);
    expect(shown.text).toContain("does not exist");
    expect(await f.head()).toBe(head);
  });

  it("someone holding an admin token sees it from chat too", async () => {
    await f.app.people.add({ handle: "root-admin", name: "Root", chat: { slack: "U0ROOT" } }, { actor: "admin" });
    await f.app.tokens.create({ person: "root-admin", role: "admin", name: "ops" }, { actor: "admin" });
    const shown = await slash(f, `status ${id}`, "U0ROOT");
    expect(shown.text).toContain(`*${id}* SEV-1`);
  });

  it("a non-member's 📌 in its channel is not noted", async () => {
    const channel = f.chat.ledger.channelOf(id)?.channelId ?? "";
    f.slack.messages.set(`${channel} 1700000100.000200`, { text: "export job found", user: SLACK_USERS["sarah-db"] });
    const pin = (user: string) =>
      slackPost(
        f,
        "/chat/slack/events",
        JSON.stringify({
          type: "event_callback",
          event: {
            type: "reaction_added",
            user,
            reaction: "pushpin",
            item: { type: "message", channel, ts: "1700000100.000200" },
          },
        }),
        { contentType: "application/json" },
      );
    const head = await f.head();
    const refused = await pin(SLACK_USERS["mike-app"]);
    expect(refused.json()).toEqual({ ok: true, outcome: `ignored: incident ${id} does not exist` });
    expect(await f.head()).toBe(head);
    f.clock.advance(1000);
    expect((await pin(SLACK_USERS["sarah-db"])).json()).toEqual({ ok: true, outcome: "noted" });
  });
});
