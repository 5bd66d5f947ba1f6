/**
 * Crash test: a real server process on a SQLite file, under concurrent appends from
 * several clients that each carry an idempotency key, killed with SIGKILL at a random
 * moment, twenty times. After every restart: each acknowledged (2xx) append is in the
 * log, retrying every request of the round with its key adds nothing twice, and the
 * audit chain verifies. Rounds alternate the server's writer (inline and thread).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChainReport } from "../../src/store/event-store.js";
import { openSqliteEventStore } from "../../src/store/sqlite/sqlite-event-store.js";
import { cli } from "../cli/helpers.js";
import { bundleCli, opsConfigFile, post, removeBundle, type ServerProcess, startServer } from "./server-process.js";

const ROUNDS = 20;
const CLIENTS = 4;

describe("crash test: SIGKILL under concurrent appends", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "warroom-crash-"));
  const db = path.join(dir, "warroom.db");
  let entry = "";
  let server: ServerProcess | undefined;
  beforeAll(async () => {
    entry = await bundleCli("crash");
  });
  afterAll(async () => {
    await server?.kill();
    removeBundle(entry);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const start = (round: number) =>
    startServer(entry, {
      WARROOM_DB: db,
      WARROOM_CONFIG: opsConfigFile(dir),
      WARROOM_STORE_WRITER: round % 2 ? "thread" : "inline",
    });

  /** How many times each note text is in the log, per incident. */
  async function noteCounts(): Promise<Map<string, number>> {
    const store = openSqliteEventStore(db);
    try {
      const counts = new Map<string, number>();
      for (let i = 1; i <= CLIENTS; i++) {
        for (const data of await store.readStreamData(`INC-${i}`)) {
          const event = data as { type: string; text?: string };
          if (event.type === "NoteAdded" && event.text !== undefined) {
            counts.set(event.text, (counts.get(event.text) ?? 0) + 1);
          }
        }
      }
      return counts;
    } finally {
      await store.close();
    }
  }

  /** One client: notes with fresh keys until the server dies; what it sent and what was acknowledged. */
  async function client(server: ServerProcess, id: number, round: number, sent: string[], acked: string[]) {
    for (let n = 0; ; n++) {
      const key = `r${round}-c${id}-n${n}`;
      sent.push(key);
      try {
        const response = await post(
          `${server.url}/api/incidents/INC-${id}/notes`,
          { text: key },
          { "idempotency-key": key },
        );
        if (response.status >= 200 && response.status < 300) acked.push(key);
        else return;
      } catch {
        return; // the connection died with the server
      }
    }
  }

  it(`keeps every acknowledged append, duplicates nothing on retry, and the chain verifies (${ROUNDS} rounds)`, async () => {
    server = await start(0);
    for (let i = 1; i <= CLIENTS; i++) {
      const declared = await post(
        `${server.url}/api/incidents`,
        { title: `Crash ${i}`, severity: "SEV-3" },
        { "idempotency-key": `declare-${i}` },
      );
      expect(declared.status).toBe(201);
    }
    const everAcked = new Set<string>();
    let totalAcked = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const sent: string[] = [];
      const acked: string[] = [];
      const running = server;
      const load = Array.from({ length: CLIENTS }, (_, i) => client(running, i + 1, round, sent, acked));
      const delay = 30 + Math.floor(Math.random() * 300);
      await new Promise((resolve) => setTimeout(resolve, delay));
      await running.kill();
      await Promise.all(load);
      totalAcked += acked.length;

      const restarted = await start(round + 1);
      server = restarted;
      const afterCrash = await noteCounts();
      for (const key of [...everAcked, ...acked]) {
        expect(afterCrash.get(key), `round ${round} (killed after ${delay} ms): acknowledged ${key} lost`).toBe(1);
      }
      // Retry every request of the round with its key: each ends up in the log exactly once.
      const retries = await Promise.all(
        sent.map((key) =>
          post(
            `${restarted.url}/api/incidents/INC-${key.split("-c")[1]?.split("-")[0]}/notes`,
            { text: key },
            { "idempotency-key": key },
          ),
        ),
      );
      expect(retries.filter((r) => r.status !== 200).map((r) => JSON.stringify(r.body))).toEqual([]);
      const afterRetry = await noteCounts();
      for (const key of sent) expect(afterRetry.get(key), `round ${round}: ${key}`).toBe(1);
      expect([...afterRetry.values()].every((count) => count === 1)).toBe(true);
      for (const key of acked) everAcked.add(key);

      const audit = await cli(["--db", db, "--json", "audit", "verify"]);
      expect(audit.code, audit.stderr).toBe(0);
      expect(audit.json<ChainReport>().ok).toBe(true);
    }
    await server?.stop();
    server = undefined;
    // The load really ran: appends were acknowledged in the rounds before their kills.
    expect(totalAcked).toBeGreaterThan(ROUNDS);
  }, 180_000);
});
