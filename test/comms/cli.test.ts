/**
 * The CLI side of communications, in local mode on a temp SQLite file and a manual clock:
 * `update --draft`, `--strict`, findings after publishing, reminders in `list`, `show`
 * and `timeline --follow` (issued by a scheduler on the same file, as a server would),
 * and `warroom lint` on files and standard input with every kind of bad input.
 */
process.env.TZ = "UTC";

import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CommandResult } from "../../src/app/api.js";
import { buildConfig } from "../../src/app/config.js";
import { createWarroomApp } from "../../src/app/create-app.js";
import { ReminderScheduler } from "../../src/app/reminder-scheduler.js";
import type { IncidentDetail, IncidentSummary } from "../../src/app/views.js";
import type { WarroomApp } from "../../src/app/warroom-app.js";
import { runCli } from "../../src/cli/run.js";
import { lintReport } from "../../src/domain/comms/lint-report.js";
import { draftUpdate } from "../../src/domain/comms/templates.js";
import { ManualClock } from "../../src/domain/shared/clock.js";
import { Capture, type CliRun, spawnCli, tempDir, waitFor } from "../cli/helpers.js";

const tmp = tempDir("warroom-comms-");
const clock = new ManualClock("2026-03-07T02:05:00.000Z");
const at = (hhmm: string) => clock.set(`2026-03-07T${hhmm}:00.000Z`);

/** Runs the CLI on the temp file; `stdin` feeds `-`. */
async function warroom(argv: string[], options: { stdin?: Uint8Array | string; signal?: AbortSignal } = {}) {
  const stdout = new Capture();
  const stderr = new Capture();
  const io = {
    stdout,
    stderr,
    env: { NO_COLOR: "1", WARROOM_USER: "alex-ic" },
    clock,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.stdin === undefined ? {} : { stdin: Readable.from([Buffer.from(options.stdin)]) }),
  };
  const code = await runCli(["--db", tmp.db, ...argv], io);
  return {
    code,
    stdout: stdout.text,
    stderr: stderr.text,
    json: <T>() => JSON.parse(stdout.text) as T,
    problem: () => JSON.parse(stderr.text.trim().split("\n").at(-1) ?? "") as { code: string; detail: string },
  } satisfies Omit<CliRun, "problem" | "json"> & Record<string, unknown>;
}

async function ok(argv: string[]) {
  const run = await warroom(argv);
  expect(run.stderr, argv.join(" ")).toBe("");
  expect(run.code, argv.join(" ")).toBe(0);
  return run;
}

const show = async () => (await ok(["show", "INC-1", "--json"])).json<IncidentDetail>();

/** A second app on the same file with its scheduler: what a running server would do. */
let server: WarroomApp;
let reminders: ReminderScheduler;

beforeAll(async () => {
  server = await createWarroomApp(buildConfig({ dbPath: tmp.db }), { clock });
  reminders = new ReminderScheduler({ app: server, intervalMs: 0 });
  await ok(["declare", "Logins failing", "--sev", "1", "--impact", "5% of users cannot log in", "--users-pct", "5"]);
  await ok(["task", "INC-1", "add", "Deploy the login workaround", "--to", "mike-app", "--timebox", "30m"]);
});
afterAll(async () => {
  await server.close();
  tmp.cleanup();
});

