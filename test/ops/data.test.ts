/**
 * Backups, export/import and the audit from the CLI, on real files and a real
 * PostgreSQL: the round trip SQLite → PostgreSQL → SQLite keeps every incident's folded
 * state; bad input names its line and stores nothing; the audit exits 4 on a changed file.
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/app/config.js";
import { createWarroomApp } from "../../src/app/create-app.js";
import { ManualClock } from "../../src/domain/shared/clock.js";
import type { ChainReport } from "../../src/store/event-store.js";
import { openSqliteEventStore } from "../../src/store/sqlite/sqlite-event-store.js";
import { cli, spawnCli, tempDir } from "../cli/helpers.js";
import { adminQuery, dropSchema, PG_SKIP, PG_URL, schemaName } from "../store/pg-helpers.js";

const clock = new ManualClock("2026-05-01T02:00:00.000Z");
const dirs: ReturnType<typeof tempDir>[] = [];
const fresh = () => {
  const dir = tempDir("warroom-data-");
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) dir.cleanup();
});

/** Runs the CLI on one store: a SQLite file, or PostgreSQL through DATABASE_URL. */
const on = (store: { db: string } | { url: string }) => (argv: string[]) =>
  "db" in store ? cli(["--db", store.db, ...argv], { clock }) : cli(argv, { clock, env: { DATABASE_URL: store.url } });

/** Incidents with roles, notes, tasks, options, a decision, updates, one resolved. */
async function seed(db: string): Promise<void> {
  const run = on({ db });
  const ok = async (argv: string[]) => {
    const result = await run(["--as", "alex-ic", ...argv]);
    expect(result.code, `${argv.join(" ")}: ${result.stderr}`).toBe(0);
  };
  await ok(["declare", "Users cannot log in", "--sev", "SEV-1", "--impact", "5% of users", "--service", "auth"]);
  await ok(["declare", "Checkout slow", "--sev", "SEV-3"]);
  await ok(["assign", "INC-1", "tech-lead", "sarah-db"]);
  await ok(["note", "INC-1", "--channel", "tech", "users table: 5% corrupt"]);
  await ok(["task", "INC-1", "add", "Size the restore", "--to", "sarah-db", "--timebox", "5"]);
  await ok(["option", "INC-1", "add", "Full restore", "--time", "4h", "--data-loss", "none", "--risk", "medium"]);
  await ok(["option", "INC-1", "add", "Fail over", "--time", "10m", "--data-loss", "2h", "--risk", "low"]);
  await ok(["decide", "INC-1", "--kind", "trade-off", "--choose", "A", "--rationale", "keeps every record"]);
  await ok([
    "update",
    "INC-1",
    "--audience",
    "team",
    "--next",
    "+15m",
    "Restore under way, next update in 15 minutes.",
  ]);
  await ok(["note", "INC-2", 'Ünïcödé and "quotes" survive']);
  await ok(["resolve", "INC-2", "--summary", "Cache warmed"]);
}

/** Every incident as the app folds it (detail and timeline), with the same clock. */
async function foldedState(config: { dbPath?: string; databaseUrl?: string }) {
  const app = await createWarroomApp(loadConfig({ dbPath: "unused.db", ...config }, {}), { clock });
  try {
    const list = await app.listIncidents({ status: "all" });
    const out: Record<string, unknown> = {};
    for (const { id } of list) out[id] = { detail: await app.getIncident(id), timeline: await app.timeline(id) };
    return out;
  } finally {
    await app.close();
  }
}

describe("audit verify", () => {
  it("exits 0 on an intact log and 4 naming the first changed position", async () => {
    const { db } = fresh();
    await seed(db);
    const intact = await on({ db })(["--json", "audit", "verify"]);
    expect(intact.code).toBe(0);
    const report = intact.json<ChainReport>();
    expect(report.ok).toBe(true);
    expect(report.checked).toBeGreaterThan(10);

    const text = await on({ db })(["audit", "verify", "--expect-head", report.head.hash]);
    expect(text.stdout).toMatch(/intact: \d+ events/);
    const wrongHead = await on({ db })(["audit", "verify", "--expect-head", "f".repeat(64)]);
    expect(wrongHead.code).toBe(4);
    expect(wrongHead.stderr).toMatch(/store.tampered/);

    const raw = new Database(db);
    raw.prepare("UPDATE events SET data = replace(data, 'sarah-db', 'someone') WHERE position = 3").run();
    raw.close();
    const broken = await on({ db })(["--json", "audit", "verify"]);
    expect(broken.code).toBe(4);
    expect(broken.json<ChainReport>()).toMatchObject({ ok: false, firstBadPosition: 3, reason: "edited" });
    expect(broken.problem().code).toBe("store.tampered");
  });
});

