/** `warroom train`: list, transcript replay (human and --json), interactive over stdin, errors. */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/run.js";
import { ManualClock } from "../../src/domain/shared/clock.js";
import type { Score } from "../../src/training/rubric/types.js";
import { Capture, cli, spawnCli, tempDir } from "../cli/helpers.js";
import { TINY_SCENARIO } from "./fixtures.js";
import { transcriptPath } from "./helpers.js";

const tmp = tempDir("warroom-train-");
afterAll(() => tmp.cleanup());
const STRONG = transcriptPath("multi-team-coordination", "strong");

/** Runs the CLI with these lines on stdin; the clock is held still, so only `wait` moves time. */
async function drill(argv: string[], lines: string[], env: Record<string, string> = {}) {
  const stdout = new Capture();
  const stderr = new Capture();
  const io = {
    stdout,
    stderr,
    env: { NO_COLOR: "1", WARROOM_USER: "alex-ic", ...env },
    clock: new ManualClock("2030-01-01T00:00:00.000Z"),
    stdin: Readable.from(lines.map((l) => `${l}\n`)),
  };
  const code = await runCli(argv, io);
  return { code, stdout: stdout.text, stderr: stderr.text };
}

describe("warroom train", () => {
  it("lists the built-in scenarios, as a table and as JSON", async () => {
    const human = await cli(["train", "list"]);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^SCENARIO\s+LEVEL\s+LENGTH\s+CAST\s+TITLE\n/);
    expect(human.stdout).toMatch(/\nmulti-team-coordination\s+intermediate\s+30m\s+5\s+Multi-team coordination/);
    expect(human.stdout).toMatch(/\nimpossible-decision\s+advanced\s+30m\s+4\s+/);
    const json = await cli(["train", "list", "--json"]);
    const list = json.json<{ id: string; cast: string[]; passPercent: number }[]>();
    expect(list.find((s) => s.id === "multi-team-coordination")).toMatchObject({
      cast: ["sarah-db", "mike-app", "lisa-sre", "david-product", "jane-vp"],
      passPercent: 80,
    });
  });

  it("replays a transcript and prints the score object with --json, the same every time", async () => {
    const first = await cli(["train", "multi-team-coordination", "--transcript", STRONG, "--json"]);
    expect(first.code).toBe(0);
    expect(first.stderr).toBe("");
    const score = first.json<Score>();
    expect(score).toMatchObject({ scenario: "multi-team-coordination", trainee: "alex-ic", max: 100, passed: true });
    expect(score.percent).toBeGreaterThanOrEqual(80);
    expect(score.groups.map((g) => [g.name, g.max])).toEqual([
      ["Coordination", 30],
      ["Decision-making", 40],
      ["Communication", 30],
    ]);
    const second = await cli(["train", "multi-team-coordination", "--transcript", STRONG, "--json"]);
    expect(second.stdout).toBe(first.stdout);
  });

  it("prints a compact human report: verdict, groups, competencies, items with advice and evidence", async () => {
    const weak = transcriptPath("multi-team-coordination", "weak");
    const run = await cli(["train", "multi-team-coordination", "--transcript", weak, "--feed"]);
    expect(run.code).toBe(0);
    const out = run.stdout;
    expect(out).toContain("02:05 sarah-db      Corruption confirmed in the users table");
    expect(out).toMatch(/multi-team-coordination {2}sam-ic {2}[\d.]+\/100 \([\d.]+%\) {2}NOT PASSED {2}pass mark 80%/);
    expect(out).toMatch(/Coordination [\d.]+\/30 · Decision-making [\d.]+\/40 · Communication [\d.]+\/30/);
    expect(out).toMatch(/competencies: technical [\d.]+\/30 · leadership [\d.]+\/40 · communication [\d.]+\/30/);
    expect(out).toMatch(/✗ clear-concise-updates +0\/10 {2}Tighten the updates/);
    expect(out).toMatch(/02:13 #2 +technical detail on the command channel/);
    expect(out).toContain("Refused actions 1");
  });

  it("keeps the drill incident in a file with --keep: a drill-mode incident on the same engine", async () => {
    const keep = join(tmp.dir, "kept.db");
    expect(
      (await cli(["train", "multi-team-coordination", "--transcript", STRONG, "--keep", keep, "--json"])).code,
    ).toBe(0);
    const shown = await cli(["--db", keep, "show", "INC-1", "--json"]);
    const incident = shown.json<{ mode: string; commander: string; decisions: unknown[]; options: unknown[] }>();
    expect(incident).toMatchObject({ mode: "drill", commander: "alex-ic" });
    expect(incident.options).toHaveLength(4);
    expect(incident.decisions).toHaveLength(1);
    const again = await cli(["train", "multi-team-coordination", "--transcript", STRONG, "--keep", keep]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(`${keep} already exists: a drill keeps its incident in a new file of its own`);
  });

  it("refuses bad input with a clear error and stores nothing", async () => {
    const bad = join(tmp.dir, "bad.yaml");
    writeFileSync(
      bad,
      "trainee: alex\nactions:\n  - { at: 1m, do: declare, title: X, severity: SEV-1 }\n  - { at: 2m, do: teleport }\n",
    );
    const keep = join(tmp.dir, "never.db");
    const run = await cli(["train", "multi-team-coordination", "--transcript", bad, "--keep", keep, "--json"]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.problem().code).toBe("validation.failed");
    expect(run.stderr).toContain(`${bad}:4 actions.1 (teleport) do: unknown action 'teleport'`);
    expect(existsSync(keep)).toBe(false);
    const missing = await cli(["train", "multi-team-coordination", "--transcript", join(tmp.dir, "nope.yaml")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("--transcript: cannot read");
    const unknown = await cli(["train", "no-such-drill", "--transcript", STRONG]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(
      /no scenario named 'no-such-drill' \(built in: ceo-in-the-war-room, .*multi-team-coordination/,
    );
    const other = join(tmp.dir, "other.yaml");
    writeFileSync(other, readFileSync(STRONG, "utf8").replace("scenario: multi-team-coordination", "scenario: ceo"));
    expect((await cli(["train", "multi-team-coordination", "--transcript", other])).stderr).toContain(
      "recorded for ceo, not multi-team-coordination",
    );
    const speed = await drill(["train", "multi-team-coordination", "--speed", "fast"], ["end"]);
    expect(speed.code).toBe(2);
    expect(speed.stderr).toContain("--speed: 'fast' is not a speed");
  });

  it("drills a scenario file given by path", async () => {
    const file = join(tmp.dir, "tiny.yaml");
    writeFileSync(file, TINY_SCENARIO);
    const transcript = join(tmp.dir, "tiny-run.yaml");
    writeFileSync(
      transcript,
      "trainee: kim\nactions:\n  - { at: 1m, do: declare, title: Cache down, severity: SEV-2 }\n",
    );
    const run = await cli(["train", file, "--transcript", transcript, "--json"]);
    expect(run.code).toBe(0);
    expect(run.json<Score>()).toMatchObject({ scenario: "tiny-drill", trainee: "kim", max: 10 });
  });

  it("runs an interactive drill from stdin: briefing, feed, virtual clock, errors, then the score", async () => {
    const record = join(tmp.dir, "recorded.yaml");
    const run = await drill(
      ["train", "multi-team-coordination", "--record", record],
      [
        'declare "Sign-in failing after the migration" --sev 1 --impact "5% of users cannot sign in"',
        "assign tech-lead sarah-db",
        "ask sarah-db how long would a restore from backup take?",
        "fly to the moon",
        "task add Size the failover --to lisa-sre --timebox nine",
        "wait 3m",
        "clock",
        'option add "Fail over to the old cluster" --time 10m --data-loss "2h of writes" --risk low',
        'decide --choose A --rationale "fastest way back"',
        "end",
      ],
    );
    expect(run.code).toBe(0);
    const out = run.stdout;
    expect(out).toContain("Multi-team coordination: the 2 AM Cassandra migration  (intermediate, 30m, starts 02:05)");
    expect(out).toContain("  jane-vp        VP Engineering");
    expect(out).toContain('02:05 alex-ic       Declared SEV-1 "Sign-in failing after the migration" (drill)');
    expect(out).toContain("02:05 sarah-db      Full restore from last night's backup");
    expect(out).toContain("✗ unknown command 'fly'");
    expect(out).toContain("✗ task timebox: 'nine' is not a duration");
    expect(out).toContain("02:08 (T+3m; the drill runs 30m)");
    expect(out).toContain("02:09 david-product Wait, we're throwing away two hours");
    expect(out).toMatch(/multi-team-coordination {2}alex-ic {2}[\d.]+\/100/);
    const recorded = readFileSync(record, "utf8");
    expect(recorded).toContain(
      "trainee: alex-ic\nscenario: multi-team-coordination\nactions:\n  - at: 0m\n    do: declare",
    );
    expect(recorded).toContain("  - at: 3m\n    do: option");
  });

  it("a recorded interactive session replays to the same score", async () => {
    const record = join(tmp.dir, "replay.yaml");
    const lines = [
      "declare Sign-in failing --sev 1",
      "wait 4m",
      "say David, about 5% of users cannot sign in; jane-vp you get numbers by 02:15.",
      "wait 1m",
      "task add Size the restore --to sarah-db --timebox 5m",
      "wait 2m30s",
      "update --audience executive About 5% of users cannot sign in since 02:00. Plan: restore sign-in by 03:00. --next 02:30",
      "end",
    ];
    const live = await drill(["train", "multi-team-coordination", "--record", record, "--json"], lines);
    expect(live.code).toBe(0);
    expect(live.stderr).toContain("02:05 sarah-db      Corruption confirmed");
    const replayed = await cli(["train", "multi-team-coordination", "--transcript", record, "--json"]);
    expect(replayed.code).toBe(0);
    expect(replayed.stdout).toBe(live.stdout);
    expect(JSON.parse(live.stdout).trainee).toBe("alex-ic");
  });

  it("reads the real stdin when run as a program", async () => {
    const child = spawnCli(["--as", "pat", "train", "multi-team-coordination", "--speed", "60", "--json"]);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr.on("data", (c: Buffer) => {
      stderr += c.toString();
    });
    child.stdin.end("declare Sign-in failing --sev 1\nassign tech-lead sarah-db\nend\n");
    const code = await new Promise<number>((done) => child.on("close", (c) => done(c ?? -1)));
    expect(code).toBe(0);
    expect(stderr).toContain("sarah-db is tech-lead");
    expect(JSON.parse(stdout)).toMatchObject({ scenario: "multi-team-coordination", trainee: "pat" });
  });
});
