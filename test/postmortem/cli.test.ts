/**
 * `warroom postmortem draft|lint|agenda` in local mode: the draft in each format, lint
 * with its exit codes (0 clean, 4 errors, 2 bad input) on files and standard input, the
 * agenda — every bad input refused with a clear error and nothing stored.
 */
process.env.TZ = "UTC";

import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IncidentDetail } from "../../src/app/views.js";
import { rewritePostmortemArgs } from "../../src/cli/commands/postmortem.js";
import { HANDBOOK_BAD_POSTMORTEM } from "../analysis/fixtures/handbook.js";
import { cliKit } from "./cli-kit.js";
import { OWN_GOOD_POSTMORTEM } from "./fixtures.js";

const { tmp, warroom, at, file, ok, withStdin, stored, expectRefused, declareIncident } = cliKit("warroom-pm-cli-");

beforeAll(declareIncident);
afterAll(() => tmp.cleanup());

describe("postmortem draft", () => {
  it("prints markdown by default", async () => {
    const run = await ok(["postmortem", "draft", "INC-1"]);
    expect(run.stdout).toMatch(/^# Postmortem: INC-1 — Checkout failing for most users\n/);
    expect(run.stdout).toContain("\n## Detection and response\n");
    expect(run.stdout).toContain("- Time to first update: 4 min");
    expect(run.stdout).toContain("- [ ] AI-1: Alert when the payment pool passes 80% — owner @sam, due 2026-03-06");
  });

  it("--format html is a page; --format json and --json give the structured draft with its markdown", async () => {
    const html = await ok(["postmortem", "draft", "inc-1", "--format", "html"]);
    expect(html.stdout).toMatch(/^<!doctype html>/);
    const json = (await ok(["postmortem", "draft", "1", "--format", "json"])).json<{
      markdown: string;
      figures: object;
    }>();
    const viaFlag = (await ok(["postmortem", "draft", "INC-1", "--json"])).json<{ markdown: string }>();
    expect(json.markdown).toBe(viaFlag.markdown);
    expect(json.figures).toMatchObject({ timeToFirstUpdateMinutes: 4, timeToFirstRoleMinutes: 2 });
  });

  it("--out writes the file and says where", async () => {
    const out = join(tmp.dir, "draft.md");
    const run = await ok(["postmortem", "draft", "INC-1", "--out", out]);
    expect(run.stdout).toBe(`✓ INC-1 postmortem draft (md) written to ${out}\n`);
    expect(readFileSync(out, "utf8")).toBe((await ok(["postmortem", "draft", "INC-1"])).stdout);
  });

  it("refuses an unknown format, an unknown incident and an unwritable --out", async () => {
    await expectRefused(
      ["postmortem", "draft", "INC-1", "--format", "pdf"],
      "validation.failed",
      2,
      /--format.*'pdf'.*md, html, json/,
    );
    await expectRefused(["postmortem", "draft", "INC-9"], "incident.not_found", 3, /INC-9/);
    const problem = await expectRefused(
      ["postmortem", "draft", "INC-1", "--out", join(tmp.dir, "no-such-dir", "x.md")],
      "validation.failed",
      2,
      /cannot write .*no-such-dir.*no such file or directory/,
    );
    expect(problem.errors[0]?.field).toBe("--out");
  });
});

describe("postmortem lint", () => {
  it("exits 0 for a clean postmortem, printing { ok, findings } with --json", async () => {
    const run = await ok(["postmortem", "lint", file("good.md", OWN_GOOD_POSTMORTEM), "--json"]);
    expect(run.json()).toEqual({ ok: true, findings: [] });
    expect((await ok(["postmortem", "lint", file("good.md", OWN_GOOD_POSTMORTEM)])).stdout).toMatch(
      /good\.md: no findings/,
    );
  });

  it("exits 4 when a finding is an error, after printing the same shape as warroom lint", async () => {
    const before = await stored();
    const run = await warroom(["postmortem", "lint", file("bad.md", HANDBOOK_BAD_POSTMORTEM), "--json"]);
    expect(run.code).toBe(4);
    const report = run.json<{ ok: boolean; findings: Record<string, string>[] }>();
    expect(Object.keys(report).sort()).toEqual(["findings", "ok"]);
    expect(report.ok).toBe(false);
    for (const f of report.findings) expect(Object.keys(f).sort()).toEqual(["excerpt", "message", "rule", "severity"]);
    expect(report.findings.map((f) => f.rule)).toEqual(
      expect.arrayContaining(["blame.person", "blame.human-error", "blame.punishment"]),
    );
    expect(run.problem()).toMatchObject({ code: "postmortem.lint_failed", status: 422 });
    const human = await warroom(["postmortem", "lint", join(tmp.dir, "bad.md")]);
    expect(human.code).toBe(4);
    expect(human.stdout).toMatch(/✗ .*bad\.md: \d+ errors, \d+ warnings/);
    expect(human.stdout).toMatch(/ {2}error {4}blame\.person +Names a person as the cause/);
    expect(human.stderr).toMatch(/^error \[postmortem\.lint_failed\]: \d+ errors in the postmortem \(.*blame\.person/);
    expect(await stored()).toBe(before);
  });

  it("reads standard input with -", async () => {
    const run = await withStdin(["postmortem", "lint", "-", "--json"], OWN_GOOD_POSTMORTEM);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ ok: true, findings: [] });
    const bad = await withStdin(["postmortem", "lint", "-"], HANDBOOK_BAD_POSTMORTEM);
    expect(bad.code).toBe(4);
    expect(bad.stdout).toMatch(/stdin: \d+ errors/);
  });

  it.each([
    ["an empty file", () => file("e.md", ""), "text.empty", /is empty/],
    ["only whitespace", () => file("w.md", " \n\t\n"), "text.empty", /only whitespace/],
    [
      "a NUL byte",
      () => file("b.bin", new Uint8Array([35, 32, 104, 0, 105])),
      "validation.failed",
      /looks binary \(a zero byte at offset 3\)/,
    ],
    [
      "control characters",
      () => file("c.md", "# x\u0007\n"),
      "validation.failed",
      /looks binary \(control character 0x07/,
    ],
    [
      "bytes that are not UTF-8",
      () => file("l.md", new Uint8Array([35, 32, 0xff, 0xfe, 0x41])),
      "validation.failed",
      /is not UTF-8 text/,
    ],
    [
      "a file over the size limit",
      () => file("big.md", `# big\n${"a".repeat(70_000)}`),
      "text.too_long",
      /is 70006 bytes; the limit is 65536 bytes/,
    ],
    [
      "a missing file",
      () => join(tmp.dir, "nope.md"),
      "validation.failed",
      /cannot read .*nope\.md: no such file or directory/,
    ],
    [
      "a directory",
      () => {
        const d = join(tmp.dir, "adir");
        mkdirSync(d, { recursive: true });
        return d;
      },
      "validation.failed",
      /adir is a directory/,
    ],
  ])("refuses %s with a clear error, exit 2, nothing stored", async (_what, make, code, message) => {
    const problem = await expectRefused(["postmortem", "lint", make()], code, 2, message);
    expect(problem.errors[0]?.field).toBe("file");
  });

  it("refuses standard input that is empty, binary or over the limit", async () => {
    for (const [input, pattern] of [
      ["", /standard input is empty/],
      [new Uint8Array([0, 1, 2]), /standard input looks binary/],
      ["x".repeat(65_537), /standard input is over 65536 bytes/],
    ] as const) {
      const run = await withStdin(["postmortem", "lint", "-"], input);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(pattern);
      expect(run.stdout).toBe("");
    }
  });
});

describe("postmortem agenda", () => {
  beforeAll(async () => {
    at(70);
    await ok(["resolve", "INC-1", "--summary", "Release rolled back"]);
  });

  it("prints the 60-minute meeting with the incident's facts", async () => {
    const run = await ok(["postmortem", "agenda", "INC-1"]);
    expect(run.stdout).toMatch(/^Postmortem review: INC-1 — Checkout failing for most users: 60 minutes\n/);
    expect(run.stdout).toContain("hold by 2026-03-04, draft out by 2026-03-03");
    for (const line of [
      "00–05  Introduction (5 min)",
      "05–15  Timeline review (10 min)",
      "15–35  Root cause analysis (20 min)",
      "35–45  What went well (10 min)",
      "45–60  Action items (15 min)",
    ]) {
      expect(run.stdout).toContain(line);
    }
    expect(run.stdout).toContain("› INC-1 — Checkout failing for most users (SEV-1)");
    const json = (await ok(["postmortem", "agenda", "INC-1", "--json"])).json<{ items: { minutes: number }[] }>();
    expect(json.items.reduce((sum, i) => sum + i.minutes, 0)).toBe(60);
    await expectRefused(["postmortem", "agenda", "INC-404"], "incident.not_found", 3, /INC-404/);
  });

  it("reads incidents and changes nothing", async () => {
    const detail = (await ok(["show", "INC-1", "--json"])).json<IncidentDetail>();
    await ok(["postmortem", "draft", "INC-1"]);
    await ok(["postmortem", "agenda", "INC-1"]);
    expect((await ok(["show", "INC-1", "--json"])).json<IncidentDetail>().version).toBe(detail.version);
  });
});

describe("--version", () => {
  it("is the published version after postmortem show, and the program's version anywhere else", async () => {
    expect(rewritePostmortemArgs(["--db", "x.db", "postmortem", "show", "INC-1", "--version", "2"])).toEqual([
      "--db",
      "x.db",
      "postmortem",
      "show",
      "INC-1",
      "--published-version",
      "2",
    ]);
    expect(rewritePostmortemArgs(["postmortem", "show", "INC-1", "--version=3"]).at(-1)).toBe("--published-version=3");
    for (const argv of [
      ["--version"],
      ["note", "INC-1", "postmortem", "show", "--version"],
      ["postmortem", "draft", "INC-1", "--version"],
    ]) {
      expect(rewritePostmortemArgs(argv)).toEqual(argv);
    }
    const version = await warroom(["--version"]);
    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});
