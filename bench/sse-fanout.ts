/**
 * Live-stream fan-out: N clients subscribed to `/api/stream`, events appended at a steady
 * rate, delivery latency measured at every client; the server's memory reported with and
 * without the subscribers.
 *
 *   npx tsx bench/sse-fanout.ts [--clients 1000] [--rate 50] [--seconds 20]
 *
 * Target: p99 delivery under 100 ms with 1,000 subscribers at 50 events/s.
 *
 * The server runs in a child process (its own event loop and heap, measured there); the
 * clients and the writer run here. Latency of one delivery = the moment a client parsed
 * the event minus the moment the note's POST was sent, so it includes the durable commit
 * (synchronous=FULL) as well as the fan-out. Every client must receive every note, once,
 * in position order: anything else fails the run.
 */
import { fork } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildConfig } from "../src/app/config.js";
import { startServer } from "../src/http/server.js";

const P99_TARGET_MS = 100;

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  return Number.isFinite(value) && value > 0 ? value : fallback;
};

type FromChild = { ready: string; token?: string } | { memory: NodeJS.MemoryUsage; subscribers: number };

/* --------------------------------- the server (child) --------------------------------- */

async function runChild(dbPath: string): Promise<void> {
  const send = (message: FromChild) => process.send?.(message);
  const config = buildConfig({ dbPath, host: "127.0.0.1", port: 0, logLevel: "warn" });
  const server = await startServer({ config });
  const token = server.bootstrap?.token;
  send({ ready: server.url, ...(token ? { token } : {}) });
  process.on("message", async (m: { measure?: true; stop?: true }) => {
    if (m.measure) {
      // A full collection first, so the figure is what is live, not what is garbage.
      (globalThis as { gc?: () => void }).gc?.();
      const gauge = await server.app.metrics.registry.getSingleMetricAsString("warroom_live_subscribers");
      const subscribers = Number(/warroom_live_subscribers (\d+)/.exec(gauge)?.[1] ?? -1);
      send({ memory: process.memoryUsage(), subscribers });
    }
    if (m.stop) {
      await server.close();
      process.exit(0);
    }
  });
}

/* --------------------------------- the clients (here) --------------------------------- */

interface Client {
  received: number;
  lastPosition: number;
  outOfOrder: number;
  req: http.ClientRequest;
}