describe("export and import (SQLite)", () => {
  let source = "";
  let exported = "";
  beforeAll(async () => {
    source = fresh().db;
    await seed(source);
    exported = path.join(fresh().dir, "log.jsonl");
    const result = await on({ db: source })(["export", "--out", exported]);
    expect(result.code, result.stderr).toBe(0);
  });

  it("exports one JSON line per event, in position order, with the chain's hashes", async () => {
    const lines = fs.readFileSync(exported, "utf8").trimEnd().split("\n");
    const store = openSqliteEventStore(source);
    const log = await store.readLog(0);
    await store.close();
    expect(lines).toHaveLength(log.length);
    expect(lines.map((l) => JSON.parse(l))).toEqual(log.map(({ ...e }) => e));
    const toStdout = await on({ db: source })(["export"]);
    expect(toStdout.stdout).toBe(fs.readFileSync(exported, "utf8"));
  });

  it("imports into an empty store with the same positions, times, hashes and state", async () => {
    const target = fresh().db;
    const result = await on({ db: target })(["--json", "import", exported]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.json()).toMatchObject({ chainOk: true });
    const again = await on({ db: target })(["export"]);
    expect(again.stdout).toBe(fs.readFileSync(exported, "utf8"));
    expect(await foldedState({ dbPath: target })).toEqual(await foldedState({ dbPath: source }));
  });

  it("export prints its head; import --expect-head refuses a copy cut short, storing nothing", async () => {
    const out = `${fresh().dir}/with-head.jsonl`;
    const exportedRun = await on({ db: source })(["--json", "export", "--out", out]);
    expect(exportedRun.code).toBe(0);
    const { head } = exportedRun.json<{ head: { position: number; hash: string } }>();
    const lines = fs.readFileSync(out, "utf8").trimEnd().split("\n");
    expect(head.position).toBe(lines.length);

    const cut = `${fresh().dir}/cut.jsonl`;
    fs.writeFileSync(cut, `${lines.slice(0, -3).join("\n")}\n`);
    const target = fresh().db;
    const refused = await on({ db: target })(["--json", "import", cut, "--expect-head", head.hash]);
    expect(refused.code).toBe(4);
    expect(refused.problem().errors[0]?.field).toBe("--expect-head");
    expect(refused.problem().detail).toMatch(/cut short or changed after the export/);
    expect(fs.existsSync(target)).toBe(false);

    const whole = await on({ db: target })(["--json", "import", out, "--expect-head", head.hash]);
    expect(whole.code, whole.stderr).toBe(0);
    expect(whole.json()).toMatchObject({ head });
  });

  it("imports from standard input (-) as from the file", async () => {
    const target = fresh().db;
    const child = spawnCli(["--db", target, "--json", "import", "-"]);
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
    });
    fs.createReadStream(exported).pipe(child.stdin);
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(code, out).toBe(0);
    expect(JSON.parse(out)).toMatchObject({
      chainOk: true,
      imported: fs.readFileSync(exported, "utf8").split("\n").length - 1,
    });
    expect((await on({ db: target })(["export"])).stdout).toBe(fs.readFileSync(exported, "utf8"));
  });

  it("refuses a store that already holds events, and changes nothing in it", async () => {
    const target = fresh().db;
    await seed(target);
    const before = (await on({ db: target })(["export"])).stdout;
    const result = await on({ db: target })(["--json", "import", exported]);
    expect(result.code).toBe(4);
    expect(result.problem().code).toBe("store.not_empty");
    expect(result.problem().detail).toMatch(/already holds events: import only into an empty store/);
    expect((await on({ db: target })(["export"])).stdout).toBe(before);
  });

  it.each([
    ["not JSON", (l: string[]) => l.with(4, "{oops"), 5, /line 5: not valid JSON/],
    ["a missing type", (l: string[]) => l.with(2, l[2]?.replace(/"type":"[^"]*",/, "") ?? ""), 3, /line 3: type/],
    ["an edited event", (l: string[]) => l.with(6, l[6]?.replace("alex-ic", "mallory") ?? ""), 7, /line 7: the hash/],
    ["a removed line", (l: string[]) => l.toSpliced(3, 1), 4, /line 4: position must be 4/],
    ["swapped lines", (l: string[]) => l.with(1, l[2] ?? "").with(2, l[1] ?? ""), 2, /line 2: position must be 2/],
    ["an unknown field", (l: string[]) => l.with(0, l[0]?.replace("{", '{"extra":1,') ?? ""), 1, /unknown field/],
    ["a blank line", (l: string[]) => l.toSpliced(5, 0, ""), 6, /line 6: the line is empty/],
    [
      "a bad idempotency key",
      (l: string[]) =>
        l.with(3, l[3]?.replace("{", '{"idempotency":{"key":"","lastVersion":1,"requestHash":null},') ?? ""),
      4,
      /line 4: key must be non-empty text/,
    ],
    [
      "a key whose append runs past its stream",
      (l: string[]) =>
        l.with(3, l[3]?.replace("{", '{"idempotency":{"key":"k1","lastVersion":999,"requestHash":null},') ?? ""),
      4,
      /line 4: the key's lastVersion 999 is beyond the end of stream/,
    ],
    [
      "a bad time",
      (l: string[]) => l.with(8, l[8]?.replace(/"recordedAt":"[^"]*"/, '"recordedAt":"yesterday"') ?? ""),
      9,
      /recordedAt/,
    ],
  ] as const)("refuses %s naming its line, and stores nothing", async (_name, change, line, message) => {
    const lines = fs.readFileSync(exported, "utf8").trimEnd().split("\n");
    const bad = path.join(fresh().dir, "bad.jsonl");
    fs.writeFileSync(bad, `${change([...lines]).join("\n")}\n`);
    const target = fresh().db;
    const result = await on({ db: target })(["--json", "import", bad]);
    expect(result.code).toBe(2);
    expect(result.problem().code).toBe("validation.failed");
    expect(result.problem().detail).toMatch(message);
    expect(result.problem().errors[0]?.field).toMatch(new RegExp(`^line ${line}\\b`));
    expect(fs.existsSync(target)).toBe(false);
  });

  it("refuses a missing file and a file that is not UTF-8", async () => {
    const missing = await on({ db: fresh().db })(["import", "/nonexistent/log.jsonl"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no such file/);
    const binary = path.join(fresh().dir, "bin.jsonl");
    fs.writeFileSync(binary, Buffer.from([0xff, 0xfe, 0x00, 0x41]));
    const result = await on({ db: fresh().db })(["import", binary]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/not UTF-8/);
  });
});

describe("backup (SQLite)", () => {
  it("copies the file online while another connection keeps appending; the copy verifies", async () => {
    const { db, dir } = fresh();
    await seed(db);
    const writer = openSqliteEventStore(db, { writer: "thread" });
    let writing = true;
    let appended = 0;
    const load = (async () => {
      while (writing) {
        await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            writer.append({
              streamId: `LOAD-${appended}-${i}`,
              expectedVersion: 0,
              events: [{ type: "Note", data: { i } }],
            }),
          ),
        );
        appended++;
      }
    })();
    try {
      const target = path.join(dir, "copy.db");
      const result = await on({ db })(["--json", "backup", target]);
      expect(result.code, result.stderr).toBe(0);
      expect(result.json()).toMatchObject({ chainOk: true });
      const copy = openSqliteEventStore(target);
      expect(await copy.verifyChain()).toMatchObject({ ok: true });
      expect(await copy.headPosition()).toBeGreaterThan(10);
      await copy.close();
      const exists = await on({ db })(["backup", target]);
      expect(exists.code).toBe(2);
      expect(exists.stderr).toMatch(/already exists/);
    } finally {
      writing = false;
      await load;
      await writer.close();
    }
    expect(appended).toBeGreaterThan(0);
  });

  it("refuses a DATABASE_URL that is not a PostgreSQL URL, naming it", async () => {
    const result = await cli(["audit", "verify"], { env: { DATABASE_URL: "mysql://u@127.0.0.1/db" } });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/databaseUrl must be a postgres:\/\/ or postgresql:\/\/ URL/);
  });

  it("points PostgreSQL users to pg_dump", async () => {
    const result = await cli(["backup", "/tmp/x.db"], { env: { DATABASE_URL: "postgres://u@127.0.0.1:1/db" } });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/pg_dump/);
  });
});

