/**
 * Durable HTTP appends on PostgreSQL against a bare Fastify handler, in one run.
 *
 *   DATABASE_URL=postgres://… npx tsx bench/http-append-postgres.ts [--duration 10] [--rounds 3] [--connections 50]
 *   (npm run bench:http:pg; without DATABASE_URL it uses WARROOM_TEST_PG_URL, else the
 *   default of `npm run pg:start`)
 *
 * Target: Warroom on PostgreSQL at least 0.3× the bare handler's requests per second,
 * with auth on (every request carries a bearer token that is checked) and
 * synchronous_commit=on (an acknowledged append is flushed to PostgreSQL's WAL).
 *
 * Each server runs in its own child process, autocannon here, 50 connections POSTing
 * 300-byte notes. The servers are loaded in turn, round after round in a rotating order,
 * and the ratio is taken within each round (median reported), so machine noise hits
 * them alike:
 *   1. bare:    a Fastify route that parses the JSON body and answers 201;
 *   2. spread:  Warroom on PostgreSQL, notes over 50 incidents (one per connection);
 *   3. one:     Warroom on PostgreSQL, every connection on ONE incident;
 *   4. minimal: as 2, with `Prefer: return=minimal` (the positions, not the whole incident);
 *   5. sqlite:  as 2 on a SQLite file, for reference (the same app; only the store differs).
 * Each Warroom server has its own schema, dropped at the end. The per-token rate limit
 * is raised so the bench measures the store (tokens are still verified on every request).
 */
import { type ChildProcess, fork } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Fastify from "fastify";
import pg from "pg";
import { buildConfig } from "../src/app/config.js";
import { startServer } from "../src/http/server.js";
import { type AutocannonOptions, arg, autocannon } from "./autocannon.js";

const RATIO_TARGET = 0.3;
const BASE_URL =
  process.env.DATABASE_URL || process.env.WARROOM_TEST_PG_URL || "postgres://postgres@127.0.0.1:55432/warroom";

/* ---------------------------- the servers (child processes) ---------------------------- */

type FromChild =
  | { ready: string; token?: string; settings?: Record<string, string> }
  | { stopped: true; notes?: number; chainOk?: boolean };

const withSchema = (url: string, schema: string) =>
  `${url}${url.includes("?") ? "&" : "?"}options=${encodeURIComponent(`-c search_path=${schema}`)}`;

async function runChild(kind: string, schema: string): Promise<void> {
  const send = (message: FromChild) => process.send?.(message);
  if (kind === "bare") {
    const http = Fastify({ logger: false });
    http.post("/ingest", async (request, reply) => {
      const body = request.body as { text?: string };
      return reply.code(201).send({ ok: true, length: body.text?.length ?? 0 });
    });
    await http.listen({ host: "127.0.0.1", port: 0 });
    const address = http.server.address();
    send({ ready: `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}` });
    process.on("message", async () => {
      await http.close();
      send({ stopped: true });
      process.exit(0);
    });
    return;
  }
  const config = buildConfig({
    ...(kind === "sqlite" ? { dbPath: join(schema, "bench.db") } : { databaseUrl: withSchema(BASE_URL, schema) }),
    host: "127.0.0.1",
    port: 0,
    logLevel: "warn",
    reminderIntervalMs: 0,
    auth: "tokens",
    rateLimit: { perSecond: 1_000_000, burst: 1_000_000 },
  });
  const server = await startServer({ config });
  const store = server.app.store as { pool?: pg.Pool };
  const settings: Record<string, string> = {};
  for (const name of store.pool ? ["synchronous_commit", "fsync"] : []) {
    const result = await store.pool?.query(`SHOW ${name}`);
    settings[name] = String(result?.rows[0]?.[name]);
  }
  const token = (server as { bootstrap?: { token: string } }).bootstrap?.token;
  send({ ready: server.url, settings, ...(token ? { token } : {}) });
  process.on("message", async () => {
    const counted = store.pool
      ? await store.pool.query("SELECT count(*)::integer AS n FROM events WHERE type = 'NoteAdded'")
      : { rows: [{ n: await countNotes(server.app.store) }] };
    const chainOk = (await server.app.store.verifyChain()).ok;
    await server.close();
    send({ stopped: true, notes: counted?.rows[0]?.n ?? 0, chainOk });
    process.exit(0);
  });
}

