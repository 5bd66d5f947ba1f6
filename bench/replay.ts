/**
 * Replay benchmark: folding a 100k-event incident stream into state, against a raw scan
 * plus JSON.parse of the same rows. Target: at most 1.5× the raw scan.
 *
 *   npx tsx bench/replay.ts [--events 100000] [--iterations 15]
 *
 * Builds a realistic incident stream (≈90% notes, plus roles, a few hundred tasks,
 * options, decisions, updates, severity and status changes) in a temp SQLite file,
 * appending through the store, then times, in the same run and alternating:
 *   raw:    SELECT data FROM events WHERE stream_id = ? ORDER BY version; JSON.parse each
 *   replay: store.readStreamData(id) (payloads only, as the app loads state) then fold
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import Database from "better-sqlite3";
import { type IncidentEvent, incidentEventSchema } from "../src/domain/incident/events.js";
import { fold } from "../src/domain/incident/evolve.js";
import { COMMANDER_ROLE, DEFAULT_ROLES, SEVERITIES } from "../src/domain/incident/policy.js";
import { openSqliteEventStore } from "../src/store/sqlite/sqlite-event-store.js";

const TARGET = 1.5;
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  return Number.isFinite(value) && value > 0 ? Math.floor(value) : fallback;
};
const EVENTS = arg("events", 100_000);
const ITERATIONS = arg("iterations", 15);
const WARMUP = 3;

/* ---------------------------- a realistic incident stream ---------------------------- */

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PEOPLE = [
  "amara",
  "bo",
  "chen",
  "dana",
  "eli",
  "farah",
  "gus",
  "hana",
  "ivan",
  "jo",
  "kemal",
  "lea",
  "mo",
  "nia",
];
const SERVICES = ["checkout", "payments-api", "auth", "search", "cdn-edge", "orders-db", "notifications"];
const NOTE_TEXTS = [
  "p99 latency on {s} is back above 2s after the last deploy; rolling back canary {n}",
  "Error rate for {s} at {n}% over the last five minutes, trending down",
  "Customer support reports {n} new tickets mentioning failed payments",
  "Failover of {s} replica {n} completed; watching replication lag",
  "Paging the owning team for {s}; no answer yet, escalating to secondary",
  "Dashboard link for {s} shared in the tech channel, graph {n} shows the saturation",
  "Cache hit ratio dropped to {n}% on {s} after the config push",
  "Confirmed with the vendor that region {n} is unaffected",
];
const NOTE_CHANNELS = [
  "command",
  "command",
  "command",
  "command",
  "command",
  "tech",
  "tech",
  "tech",
  "tech",
  "stakeholder",
];

type EventKind = IncidentEvent["type"];
const WEIGHTS: [EventKind, number][] = [
  ["RoleAssigned", 20],
  ["RoleReleased", 2],
  ["RoleHandedOver", 5],
  ["CommandHandedOver", 1],
  ["UpdatePublished", 15],
  ["OptionProposed", 12],
  ["DecisionRecorded", 4],
  ["TaskAssigned", 3],
  ["TaskAcknowledged", 3],
  ["TaskCompleted", 2.7],
  ["TaskCancelled", 0.3],
  ["StatusChanged", 5],
  ["SeverityChanged", 2],
  ["CadenceSet", 2],
  ["WorkstreamStarted", 1],
  ["WorkstreamClosed", 0.8],
  ["ActionItemAdded", 5],
  ["ActionItemCompleted", 3],
];
const TOTAL_WEIGHT = WEIGHTS.reduce((sum, [, w]) => sum + w, 0);

