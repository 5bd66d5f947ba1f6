/**
 * Inbound verification: Slack's v0 signature over the exact bytes with a five-minute
 * window and no replays, Mattermost's token; a refused request appends nothing and never
 * reaches Slack.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { slackSignature } from "../../src/integrations/chat/verify.js";
import { expectProblem } from "../http/helpers.js";
import {
  type ChatFixture,
  chatFixture,
  MATTERMOST_TOKEN,
  SIGNING_SECRET,
  SLACK_USERS,
  slackPost,
  slashForm,
} from "./helpers.js";

const DECLARE = slashForm('declare "Checkout failing" --sev SEV-2');

describe("Slack request signing", () => {
  let f: ChatFixture;
  beforeEach(async () => {
    f = await chatFixture();
  });
  afterEach(async () => f.close());

  it("signs as Slack's own published example does", () => {
    const body =
      "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    expect(slackSignature("8f742231b10e8888abcd99yyyzzz85a5", "1531420618", body)).toBe(
      "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503",
    );
  });

  it("accepts a correctly signed command", async () => {
    const response = await slackPost(f, "/chat/slack/commands", DECLARE);
    expect(response.statusCode).toBe(200);
    expect((await f.app.listIncidents()).map((i) => i.title)).toEqual(["Checkout failing"]);
  });

  it.each([
    ["no signature header", { signature: null }, "integration.unauthenticated", "X-Slack-Signature"],
    ["another app's secret", { secret: "not-the-secret" }, "integration.bad_signature", "X-Slack-Signature"],
    ["a garbled signature", { signature: "v0=deadbeef" }, "integration.bad_signature", "X-Slack-Signature"],
    [
      "a timestamp six minutes old",
      { timestampOffset: -360 },
      "integration.stale_timestamp",
      "X-Slack-Request-Timestamp",
    ],
    [
      "a timestamp six minutes ahead",
      { timestampOffset: 360 },
      "integration.stale_timestamp",
      "X-Slack-Request-Timestamp",
    ],
  ] as const)("refuses %s and changes nothing", async (_name, options, code, field) => {
    const head = await f.head();
    const { timestampOffset, ...sign } = options as {
      timestampOffset?: number;
      signature?: string | null;
      secret?: string;
    };
    const timestamp = Math.floor(f.clock.now() / 1000) + (timestampOffset ?? 0);
    const response = await slackPost(f, "/chat/slack/commands", DECLARE, { ...sign, timestamp });
    expectProblem(response, code, field);
    expect(await f.head()).toBe(head);
    expect(f.slack.attempts).toBe(0);
  });

  it("refuses a missing timestamp", async () => {
    const head = await f.head();
    const response = await f.http.inject({
      method: "POST",
      url: "/chat/slack/commands",
      headers: { "content-type": "application/x-www-form-urlencoded", "x-slack-signature": "v0=00" },
      payload: DECLARE,
    });
    expectProblem(response, "integration.unauthenticated", "X-Slack-Request-Timestamp");
    expect(await f.head()).toBe(head);
  });

  it("refuses a body changed after signing", async () => {
    const head = await f.head();
    const timestamp = String(Math.floor(f.clock.now() / 1000));
    const signature = slackSignature(SIGNING_SECRET, timestamp, DECLARE);
    const tampered = DECLARE.replace("SEV-2", "SEV-1");
    const response = await slackPost(f, "/chat/slack/commands", tampered, { signature });
    expectProblem(response, "integration.bad_signature");
    expect(await f.head()).toBe(head);
  });

  it("accepts a request signed four minutes ago", async () => {
    const response = await slackPost(f, "/chat/slack/commands", DECLARE, {
      timestamp: Math.floor(f.clock.now() / 1000) - 240,
    });
    expect(response.statusCode).toBe(200);
  });

  it("refuses a replayed request: one incident, not two", async () => {
    const first = await slackPost(f, "/chat/slack/commands", DECLARE);
    expect(first.statusCode).toBe(200);
    const head = await f.head();
    f.clock.advance(30_000);
    const replay = await slackPost(f, "/chat/slack/commands", DECLARE, {
      timestamp: Math.floor(f.clock.now() / 1000) - 30,
    });
    expectProblem(replay, "integration.stale_timestamp", "X-Slack-Signature");
    expect(await f.head()).toBe(head);
    expect(await f.app.listIncidents()).toHaveLength(1);
  });

  it("refuses a form body on the API's JSON routes", async () => {
    const response = await f.http.inject({
      method: "POST",
      url: "/api/incidents",
      headers: { "content-type": "application/x-www-form-urlencoded", "warroom-actor": "alex-ic" },
      payload: "title=x&severity=SEV-2",
    });
    expectProblem(response, "request.unsupported_media_type");
  });
});

describe("Mattermost token", () => {
  let f: ChatFixture;
  beforeEach(async () => {
    // Token mode, as served by default: signed routes take no bearer token, so Mattermost's
    // `Authorization: Token …` reaches the route.
    f = await chatFixture({}, { auth: "tokens" });
  });
  afterEach(async () => f.close());

  const form = (token: string | null, text = 'declare "DNS flapping" --sev SEV-3') =>
    new URLSearchParams({
      ...(token === null ? {} : { token }),
      team_id: "t1",
      channel_id: "c1",
      user_id: "mm-user-1",
      user_name: "lisa",
      command: "/incident",
      text,
      trigger_id: `trigger-${text.length}`,
    }).toString();
  const post = (body: string, headers: Record<string, string> = {}) =>
    f.http.inject({
      method: "POST",
      url: "/chat/mattermost/commands",
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
      payload: body,
    });

  it("runs the command with the right token, as the linked person", async () => {
    const response = await post(form(MATTERMOST_TOKEN));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ response_type: "in_channel" });
    const [incident] = await f.app.listIncidents();
    expect(incident).toMatchObject({ title: "DNS flapping", commander: "lisa-sre" });
  });

  it("takes the token from Authorization: Token …", async () => {
    const response = await post(form(null), { authorization: `Token ${MATTERMOST_TOKEN}` });
    expect(response.statusCode).toBe(200);
    expect(await f.app.listIncidents()).toHaveLength(1);
  });

  it("refuses a wrong or missing token and changes nothing", async () => {
    const head = await f.head();
    expectProblem(await post(form("wrong-token")), "integration.bad_signature", "token");
    expectProblem(await post(form(null)), "integration.unauthenticated", "token");
    expectProblem(await post(form(null), { authorization: "Token nope" }), "integration.bad_signature", "token");
    expect(await f.head()).toBe(head);
  });

  it("answers help for an unknown command", async () => {
    const response = await post(form(MATTERMOST_TOKEN, "frobnicate now"));
    expect(response.json()).toMatchObject({ response_type: "ephemeral" });
    expect(response.json().text).toContain("Unknown command `frobnicate`");
    expect(response.json().text).toContain("/incident declare");
  });
});

describe("not configured", () => {
  it("answers chat.not_configured naming the missing setting", async () => {
    const f = await chatFixture({ slack: { users: SLACK_USERS }, mattermost: { users: {} } });
    try {
      const head = await f.head();
      expectProblem(
        await slackPost(f, "/chat/slack/commands", DECLARE),
        "chat.not_configured",
        "chat.slack.signingSecret",
      );
      const mm = await f.http.inject({
        method: "POST",
        url: "/chat/mattermost/commands",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        payload: "token=x&user_id=u&text=help",
      });
      expectProblem(mm, "chat.not_configured", "chat.mattermost.token");
      expect(await f.head()).toBe(head);
    } finally {
      await f.close();
    }
  });
});
