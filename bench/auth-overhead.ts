/**
 * What signing in costs per request: the same reads (GET the incident list) and the same
 * durable appends (POST a note) against two in-process HTTP apps in one run, one with
 * auth off and one with bearer tokens, rate limits and private-incident filtering on.
 * Prints req/s and p99 for each and the ratio tokens / off. Rounds alternate so drift in
 * the machine's load hits both alike.
 *
 *   npx tsx bench/auth-overhead.ts [seconds per round, default 5] [rounds, default 2]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildConfig } from "../src/app/config.js";
import { createWarroomApp } from "../src/app/create-app.js";
import { buildHttpApp } from "../src/http/build-http-app.js";
import { autocannon } from "./autocannon.js";

const seconds = Number(process.argv[2] ?? 5);
const rounds = Number(process.argv[3] ?? 2);

async function target(mode: "off" | "tokens") {
  const dir = mkdtempSync(join(tmpdir(), `warroom-auth-bench-${mode}-`));
  const config = buildConfig({ dbPath: join(dir, "w.db") });
  const app = await createWarroomApp(config);
  await app.people.add({ handle: "bench", name: "Bench" }, { actor: "bench" });
  const { token } = await app.tokens.create({ person: "bench", role: "responder" }, { actor: "bench" });
  const declared = await app.declare({ title: "Bench", severity: "SEV-3" }, { actor: "bench" });
  const http = buildHttpApp({
    app,
    bodyLimitBytes: config.bodyLimitBytes,
    auth: { mode, rateLimit: { perSecond: 1e9, burst: 1e9 } },
  });
  await http.listen({ host: "127.0.0.1", port: 0 });
  const address = http.server.address() as { port: number };
  const headers: Record<string, string> = { "content-type": "application/json", "warroom-actor": "bench" };
  if (mode === "tokens") headers.authorization = `Bearer ${token}`;
  return {
    mode,
    base: `http://127.0.0.1:${address.port}/api/incidents/${declared.incident.id}`,
    list: `http://127.0.0.1:${address.port}/api/incidents`,
    headers,
    async close() {
      await http.close();
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const targets = [await target("off"), await target("tokens")];
const results = new Map<string, { rps: number[]; p99: number[] }>();
for (let round = 0; round < rounds; round++) {
  for (const t of round % 2 === 0 ? targets : [...targets].reverse()) {
    for (const kind of ["read", "append"] as const) {
      const r = await autocannon({
        // The list stays the same size however many notes the appends add.
        url: kind === "read" ? t.list : `${t.base}/notes`,
        connections: 20,
        duration: seconds,
        method: kind === "read" ? "GET" : "POST",
        headers: t.headers,
        ...(kind === "append" ? { body: JSON.stringify({ text: "bench note" }) } : {}),
      });
      if (r.non2xx > 0 || r.errors > 0) throw new Error(`${t.mode} ${kind}: ${r.non2xx} non-2xx, ${r.errors} errors`);
      const key = `${kind} ${t.mode}`;
      const entry = results.get(key) ?? { rps: [], p99: [] };
      entry.rps.push(r.requests.average);
      entry.p99.push(r.latency.p99);
      results.set(key, entry);
    }
  }
}
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
for (const kind of ["read", "append"]) {
  const off = results.get(`${kind} off`);
  const on = results.get(`${kind} tokens`);
  if (!off || !on) continue;
  console.log(
    `${kind.padEnd(6)} off ${mean(off.rps).toFixed(0)} req/s p99 ${Math.max(...off.p99)} ms | tokens ${mean(on.rps).toFixed(0)} req/s p99 ${Math.max(...on.p99)} ms | ratio ${(mean(on.rps) / mean(off.rps)).toFixed(2)}`,
  );
}
for (const t of targets) await t.close();
