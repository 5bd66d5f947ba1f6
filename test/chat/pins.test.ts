/**
 * Slack's Events API: the url_verification challenge, and 📌 on a message in an incident's
 * channel putting it on the timeline once, however often it is pinned or delivered.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { expectProblem } from "../http/helpers.js";
import { type ChatFixture, chatFixture, mirrored, SLACK_USERS, slackPost } from "./helpers.js";

describe("Slack Events API", () => {
  let f: ChatFixture;
  let id: string;
  let channel: string;
  beforeEach(async () => {
    f = await chatFixture();
    id = (await f.app.declare({ title: "Checkout failing", severity: "SEV-2" }, { actor: "alex-ic" })).incident.id;
    await mirrored(f);
    channel = f.chat.ledger.channelOf(id)?.channelId ?? "";
    f.slack.messages.set(`${channel} 1700000100.000200`, {
      text: `pool exhausted on db-3 &amp; db-4, <@${SLACK_USERS["lisa-sre"]}> is draining it`,
      user: SLACK_USERS["sarah-db"],
    });
  });
  afterEach(async () => f.close());

  const event = (body: unknown) =>
    slackPost(f, "/chat/slack/events", JSON.stringify(body), { contentType: "application/json" });
  const reaction = (user: string, reaction = "pushpin", ts = "1700000100.000200", inChannel = channel) => ({
    type: "event_callback",
    team_id: "T0001",
    event_id: `Ev${user}${ts}`,
    event: {
      type: "reaction_added",
      user,
      reaction,
      item: { type: "message", channel: inChannel, ts },
      event_ts: "1700000200.000100",
    },
  });
  const notes = async () => (await f.app.timeline(id)).filter((e) => e.type === "NoteAdded");

  it("answers the url_verification challenge, only when signed", async () => {
    const ok = await event({
      type: "url_verification",
      token: "t",
      challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
    });
    expect(ok.json()).toEqual({ challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" });
    const unsigned = await slackPost(
      f,
      "/chat/slack/events",
      JSON.stringify({ type: "url_verification", challenge: "x" }),
      {
        contentType: "application/json",
        secret: "wrong",
      },
    );
    expectProblem(unsigned, "integration.bad_signature");
  });

  it("📌 puts the message on the timeline as the pinner, with its author and mentions resolved", async () => {
    const response = await event(reaction(SLACK_USERS["alex-ic"]));
    expect(response.json()).toEqual({ ok: true, outcome: "noted" });
    const [note] = await notes();
    expect(note).toMatchObject({
      by: "alex-ic",
      text: "📌 sarah-db: pool exhausted on db-3 & db-4, @lisa-sre is draining it",
    });
    const [history] = f.slack.callsOf("conversations.history");
    expect(history?.params).toMatchObject({ channel, latest: "1700000100.000200", inclusive: "true" });
  });

  it("once only: pinned again, by someone else, or the event delivered twice appends nothing", async () => {
    await event(reaction(SLACK_USERS["alex-ic"]));
    await mirrored(f); // the note itself is mirrored to the channel, and that progress recorded
    const head = await f.head();
    f.clock.advance(1000);
    expect((await event(reaction(SLACK_USERS["alex-ic"]))).json().outcome).toBe("already noted");
    expect((await event(reaction(SLACK_USERS["sarah-db"]))).json().outcome).toBe("already noted");
    await mirrored(f);
    expect(await f.head()).toBe(head);
    expect(await notes()).toHaveLength(1);
  });

  it.each([
    ["another reaction", () => reaction(SLACK_USERS["alex-ic"], "eyes"), "ignored: not a 📌"],
    [
      "a channel that is no incident's",
      () => reaction(SLACK_USERS["alex-ic"], "pushpin", "1.2", "C_RANDOM"),
      "ignored: not an incident channel",
    ],
    [
      "a pinner not linked to a person",
      () => reaction("U0STRANGER"),
      "ignored: U0STRANGER is not linked to a Warroom person",
    ],
    [
      "a message that is not there",
      () => reaction(SLACK_USERS["alex-ic"], "pushpin", "1700000999.000001"),
      "ignored: no such message, or one Warroom posted",
    ],
  ])("ignores %s; nothing appended", async (_name, body, outcome) => {
    const head = await f.head();
    expect((await event(body())).json()).toEqual({ ok: true, outcome });
    expect(await f.head()).toBe(head);
  });

  it("Slack down while reading the message: 503 so Slack delivers it again; then noted once", async () => {
    const head = await f.head();
    f.slack.setDown(true);
    expectProblem(await event(reaction(SLACK_USERS["alex-ic"])), "chat.unavailable");
    expect(await f.head()).toBe(head);
    f.slack.setDown(false);
    f.clock.advance(60_000); // Slack's retry is signed afresh
    expect((await event(reaction(SLACK_USERS["alex-ic"]))).json().outcome).toBe("noted");
    expect(await notes()).toHaveLength(1);
  });

  it("ignores messages Warroom itself posted", async () => {
    f.slack.messages.set(`${channel} 1700000300.000001`, { text: "mirrored line", bot_id: "B01" });
    const head = await f.head();
    expect((await event(reaction(SLACK_USERS["alex-ic"], "pushpin", "1700000300.000001"))).json().outcome).toMatch(
      /^ignored/,
    );
    expect(await f.head()).toBe(head);
  });

  it("refuses malformed events with a 400, and a stale one as a replay would be; nothing appended", async () => {
    const head = await f.head();
    expectProblem(await event({ type: "event_callback" }), "validation.failed");
    expectProblem(await event({ type: "surprise" }), "validation.failed");
    expectProblem(
      await event({ type: "event_callback", event: { type: "reaction_added", user: "U1" } }),
      "validation.failed",
    );
    const malformedJson = await slackPost(f, "/chat/slack/events", "{not json", { contentType: "application/json" });
    expectProblem(malformedJson, "request.malformed_json");
    const stale = await slackPost(f, "/chat/slack/events", JSON.stringify(reaction(SLACK_USERS["alex-ic"])), {
      contentType: "application/json",
      timestamp: Math.floor(f.clock.now() / 1000) - 301,
    });
    expectProblem(stale, "integration.stale_timestamp");
    expect(await f.head()).toBe(head);
  });

  it("answers other event types without doing anything", async () => {
    const head = await f.head();
    const response = await event({ type: "event_callback", event: { type: "message", text: "hi" } });
    expect(response.json()).toEqual({ ok: true, outcome: "ignored: message" });
    expect(await f.head()).toBe(head);
  });
});
