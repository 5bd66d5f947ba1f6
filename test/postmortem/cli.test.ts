/**
 * `warroom postmortem …` in local mode against a temp SQLite file on a manual clock:
 * draft in each format, save from a file and from stdin with optimistic revisions,
 * publish (refused before resolving), show a version, lint with its exit codes, the
 * agenda — and every bad input refused with a clear error and nothing stored.
 */
process.env.TZ = "UTC";

import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IncidentDetail } from "../../src/app/views.js";
import { runCli } from "../../src/cli/run.js";
import { ManualClock } from "../../src/domain/shared/clock.js";
import { HANDBOOK_BAD_POSTMORTEM } from "../analysis/fixtures/handbook.js";
import { bound, Capture, tempDir } from "../cli/helpers.js";
import { OWN_GOOD_POSTMORTEM } from "./fixtures.js";

const tmp = tempDir("warroom-pm-cli-");
const clock = new ManualClock("2026-03-01T10:00:00.000Z");
const warroom = bound({ db: tmp.db }, { clock, env: { WARROOM_USER: "alex" } });
const at = (minutes: number) =>
  clock.set(new Date(Date.parse("2026-03-01T10:00:00.000Z") + minutes * 60_000).toISOString());
const file = (name: string, content: string | Uint8Array) => {
  const path = join(tmp.dir, name);
  writeFileSync(path, content);
  return path;
};

async function ok(argv: string[]) {
  const run = await warroom(argv);
  expect(run.stderr, `${argv.join(" ")} wrote to stderr`).toBe("");
  expect(run.code, `${argv.join(" ")} failed`).toBe(0);
  return run;
}

