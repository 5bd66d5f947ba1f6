/**
 * Where a durable append's time goes, layer by layer, in one process and one run:
 *
 *   npx tsx bench/append-budget.ts [--appends 20000] [--streams 50] [--rounds 3]
 *
 * Each layer does the same work as the HTTP bench's note (≈ 300-byte text, 50 writers at
 * once, `synchronous=FULL`), without the layers above it:
 *   1. raw SQLite:  better-sqlite3 INSERTs of the same rows into the same table, 45 per
 *                   transaction (the group size the server reaches), no chain, no checks;
 *   2. store:       `SqliteEventStore.append` from 50 concurrent writers (checks, hash
 *                   chain, group commit, the StoredEvents handed back);
 *   3. app:         `WarroomApp.execute` of an `add-note` from 50 concurrent writers
 *                   (validation, decide, fold, store, projection, live feed, the
 *                   CommandResult with the incident view) — everything but HTTP.
 * It prints the CPU time per append of each (user + system, this process) and the share
 * each layer adds; `npm run bench:http` gives the whole HTTP request's CPU time (cpu
 * µs/req) to set beside them. Not a test and no target: it explains the HTTP ratio.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { buildConfig } from "../src/app/config.js";
import { createWarroomApp } from "../src/app/create-app.js";
import { openSqliteEventStore } from "../src/store/sqlite/sqlite-event-store.js";
import { arg } from "./autocannon.js";

const WRITERS = 50;
const GROUP = 45;
const TEXT =
  "Checkout p99 latency is back above two seconds since the 14:05 deploy; error rate at 3.2% and climbing. " +
  "Rolling back the canary in eu-west-1 now, next check in five minutes. Payments team paged, status page drafted.";

interface Measure {
  cpuUs: number;
  wallUs: number;
}

/** CPU and wall time per unit of `work(n)`, after a warm-up of a quarter as many. */
async function measure(n: number, work: (n: number) => Promise<void> | void): Promise<Measure> {
  await work(Math.ceil(n / 4));
  const cpu = process.cpuUsage();
  const started = performance.now();
  await work(n);
  const used = process.cpuUsage(cpu);
  return { cpuUs: (used.user + used.system) / n, wallUs: ((performance.now() - started) * 1000) / n };
}

function noteEvent(by: string) {
  return { type: "NoteAdded", at: new Date().toISOString(), by, channel: "command", text: TEXT, noteId: "n" };
}

/** A fresh file with Warroom's schema (migrated by the store), for the raw layer. */
function freshSchemaFile(dir: string, name: string): string {
  const file = join(dir, name);
  const store = openSqliteEventStore(file);
  void store.close();
  return file;
}

function rawSqlite(file: string, streams: number): (n: number) => void {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = FULL");
  const insert = db.prepare(
    "INSERT INTO events (position, stream_id, version, type, data, recorded_at, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
  );
  const versions = new Map<string, number>();
  let position = 0;
  const hash = "0".repeat(64);
  const group = db.transaction((size: number) => {
    const at = new Date().toISOString();
    for (let i = 0; i < size; i++) {
      const streamId = `INC-${(position % streams) + 1}`;
      const version = (versions.get(streamId) ?? 0) + 1;
      versions.set(streamId, version);
      position++;
      insert.run(position, streamId, version, "NoteAdded", JSON.stringify(noteEvent("bench")), at, hash, hash);
    }
  });
  return (n) => {
    for (let done = 0; done < n; done += GROUP) group.immediate(Math.min(GROUP, n - done));
  };
}

function storeAppends(file: string, streams: number): (n: number) => Promise<void> {
  const store = openSqliteEventStore(file);
  const versions = new Map<string, number>();
  return async (n) => {
    let started = 0;
    await Promise.all(
      Array.from({ length: WRITERS }, async (_, writer) => {
        const streamId = `INC-${(writer % streams) + 1}`;
        while (started < n) {
          started++;
          // Writers sharing a stream take turns: each appends at the version it last saw.
          const expectedVersion = versions.get(streamId) ?? 0;
          versions.set(streamId, expectedVersion + 1);
          await store.append({ streamId, expectedVersion, events: [{ type: "NoteAdded", data: noteEvent("bench") }] });
        }
      }),
    );
  };
}

async function appCommands(file: string, streams: number): Promise<(n: number) => Promise<void>> {
  const app = await createWarroomApp(buildConfig({ dbPath: file }));
  for (let i = 1; i <= streams; i++) await app.declare({ title: `Budget ${i}`, severity: "SEV-2" }, { actor: "admin" });
  return async (n) => {
    let started = 0;
    await Promise.all(
      Array.from({ length: WRITERS }, async (_, writer) => {
        while (started < n) {
          started++;
          const command = { type: "add-note", channel: "command", text: TEXT };
          await app.execute(`INC-${(writer % streams) + 1}`, command, { actor: `bench-${writer}` });
        }
      }),
    );
  };
}

async function main(): Promise<void> {
  const appends = Math.floor(arg("appends", 20_000));
  const rounds = Math.floor(arg("rounds", 3));
  const streamCounts = [1, Math.floor(arg("streams", 50))];
  const dir = mkdtempSync(join(tmpdir(), "warroom-budget-"));
  console.log(`Append budget: ${appends} appends per layer and round, ${WRITERS} writers, synchronous=FULL\n`);
  const pad = (value: string, n: number) => value.padStart(n);
  console.log(`${"streams".padEnd(9)}${"layer".padEnd(12)}${pad("cpu µs", 9)}${pad("wall µs", 9)}${pad("adds", 8)}`);
  const results: Record<string, Measure & { streams: number; layer: string }>[] = [];
  try {
    for (const streams of streamCounts) {
      const layers: [string, (n: number) => Promise<void> | void][] = [
        ["raw SQLite", rawSqlite(freshSchemaFile(dir, `raw-${streams}.db`), streams)],
        ["store", storeAppends(join(dir, `store-${streams}.db`), streams)],
        ["app", await appCommands(join(dir, `app-${streams}.db`), streams)],
      ];
      const row: Record<string, Measure & { streams: number; layer: string }> = {};
      for (const [layer, work] of layers) {
        const runs: Measure[] = [];
        for (let r = 0; r < rounds; r++) runs.push(await measure(appends, work));
        const best = runs.reduce((a, b) => (b.cpuUs < a.cpuUs ? b : a));
        row[layer] = { ...best, streams, layer };
      }
      let below = 0;
      for (const m of Object.values(row)) {
        console.log(
          `${String(streams).padEnd(9)}${m.layer.padEnd(12)}${pad(m.cpuUs.toFixed(1), 9)}${pad(m.wallUs.toFixed(1), 9)}${pad(`+${(m.cpuUs - below).toFixed(1)}`, 8)}`,
        );
        below = m.cpuUs;
      }
      results.push(row);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(
    "\ncpu µs: CPU time per append (best of the rounds); adds: what the layer costs above the one below." +
      "\nCompare with `npm run bench:http`'s cpu µs/req: the HTTP request around the app's append.",
  );
  console.log(JSON.stringify({ bench: "append-budget", appends, writers: WRITERS, results }));
  process.exit(0);
}

await main();
