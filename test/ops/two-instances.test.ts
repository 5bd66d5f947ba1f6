/**
 * Two real server processes on one PostgreSQL: a client streaming from instance A gets
 * every event appended through B (and through A) in global-position order, with no gap
 * and no duplicate, and resumes with Last-Event-ID against either instance.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPostgresEventStore } from "../../src/store/postgres/postgres-event-store.js";
import { SseClient } from "../http/sse-client.js";
import { adminQuery, dropSchema, PG_SKIP, PG_URL, schemaName } from "../store/pg-helpers.js";
import { bundleCli, opsConfigFile, post, removeBundle, type ServerProcess, startServer } from "./server-process.js";

describe.skipIf(PG_SKIP !== "")(`two server instances on one PostgreSQL ${PG_SKIP}`, () => {
  const schema = schemaName("two");
  const url = `${PG_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "warroom-two-"));
  let entry = "";
  let a: ServerProcess;
  let b: ServerProcess;

  beforeAll(async () => {
    await adminQuery(`CREATE SCHEMA ${schema}`);
    entry = await bundleCli("two");
    const env = { DATABASE_URL: url, WARROOM_CONFIG: opsConfigFile(dir) };
    [a, b] = await Promise.all([startServer(entry, env), startServer(entry, env)]);
  }, 60_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await dropSchema(schema);
    removeBundle(entry);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** The positions of every incident event in the log: what a full stream must carry. */
  async function incidentPositions(): Promise<number[]> {
    const store = await openPostgresEventStore(url);
    try {
      const log = await store.readAll(0, 10_000);
      return log.filter((e) => e.streamId.startsWith("INC-")).map((e) => e.position);
    } finally {
      await store.close();
    }
  }

  const ids = (client: SseClient) => client.messages.filter((m) => m.event === "entry").map((m) => Number(m.id));

  it("streams from A what B (and A) append, in position order, no gap, no duplicate; resumes on either", async () => {
    const fromA = await SseClient.open(`${a.url}/api/stream`);
    expect(fromA.status).toBe(200);
    // Declarations on both instances at once: numbers are allocated across processes.
    const declared = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        post(`${(i % 2 ? a : b).url}/api/incidents`, { title: `Incident ${i}`, severity: "SEV-2" }),
      ),
    );
    expect(declared.map((d) => d.status)).toEqual(Array(6).fill(201));
    const incidentIds = declared.map((d) => (d.body.incident as { id: string } | undefined)?.id ?? d.body.id);
    expect(new Set(incidentIds).size).toBe(6);

    // Concurrent notes, mostly through B, some through A, interleaved.
    const notes = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        post(`${(i % 4 === 0 ? a : b).url}/api/incidents/${incidentIds[i % 6]}/notes`, { text: `note ${i}` }),
      ),
    );
    expect(notes.map((n) => n.status)).toEqual(Array(60).fill(200));

    const expected = await incidentPositions();
    expect(expected.length).toBeGreaterThanOrEqual(66);
    await fromA.until((c) => ids(c).length >= expected.length, `${expected.length} entries from A`, 15_000);
    expect(ids(fromA)).toEqual(expected);
    fromA.close();

    // Resume from the middle against each instance: exactly the rest.
    const middle = expected[Math.floor(expected.length / 2)] as number;
    const rest = expected.filter((p) => p > middle);
    for (const server of [a, b]) {
      const resumed = await SseClient.open(`${server.url}/api/stream`, { "last-event-id": String(middle) });
      await resumed.until((c) => ids(c).length >= rest.length, `the rest from ${server.url}`, 15_000);
      // Appended after the resume through the other instance: arrives live, once.
      const other = server === a ? b : a;
      const live = await post(`${other.url}/api/incidents/${incidentIds[0]}/notes`, { text: "live" });
      expect(live.status).toBe(200);
      const all = await incidentPositions();
      await resumed.until((c) => ids(c).length >= all.filter((p) => p > middle).length, "the live note", 15_000);
      expect(ids(resumed)).toEqual(all.filter((p) => p > middle));
      resumed.close();
    }
  }, 60_000);
});