/** Runs the CLI with `input` on standard input. */
async function withStdin(argv: string[], input: string | Uint8Array) {
  const stdout = new Capture();
  const stderr = new Capture();
  const io = {
    stdout,
    stderr,
    env: { NO_COLOR: "1", WARROOM_USER: "alex" },
    clock,
    stdin: Readable.from([typeof input === "string" ? Buffer.from(input) : Buffer.from(input)]),
  };
  const code = await runCli(["--db", tmp.db, ...argv], io);
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** What is stored: every incident's version, so "nothing changed" is one comparison. */
async function stored(): Promise<string> {
  const list = await warroom(["list", "--all", "--json"]);
  return JSON.stringify(list.json<{ id: string; version: number }[]>().map((i) => [i.id, i.version]));
}

async function expectRefused(argv: string[], code: string, exit: number, mentions: RegExp) {
  const before = await stored();
  const run = await warroom([...argv, "--json"]);
  expect(run.code, run.stderr).toBe(exit);
  const problem = run.problem();
  expect(problem.code).toBe(code);
  expect(problem.detail).toMatch(mentions);
  expect(await stored()).toBe(before);
  return problem;
}

beforeAll(async () => {
  at(0);
  await ok([
    "declare",
    "Checkout failing for most users",
    "--sev",
    "SEV-1",
    "--impact",
    "Card payments fail",
    "--users-pct",
    "60",
  ]);
  at(2);
  await ok(["assign", "INC-1", "tech-lead", "sam"]);
  at(4);
  await ok(["update", "INC-1", "--audience", "team", "Checkout is failing; Sam leads the investigation."]);
  at(20);
  await ok([
    "action",
    "INC-1",
    "add",
    "Alert when the payment pool passes 80%",
    "--owner",
    "sam",
    "--horizon",
    "immediate",
    "--due",
    "2026-03-06",
  ]);
});
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

describe("postmortem save, publish, show", () => {
  it("saves a revision from a file, then from stdin against the revision it edited", async () => {
    const first = await ok(["postmortem", "save", "INC-1", file("pm1.md", HANDBOOK_BAD_POSTMORTEM)]);
    expect(first.stdout).toContain("✓ INC-1 Postmortem revision 1 saved");
    expect(first.stdout).toMatch(/✗ lint: \d+ errors, \d+ warnings; see warroom postmortem lint/);
    const second = await withStdin(["postmortem", "save", "INC-1", "-", "--base-revision", "1"], OWN_GOOD_POSTMORTEM);
    expect(second.stderr).toBe("");
    expect(second.code).toBe(0);
    expect(second.stdout).toContain("Postmortem revision 2 saved");
    expect(second.stdout).toContain("✓ lint: no findings");
  });

  it("refuses a stale base revision and stores nothing", async () => {
    const problem = await expectRefused(
      ["postmortem", "save", "INC-1", file("pm-stale.md", `${OWN_GOOD_POSTMORTEM}\nMore.\n`), "--base-revision", "1"],
      "postmortem.stale_revision",
      4,
      /revision 2, not 1/,
    );
    expect(problem.errors[0]?.field).toBe("baseRevision");
  });

  it("refuses to publish before the incident is resolved, storing nothing", async () => {
    await expectRefused(["postmortem", "publish", "INC-1"], "incident.not_resolved", 4, /resolve it before publishing/);
  });

  it("publishes the latest revision as version 1, then a later revision as version 2", async () => {
    at(70);
    await ok(["resolve", "INC-1", "--summary", "Release rolled back"]);
    const published = await ok(["postmortem", "publish", "INC-1"]);
    expect(published.stdout).toContain("Postmortem published as version 1 (revision 2)");
    await expectRefused(["postmortem", "publish", "INC-1"], "validation.failed", 2, /already published as version 1/);
    await withStdin(
      ["postmortem", "save", "INC-1", "-"],
      `${OWN_GOOD_POSTMORTEM}\n## Where we got lucky\nIt was a Sunday.\n`,
    );
    expect((await ok(["postmortem", "publish", "INC-1"])).stdout).toContain("published as version 2 (revision 3)");
  });

  it("shows the latest revision, or a published version frozen as it was", async () => {
    const latest = await ok(["postmortem", "show", "INC-1"]);
    expect(latest.stdout).toMatch(
      /^INC-1 postmortem {2}revision 3 {2}\d\d:\d\d by alex\n {2}published: v1 \(rev 2\), v2 \(rev 3\)\n\n# Postmortem: INC-12/,
    );
    const v1 = (await ok(["postmortem", "show", "INC-1", "--version", "1", "--json"])).json<Record<string, unknown>>();
    expect(v1).toMatchObject({
      kind: "published",
      version: 1,
      revision: 2,
      latestRevision: 3,
      markdown: OWN_GOOD_POSTMORTEM.trim(),
    });
    const v2 = (await ok(["postmortem", "show", "INC-1", "--version=2", "--json"])).json<{ markdown: string }>();
    expect(v2.markdown).toContain("It was a Sunday.");
    expect((await ok(["show", "INC-1"])).stdout).toContain("  postmortem revision 3 · published v2 (revision 3)");
  });

  it("refuses a version that does not exist, a bad number, and an incident with no postmortem", async () => {
    const problem = await expectRefused(
      ["postmortem", "show", "INC-1", "--version", "7"],
      "postmortem.not_found",
      3,
      /no published version 7 \(published: 1, 2\)/,
    );
    expect(problem.errors[0]?.field).toBe("version");
    await expectRefused(
      ["postmortem", "show", "INC-1", "--version", "two"],
      "validation.failed",
      2,
      /--version: 'two' is not a whole number/,
    );
    await ok(["declare", "Slow search", "--sev", "SEV-3"]);
    await expectRefused(
      ["postmortem", "show", "INC-2"],
      "postmortem.not_found",
      3,
      /no postmortem has been saved for INC-2/,
    );
    await expectRefused(
      ["postmortem", "save", "INC-2", file("n.md", "x"), "--base-revision", "x"],
      "validation.failed",
      2,
      /--base-revision/,
    );
  });

  it("refuses bad files for save with nothing stored", async () => {
    await expectRefused(
      ["postmortem", "save", "INC-2", file("empty.md", "")],
      "text.empty",
      2,
      /the file .*empty\.md is empty/,
    );
    await expectRefused(
      ["postmortem", "save", "INC-2", join(tmp.dir, "missing.md")],
      "validation.failed",
      2,
      /cannot read .*missing\.md: no such file/,
    );
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
