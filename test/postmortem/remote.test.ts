/**
 * With --server the postmortem commands read through the HTTP client and compute the same
 * draft, agenda and overdue flags as the server's own routes: one engine, two transports.
 */
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/run.js";
import { bound, Capture } from "../cli/helpers.js";
import { declare, get, ok, post, startTestApp, type TestApp } from "../http/helpers.js";
import { OWN_GOOD_POSTMORTEM } from "./fixtures.js";

let t: TestApp;
let warroom: ReturnType<typeof bound>;
let url: string;

beforeAll(async () => {
  t = await startTestApp();
  url = await t.listen();
  warroom = bound({ server: url }, { env: { WARROOM_USER: "alex" } });
  await declare(t.http, { title: "Checkout failing", severity: "SEV-2" });
  ok(
    await post(t.http, "/api/incidents/INC-1/action-items", {
      title: "Pool alert",
      owner: "sam",
      dueDate: "2026-02-27",
    }),
  );
});
afterAll(async () => {
  await t.close();
});

describe("postmortem commands with --server", () => {
  it("drafts the same markdown the server answers, and the same agenda", async () => {
    const run = await warroom(["postmortem", "draft", "INC-1"]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe((await get(t.http, "/api/incidents/INC-1/postmortem/draft?format=md")).body);
    const agenda = await warroom(["postmortem", "agenda", "INC-1", "--json"]);
    expect(agenda.json()).toEqual(ok(await get(t.http, "/api/incidents/INC-1/postmortem/agenda")));
  });

  it("saves from standard input and shows through the server", async () => {
    const stdout = new Capture();
    const stderr = new Capture();
    const stdin = Readable.from([Buffer.from(OWN_GOOD_POSTMORTEM)]);
    const io = { stdout, stderr, env: { NO_COLOR: "1", WARROOM_USER: "alex" }, stdin };
    expect(await runCli(["--server", url, "postmortem", "save", "INC-1", "-"], io)).toBe(0);
    expect(stdout.text).toContain("Postmortem revision 1 saved");
    const shown = await warroom(["postmortem", "show", "INC-1", "--json"]);
    expect(shown.json()).toMatchObject({ revision: 1, markdown: OWN_GOOD_POSTMORTEM.trim() });
  });

  it("flags overdue action items by the server's clock", async () => {
    const run = await warroom(["actions", "--overdue", "--json"]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.json()).toEqual(ok(await get(t.http, "/api/action-items?overdue=true")).actionItems);
    expect((run.json() as { overdue: boolean }[]).map((a) => a.overdue)).toEqual([true]);
  });
});
