/**
 * Action items tracked across incidents: `warroom actions` lists open ones by default,
 * `--all` adds done ones, `--owner` and `--overdue` filter, and an item whose due date is
 * before today (by the injected clock) is highlighted and flagged `overdue: true`.
 */
process.env.TZ = "UTC";

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OpenActionItem } from "../../src/app/views.js";
import { ManualClock } from "../../src/domain/shared/clock.js";
import { bound, Capture, tempDir } from "../cli/helpers.js";

const tmp = tempDir("warroom-pm-actions-");
const clock = new ManualClock("2026-03-01T10:00:00.000Z");
const warroom = bound({ db: tmp.db }, { clock, env: { WARROOM_USER: "alex" } });

async function ok(argv: string[]) {
  const run = await warroom(argv);
  expect(run.stderr, `${argv.join(" ")} wrote to stderr`).toBe("");
  expect(run.code, `${argv.join(" ")} failed`).toBe(0);
  return run;
}

const rows = (items: OpenActionItem[]) =>
  items.map((a) => [a.incidentId, a.id, a.owner, a.dueDate, a.status, a.overdue]);

beforeAll(async () => {
  await ok(["declare", "Checkout failing", "--sev", "SEV-2"]);
  await ok(["declare", "Search slow", "--sev", "SEV-3"]);
  await ok(["action", "INC-1", "add", "Alert on pool usage above 80%", "--owner", "sam", "--due", "2026-03-05"]);
  await ok(["action", "INC-1", "add", "Load tests in the pipeline", "--owner", "priya", "--due", "2026-03-20"]);
  await ok(["action", "INC-2", "add", "Index rebuild runbook", "--owner", "sam", "--due", "2026-03-03"]);
  await ok(["action", "INC-2", "add", "Canary analysis", "--owner", "ana"]);
  await ok(["action", "INC-2", "add", "Query timeout alert", "--owner", "sam", "--due", "2026-03-02"]);
  await ok(["action", "INC-2", "done", "AI-3"]);
});
afterAll(() => tmp.cleanup());

describe("warroom actions", () => {
  it("before any due date passes: open items, soonest first, none overdue", async () => {
    const items = (await ok(["actions", "--json"])).json<OpenActionItem[]>();
    expect(rows(items)).toEqual([
      ["INC-2", "AI-1", "sam", "2026-03-03", "open", false],
      ["INC-1", "AI-1", "sam", "2026-03-05", "open", false],
      ["INC-1", "AI-2", "priya", "2026-03-20", "open", false],
      ["INC-2", "AI-2", "ana", null, "open", false],
    ]);
    const human = await ok(["actions"]);
    expect(human.stdout).not.toContain("OVERDUE");
    expect(human.stdout).not.toContain("overdue");
  });

  it("a due date before today is overdue: flagged in JSON, highlighted in the table", async () => {
    clock.set("2026-03-05T08:00:00.000Z");
    const items = (await ok(["actions", "--open", "--json"])).json<OpenActionItem[]>();
    expect(items.map((a) => [a.incidentId, a.id, a.overdue])).toEqual([
      ["INC-2", "AI-1", true],
      ["INC-1", "AI-1", false],
      ["INC-1", "AI-2", false],
      ["INC-2", "AI-2", false],
    ]);
    const human = await ok(["actions"]);
    expect(human.stdout).toMatch(/INC-2\s+AI-1\s+sam\s+short-term\s+2026-03-03 OVERDUE\s+Index rebuild runbook/);
    expect(human.stdout).toMatch(/INC-1\s+AI-1\s+sam\s+short-term\s+2026-03-05\s+Alert on pool/);
    expect(human.stdout.trimEnd().split("\n").at(-1)).toBe("1 overdue");
  });

  it("highlights in red on a terminal", async () => {
    const stdout = new Capture();
    stdout.isTTY = true;
    const run = await warroom(["actions"], { stdout, env: { NO_COLOR: "" } });
    expect(run.code).toBe(0);
    expect(stdout.text).toContain("\u001b[1m\u001b[31m2026-03-03 OVERDUE\u001b[39m\u001b[22m");
  });

  it("--owner, --overdue and --all filter; a done item is never overdue", async () => {
    clock.set("2026-03-10T08:00:00.000Z");
    expect(rows((await ok(["actions", "--owner", "@sam", "--json"])).json())).toEqual([
      ["INC-2", "AI-1", "sam", "2026-03-03", "open", true],
      ["INC-1", "AI-1", "sam", "2026-03-05", "open", true],
    ]);
    expect(rows((await ok(["actions", "--overdue", "--json"])).json()).map((r) => r[1])).toEqual(["AI-1", "AI-1"]);
    const all = (await ok(["actions", "--all", "--owner", "sam", "--json"])).json<OpenActionItem[]>();
    expect(rows(all)).toEqual([
      ["INC-2", "AI-3", "sam", "2026-03-02", "done", false],
      ["INC-2", "AI-1", "sam", "2026-03-03", "open", true],
      ["INC-1", "AI-1", "sam", "2026-03-05", "open", true],
    ]);
    const human = await ok(["actions", "--all", "--owner", "sam"]);
    expect(human.stdout.split("\n")[0]).toMatch(/^INCIDENT\s+ID\s+STATUS\s+OWNER\s+HORIZON\s+DUE\s+TITLE$/);
    expect(human.stdout).toMatch(/INC-2\s+AI-3\s+done\s+sam\s+short-term\s+2026-03-02\s+Query timeout alert/);
    expect(human.stdout).toContain("2 overdue");
  });

  it("says so when nothing matches", async () => {
    expect((await ok(["actions", "--owner", "nobody"])).stdout).toBe("No open action items for nobody.\n");
    expect((await ok(["actions", "--overdue", "--owner", "ana"])).stdout).toBe("No overdue action items for ana.\n");
  });

  it("refuses --open with --all, and a bad owner", async () => {
    const both = await warroom(["actions", "--open", "--all", "--json"]);
    expect(both.code).toBe(2);
    expect(both.problem()).toMatchObject({ code: "validation.failed", errors: [{ field: "--all" }] });
    const owner = await warroom(["actions", "--owner", "two words", "--json"]);
    expect(owner.code).toBe(2);
    expect(owner.problem().detail).toMatch(/owner must be a person handle/);
  });
});