export function buildIncidentStream(count: number, seed = 42): IncidentEvent[] {
  const rand = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const start = Date.parse("2026-02-10T03:12:00.000Z");
  const iso = (i: number, plusMinutes = 0) => new Date(start + i * 2000 + plusMinutes * 60_000).toISOString();
  const fill = (text: string) => text.replace("{s}", pick(SERVICES)).replace("{n}", String(Math.floor(rand() * 100)));

  const events: IncidentEvent[] = [];
  const roles = new Map<string, string>([[COMMANDER_ROLE, "amara"]]);
  const unacked: string[] = [];
  const acked: string[] = [];
  const options: string[] = [];
  const openWorkstreams: string[] = [];
  const openActions: string[] = [];
  let severity: (typeof SEVERITIES)[number] = "SEV-2";
  let status: "investigating" | "identified" | "mitigating" | "monitoring" = "investigating";
  let seq = 0;

  events.push({
    type: "IncidentDeclared",
    at: iso(0),
    by: "amara",
    incidentId: "INC-2026-0042",
    title: "Checkout failing for a share of EU customers",
    severity,
    impact: "Roughly one in five checkouts in the EU region fail with a payment timeout",
    usersAffectedPct: 20,
    services: ["checkout", "payments-api"],
    mode: "live",
    private: false,
    commander: "amara",
    cadenceMinutes: 30,
  });

  const other = (i: number): IncidentEvent | null => {
    const at = iso(i);
    const by = roles.get(COMMANDER_ROLE) ?? "amara";
    let r = rand() * TOTAL_WEIGHT;
    let kind: EventKind = "NoteAdded";
    for (const [k, w] of WEIGHTS) {
      r -= w;
      if (r <= 0) {
        kind = k;
        break;
      }
    }
    const id = `${++seq}`;
    switch (kind) {
      case "RoleAssigned": {
        const role = pick(DEFAULT_ROLES.slice(1)).id;
        const person = pick(PEOPLE);
        roles.set(role, person);
        return { type: kind, at, by, role, person };
      }
      case "RoleReleased": {
        const role = pick([...roles.keys()].filter((r) => r !== COMMANDER_ROLE));
        if (!role) return null;
        const person = roles.get(role) as string;
        roles.delete(role);
        return { type: kind, at, by, role, person, reason: "end of shift" };
      }
      case "RoleHandedOver": {
        const role = pick([...roles.keys()].filter((r) => r !== COMMANDER_ROLE));
        if (!role) return null;
        const to = pick(PEOPLE);
        const from = roles.get(role) as string;
        roles.set(role, to);
        return { type: kind, at, by: from, role, from, to, briefing: "Open threads are in the pinned summary" };
      }
      case "CommandHandedOver": {
        const to = pick(PEOPLE.filter((p) => p !== by));
        roles.set(COMMANDER_ROLE, to);
        return {
          type: kind,
          at,
          by,
          from: by,
          to,
          briefing: "Mitigation in progress, next update due soon",
          overrideReason: null,
        };
      }
      case "UpdatePublished":
        return {
          type: kind,
          at,
          by,
          updateId: `upd-${id}`,
          audience: pick(["team", "executive", "customer", "legal"] as const),
          text: fill("We are still working on the checkout failures; {s} is the focus, error rate {n}%"),
          impact: "EU checkouts partly failing",
          timeline: null,
          plan: "Roll back the payment client, then drain the bad node pool",
          nextUpdateAt: iso(i, 30),
        };
      case "OptionProposed":
        options.push(`opt-${id}`);
        return {
          type: kind,
          at,
          by,
          optionId: `opt-${id}`,
          title: fill("Fail over {s} to the standby region"),
          description: "Moves traffic away from the degraded pool; needs a DNS change",
          attributes: { timeToCompleteMinutes: 20, risk: "medium", likelihoodOfSuccess: 70, dataLoss: "none" },
          proposedBy: pick(PEOPLE),
        };
      case "DecisionRecorded": {
        if (options.length < 2) return null;
        const chosen = pick(options);
        return {
          type: kind,
          at,
          by,
          decisionId: `dec-${id}`,
          kind: "trade-off",
          title: "Fail over rather than wait for the fix",
          chosen: [chosen],
          rationale: "Failover restores service within twenty minutes; the fix is hours away",
          alternatives: options.slice(-3).filter((o) => o !== chosen),
          consulted: [pick(PEOPLE)],
          fallback: "Roll back the failover if error rates rise",
          overrideReason: null,
        };
      }
      case "TaskAssigned":
        unacked.push(`task-${id}`);
        return {
          type: kind,
          at,
          by,
          taskId: `task-${id}`,
          title: fill("Check the connection pool settings on {s}"),
          assignee: pick(PEOPLE),
          timeboxMinutes: 15,
          dueAt: iso(i, 15),
          workstreamId: openWorkstreams[0] ?? null,
        };
      case "TaskAcknowledged": {
        const taskId = unacked.shift();
        if (!taskId) return null;
        acked.push(taskId);
        return { type: kind, at, by: pick(PEOPLE), taskId };
      }
      case "TaskCompleted":
      case "TaskCancelled": {
        const taskId = acked.shift();
        if (!taskId) return null;
        return kind === "TaskCompleted"
          ? { type: kind, at, by, taskId, outcome: "Done; findings posted in the tech channel" }
          : { type: kind, at, by, taskId, reason: "No longer needed after the failover" };
      }
      case "StatusChanged": {
        const next = pick(["investigating", "identified", "mitigating", "monitoring"] as const);
        if (next === status) return null;
        const from = status;
        status = next;
        return { type: kind, at, by, from, to: next, note: null };
      }
      case "SeverityChanged": {
        const to = pick(SEVERITIES.slice(0, 3));
        if (to === severity) return null;
        const from = severity;
        severity = to;
        return { type: kind, at, by, from, to, reason: "Impact re-assessed", cadenceMinutes: to === "SEV-1" ? 15 : 30 };
      }
      case "CadenceSet":
        return { type: kind, at, by, cadenceMinutes: pick([15, 20, 30]), followsSeverity: false };
      case "WorkstreamStarted":
        openWorkstreams.push(`ws-${id}`);
        return {
          type: kind,
          at,
          by,
          workstreamId: `ws-${id}`,
          name: fill("{s} recovery"),
          lead: pick(PEOPLE),
          goal: "Bring the error rate under one percent",
          timeboxMinutes: 60,
          dueAt: iso(i, 60),
        };
      case "WorkstreamClosed": {
        const workstreamId = openWorkstreams.shift();
        if (!workstreamId) return null;
        return { type: kind, at, by, workstreamId, outcome: "Goal met" };
      }
      case "ActionItemAdded":
        openActions.push(`act-${id}`);
        return {
          type: kind,
          at,
          by,
          actionId: `act-${id}`,
          title: fill("Add an alert on {s} saturation"),
          owner: pick(PEOPLE),
          dueDate: "2026-03-01",
          horizon: pick(["immediate", "short-term", "long-term"] as const),
        };
      case "ActionItemCompleted": {
        const actionId = openActions.shift();
        if (!actionId) return null;
        return { type: kind, at, by, actionId };
      }
      default:
        return null;
    }
  };

  for (let i = 1; i < count; i++) {
    const event = rand() < 0.9 ? null : other(i);
    events.push(
      event ?? {
        type: "NoteAdded",
        at: iso(i),
        by: pick(PEOPLE),
        channel: pick(NOTE_CHANNELS) as "command" | "tech" | "stakeholder",
        text: fill(pick(NOTE_TEXTS)),
      },
    );
  }
  return events;
}

