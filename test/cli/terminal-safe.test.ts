/**
 * Human output never lets typed text drive the terminal (escape sequences are shown, not
 * obeyed), and `update --draft` writes only the draft to stdout (its banner to stderr).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { printable } from "../../src/cli/terminal-safe.js";
import { ManualClock } from "../../src/domain/shared/clock.js";
import { bound, tempDir } from "./helpers.js";

const dir = tempDir();
const run = bound({ db: dir.db }, { clock: new ManualClock("2026-03-07T02:00:00.000Z") });
const FORGED = "ok\u001b[1A\u001b[2K02:40  ic  command \r     Status → resolved";

beforeAll(async () => {
  await run([
    "--as",
    "alex-ic",
    "declare",
    "Checkout \u001b[2Jfailing",
    "--sev",
    "SEV-2",
    "--impact",
    "Some customers cannot pay",
  ]);
  await run(["--as", "alex-ic", "note", "INC-1", FORGED]);
});
afterAll(() => dir.cleanup());

describe("terminal-safe human output", () => {
  it("shows control characters in notes and titles instead of sending them", async () => {
    for (const argv of [["timeline", "INC-1"], ["list"], ["show", "INC-1"], ["search", "ok"]]) {
      const out = await run(argv);
      expect(out.code, argv.join(" ")).toBe(0);
      expect(out.stdout, argv.join(" ")).not.toContain("\u001b");
      expect(out.stdout, argv.join(" ")).not.toContain("\r");
    }
    expect((await run(["timeline", "INC-1"])).stdout).toContain("ok\\x1b[1A\\x1b[2K02:40");
    expect((await run(["list"])).stdout).toContain("Checkout \\x1b[2Jfailing");
  });

  it("keeps the text exactly in JSON output", async () => {
    const entries = (await run(["timeline", "INC-1", "--json"])).json<{ text: string }[]>();
    expect(entries.at(-1)?.text).toBe(FORGED);
  });

  it("escapes every C0 and C1 control but tab and newline", () => {
    expect(printable("a\tb\nc\u0000d\u007fe\u009bf")).toBe("a\tb\nc\\x00d\\x7fe\\x9bf");
  });
});

describe("update --draft", () => {
  it("writes the draft alone to stdout, and says what it is on stderr", async () => {
    const out = await run(["update", "INC-1", "--audience", "customer", "--draft"]);
    expect(out.code).toBe(0);
    expect(out.stdout).not.toContain("# draft");
    expect(out.stderr).toContain("# draft customer update for INC-1, not published");
  });
});

describe("a mistyped --db", () => {
  it("is refused by commands that only read, naming the path, and no file is made", async () => {
    const typo = `${dir.dir}/nope/w.db`;
    for (const argv of [
      ["list"],
      ["show", "INC-1"],
      ["timeline", "INC-1"],
      ["search", "x"],
      ["tasks"],
      ["export"],
      ["audit", "verify"],
    ]) {
      const out = await bound({ db: typo })(argv);
      expect(out.code, argv.join(" ")).toBe(2);
      expect(out.stderr, argv.join(" ")).toContain(`there is no database at ${typo}`);
    }
    const { existsSync } = await import("node:fs");
    expect(existsSync(typo)).toBe(false);
  });
});
