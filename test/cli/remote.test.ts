/**
 * Remote mode (`--server`) against a real server on port 0: the same commands give the
 * same JSON as local mode; `timeline --follow` receives what other clients append; an
 * unreachable server is exit 6 with a clear message; `serve` runs until stopped.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LiveEntry } from "../../src/app/api.js";
import { buildConfig } from "../../src/app/config.js";
import { WarroomHttpClient } from "../../src/client/http-client.js";
import { ManualClock } from "../../src/domain/shared/clock.js";
import { type RunningServer, startServer } from "../../src/http/server.js";
import { bound, Capture, cli, closedPort, tempDir, waitFor } from "./helpers.js";

const START = "2026-03-07T02:05:00.000Z";

/** A script of commands: [actor, argv, minutes to advance the clocks afterwards]. */
const SCRIPT: [string, string[], number][] = [
  [
    "alex-ic",
    ["declare", "Users cannot log in", "--sev", "1", "--impact", "5% of logins fail", "--service", "auth"],
    1,
  ],
  ["alex-ic", ["assign", "INC-1", "tech-lead", "sarah-db"], 0],
  ["alex-ic", ["assign", "INC-1", "exec-stakeholder", "jane-vp"], 1],
  ["sarah-db", ["note", "INC-1", "--channel", "tech", "users table corrupt"], 0],
  ["alex-ic", ["task", "INC-1", "add", "Size the restore", "--to", "sarah-db", "--timebox", "5"], 0],
  ["sarah-db", ["task", "INC-1", "ack", "T1"], 2],
  [
    "sarah-db",
    ["option", "INC-1", "add", "Full restore", "--time", "4h", "--data-loss", "none", "--risk", "medium"],
    0,
  ],
  [
    "mike-app",
    ["option", "INC-1", "add", "Workaround", "--time", "30m", "--success", "90%", "--extra", "perf=slow"],
    0,
  ],
  ["alex-ic", ["option", "INC-1", "add", "Hybrid", "--time", "4h30m"], 3],
  [
    "alex-ic",
    ["decide", "INC-1", "--kind", "business", "--choose", "C", "--rationale", "no data loss", "--consulted", "jane-vp"],
    0,
  ],
  ["alex-ic", ["update", "INC-1", "--audience", "executive", "--next", "+15m", "Workaround in 30 min"], 20],
  ["alex-ic", ["status", "INC-1", "mitigating"], 0],
  ["alex-ic", ["action", "INC-1", "add", "Rehearse migrations", "--owner", "sarah-db", "--due", "2026-04-01"], 0],
  ["alex-ic", ["declare", "Search slow", "--sev", "SEV-3", "--drill"], 0],
];

const READS: string[][] = [
  ["show", "INC-1"],
  ["show", "INC-2"],
  ["list", "--all"],
  ["list", "--drills"],
  ["tasks"],
  ["tasks", "--assignee", "sarah-db"],
  ["actions", "--owner", "sarah-db"],
  ["timeline", "INC-1", "--channel", "tech"],
  ["timeline", "INC-1", "--type", "OptionProposed,DecisionRecorded", "--limit", "2"],
  ["search", "restore"],
  ["search", "users", "table", "--limit", "1"],
  ["search", "workaround", "--status", "open", "--live"],
];

