/**
 * Durable appends over HTTP against a bare Fastify handler, in one run.
 *
 *   npx tsx bench/http-append.ts [--duration 10] [--rounds 3] [--connections 50] [--warmup 3] [--incidents 50]
 *
 * Target: Warroom's requests per second at least 0.5× the bare handler's, with p99
 * latency under 25 ms, at synchronous=FULL (every acknowledged append is fsynced).
 *
 * Each server runs in its own child process (so autocannon does not share its event
 * loop); autocannon runs here, 50 connections POSTing 300-byte JSON bodies. The five
 * servers run side by side and are loaded in turn, round after round (rotating order),
 * so machine noise hits them alike; the ratio is taken per round, and medians reported:
 *   1. bare:     a Fastify route that parses the JSON body and answers 201;
 *   2. one:      Warroom, notes to ONE incident (every connection on the same stream);
 *   3. spread:   Warroom, notes spread over N incidents (one per connection);
 *   4, 5. the same two with `Prefer: return=minimal` (the answer is the appended positions,
 *         not the whole incident: what a client that only appends asks for).
 * Every Warroom response must be 2xx, and the log must hold every acknowledged note (a
 * few more may be stored but cut off in flight when a run stops).
 */
import { type ChildProcess, fork } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Fastify from "fastify";
import { buildConfig } from "../src/app/config.js";
import { startServer } from "../src/http/server.js";
import { SqliteEventStore } from "../src/store/sqlite/sqlite-event-store.js";
import { type AutocannonClient, type AutocannonOptions, arg, autocannon } from "./autocannon.js";

const RATIO_TARGET = 0.5;
const P99_TARGET_MS = 25;
const SQLITE_SYNCHRONOUS_FULL = 2;

/* ------------------------------- the servers (children) ------------------------------- */

type ToChild = { stop: true } | { cpu: true };
type FromChild =
  | { ready: string; synchronous?: number; adminToken?: string; tokens?: string[] }
  | { stopped: true; head?: number; notes?: number; stats?: ReturnType<SqliteEventStore["stats"]> }
  | { cpuMicros: number };

/** Answers `{ cpu: true }` with the process's CPU time so far (user + system, µs); anything else stops it. */
function onParentMessage(stop: () => Promise<void>): void {
  process.on("message", (m: ToChild) => {
    if ("cpu" in m) {
      const { user, system } = process.cpuUsage();
      process.send?.({ cpuMicros: user + system } satisfies FromChild);
    } else void stop();
  });
}

async function runChild(kind: string, dbPath: string | undefined): Promise<void> {
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
    onParentMessage(async () => {
      await http.close();
      send({ stopped: true });
      process.exit(0);
    });
    return;
  }
  // Request logs off (`warn`), as the bare handler has none; everything else as in
  // production: auth on (every request carries a bearer token), default rate limits.
  const config = buildConfig({ dbPath, host: "127.0.0.1", port: 0, logLevel: "warn" });
  const server = await startServer({ config });
  const store = server.app.store;
  const sqlite = store instanceof SqliteEventStore ? store : undefined;
  // One responder (and one token) per connection, as fifty people or scripts would be.
  const tokens: string[] = [];
  const acting = { actor: "admin" };
  for (let i = 1; i <= CONNECTIONS_MAX; i++) {
    await server.app.people.add({ handle: `bench-${i}`, name: `Bench responder ${i}` }, acting);
    tokens.push((await server.app.tokens.create({ person: `bench-${i}`, role: "responder" }, acting)).token);
  }
  send({
    ready: server.url,
    ...(server.bootstrap ? { adminToken: server.bootstrap.token, tokens } : {}),
    // The writer connection's setting: with the thread writer, the one that commits.
    ...(sqlite ? { synchronous: (await sqlite.writerPragmas()).synchronous } : {}),
  });
  onParentMessage(async () => {
    const head = await store.headPosition();
    // Notes only: the directory also writes (a token's last-used time, throttled).
    let notes = 0;
    for (let after = 0; ; ) {
      const page = await store.readAll(after, 5000);
      for (const event of page) if (event.type === "NoteAdded") notes++;
      if (page.length < 5000) break;
      after = (page.at(-1) as { position: number }).position;
    }
    const stats = sqlite?.stats();
    await server.close();
    send({ stopped: true, head, notes, ...(stats ? { stats } : {}) });
    process.exit(0);
  });
}

class Child {
  private constructor(
    private readonly process: ChildProcess,
    readonly url: string,
    readonly synchronous: number | undefined,
    /** With auth on: the first-start admin token, and one responder token per connection. */
    readonly adminToken?: string,
    readonly tokens: string[] = [],
  ) {}