/** Notes in the log, read page by page (the SQLite reference has no SQL at hand here). */
async function countNotes(store: {
  readAll(after: number, limit: number): Promise<{ position: number; type: string }[]>;
}) {
  let count = 0;
  for (let after = 0; ; ) {
    const page = await store.readAll(after, 10_000);
    count += page.filter((e) => e.type === "NoteAdded").length;
    const last = page.at(-1);
    if (last === undefined) return count;
    after = last.position;
  }
}

class Child {
  private constructor(
    private readonly child: ChildProcess,
    readonly ready: Extract<FromChild, { ready: string }>,
  ) {}

  static start(kind: string, schema = ""): Promise<Child> {
    const child = fork(fileURLToPath(import.meta.url), ["--child", kind, schema], {
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    return new Promise((resolve, reject) => {
      child.once("exit", (code) => reject(new Error(`${kind} server exited with ${code}`)));
      child.once("message", (m: FromChild) => {
        if ("ready" in m) resolve(new Child(child, m));
      });
    });
  }

  stop(): Promise<Extract<FromChild, { stopped: true }>> {
    return new Promise((resolve) => {
      this.child.removeAllListeners("exit");
      this.child.once("message", (m: FromChild) => {
        if ("stopped" in m) resolve(m);
      });
      this.child.send({ stop: true });
    });
  }
}

/* ------------------------------------- the runs ------------------------------------- */

function noteBody(): string {
  const text =
    "Checkout p99 latency is back above two seconds since the 14:05 deploy; error rate at 3.2% and climbing. " +
    "Rolling back the canary in eu-west-1 now, next check in five minutes. Payments team paged. ";
  const envelope = Buffer.byteLength(JSON.stringify({ channel: "command", text: "" }));
  return JSON.stringify({ channel: "command", text: text.repeat(3).slice(0, 300 - envelope) });
}

interface Target {
  name: string;
  server: Child;
  schema?: string;
  incidents: number;
  options: Omit<AutocannonOptions, "duration">;
  warmupOk: number;
  runs: { rps: number; p50: number; p99: number; ok: number; bad: number }[];
  stopped?: Extract<FromChild, { stopped: true }>;
}

async function load(target: Target, duration: number) {
  const r = await autocannon({ ...target.options, duration });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, ok: r["2xx"], bad: r.non2xx + r.errors };
}

async function warroomTarget(name: string, incidents: number, connections: number, minimal: boolean, sqlite = false) {
  let schema = `bench_${randomBytes(4).toString("hex")}`;
  if (sqlite) schema = mkdtempSync(join(tmpdir(), "warroom-bench-pg-"));
  else {
    const admin = new pg.Client({ connectionString: BASE_URL });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
  }
  const server = await Child.start(sqlite ? "sqlite" : "warroom", schema);
  const headers: Record<string, string> = {
    "content-type": "application/json",
    ...(server.ready.token ? { authorization: `Bearer ${server.ready.token}` } : { "warroom-actor": "bench-ic" }),
    ...(minimal ? { prefer: "return=minimal" } : {}),
  };
  for (let i = 0; i < incidents; i++) {
    const response = await fetch(`${server.ready.ready}/api/incidents`, {
      method: "POST",
      headers,
      body: JSON.stringify({ title: `Bench incident ${i + 1}`, severity: "SEV-2" }),
    });
    if (!response.ok) throw new Error(`declare: ${response.status} ${await response.text()}`);
  }
  let next = 0;
  const target: Target = {
    name,
    server,
    schema,
    incidents,
    warmupOk: 0,
    runs: [],
    options: {
      url: `${server.ready.ready}/api/incidents/INC-1/notes`,
      connections,
      method: "POST",
      headers,
      body: noteBody(),
      setupClient: (client) => {
        const n = (next++ % incidents) + 1;
        client.setRequests([{ method: "POST", path: `/api/incidents/INC-${n}/notes`, headers, body: noteBody() }]);
      },
    },
  };
  return target;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

async function main(): Promise<void> {
  const duration = arg("duration", 10);
  const rounds = Math.floor(arg("rounds", 3));
  const connections = arg("connections", 50);
  const warmup = arg("warmup", 3);
  console.log(
    `HTTP append benchmark on PostgreSQL (${new URL(BASE_URL).host}): ${connections} connections, ` +
      `${rounds} rounds × ${duration} s per server after ${warmup} s warm-up, auth on\n`,
  );
  const bareServer = await Child.start("bare");
  const bare: Target = {
    name: "bare fastify 201",
    server: bareServer,
    incidents: 0,
    warmupOk: 0,
    runs: [],
    options: {
      url: `${bareServer.ready.ready}/ingest`,
      connections,
      method: "POST",
      headers: { "content-type": "application/json" },
      body: noteBody(),
    },
  };
  const warroom = [
    await warroomTarget(`pg, ${connections} incidents`, connections, connections, false),
    await warroomTarget("pg, 1 incident", 1, connections, false),
    await warroomTarget(`pg, ${connections}, minimal`, connections, connections, true),
    await warroomTarget(`sqlite, ${connections} (reference)`, connections, connections, false, true),
  ];
  const targets = [bare, ...warroom];
  try {
    for (const target of targets) target.warmupOk = (await load(target, warmup)).ok;
    for (let round = 0; round < rounds; round++) {
      for (let i = 0; i < targets.length; i++) {
        const target = targets[(round + i) % targets.length] as Target;
        target.runs.push(await load(target, duration));
      }
    }
  } finally {
    const admin = new pg.Client({ connectionString: BASE_URL });
    await admin.connect();
    for (const target of targets) {
      target.stopped = await target.server.stop();
      if (target.schema?.startsWith("bench_")) await admin.query(`DROP SCHEMA ${target.schema} CASCADE`);
      else if (target.schema) rmSync(target.schema, { recursive: true, force: true });
    }
    await admin.end();
  }

  const pad = (value: string | number, n: number) => String(value).padStart(n);
  console.log(`${"server (median of rounds)".padEnd(26)}${pad("req/s", 9)}${pad("p50 ms", 8)}${pad("p99 ms", 8)}`);
  for (const t of targets) {
    const rps = median(t.runs.map((r) => r.rps));
    console.log(
      `${t.name.padEnd(26)}${pad(rps.toFixed(0), 9)}${pad(median(t.runs.map((r) => r.p50)), 8)}${pad(median(t.runs.map((r) => r.p99)), 8)}`,
    );
  }
  console.log("");
  const results = warroom.map((t) => {
    const ratios = t.runs.map((r, i) => r.rps / ((bare.runs[i]?.rps ?? 0) || 1));
    const ratio = median(ratios);
    const bad = t.runs.reduce((n, r) => n + r.bad, 0);
    const acknowledged = t.runs.reduce((n, r) => n + r.ok, 0) + t.warmupOk;
    const stored = t.stopped?.notes ?? 0;
    // Requests in flight when a run stops may be stored without a counted answer.
    const consistent = stored >= acknowledged && stored - acknowledged <= (rounds + 1) * connections;
    console.log(
      `${t.name}: ${ratio.toFixed(2)}× bare (rounds ${ratios.map((x) => x.toFixed(2)).join(", ")}; target ≥ ${RATIO_TARGET}×) ` +
        `${ratio >= RATIO_TARGET ? "PASS" : "UNDER"}; ${bad === 0 ? "all 2xx" : `${bad} non-2xx or errors`}; ` +
        (t.server.ready.settings?.fsync
          ? `synchronous_commit=${t.server.ready.settings.synchronous_commit}, fsync=${t.server.ready.settings.fsync}; `
          : "SQLite synchronous=FULL; ") +
        `${stored} stored, ${acknowledged} acknowledged${consistent ? "" : " MISMATCH"}; hash chain ${t.stopped?.chainOk ? "verified" : "BROKEN"}`,
    );
    return { name: t.name, ratio: Number(ratio.toFixed(3)), rps: Math.round(median(t.runs.map((r) => r.rps))) };
  });
  console.log(
    JSON.stringify({
      bench: "http-append-postgres",
      connections,
      rounds,
      bareRps: Math.round(median(bare.runs.map((r) => r.rps))),
      results,
    }),
  );
}

const childIndex = process.argv.indexOf("--child");
if (childIndex >= 0) {
  await runChild(process.argv[childIndex + 1] ?? "", process.argv[childIndex + 2] ?? "");
} else {
  await main();
}
