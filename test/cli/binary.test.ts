/**
 * The real entry point in its own process (`src/cli/main.ts` through tsx, as the built
 * `dist/cli/main.js` runs): exit codes reach the shell, environment variables are read,
 * signals end `--follow` and `serve` cleanly.
 */
import { once } from "node:events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LiveEntry } from "../../src/app/api.js";
import { buildConfig } from "../../src/app/config.js";
import type { IncidentDetail, IncidentView } from "../../src/app/views.js";
import { type RunningServer, startServer } from "../../src/http/server.js";
import { Capture, cli, closedPort, runSpawned, spawnCli, tempDir, waitFor } from "./helpers.js";

describe("the warroom binary", { timeout: 60_000 }, () => {
  const tmp = tempDir();
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer({
      config: buildConfig({ auth: "off", dbPath: `${tmp.dir}/server.db`, port: 0, logLevel: "silent" }),
    });
  });
  afterAll(async () => {
    await server.close();
    tmp.cleanup();
  });

  it("--help lists the commands and exits 0; a usage error exits 2", async () => {
    const help = await runSpawned(["--help"]);
    expect(help.code).toBe(0);
    for (const command of ["declare", "show", "timeline", "decide", "task", "serve"])
      expect(help.stdout).toContain(command);
    const usage = await runSpawned(["declare"]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("required option '--sev <severity>' not specified");
  });

  it("reads WARROOM_DB and WARROOM_USER; exit codes reach the shell", async () => {
    const env = { WARROOM_DB: `${tmp.dir}/local.db`, WARROOM_USER: "alex-ic" };
    const declared = await runSpawned(["declare", "Checkout failing", "--sev", "SEV-2", "--json"], env);
    expect(declared.code).toBe(0);
    expect(declared.json<IncidentView>()).toMatchObject({ id: "INC-1", commander: "alex-ic", severity: "SEV-2" });
    const shown = await runSpawned(["show", "INC-1", "--json"], env);
    expect(shown.json<IncidentDetail>().timeline).toHaveLength(1);
    const missing = await runSpawned(["show", "INC-9"], env);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain("error [incident.not_found]: incident INC-9 does not exist");
  });

  it("an unreachable server: exit 6 and a clear message", async () => {
    const port = await closedPort();
    const run = await runSpawned(["list"], { WARROOM_SERVER: `http://127.0.0.1:${port}` });
    expect(run.code).toBe(6);
    expect(run.stderr).toContain(
      `error [store.unavailable]: cannot reach the Warroom server at http://127.0.0.1:${port}:`,
    );
    expect(run.stdout).toBe("");
  });

  it("timeline --follow --json streams another client's entries until SIGINT", async () => {
    const declared = await cli([
      "--server",
      server.url,
      "--as",
      "alex-ic",
      "declare",
      "Login errors",
      "--sev",
      "SEV-1",
    ]);
    expect(declared.code).toBe(0);
    const child = spawnCli(["--server", server.url, "--json", "timeline", "INC-1", "--follow"]);
    const out = new Capture();
    child.stdout.on("data", (chunk: Buffer) => out.write(chunk.toString()));
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    await waitFor(() => out.text.includes("IncidentDeclared"), "the backlog", 15_000);
    const note = await cli([
      "--server",
      server.url,
      "--as",
      "sarah-db",
      "note",
      "INC-1",
      "--channel",
      "tech",
      "pool exhausted",
    ]);
    expect(note.code).toBe(0);
    await waitFor(() => out.text.includes("pool exhausted"), "the other client's note");
    child.kill("SIGINT");
    const [code] = await once(child, "close");
    expect(code).toBe(0);
    expect(stderr).toBe("");
    const entries = out.text
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as LiveEntry);
    expect(entries.map((e) => [e.type, e.by, e.channel])).toEqual([
      ["IncidentDeclared", "alex-ic", "command"],
      ["NoteAdded", "sarah-db", "tech"],
    ]);
  });

  it("serve prints its URL and shuts down cleanly on SIGTERM", async () => {
    const child = spawnCli(["--db", `${tmp.dir}/served.db`, "serve", "--port", "0"], {
      LOG_LEVEL: "silent",
      WARROOM_AUTH: "off",
    });
    const out = new Capture();
    child.stdout.on("data", (chunk: Buffer) => out.write(chunk.toString()));
    await waitFor(() => /Warroom is running at http:\/\/\S+\n/.test(out.text), "the server to start", 15_000);
    const url = /Warroom is running at (http:\/\/\S+)/.exec(out.text)?.[1] ?? "";
    const list = await cli(["--server", url, "list", "--json"]);
    expect(list.code).toBe(0);
    expect(list.json()).toEqual([]);
    child.kill("SIGTERM");
    const [code] = await once(child, "close");
    expect(code).toBe(0);
    expect((await cli(["--server", url, "list"])).code).toBe(6);
  });
});
