/**
 * Chat runs commands with the API's permissions: with auth on, a linked person acts with the
 * role of their strongest live token (a responder without one), so a commander's command
 * (severity, status, roles, resolve, decisions) needs the commander role or being the
 * incident's Incident Commander. With auth off, as over HTTP, nobody is held back by role.
 */
import { afterEach, describe, expect, it } from "vitest";
import { type ChatFixture, chatFixture, grantToken, SLACK_USERS, slash } from "./helpers.js";

let f: ChatFixture;
afterEach(async () => f.close());

async function declared(auth: "tokens" | "off"): Promise<string> {
  f = await chatFixture({}, { auth });
  // alex-ic declares, so alex-ic is the Incident Commander.
  await slash(f, 'declare "Checkout failing" --sev SEV-2', SLACK_USERS["alex-ic"]);
  const id = (await f.app.listIncidents())[0]?.id ?? "";
  expect(id).toMatch(/^INC-\d+$/);
  return id;
}

describe("chat commands and roles, auth on", () => {
  it("a responder who is not the commander is refused a commander's command, and nothing is appended", async () => {
    const id = await declared("tokens");
    const head = await f.head();
    for (const text of [`sev ${id} SEV-1 spreading`, `status ${id} identified bad deploy`, `resolve ${id} fixed`]) {
      const reply = await slash(f, text, SLACK_USERS["sarah-db"]);
      expect(reply.text).toContain("needs the commander role");
      expect(reply.text).toContain(`${id}'s Incident Commander`);
    }
    expect(await f.head()).toBe(head);
    expect((await f.app.getIncident(id)).severity).toBe("SEV-2");
  });

  it("the incident's commander may, without any token", async () => {
    const id = await declared("tokens");
    const reply = await slash(f, `sev ${id} SEV-1 spreading to EU`, SLACK_USERS["alex-ic"]);
    expect(reply.text).not.toContain("❌");
    expect((await f.app.getIncident(id)).severity).toBe("SEV-1");
  });

  it("a commander token lets anyone run it; a revoked one no longer does", async () => {
    const id = await declared("tokens");
    const { view } = await grantToken(f, "sarah-db", "commander");
    await slash(f, `sev ${id} SEV-1 spreading to EU`, SLACK_USERS["sarah-db"]);
    expect((await f.app.getIncident(id)).severity).toBe("SEV-1");
    await f.app.tokens.revoke(view.id, { actor: "admin" });
    const head = await f.head();
    const reply = await slash(f, `sev ${id} SEV-2 contained`, SLACK_USERS["sarah-db"]);
    expect(reply.text).toContain("needs the commander role");
    expect(await f.head()).toBe(head);
  });

  it("a responder's own commands (an update) still run", async () => {
    const id = await declared("tokens");
    const reply = await slash(
      f,
      `update ${id} --audience team Checkout errors at 3%; rolling back the 14:05 deploy, next update in 15 minutes`,
      SLACK_USERS["sarah-db"],
    );
    expect(reply.text).not.toContain("needs the");
    expect((await f.app.getIncident(id)).updates.length).toBe(1);
  });
});

describe("chat commands and roles, auth off", () => {
  it("nobody is held back by role", async () => {
    const id = await declared("off");
    await slash(f, `sev ${id} SEV-1 spreading`, SLACK_USERS["sarah-db"]);
    expect((await f.app.getIncident(id)).severity).toBe("SEV-1");
  });
});