/* ------------------------------------ measurement ------------------------------------ */

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};
const gc = (globalThis as { gc?: () => void }).gc;
const time = async (fn: () => unknown | Promise<unknown>) => {
  gc?.();
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
};

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "warroom-bench-replay-"));
  const file = path.join(dir, "warroom.db");
  const streamId = "incident-INC-2026-0042";
  try {
    const events = buildIncidentStream(EVENTS);
    for (const event of events) incidentEventSchema.parse(event);
    const kinds = new Map<string, number>();
    for (const e of events) kinds.set(e.type, (kinds.get(e.type) ?? 0) + 1);

    const store = openSqliteEventStore(file);
    const loadStart = performance.now();
    let version = 0;
    for (let i = 0; i < events.length; i += 1000) {
      const chunk = events.slice(i, i + 1000).map((data) => ({ type: data.type, data }));
      version = (await store.append({ streamId, expectedVersion: version, events: chunk })).version;
    }
    const loadMs = performance.now() - loadStart;

    const db = new Database(file, { readonly: true });
    const scan = db.prepare<[string], string>("SELECT data FROM events WHERE stream_id = ? ORDER BY version").pluck();
    const raw = () => {
      const rows = scan.all(streamId);
      const out: unknown[] = new Array(rows.length);
      for (let i = 0; i < rows.length; i++) out[i] = JSON.parse(rows[i] as string);
      return out;
    };
    const replay = async () => fold((await store.readStreamData(streamId)) as IncidentEvent[]);

    const state = await replay();
    if (state?.version !== events.length || raw().length !== events.length) {
      throw new Error(`replay is wrong: version ${state?.version}, expected ${events.length}`);
    }
    for (let i = 0; i < WARMUP; i++) {
      raw();
      await replay();
    }
    const rawMs: number[] = [];
    const replayMs: number[] = [];
    const readMs: number[] = [];
    const foldMs: number[] = [];
    const read = (await store.readStream(streamId)).map((e) => e.data as IncidentEvent);
    for (let i = 0; i < ITERATIONS; i++) {
      rawMs.push(await time(raw));
      replayMs.push(await time(replay));
      // Breakdown, for profiling: the read alone, and the fold alone over events already read.
      readMs.push(await time(() => store.readStreamData(streamId)));
      foldMs.push(await time(() => fold(read)));
    }
    db.close();
    await store.close();

    const result = {
      bench: "replay",
      events: events.length,
      iterations: ITERATIONS,
      rawMs: Number(median(rawMs).toFixed(2)),
      replayMs: Number(median(replayMs).toFixed(2)),
      readStreamMs: Number(median(readMs).toFixed(2)),
      foldMs: Number(median(foldMs).toFixed(2)),
      readStreamOverRaw: Number((median(readMs) / median(rawMs)).toFixed(3)),
      ratio: Number((median(replayMs) / median(rawMs)).toFixed(3)),
      target: TARGET,
      pass: median(replayMs) / median(rawMs) <= TARGET,
      loadMs: Number(loadMs.toFixed(0)),
      dbBytes: fs.statSync(file).size,
      gcBetweenRuns: gc !== undefined,
    };
    const mix = [...kinds.entries()].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`);
    console.log(`stream: ${events.length} events (${mix.join(", ")})`);
    console.log(`loaded through the store in ${result.loadMs} ms; file ${(result.dbBytes / 1e6).toFixed(1)} MB`);
    console.log(`raw scan + JSON.parse      median ${result.rawMs.toFixed(2)} ms`);
    console.log(`readStreamData + fold     median ${result.replayMs.toFixed(2)} ms`);
    console.log(
      `  readStreamData alone     median ${result.readStreamMs.toFixed(2)} ms (${result.readStreamOverRaw}× raw)`,
    );
    console.log(`  fold alone               median ${result.foldMs.toFixed(2)} ms`);
    console.log(`replay/raw = ${result.ratio.toFixed(3)} (target ≤ ${TARGET}) ${result.pass ? "PASS" : "OVER TARGET"}`);
    console.log(JSON.stringify(result));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