describe("update --draft", () => {
  it("prints the draft alone on stdout (its header line on stderr), and stores nothing", async () => {
    at("02:10");
    const before = (await show()).version;
    const run = await warroom(["update", "INC-1", "--audience", "executive", "--draft"]);
    expect(run.code).toBe(0);
    const detail = await show();
    // `--draft > status.txt` must hold the draft and nothing else.
    expect(run.stderr).toBe(
      '# draft executive update for INC-1, not published; publish with: warroom update INC-1 --audience executive "<text>"\n',
    );
    const text = run.stdout.trimEnd().split("\n");
    expect(text.join("\n")).toBe(draftUpdate(detail, "executive", detail.now).text);
    expect(text[0]).toBe("Impact: 5% of users cannot log in.");
    expect(text.at(-1)).toBe("Next update at 02:25 UTC.");
    expect(detail.version).toBe(before);
  });

  it("--json prints the draft object; --next sets the promised time; placeholders are counted in the header", async () => {
    const run = await ok(["update", "INC-1", "--audience", "customer", "--draft", "--next", "+45m", "--json"]);
    const detail = await show();
    expect(run.json()).toEqual(
      draftUpdate(detail, "customer", detail.now, { nextUpdateAt: "2026-03-07T02:55:00.000Z" }),
    );
    expect(run.json<{ parts: { nextUpdateAt: string } }>().parts.nextUpdateAt).toBe("2026-03-07T02:55:00.000Z");
    const legal = await warroom(["update", "INC-1", "--audience", "legal", "--draft"]);
    expect(legal.stderr).toContain("fill the 1 [to confirm: …] spot;");
  });

  it("refuses an unknown audience, an unknown incident, and text given with --draft", async () => {
    const audience = await warroom(["update", "INC-1", "--audience", "ceo", "--draft"]);
    expect([audience.code, audience.stderr]).toEqual([
      2,
      "error [validation.failed]: --audience: 'ceo' is not an audience; use one of team, executive, customer, legal\n  field: --audience\n",
    ]);
    const missing = await warroom(["update", "INC-9", "--audience", "team", "--draft", "--json"]);
    expect([missing.code, missing.problem().code]).toEqual([3, "incident.not_found"]);
    const both = await warroom(["update", "INC-1", "--audience", "team", "--draft", "some text"]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("--draft writes the text itself: leave the update text out");
  });
});

describe("publishing an update", () => {
  it("without text: a clear error, exit 2, nothing stored", async () => {
    const before = (await show()).version;
    const run = await warroom(["update", "INC-1", "--audience", "team"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("error [text.empty]: give the update text, or use --draft to get one to start from");
    expect((await show()).version).toBe(before);
  });

  it("--strict refuses a message with an error for its audience (exit 4) and stores nothing", async () => {
    const before = await show();
    const run = await warroom([
      "update",
      "INC-1",
      "--audience",
      "customer",
      "--strict",
      "Logins fail because the Redis connection pool is exhausted. Next update at 03:00 UTC.",
    ]);
    expect(run.code).toBe(4);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(
      /^error \[update\.lint_failed\]: not published: \d+ problems? for a customer audience \(.*jargon/,
    );
    const after = await show();
    expect([after.version, after.updates.length]).toEqual([before.version, 0]);
  });

  it("without --strict it publishes, then lists errors and warnings under the confirmation as not blocking", async () => {
    at("02:12");
    const run = await ok([
      "update",
      "INC-1",
      "--audience",
      "customer",
      "Logins fail because the Redis connection pool is exhausted. We are sorry. Next update at 03:00 UTC.",
    ]);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^✓ INC-1 Update U1 to customer: Logins fail/);
    expect(lines[1]).toMatch(/^INC-1 {2}SEV-1/);
    expect(lines[2]).toMatch(/^lint \(not blocking; --strict refuses errors\): \d+ errors?/);
    expect(run.stdout).toMatch(/\n {2}error +jargon +"connection pool" +"connection pool" is technical language/);
    const stored = (await show()).updates[0]?.findings ?? [];
    expect(stored.some((f) => f.rule === "jargon" && f.severity === "error")).toBe(true);
  });

  it("--json carries the stored findings in the result; a clean update prints no lint lines", async () => {
    const run = await ok([
      "update",
      "INC-1",
      "--audience",
      "team",
      "--json",
      "Impact: 5% of users cannot log in. Plan: mike-app deploys the workaround by 02:40. Next update at 02:40 UTC.",
    ]);
    const result = run.json<CommandResult>();
    expect(result.incident.updates.at(-1)?.findings).toEqual([]);
    const clean = await ok([
      "update",
      "INC-1",
      "--audience",
      "team",
      "Impact: 5% of users cannot log in. Plan: mike-app deploys the workaround by 02:40. Next update at 02:40 UTC.",
    ]);
    expect(clean.stdout.trimEnd().split("\n")).toHaveLength(2);
  });

  it("show gives each update its finding counts", async () => {
    const run = await ok(["show", "INC-1"]);
    expect(run.stdout).toMatch(/U1 {2}02:12 {2}to customer .*\n(?: {6}.*\n)* {6}lint: \d+ errors?.*\(.*jargon.*\)/);
  });
});

describe("reminders, as a server's scheduler issues them", () => {
  it("list marks what needs attention; show lists the latest reminders; the timeline marks them ⏰", async () => {
    at("02:41");
    await reminders.tick();
    const list = await ok(["list"]);
    expect(list.stdout).toMatch(/Logins failing {2}⚠ update overdue, T1 expired/);
    const summary = (await ok(["list", "--json"])).json<IncidentSummary[]>()[0];
    expect(summary?.attention).toEqual(["update overdue", "T1 expired"]);
    const shown = await ok(["show", "INC-1"]);
    expect(shown.stdout).toContain("REMINDERS (2)");
    expect(shown.stdout).toContain("02:41  ⏰ the update due at 02:27 UTC is overdue");
    expect(shown.stdout).toContain("02:41  ⏰ T1 (mike-app) reached its time-box: check in");
    const timeline = await ok(["timeline", "INC-1", "--type", "ReminderIssued"]);
    expect(timeline.stdout).toContain("warroom  command      ⏰ Reminder: the update due at 02:27 UTC is overdue");
  });

  it("timeline --follow prints a reminder as it is issued, marked ⏰", async () => {
    const stop = new AbortController();
    const stdout = new Capture();
    const following = runCli(["--db", tmp.db, "timeline", "INC-1", "--follow"], {
      stdout,
      stderr: new Capture(),
      env: { NO_COLOR: "1" },
      clock,
      signal: stop.signal,
    });
    await waitFor(() => stdout.text.includes("T1 (mike-app) reached"), "the backlog");
    await ok(["task", "INC-1", "add", "Confirm the restore", "--to", "sarah-db", "--timebox", "5m"]);
    at("02:47");
    await reminders.tick();
    await waitFor(() => stdout.text.includes("⏰ Reminder: T2 (sarah-db) reached its time-box"), "the live reminder");
    stop.abort();
    expect(await following).toBe(0);
    expect(stdout.text).toMatch(
      /02:47 {2}warroom +command {6}⏰ Reminder: T2 \(sarah-db\) reached its time-box: check in/,
    );
  });
});

describe("warroom lint", () => {
  const file = (name: string, content: string | Uint8Array) => {
    const path = join(tmp.dir, name);
    writeFileSync(path, content);
    return path;
  };
  const folder = () => {
    mkdirSync(join(tmp.dir, "folder"), { recursive: true });
    return join(tmp.dir, "folder");
  };
  const GOOD_EXEC =
    "Impact: 5% of users cannot log in. Started 02:05 UTC. Plan: we are applying a workaround; if logins still fail by 02:45 we switch to the standby. Next update at 02:30 UTC.";
  const BAD_CUSTOMER =
    "Logins fail because the Redis connection pool is exhausted. We are sorry. Next update at 03:00 UTC.";

  it("a clean file: exit 0 and a one-line verdict", async () => {
    const run = await ok(["lint", "--audience", "executive", file("good.txt", GOOD_EXEC)]);
    expect(run.stdout).toMatch(/^✓ (?:ok for executive: .*|executive: no findings)\n/);
  });

  it("errors found: the compact list on stdout, exit 4 with the rules named on stderr", async () => {
    const run = await warroom(["lint", "--audience", "customer", file("bad.txt", BAD_CUSTOMER)]);
    expect(run.code).toBe(4);
    expect(run.stdout.split("\n")[0]).toMatch(/^✗ not ok for customer: \d+ errors?/);
    expect(run.stdout.split("\n")[1]).toMatch(/^ {2}error /);
    expect(run.stdout).toMatch(/\n {2}error +jargon +"Redis" +"Redis" is technical language/);
    expect(run.stderr).toMatch(/^error \[update\.lint_failed\]: \d+ errors? for a customer audience \(jargon\)\n$/);
  });

  it("--json prints exactly { audience, ok, findings: [{ rule, severity, message, excerpt }] }", async () => {
    const run = await warroom(["lint", "--audience", "customer", file("bad.txt", BAD_CUSTOMER), "--json"]);
    const report = run.json<Record<string, unknown>>();
    expect(Object.keys(report).sort()).toEqual(["audience", "findings", "ok"]);
    expect(report).toEqual(lintReport(BAD_CUSTOMER, "customer", new Date(clock.now()).toISOString()));
    for (const finding of report.findings as Record<string, unknown>[]) {
      expect(Object.keys(finding).sort()).toEqual(["excerpt", "message", "rule", "severity"]);
    }
    expect(report.ok).toBe(false);
    expect(run.problem().code).toBe("update.lint_failed");
  });

  it("- reads standard input, with the same result as the file", async () => {
    const fromFile = await warroom(["lint", "--audience", "customer", file("bad.txt", BAD_CUSTOMER), "--json"]);
    const fromStdin = await warroom(["lint", "--audience", "customer", "-", "--json"], { stdin: BAD_CUSTOMER });
    expect(fromStdin.code).toBe(4);
    expect(fromStdin.stdout).toBe(fromFile.stdout);
    const good = await warroom(["lint", "--audience", "executive", "-"], { stdin: `\uFEFF${GOOD_EXEC}` });
    expect(good.code).toBe(0);
  });

  it("- from a real pipe, in a separate process", async () => {
    const child = spawnCli(["lint", "--audience", "customer", "-", "--json"]);
    child.stdin.end(BAD_CUSTOMER);
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    const code = await new Promise<number | null>((done) => child.on("close", done));
    expect(code).toBe(4);
    expect((JSON.parse(stdout) as { audience: string; ok: boolean }).ok).toBe(false);
  }, 30_000);

  const BAD: [
    what: string,
    argv: () => string[],
    stdin: string | Uint8Array | undefined,
    code: string,
    says: RegExp,
  ][] = [
    [
      "an unknown audience",
      () => ["--audience", "board", file("x.txt", GOOD_EXEC)],
      undefined,
      "validation.failed",
      /--audience: 'board' is not an audience; use one of team, executive, customer, legal/,
    ],
    [
      "a missing file",
      () => ["--audience", "team", join(tmp.dir, "nope.txt")],
      undefined,
      "validation.failed",
      /cannot read .*nope\.txt: there is no such file/,
    ],
    ["a directory", () => ["--audience", "team", folder()], undefined, "validation.failed", /folder is not a file/],
    [
      "an empty file",
      () => ["--audience", "team", file("empty.txt", "")],
      undefined,
      "text.empty",
      /empty\.txt is empty: there is nothing to lint/,
    ],
    [
      "a blank file",
      () => ["--audience", "team", file("blank.txt", " \n\t\n")],
      undefined,
      "text.empty",
      /blank\.txt is empty/,
    ],
    [
      "binary input (a NUL byte)",
      () => ["--audience", "team", file("bin.dat", new Uint8Array([72, 105, 33, 0, 1, 2]))],
      undefined,
      "validation.failed",
      /bin\.dat is binary \(a NUL byte at offset 3\)/,
    ],
    [
      "invalid UTF-8",
      () => ["--audience", "team", file("latin1.txt", new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x20, 0x6f, 0x6b]))],
      undefined,
      "validation.failed",
      /latin1\.txt is not valid UTF-8 text/,
    ],
    [
      "a file over 64 KiB",
      () => ["--audience", "team", file("big.txt", "word ".repeat(14_000))],
      undefined,
      "text.too_long",
      /big\.txt is 70000 bytes; the limit is 65536 bytes/,
    ],
    [
      "standard input over 64 KiB",
      () => ["--audience", "team", "-"],
      "word ".repeat(14_000),
      "text.too_long",
      /standard input is over 65536 bytes; the limit is 65536 bytes/,
    ],
    ["empty standard input", () => ["--audience", "legal", "-"], "", "text.empty", /standard input is empty/],
    [
      "binary standard input",
      () => ["--audience", "legal", "-"],
      "abc\u0000def",
      "validation.failed",
      /standard input is binary/,
    ],
  ];
  for (const [what, argv, stdin, code, says] of BAD) {
    it(`refuses ${what}: exit 2, a clear error`, async () => {
      const run = await warroom(["lint", ...argv(), "--json"], stdin === undefined ? {} : { stdin });
      expect(run.code).toBe(2);
      expect(run.stdout).toBe("");
      expect(run.problem().code).toBe(code);
      expect(run.stderr).toMatch(says);
    });
  }

  it("never opens or changes the database", async () => {
    const elsewhere = join(tmp.dir, "never", "warroom.db");
    const stdout = new Capture();
    const code = await runCli(["--db", elsewhere, "lint", "--audience", "team", file("g.txt", GOOD_EXEC)], {
      stdout,
      stderr: new Capture(),
      env: { NO_COLOR: "1" },
    });
    expect(code).toBe(0);
    const { existsSync } = await import("node:fs");
    expect(existsSync(join(tmp.dir, "never"))).toBe(false);
    const before = await server.store.headPosition();
    await warroom(["lint", "--audience", "customer", file("bad.txt", BAD_CUSTOMER)]);
    expect(await server.store.headPosition()).toBe(before);
  });
});
