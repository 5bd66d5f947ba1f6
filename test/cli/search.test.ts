/**
 * `warroom search` on the local file: one line per hit with the matched words, a phrase
 * kept together when the shell passes it as one word, the empty and truncated answers,
 * and bad flags refused with exit 2 naming the flag.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { highlight } from "../../src/cli/format-search.js";
import { styleFor } from "../../src/cli/style.js";
import { ManualClock } from "../../src/domain/shared/clock.js";
import { bound, tempDir } from "./helpers.js";

const dir = tempDir();
const clock = new ManualClock("2026-03-07T02:00:00.000Z");
const run = bound({ db: dir.db }, { clock });

beforeAll(async () => {
  await run(["--as", "alex-ic", "declare", "Checkout failing", "--sev", "SEV-1"]);
  await run(["--as", "alex-ic", "declare", "Failover game day", "--sev", "SEV-3", "--drill"]);
  clock.advanceMinutes(4);
  await run(["--as", "sarah-db", "note", "INC-1", "--channel", "tech", "primary database failover started"]);
  clock.advanceMinutes(3);
  await run(["--as", "sarah-db", "note", "INC-1", "--channel", "tech", "failover of the primary is done"]);
});
afterAll(() => dir.cleanup());

describe("warroom search", () => {
  it("prints one line per hit, newest first, with the incident, time, author and channel", async () => {
    const out = await run(["search", "failover", "primary"]);
    expect(out.code).toBe(0);
    expect(out.stdout.trimEnd().split("\n")).toEqual([
      '2 entries match "failover primary", newest first',
      expect.stringMatching(/^INC-1 {2}SEV-1 {2}\d\d:\d\d {2}sarah-db {2}tech {8}failover of the primary is done$/),
      expect.stringMatching(/^INC-1 {2}SEV-1 {2}\d\d:\d\d {2}sarah-db {2}tech {8}primary database failover started$/),
    ]);
  });

  it("keeps a phrase the shell passed as one word together", async () => {
    const out = await run(["search", "failover of the primary", "--json"]);
    expect(out.json<{ terms: string[]; hits: unknown[] }>()).toMatchObject({ terms: ["failover of the primary"] });
    expect(out.json<{ hits: unknown[] }>().hits).toHaveLength(1);
  });

  it("filters drills and says when nothing or not everything is shown", async () => {
    expect((await run(["search", "failover", "--drills"])).stdout).toContain("[drill]");
    expect((await run(["search", "kubernetes"])).stdout.trim()).toBe('No entries match "kubernetes".');
    const one = await run(["search", "failover", "--live", "--limit", "1"]);
    expect(one.stdout.split("\n")[0]).toBe(
      'the newest entry matching "failover" (more match: --limit raises it, up to 500)',
    );
  });

  it.each([
    [["search", "x", "--status", "closed"], "--status"],
    [["search", "x", "--limit", "many"], "--limit"],
    [["search", "x", "--limit", "501"], "limit"],
  ])("refuses %j with exit 2, naming %s", async (argv, flag) => {
    const out = await run(argv);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain(flag);
  });

  it("marks every occurrence of every term, whatever its case", () => {
    const bold = styleFor(true);
    expect(highlight("Failover: the failover", ["failover"], bold)).toBe(
      `${bold.bold("Failover")}: the ${bold.bold("failover")}`,
    );
    expect(highlight("db down", ["zz"], bold)).toBe("db down");
  });
});