describe("remote mode", () => {
  const local = tempDir();
  const remote = tempDir();
  const localClock = new ManualClock(START);
  const serverClock = new ManualClock(START);
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer({
      config: buildConfig({ auth: "off", dbPath: remote.db, port: 0, logLevel: "silent", pollIntervalMs: 50 }),
      clock: serverClock,
    });
  });
  afterAll(async () => {
    await server.close();
    local.cleanup();
    remote.cleanup();
  });

  it("gives the same --json output as local mode for the same commands", async () => {
    const viaFile = bound({ db: local.db }, { clock: localClock });
    const viaServer = bound({ server: server.url }, { clock: serverClock });
    for (const [actor, argv, minutes] of SCRIPT) {
      const a = await viaFile(["--as", actor, ...argv, "--json"]);
      const b = await viaServer(["--as", actor, ...argv, "--json"]);
      expect(a.stderr, argv.join(" ")).toBe("");
      expect(b.stderr, argv.join(" ")).toBe("");
      expect(b.code).toBe(0);
      expect(b.json(), argv.join(" ")).toEqual(a.json());
      localClock.advanceMinutes(minutes);
      serverClock.advanceMinutes(minutes);
    }
    for (const argv of READS) {
      const a = await viaFile([...argv, "--json"]);
      const b = await viaServer([...argv, "--json"]);
      expect(b.code, argv.join(" ")).toBe(0);
      expect(b.stdout, argv.join(" ")).toBe(a.stdout);
    }
    // Human output is the same too.
    expect((await viaServer(["show", "INC-1"])).stdout).toBe((await viaFile(["show", "INC-1"])).stdout);
    expect((await viaServer(["search", "restore"])).stdout).toBe((await viaFile(["search", "restore"])).stdout);
    // And so are failures: code, exit status and problem.
    for (const argv of [
      ["show", "INC-9"],
      ["--as", "mike-app", "decide", "INC-1", "--kind", "trade-off", "--choose", "A", "--rationale", "x"],
      ["assign", "INC-1", "tech-lead", "mike-app"],
      ["note", "INC-1", "x", "--expect-version", "1"],
      ["declare", "x", "--sev", "SEV-7"],
      ["search", "x", "--limit", "0"],
    ]) {
      const a = await viaFile(["--as", "alex-ic", ...argv, "--json"]);
      const b = await viaServer(["--as", "alex-ic", ...argv, "--json"]);
      expect(a.code, argv.join(" ")).toBeGreaterThan(1);
      expect(b.code, argv.join(" ")).toBe(a.code);
      expect(b.problem(), argv.join(" ")).toEqual(a.problem());
    }
  });

  it("timeline --follow --json receives entries appended by another client", async () => {
    const stop = new AbortController();
    const out = new Capture();
    const following = cli(["--server", server.url, "--json", "timeline", "INC-2", "--follow"], {
      stdout: out,
      signal: stop.signal,
    });
    await waitFor(() => out.text.includes('"IncidentDeclared"'), "the backlog");
    const other = new WarroomHttpClient(server.url);
    await other.execute("INC-2", { type: "add-note", text: "from another client" }, { actor: "lisa-sre" });
    await other.execute("INC-1", { type: "add-note", text: "another incident" }, { actor: "lisa-sre" });
    const viaCli = await cli(["--server", server.url, "--as", "mike-app", "note", "INC-2", "and from the CLI"]);
    expect(viaCli.code).toBe(0);
    await waitFor(() => out.text.includes("and from the CLI"), "the CLI's note");
    stop.abort();
    const run = await following;
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    const entries = out.text
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as LiveEntry);
    expect(entries.map((e) => [e.incidentId, e.by, e.text])).toEqual([
      ["INC-2", "alex-ic", 'Declared SEV-3 "Search slow" (drill); Incident Commander: alex-ic'],
      ["INC-2", "lisa-sre", "from another client"],
      ["INC-2", "mike-app", "and from the CLI"],
    ]);
    const positions = entries.map((e) => e.position);
    expect([...positions].sort((x, y) => x - y)).toEqual(positions);
    await other.close();
  });

  it("an unreachable server exits 6 with a clear message", async () => {
    const port = await closedPort();
    const run = await cli(["--server", `http://127.0.0.1:${port}`, "list"]);
    expect(run.code).toBe(6);
    expect(run.stderr).toContain(
      `error [store.unavailable]: cannot reach the Warroom server at http://127.0.0.1:${port}:`,
    );
    const json = await cli(["--server", `http://127.0.0.1:${port}`, "--as", "x", "note", "INC-1", "hi", "--json"]);
    expect(json.code).toBe(6);
    expect(json.problem()).toMatchObject({ code: "store.unavailable", status: 503 });
    const bad = await cli(["--server", "ftp://example", "list"]);
    expect(bad.code).toBe(2);
  });

  it("WARROOM_SERVER selects remote mode", async () => {
    const run = await cli(["list", "--all", "--json"], { env: { WARROOM_SERVER: server.url } });
    expect(run.code).toBe(0);
    expect(run.json<{ id: string }[]>().map((i) => i.id)).toEqual(["INC-1", "INC-2"]);
  });
});

describe("follow in local mode", () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it("picks up entries another process writes to the same file", async () => {
    const warroom = bound({ db: tmp.db }, { env: { WARROOM_USER: "alex-ic" } });
    expect((await warroom(["declare", "Disk full on db-3", "--sev", "SEV-2"])).code).toBe(0);
    const stop = new AbortController();
    const out = new Capture();
    const following = warroom(["timeline", "INC-1", "--follow"], { stdout: out, signal: stop.signal });
    await waitFor(() => out.text.includes("Declared SEV-2"), "the backlog");
    // A separate app instance on the same file, as another terminal would be.
    expect((await warroom(["--as", "lisa-sre", "note", "INC-1", "--channel", "tech", "freed 40 GB"])).code).toBe(0);
    await waitFor(() => out.text.includes("freed 40 GB"), "the other writer's note");
    stop.abort();
    const run = await following;
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("Following INC-1; Ctrl-C to stop.\n");
    const lines = out.text.trim().split("\n");
    expect(lines).toHaveLength(2);
    // Names padded to one width so the live lines stay aligned.
    expect(lines[0]).toMatch(/^\d\d:\d\d {2}alex-ic {7}command {6}Declared SEV-2 "Disk full on db-3"/);
    expect(lines[1]).toMatch(/^\d\d:\d\d {2}lisa-sre {6}tech {9}freed 40 GB$/);
  });

  it("refuses to follow an incident that does not exist (exit 3)", async () => {
    const run = await cli(["--db", tmp.db, "timeline", "INC-42", "--follow"]);
    expect(run.code).toBe(3);
  });
});

describe("warroom serve (in-process)", () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it("prints its URL, answers, and stops cleanly when told to", async () => {
    const stop = new AbortController();
    const out = new Capture();
    const serving = cli(["--db", tmp.db, "serve", "--port", "0", "--host", "127.0.0.1"], {
      stdout: out,
      signal: stop.signal,
      env: { LOG_LEVEL: "silent", WARROOM_AUTH: "off" },
    });
    await waitFor(() => out.text.includes("Warroom is running at"), "the server to start");
    const url = /Warroom is running at (http:\/\/\S+)/.exec(out.text)?.[1] ?? "";
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const declared = await cli(["--server", url, "--as", "alex-ic", "declare", "Queue backlog", "--sev", "SEV-3"]);
    expect(declared.code).toBe(0);
    stop.abort();
    const run = await serving;
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("Warroom stopped.");
    // The server wrote to its file.
    const list = await cli(["--db", tmp.db, "list", "--json"]);
    expect(list.json<{ title: string }[]>().map((i) => i.title)).toEqual(["Queue backlog"]);
    const gone = await cli(["--server", url, "list"]);
    expect(gone.code).toBe(6);
  });
});
