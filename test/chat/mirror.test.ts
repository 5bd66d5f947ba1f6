/**
 * The channel mirror against the recording Slack: a channel per declared incident (private
 * for private ones), roles invited, the summary posted and pinned, every timeline entry in
 * order; Slack down or rate-limiting delays messages but loses and repeats none; a restart
 * resumes where it stopped.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CallOptions } from "../../src/app/api.js";
import { type ChatFixture, chatFixture, mirrored, SLACK_USERS } from "./helpers.js";

const IC: CallOptions = { actor: "alex-ic" };

describe("mirroring incidents to Slack", () => {
  let f: ChatFixture;
  beforeEach(async () => {
    f = await chatFixture();
  });
  afterEach(async () => f.close());

  const declare = async (extra: Record<string, unknown> = {}) =>
    (await f.app.declare({ title: "Checkout failing", severity: "SEV-2", ...extra }, IC)).incident.id;
  const posted = (channel: string) =>
    f.slack
      .callsOf("chat.postMessage")
      .filter((c) => c.params.channel === channel)
      .map((c) => c.params.text ?? "");
  /** The timeline as the channel should show it, after the summary. */
  const expectedLines = async (id: string) =>
    (await f.app.timeline(id)).filter((e) => e.type !== "IncidentDeclared").map((e) => `*${e.by}*: ${e.text}`);

  it("opens a channel on declare (from the API too), invites the roles, posts and pins the summary", async () => {
    const id = await declare({ commander: "lisa-sre" });
    await mirrored(f);
    const [create] = f.slack.callsOf("conversations.create");
    expect(create?.params).toEqual({ name: "inc-1-checkout-failing", is_private: "false" });
    expect(create?.authorization).toBe("Bearer xoxb-test");
    const channel = f.chat.ledger.channelOf(id)?.channelId ?? "";
    expect(f.slack.callsOf("conversations.invite").map((c) => c.params)).toEqual([
      { channel, users: SLACK_USERS["lisa-sre"] },
    ]);
    const [summary] = f.slack.callsOf("chat.postMessage");
    expect(summary?.params.text).toContain("*INC-1* SEV-2 · investigating: *Checkout failing*");
    expect(JSON.parse(summary?.params.blocks ?? "[]").map((b: { type: string }) => b.type)).toEqual([
      "section",
      "actions",
      "input",
      "actions",
    ]);
    expect(f.slack.callsOf("pins.add").map((c) => c.params)).toEqual([{ channel, timestamp: "1700000000.000001" }]);
  });

  it("gives a private incident a private channel", async () => {
    const id = await declare({ private: true, title: "Invoices exposed" });
    await mirrored(f);
    expect(f.slack.callsOf("conversations.create")[0]?.params.is_private).toBe("true");
    expect(f.chat.ledger.channelOf(id)?.private).toBe(true);
  });

  it("mirrors every timeline entry in order, with a button on tasks and invites for new role holders", async () => {
    const id = await declare();
    const channel = async () => f.chat.ledger.channelOf(id)?.channelId ?? "";
    // Fired together: the mirror still posts them in timeline order.
    await Promise.all([
      f.app.execute(id, { type: "assign-role", role: "tech-lead", person: "sarah-db" }, IC),
      f.app.execute(id, { type: "add-note", channel: "tech", text: "pool saturated since 01:58" }, IC),
      f.app.execute(id, { type: "assign-task", title: "Size the restore", assignee: "sarah-db" }, IC),
      f.app.execute(id, { type: "change-severity", severity: "SEV-1", reason: "all regions" }, IC),
      f.app.execute(id, { type: "change-status", status: "mitigating" }, IC),
    ]);
    await mirrored(f);
    const lines = posted(await channel()).slice(1); // after the summary
    const expected = await expectedLines(id);
    expect(expected).toHaveLength(5);
    expect(lines.map((l) => l.replace(/^`\d\d:\d\d`( \[\w+\])? /, ""))).toEqual(expected);
    expect(lines.find((l) => l.includes("pool saturated"))).toMatch(/\[tech\]/);
    const task = f.slack.callsOf("chat.postMessage").find((c) => c.params.text?.includes("Size the restore"));
    const button = JSON.parse(task?.params.blocks ?? "[]")[1].elements[0];
    expect(button).toMatchObject({ type: "button", action_id: "task.ack", value: `${id} T1` });
    expect(f.slack.callsOf("conversations.invite").map((c) => c.params.users)).toContain(
      `${SLACK_USERS["alex-ic"]},${SLACK_USERS["sarah-db"]}`,
    );
  });

  it("keeps block text within Slack's 3000-character limit however long the incident's text", async () => {
    const id = await declare({ impact: "x".repeat(5000) });
    await f.app.execute(id, { type: "assign-task", title: "y".repeat(4000), assignee: "sarah-db" }, IC);
    await mirrored(f);
    for (const call of f.slack.callsOf("chat.postMessage")) {
      for (const block of JSON.parse(call.params.blocks ?? "[]") as { type: string; text?: { text: string } }[]) {
        if (block.type === "section") expect(block.text?.text.length).toBeLessThanOrEqual(3000);
      }
    }
    expect(f.slack.callsOf("pins.add")).toHaveLength(1);
  });

  it("records progress at least every 50 messages while a long backlog drains", async () => {
    const id = await declare();
    await mirrored(f);
    f.slack.setDown(true);
    for (let n = 1; n <= 120; n++) await f.app.execute(id, { type: "add-note", channel: "command", text: `n${n}` }, IC);
    f.slack.setDown(false);
    await mirrored(f);
    const progress = (await f.app.store.readStreamData("CHAT-slack"))
      .map((data) => data as { type: string; incidentId?: string; throughPosition?: number })
      .filter((event) => event.type === "ChatMirrored" && event.incidentId === id);
    expect(progress.length).toBeGreaterThanOrEqual(3);
    const last = (await f.app.timeline(id)).at(-1)?.position;
    expect(progress.at(-1)?.throughPosition).toBe(last);
  });

  it("keeps the pinned summary current: severity, status and roles, also after a restart", async () => {
    const id = await declare();
    await mirrored(f);
    const summaryTs = f.slack.callsOf("pins.add")[0]?.params.timestamp;
    await f.app.execute(id, { type: "change-severity", severity: "SEV-1", reason: "all regions" }, IC);
    await f.app.execute(id, { type: "add-note", channel: "command", text: "not a summary change" }, IC);
    await mirrored(f);
    const updates = f.slack.callsOf("chat.update");
    expect(updates).toHaveLength(1);
    expect(updates[0]?.params).toMatchObject({ channel: f.chat.ledger.channelOf(id)?.channelId, ts: summaryTs });
    expect(updates[0]?.params.text).toContain("*INC-1* SEV-1 · investigating");
    await f.restartChat();
    await f.app.execute(id, { type: "assign-role", role: "scribe", person: "mike-app" }, IC);
    await mirrored(f);
    const last = f.slack.callsOf("chat.update").at(-1);
    expect(last?.params.ts).toBe(summaryTs);
    expect(last?.params.text).toContain("scribe: mike-app");
  });

  it("Slack down, then back: the command path never waits, nothing is lost or repeated, order kept", async () => {
    const id = await declare();
    await mirrored(f);
    f.slack.setDown(true);
    const attemptsBefore = f.slack.attempts;
    for (let n = 1; n <= 6; n++) {
      const result = await f.app.execute(id, { type: "add-note", channel: "command", text: `note ${n}` }, IC);
      expect(result.appended).toHaveLength(1);
    }
    await until(() => f.slack.attempts >= attemptsBefore + 3);
    expect(posted(f.chat.ledger.channelOf(id)?.channelId ?? "").slice(1)).toEqual([]);
    f.slack.setDown(false);
    await mirrored(f);
    const lines = posted(f.chat.ledger.channelOf(id)?.channelId ?? "").slice(1);
    expect(lines.map((l) => l.replace(/^`\d\d:\d\d` /, ""))).toEqual(await expectedLines(id));
  });

  it("a 429 waits as long as Retry-After says and sends once", async () => {
    const id = await declare();
    await mirrored(f);
    f.slack.failNext(2, 429, "0");
    await f.app.execute(id, { type: "add-note", channel: "command", text: "after the rate limit" }, IC);
    await mirrored(f);
    expect(
      posted(f.chat.ledger.channelOf(id)?.channelId ?? "").filter((l) => l.includes("after the rate limit")),
    ).toHaveLength(1);
  });

  it("a taken channel name gets a suffix", async () => {
    f.slack.takenNames.add("inc-1-checkout-failing");
    const id = await declare();
    await mirrored(f);
    expect(f.chat.ledger.channelOf(id)?.name).toBe("inc-1-checkout-failing-2");
  });

  it("does not mirror drills", async () => {
    await declare({ mode: "drill" });
    await mirrored(f);
    expect(f.slack.attempts).toBe(0);
  });

  it("after a restart, resumes after the last message sent: no repeats, none missing", async () => {
    const id = await declare();
    await f.app.execute(id, { type: "add-note", channel: "command", text: "before the restart" }, IC);
    await mirrored(f);
    await f.chat.stop();
    await f.app.execute(id, { type: "add-note", channel: "command", text: "while stopped" }, IC);
    await f.restartChat();
    await mirrored(f);
    const lines = posted(f.chat.ledger.channelOf(id)?.channelId ?? "");
    expect(lines.filter((l) => l.includes("before the restart"))).toHaveLength(1);
    expect(lines.filter((l) => l.includes("while stopped"))).toHaveLength(1);
    expect(f.slack.callsOf("conversations.create")).toHaveLength(1);
    expect(f.slack.callsOf("pins.add")).toHaveLength(1);
  });
});

describe("chat set up on an existing database", () => {
  it("leaves incidents declared before it alone and mirrors the ones after", async () => {
    const f = await chatFixture({}, { startChat: false });
    try {
      await f.app.declare({ title: "Old one", severity: "SEV-3" }, IC);
      const chat = await f.restartChat();
      await f.app.execute("INC-1", { type: "add-note", channel: "command", text: "later" }, IC);
      await f.app.declare({ title: "New one", severity: "SEV-3" }, IC);
      await mirrored(f);
      expect(chat.ledger.channelOf("INC-1")).toBeUndefined();
      expect(chat.ledger.channelOf("INC-2")).toBeDefined();
      expect(f.slack.callsOf("conversations.create").map((c) => c.params.name)).toEqual(["inc-2-new-one"]);
      expect(f.slack.callsOf("chat.postMessage").some((c) => c.params.text?.includes("later"))).toBe(false);
    } finally {
      await f.close();
    }
  });
});

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(condition()).toBe(true);
}