  static start(kind: string, dbPath?: string): Promise<Child> {
    const child = fork(fileURLToPath(import.meta.url), ["--child", kind, dbPath ?? ""], {
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    return new Promise((resolve, reject) => {
      child.once("error", reject);
      child.once("exit", (code) => reject(new Error(`${kind} server exited with ${code}`)));
      child.once("message", (m: FromChild) => {
        if ("ready" in m) resolve(new Child(child, m.ready, m.synchronous, m.adminToken, m.tokens));
      });
    });
  }

  /** The server process's CPU time so far (user + system), in µs. */
  cpuMicros(): Promise<number> {
    return new Promise((resolve) => {
      const onMessage = (m: FromChild) => {
        if (!("cpuMicros" in m)) return;
        this.process.off("message", onMessage);
        resolve(m.cpuMicros);
      };
      this.process.on("message", onMessage);
      this.process.send({ cpu: true } satisfies ToChild);
    });
  }

  stop(): Promise<Extract<FromChild, { stopped: true }>> {
    return new Promise((resolve) => {
      this.process.removeAllListeners("exit");
      this.process.once("message", (m: FromChild) => {
        if ("stopped" in m) resolve(m);
      });
      this.process.send({ stop: true } satisfies ToChild);
    });
  }
}

/* ------------------------------------ the runs ------------------------------------ */

const BODY_BYTES = 300;
/** Responder tokens made in each Warroom server: the most connections a run can use. */
const CONNECTIONS_MAX = 64;

/** A realistic note, padded or cut so the JSON body is BODY_BYTES long. */
function noteBody(): string {
  const text =
    "Checkout p99 latency is back above two seconds since the 14:05 deploy; error rate at 3.2% and climbing. " +
    "Rolling back the canary in eu-west-1 now, next check in five minutes. Payments team paged, status page " +
    "drafted, customer support briefed on the workaround. ";
  const envelope = Buffer.byteLength(JSON.stringify({ channel: "command", text: "" }));
  return JSON.stringify({ channel: "command", text: text.repeat(2).slice(0, BODY_BYTES - envelope) });
}

interface Run {
  rps: number;
  p50: number;
  p99: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statuses: Record<string, number>;
  /** The server's CPU time per answered request (µs): what it costs, whether or not it was saturated. */
  cpuPerRequestUs: number;
  /** The server's CPU time over the run's wall time: 1 means one core kept busy. */
  cpuShare: number;
}

interface Target {
  name: string;
  server: Child;
  options: Omit<AutocannonOptions, "duration">;
  /** Incidents declared before the runs (not counted as appends). */
  incidents: number;
  dir?: string;
  warmupOk: number;
  runs: Run[];
  stopped?: Extract<FromChild, { stopped: true }>;
}

async function run(target: Target, duration: number): Promise<Run> {
  const cpuBefore = await target.server.cpuMicros();
  const started = performance.now();
  const r = await autocannon({ ...target.options, duration });
  const cpuMicros = (await target.server.cpuMicros()) - cpuBefore;
  const wallMicros = (performance.now() - started) * 1000;
  const answered = r["2xx"] + r.non2xx;
  return {
    cpuPerRequestUs: answered > 0 ? cpuMicros / answered : 0,
    cpuShare: cpuMicros / wallMicros,
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    ok: r["2xx"],
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    statuses: Object.fromEntries(Object.entries(r.statusCodeStats).map(([k, v]) => [k, v.count])),
  };
}

async function postJson(url: string, body: unknown, token?: string): Promise<void> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
}

async function bareTarget(connections: number): Promise<Target> {
  const server = await Child.start("bare");
  return {
    name: "bare fastify 201",
    server,
    options: {
      url: `${server.url}/ingest`,
      connections,
      method: "POST",
      headers: { "content-type": "application/json" },
      body: noteBody(),
    },
    incidents: 0,
    warmupOk: 0,
    runs: [],
  };
}

/**
 * A Warroom server on its own temp SQLite file; notes go to INC-1 or, per connection,
 * INC-1…INC-n. `minimal`: the client sends `Prefer: return=minimal` and gets the appended
 * positions back instead of the whole incident (≈ 150 bytes instead of ≈ 1.7 KB).
 */
async function warroomTarget(name: string, incidents: number, connections: number, minimal: boolean): Promise<Target> {
  const dir = mkdtempSync(join(tmpdir(), "warroom-bench-"));
  const server = await Child.start("warroom", join(dir, "bench.db"));
  for (let i = 0; i < incidents; i++) {
    await postJson(
      `${server.url}/api/incidents`,
      { title: `Bench incident ${i + 1}`, severity: "SEV-2" },
      server.adminToken,
    );
  }
  if (connections > server.tokens.length && server.adminToken) {
    throw new Error(`at most ${server.tokens.length} connections (one token each)`);
  }
  const headersFor = (connection: number): Record<string, string> => {
    const token = server.tokens[connection];
    return {
      "content-type": "application/json",
      ...(token ? { authorization: `Bearer ${token}` } : { "warroom-actor": "sarah-db" }),
      ...(minimal ? { prefer: "return=minimal" } : {}),
    };
  };
  let next = 0;
  return {
    name,
    server,
    dir,
    incidents,
    warmupOk: 0,
    runs: [],
    options: {
      url: `${server.url}/api/incidents/INC-1/notes`,
      connections,
      method: "POST",
      headers: headersFor(0),
      body: noteBody(),
      // Each connection its own token, and (spread) its own incident.
      setupClient: (client: AutocannonClient) => {
        // A new run makes new clients: the same tokens again, connection by connection.
        const connection = next++ % connections;
        const n = incidents > 1 ? (connection % incidents) + 1 : 1;
        client.setRequests([
          { method: "POST", path: `/api/incidents/INC-${n}/notes`, headers: headersFor(connection), body: noteBody() },
        ]);
      },
    },
  };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

async function main(): Promise<void> {
  const duration = arg("duration", 10);
  const rounds = Math.floor(arg("rounds", 3));
  const connections = arg("connections", 50);
  const warmup = arg("warmup", 3);
  const spreadOver = Math.floor(arg("incidents", connections));
  console.log(
    `HTTP append benchmark: ${connections} connections, ${Buffer.byteLength(noteBody())}-byte JSON bodies, ` +
      `${rounds} rounds × ${duration} s per server (after ${warmup} s warm-up), servers interleaved\n`,
  );

  const bare = await bareTarget(connections);
  const one = await warroomTarget("warroom, 1 incident", 1, connections, false);
  const spread = await warroomTarget(`warroom, ${spreadOver} incidents`, spreadOver, connections, false);
  const oneMinimal = await warroomTarget("warroom, 1, minimal", 1, connections, true);
  const spreadMinimal = await warroomTarget(`warroom, ${spreadOver}, minimal`, spreadOver, connections, true);
  const warroomTargets = [one, spread, oneMinimal, spreadMinimal];
  const targets = [bare, ...warroomTargets];
  try {
    for (const target of targets) target.warmupOk = (await run(target, warmup)).ok;
    // Interleaved, in a rotating order, so a noisy neighbour or a slow disk moment hits
    // every server alike; the ratio is taken within each round.
    for (let round = 0; round < rounds; round++) {
      for (let i = 0; i < targets.length; i++) {
        const target = targets[(round + i) % targets.length] as Target;
        target.runs.push(await run(target, duration));
      }
    }
  } finally {
    for (const target of targets) {
      target.stopped = await target.server.stop();
      if (target.dir) rmSync(target.dir, { recursive: true, force: true });
    }
  }

  const pad = (value: string | number, n: number) => String(value).padStart(n);
  console.log(
    `${"round".padEnd(7)}${"server".padEnd(26)}${pad("req/s", 9)}${pad("p50 ms", 8)}${pad("p99 ms", 8)}${pad("cpu µs/req", 12)}${pad("cpu share", 11)}`,
  );
  for (let round = 0; round < rounds; round++) {
    for (const target of targets) {
      const r = target.runs[round] as Run;
      console.log(
        `${pad(round + 1, 5)}  ${target.name.padEnd(26)}${pad(r.rps.toFixed(0), 9)}${pad(r.p50, 8)}${pad(r.p99, 8)}` +
          `${pad(r.cpuPerRequestUs.toFixed(1), 12)}${pad(r.cpuShare.toFixed(2), 11)}`,
      );
    }
  }
  console.log("");

  const summary = targets.map((t) => ({
    name: t.name,
    rps: median(t.runs.map((r) => r.rps)),
    p50: median(t.runs.map((r) => r.p50)),
    p99: median(t.runs.map((r) => r.p99)),
    worstP99: Math.max(...t.runs.map((r) => r.p99)),
    cpuPerRequestUs: median(t.runs.map((r) => r.cpuPerRequestUs)),
    cpuShare: median(t.runs.map((r) => r.cpuShare)),
    ok: sum(t.runs.map((r) => r.ok)),
    non2xx: sum(t.runs.map((r) => r.non2xx)),
    errors: sum(t.runs.map((r) => r.errors + r.timeouts)),
    statuses: t.runs.reduce<Record<string, number>>((acc, r) => {
      for (const [k, v] of Object.entries(r.statuses)) acc[k] = (acc[k] ?? 0) + v;
      return acc;
    }, {}),
  }));
  console.log(
    `${"server (median of rounds)".padEnd(28)}${pad("req/s", 9)}${pad("p50 ms", 8)}${pad("p99 ms", 8)}${pad("worst p99", 11)}${pad("2xx", 10)}${pad("non-2xx", 9)}${pad("errors", 8)}${pad("cpu µs/req", 12)}${pad("cpu share", 11)}`,
  );
  for (const r of summary) {
    console.log(
      `${r.name.padEnd(28)}${pad(r.rps.toFixed(0), 9)}${pad(r.p50, 8)}${pad(r.p99, 8)}${pad(r.worstP99, 11)}${pad(r.ok, 10)}${pad(r.non2xx, 9)}${pad(r.errors, 8)}` +
        `${pad(r.cpuPerRequestUs.toFixed(1), 12)}${pad(r.cpuShare.toFixed(2), 11)}`,
    );
  }
  console.log("");
  const bareCpu = (summary[0] as (typeof summary)[number]).cpuPerRequestUs;
  console.log(
    `server CPU per request: bare ${bareCpu.toFixed(1)} µs at a CPU share of ${(summary[0] as (typeof summary)[number]).cpuShare.toFixed(2)}` +
      `${(summary[0] as (typeof summary)[number]).cpuShare < 0.9 ? " (below 1: autocannon, not the bare server, set the pace)" : ""}; ` +
      summary
        .slice(1)
        .map(
          (r) =>
            `${r.name} ${r.cpuPerRequestUs.toFixed(1)} µs (${(r.cpuPerRequestUs / (bareCpu || 1)).toFixed(1)}× bare)`,
        )
        .join(", "),
  );
  console.log("");

  const verdicts = warroomTargets.map((target, index) => {
    const s = summary[index + 1] as (typeof summary)[number];
    const ratios = target.runs.map((r, round) => r.rps / ((bare.runs[round] as Run).rps || 1));
    const ratio = median(ratios);
    const allOk = s.non2xx === 0 && s.errors === 0;
    const synchronous = target.server.synchronous;
    const durable = synchronous === SQLITE_SYNCHRONOUS_FULL;
    // Every acknowledged note must be in the log. Requests in flight when autocannon stops
    // a run (at most one per connection per run) may be stored without a counted answer.
    const stored = target.stopped?.notes ?? 0;
    const acknowledged = s.ok + target.warmupOk;
    const cutOff = stored - acknowledged;
    const consistent = cutOff >= 0 && cutOff <= (rounds + 1) * connections;
    const stats = target.stopped?.stats;
    const perCommit = stats && stats.transactions > 0 ? stats.appends / stats.transactions : 0;
    const ratioVerdict = ratio >= RATIO_TARGET ? "PASS" : "OVER";
    const p99Verdict = s.p99 < P99_TARGET_MS ? "PASS" : "OVER";
    console.log(
      `${s.name}: ${ratio.toFixed(2)}× bare (rounds: ${ratios.map((x) => x.toFixed(2)).join(", ")}; target ≥ ${RATIO_TARGET}×) ${ratioVerdict}; ` +
        `p99 ${s.p99} ms (worst ${s.worstP99}; target < ${P99_TARGET_MS} ms) ${p99Verdict}; ` +
        `${allOk ? "all 2xx" : `NOT all 2xx: ${JSON.stringify(s.statuses)}, ${s.errors} errors/timeouts`}; ` +
        `synchronous=${durable ? "FULL" : synchronous}; ` +
        `${stored} stored, ${acknowledged} acknowledged, ${cutOff} cut off in flight` +
        `${consistent ? "" : " MISMATCH: an acknowledged append is missing"}; ` +
        `${perCommit.toFixed(1)} appends per commit`,
    );
    return {
      name: s.name,
      ratio: Number(ratio.toFixed(3)),
      ratios: ratios.map((x) => Number(x.toFixed(3))),
      ratioVerdict,
      p99Verdict,
      allOk,
      durable,
      consistent,
      appendsPerCommit: Number(perCommit.toFixed(2)),
    };
  });
  console.log(
    JSON.stringify({
      bench: "http-append",
      connections,
      rounds,
      secondsPerRun: duration,
      bodyBytes: Buffer.byteLength(noteBody()),
      targets: { ratio: RATIO_TARGET, p99Ms: P99_TARGET_MS },
      servers: summary.map((r) => ({
        name: r.name,
        rps: Math.round(r.rps),
        p50Ms: r.p50,
        p99Ms: r.p99,
        worstP99Ms: r.worstP99,
        cpuPerRequestUs: Number(r.cpuPerRequestUs.toFixed(1)),
        cpuShare: Number(r.cpuShare.toFixed(2)),
        ok: r.ok,
        non2xx: r.non2xx,
        errors: r.errors,
      })),
      verdicts,
    }),
  );
  process.exitCode = verdicts.some((v) => !v.allOk || !v.durable || !v.consistent) ? 1 : 0;
}

const childAt = process.argv.indexOf("--child");
if (childAt >= 0) {
  await runChild(process.argv[childAt + 1] ?? "bare", process.argv[childAt + 2] || undefined);
} else {
  await main();
}