function subscribe(
  base: string,
  headers: Record<string, string>,
  onEvent: (c: Client, id: number) => void,
): Promise<Client> {
  return new Promise((resolve, reject) => {
    const client: Client = { received: 0, lastPosition: 0, outOfOrder: 0, req: null as unknown as http.ClientRequest };
    const req = http.get(`${base}/api/stream`, { headers: { accept: "text/event-stream", ...headers } }, (res) => {
      if (res.statusCode !== 200) {
        reject(new Error(`subscribe: HTTP ${res.statusCode}`));
        return;
      }
      res.setEncoding("utf8");
      let buffer = "";
      res.on("data", (chunk: string) => {
        buffer += chunk;
        let end = buffer.indexOf("\n\n");
        while (end >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const idLine = frame.split("\n").find((line) => line.startsWith("id: "));
          if (idLine) onEvent(client, Number(idLine.slice(4)));
          end = buffer.indexOf("\n\n");
        }
      });
      resolve(client);
    });
    req.on("error", reject);
    client.req = req;
  });
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

async function main(): Promise<void> {
  const clients = Math.floor(arg("clients", 1000));
  const rate = arg("rate", 50);
  const seconds = arg("seconds", 20);
  const dir = mkdtempSync(join(tmpdir(), "warroom-fanout-"));
  const child = fork(fileURLToPath(import.meta.url), ["--child", join(dir, "fanout.db")], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    execArgv: [...process.execArgv, "--expose-gc"],
  });
  const next = <T extends FromChild>(pick: (m: FromChild) => m is T) =>
    new Promise<T>((resolve) => {
      const listener = (m: FromChild) => {
        if (pick(m)) {
          child.off("message", listener);
          resolve(m);
        }
      };
      child.on("message", listener);
    });
  const ready = await next((m): m is Extract<FromChild, { ready: string }> => "ready" in m);
  const base = ready.ready;
  const auth: Record<string, string> = ready.token ? { authorization: `Bearer ${ready.token}` } : {};
  const json = { "content-type": "application/json", prefer: "return=minimal", ...auth };

  const declared = await fetch(`${base}/api/incidents`, {
    method: "POST",
    headers: json,
    body: JSON.stringify({ title: "Fan-out bench", severity: "SEV-2" }),
  });
  if (!declared.ok) throw new Error(`declare: HTTP ${declared.status} ${await declared.text()}`);
  const answer = (await declared.json()) as { incidentId: string; appended: { position: number }[] };
  const id = answer.incidentId;
  // Subscribers start after the declaration, so every event they get is a timed note.
  const from = String(answer.appended.at(-1)?.position ?? 0);

  const measure = async () => {
    child.send({ measure: true });
    return next((m): m is Extract<FromChild, { memory: NodeJS.MemoryUsage }> => "memory" in m);
  };
  const before = await measure();

  const sentAt = new Map<number, number>();
  const latencies: number[] = [];
  const early: { client: Client; id: number; at: number }[] = [];
  const onEvent = (client: Client, position: number) => {
    const now = performance.now();
    if (position <= client.lastPosition) client.outOfOrder++;
    client.lastPosition = position;
    client.received++;
    const sent = sentAt.get(position);
    if (sent === undefined) early.push({ client, id: position, at: now });
    else latencies.push(now - sent);
  };
  // Subscribe in batches, so the connection storm itself is not what gets measured.
  const subscribers: Client[] = [];
  for (let i = 0; i < clients; i += 100) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(100, clients - i) }, () =>
        subscribe(base, { ...auth, "last-event-id": from }, onEvent),
      ),
    );
    subscribers.push(...batch);
  }
  await new Promise((r) => setTimeout(r, 500));
  const withSubscribers = await measure();
  if (withSubscribers.subscribers !== clients) {
    console.log(`note: the server counts ${withSubscribers.subscribers} live subscribers, ${clients} were opened`);
  }

  // Steady writer: one note every 1000/rate ms, each POST timed from when it is sent.
  const total = Math.round(rate * seconds);
  const interval = 1000 / rate;
  const started = performance.now();
  const posts: Promise<void>[] = [];
  for (let n = 0; n < total; n++) {
    const due = started + n * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const sent = performance.now();
    posts.push(
      fetch(`${base}/api/incidents/${id}/notes`, {
        method: "POST",
        headers: json,
        body: JSON.stringify({ channel: "tech", text: `fan-out note ${n + 1}: error rate 3.2% and falling` }),
      }).then(async (response) => {
        if (!response.ok) throw new Error(`note: HTTP ${response.status} ${await response.text()}`);
        const body = (await response.json()) as { appended: { position: number }[] };
        const position = body.appended[0]?.position ?? -1;
        sentAt.set(position, sent);
        // Deliveries that beat the POST's answer back: timed from the send as well.
        for (let i = early.length - 1; i >= 0; i--) {
          const e = early[i] as (typeof early)[number];
          if (e.id === position) {
            latencies.push(e.at - sent);
            early.splice(i, 1);
          }
        }
      }),
    );
  }
  await Promise.all(posts);
  // Let the last deliveries arrive.
  const deadline = performance.now() + 5000;
  while (performance.now() < deadline && subscribers.some((c) => c.received < total)) {
    await new Promise((r) => setTimeout(r, 50));
  }
  const elapsed = (performance.now() - started) / 1000;

  for (const c of subscribers) c.req.destroy();
  child.send({ stop: true });
  rmSync(dir, { recursive: true, force: true });

  latencies.sort((a, b) => a - b);
  const expected = total * clients;
  const missing = subscribers.reduce((n, c) => n + Math.max(0, total - c.received), 0);
  const duplicates = subscribers.reduce((n, c) => n + Math.max(0, c.received - total), 0);
  const outOfOrder = subscribers.reduce((n, c) => n + c.outOfOrder, 0);
  const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
  const p99 = percentile(latencies, 99);
  console.log(
    `SSE fan-out: ${clients} subscribers on /api/stream, ${total} notes at ${rate}/s over ${elapsed.toFixed(1)} s\n` +
      `deliveries timed: ${latencies.length} of ${expected} expected (${early.length} never matched to a POST); missing ${missing}, duplicates ${duplicates}, out of order ${outOfOrder}\n` +
      `delivery latency (POST sent → event parsed at the client): p50 ${percentile(latencies, 50).toFixed(1)} ms, ` +
      `p90 ${percentile(latencies, 90).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${(latencies.at(-1) ?? Number.NaN).toFixed(1)} ms ` +
      `(target p99 < ${P99_TARGET_MS} ms) ${p99 < P99_TARGET_MS ? "PASS" : "OVER"}\n` +
      `server memory: rss ${mb(before.memory.rss)} MB, heap ${mb(before.memory.heapUsed)} MB with no subscriber; ` +
      `rss ${mb(withSubscribers.memory.rss)} MB, heap ${mb(withSubscribers.memory.heapUsed)} MB with ${clients} ` +
      `(≈ ${((withSubscribers.memory.rss - before.memory.rss) / clients / 1024).toFixed(1)} KB rss per subscriber)`,
  );
  console.log(
    JSON.stringify({
      bench: "sse-fanout",
      clients,
      rate,
      notes: total,
      p50Ms: Number(percentile(latencies, 50).toFixed(1)),
      p99Ms: Number(p99.toFixed(1)),
      verdict: p99 < P99_TARGET_MS ? "PASS" : "OVER",
      missing,
      duplicates,
      outOfOrder,
      rssMbBefore: Number(mb(before.memory.rss)),
      rssMbWithSubscribers: Number(mb(withSubscribers.memory.rss)),
      heapMbWithSubscribers: Number(mb(withSubscribers.memory.heapUsed)),
    }),
  );
  process.exitCode = missing > 0 || duplicates > 0 || outOfOrder > 0 ? 1 : 0;
}

const childAt = process.argv.indexOf("--child");
if (childAt >= 0) await runChild(process.argv[childAt + 1] ?? join(tmpdir(), "fanout.db"));
else await main();
