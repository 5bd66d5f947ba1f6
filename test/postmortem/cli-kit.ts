/**
 * Shared by the postmortem CLI tests: the CLI in local mode on a temp SQLite file and a
 * manual clock, standard input, and "refused with this code and nothing stored".
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { expect } from "vitest";
import { runCli } from "../../src/cli/run.js";
import { ManualClock } from "../../src/domain/shared/clock.js";
import { bound, Capture, tempDir } from "../cli/helpers.js";

export const T0 = "2026-03-01T10:00:00.000Z";

export function cliKit(prefix: string) {
  const tmp = tempDir(prefix);
  const clock = new ManualClock(T0);
  const warroom = bound({ db: tmp.db }, { clock, env: { WARROOM_USER: "alex" } });
  const at = (minutes: number) => clock.set(new Date(Date.parse(T0) + minutes * 60_000).toISOString());
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
    const stdin = Readable.from([Buffer.from(input)]);
    const io = { stdout, stderr, env: { NO_COLOR: "1", WARROOM_USER: "alex" }, clock, stdin };
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

  /** INC-1, a SEV-1: a Tech Lead at T+2, the first update at T+4, an action item at T+20. */
  async function declareIncident() {
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
  }

  return { tmp, clock, warroom, at, file, ok, withStdin, stored, expectRefused, declareIncident };
}
