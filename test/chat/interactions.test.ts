/**
 * Buttons and selects (Slack's block_actions `payload`), signed like every Slack request:
 * acknowledge a task, resolve with the typed summary, assign a role; bad payloads refused.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { expectProblem } from "../http/helpers.js";
import { type ChatFixture, chatFixture, mirrored, SLACK_USERS, slackPost } from "./helpers.js";

describe("interactive messages (Slack block_actions)", () => {
  let f: ChatFixture;
  let id: string;
  beforeEach(async () => {
    f = await chatFixture();
    id = (await f.app.declare({ title: "Checkout failing", severity: "SEV-2" }, { actor: "alex-ic" })).incident.id;
    await mirrored(f);
  });
  afterEach(async () => f.close());

  const press = (payload: unknown) =>
    slackPost(f, "/chat/slack/interactions", new URLSearchParams({ payload: JSON.stringify(payload) }).toString());
  const actions = (user: string, action: Record<string, unknown>, values: Record<string, unknown> = {}) => ({
    type: "block_actions",
    user: { id: user, username: "someone" },
    channel: { id: f.chat.ledger.channelOf(id)?.channelId },
    response_url: `${f.slack.url}/hooks/actions/T0001/1/xyz`,
    actions: [action],
    state: { values },
  });

  it("Acknowledge on a task message acknowledges it as the presser; the answer goes to response_url", async () => {
    await f.app.execute(
      id,
      { type: "assign-task", title: "Check the pool", assignee: "sarah-db" },
      { actor: "alex-ic" },
    );
    const response = await press(
      actions(SLACK_USERS["sarah-db"], { action_id: "task.ack", block_id: "task:T1", value: `${id} T1` }),
    );
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ response_type: "in_channel", text: `${id} · sarah-db: T1 acknowledged` });
    expect((await f.app.getIncident(id)).tasks[0]).toMatchObject({ status: "acknowledged" });
    await until(() => f.slack.hooks.length === 1);
    expect(f.slack.hooks[0]).toMatchObject({ text: `${id} · sarah-db: T1 acknowledged`, replace_original: false });
  });

  it("Resolve takes the summary typed above it; without one it says what to do and changes nothing", async () => {
    const resolve = { action_id: "incident.resolve", block_id: `resolve_actions:${id}`, value: id };
    const head = await f.head();
    const empty = await press(actions(SLACK_USERS["alex-ic"], resolve));
    expect(empty.json()).toMatchObject({ response_type: "ephemeral" });
    expect(empty.json().text).toContain("type a resolution summary");
    expect(await f.head()).toBe(head);
    const typed = {
      [`resolve:${id}`]: { "incident.resolve_summary": { type: "plain_text_input", value: "Rolled back 4.2.1" } },
    };
    const done = await press(actions(SLACK_USERS["alex-ic"], resolve, typed));
    expect(done.json().text).toContain("Resolved");
    expect(await f.app.getIncident(id)).toMatchObject({ status: "resolved", resolutionSummary: "Rolled back 4.2.1" });
  });

  it("picking a person assigns the role picked beside it", async () => {
    const block = `assign:${id}`;
    const pickRole = { "incident.assign_role": { type: "static_select", selected_option: { value: "tech-lead" } } };
    const noRole = await press(
      actions(SLACK_USERS["alex-ic"], {
        action_id: "incident.assign",
        block_id: block,
        selected_user: SLACK_USERS["sarah-db"],
      }),
    );
    expect(noRole.json().text).toContain("pick the role first");
    const response = await press(
      actions(
        SLACK_USERS["alex-ic"],
        { action_id: "incident.assign", block_id: block, selected_user: SLACK_USERS["sarah-db"] },
        { [block]: pickRole },
      ),
    );
    expect(response.json().text).toBe(`${id} · alex-ic: sarah-db is tech-lead`);
    expect((await f.app.getIncident(id)).roles["tech-lead"]?.person).toBe("sarah-db");
    const roleOnly = await press(
      actions(SLACK_USERS["alex-ic"], {
        action_id: "incident.assign_role",
        block_id: block,
        selected_option: { value: "scribe" },
      }),
    );
    expect(roleOnly.statusCode).toBe(200);
    expect(roleOnly.json()).toEqual({});
  });

  it("a domain refusal (already resolved) is answered to the presser; nothing appended", async () => {
    const head = await f.head();
    const typed = { [`resolve:${id}`]: { "incident.resolve_summary": { value: "done" } } };
    await f.app.execute(id, { type: "resolve", summary: "first" }, { actor: "alex-ic" });
    const after = await f.head();
    const response = await press(
      actions(SLACK_USERS["alex-ic"], { action_id: "incident.resolve", block_id: "x", value: id }, typed),
    );
    expect(response.json()).toMatchObject({ response_type: "ephemeral" });
    expect(response.json().text).toMatch(/^❌ .*resolved/);
    expect(await f.head()).toBe(after);
    expect(after).toBeGreaterThan(head);
  });

  it.each([
    ["no payload field", "user=U1", "payload"],
    ["a payload that is not JSON", "payload=%7Bnot-json", "payload"],
    [
      "block_actions without actions",
      `payload=${encodeURIComponent(JSON.stringify({ type: "block_actions", user: { id: "U0ALEX" }, actions: [] }))}`,
      "actions",
    ],
    [
      "block_actions without a user",
      `payload=${encodeURIComponent(JSON.stringify({ type: "block_actions", actions: [{ action_id: "task.ack" }] }))}`,
      "user",
    ],
  ])("refuses %s with a 400 naming it; nothing appended", async (_name, body, field) => {
    const head = await f.head();
    const response = await slackPost(f, "/chat/slack/interactions", body);
    expectProblem(response, "validation.failed", field);
    expect(await f.head()).toBe(head);
  });

  it("an unknown action or a button naming no incident is answered, not run", async () => {
    const head = await f.head();
    const unknown = await press(actions(SLACK_USERS["alex-ic"], { action_id: "self.destruct", value: id }));
    expect(unknown.json().text).toContain("unknown action self.destruct");
    const noIncident = await press(actions(SLACK_USERS["alex-ic"], { action_id: "task.ack", value: "garbage" }));
    expect(noIncident.json().text).toContain("names no incident");
    expect(await f.head()).toBe(head);
  });

  it("other interaction types are acknowledged and ignored; unsigned presses are refused", async () => {
    const head = await f.head();
    const other = await press({ type: "view_submission", user: { id: "U0ALEX" } });
    expect(other.statusCode).toBe(200);
    const unsigned = await slackPost(f, "/chat/slack/interactions", "payload=%7B%7D", { signature: null });
    expectProblem(unsigned, "integration.unauthenticated");
    expect(await f.head()).toBe(head);
  });
});

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(condition()).toBe(true);
}