describe.skipIf(PG_SKIP !== "")(`round trip SQLite → PostgreSQL → SQLite ${PG_SKIP}`, () => {
  const schema = schemaName("roundtrip");
  const url = `${PG_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  beforeAll(async () => {
    await adminQuery(`CREATE SCHEMA ${schema}`);
  });
  afterAll(async () => {
    await dropSchema(schema);
  });

  it("keeps every incident's folded state, every event and every hash", async () => {
    const first = fresh().db;
    await seed(first);
    const file = path.join(fresh().dir, "first.jsonl");
    expect((await on({ db: first })(["export", "--out", file])).code).toBe(0);

    const intoPg = await on({ url })(["--json", "import", file]);
    expect(intoPg.code, intoPg.stderr).toBe(0);
    expect((await on({ url })(["--json", "audit", "verify"])).json<ChainReport>()).toMatchObject({ ok: true });
    const fromPg = await on({ url })(["export"]);
    expect(fromPg.stdout).toBe(fs.readFileSync(file, "utf8"));
    const again = await on({ url })(["import", file]);
    expect(again.code).toBe(4);
    expect(again.stderr).toMatch(/store.not_empty/);

    const back = fresh();
    const pgFile = path.join(back.dir, "pg.jsonl");
    fs.writeFileSync(pgFile, fromPg.stdout);
    expect((await on({ db: back.db })(["import", pgFile])).code).toBe(0);

    const original = await foldedState({ dbPath: first });
    expect(Object.keys(original)).toEqual(["INC-1", "INC-2"]);
    expect(await foldedState({ databaseUrl: url })).toEqual(original);
    expect(await foldedState({ dbPath: back.db })).toEqual(original);

    // The moved store keeps working: the next append continues the chain.
    expect((await on({ url })(["--as", "alex-ic", "note", "INC-1", "after the move"])).code).toBe(0);
    expect((await on({ url })(["--json", "audit", "verify"])).json<ChainReport>()).toMatchObject({ ok: true });
  });
});
