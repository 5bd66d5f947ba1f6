/**
 * The hash chain on the SQLite file: intact after appends from both writer modes and
 * several connections, and broken exactly where someone changed the FILE directly (a
 * separate better-sqlite3 connection editing, removing, reordering or adding rows).
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import { GENESIS_HASH } from "../../src/store/chain.js";
import { MIGRATIONS, SCHEMA_VERSION } from "../../src/store/sqlite/migrations.js";
import { openSqliteEventStore } from "../../src/store/sqlite/sqlite-event-store.js";
import { note, tempFiles, WRITER_MODES, withStore } from "./sqlite-helpers.js";

const { freshPath } = tempFiles("warroom-chain-");

/** 20 events over three streams, appended in batches of mixed sizes. */
async function fillLog(file: string, writer: "inline" | "thread" = "inline"): Promise<void> {
  await withStore(
    file,
    async (store) => {
      const versions: Record<string, number> = {};
      const appends = [];
      for (let i = 0; i < 10; i++) {
        const streamId = `INC-${(i % 3) + 1}`;
        const expectedVersion = versions[streamId] ?? 0;
        versions[streamId] = expectedVersion + 2;
        appends.push(
          store.append({
            streamId,
            expectedVersion,
            events: [note(`n${i}a`), note(`n${i}b`)],
            idempotencyKey: `k${i}`,
          }),
        );
      }
      await Promise.all(appends);
    },
    { writer },
  );
}

/** Runs SQL on a copy of the log through its own connection, as someone editing the file would. */
function tampered(original: string, sql: string): string {
  const copy = freshPath("tampered");
  fs.mkdirSync(path.dirname(copy), { recursive: true });
  fs.copyFileSync(original, copy);
  const db = new Database(copy);
  db.exec(sql);
  db.close();
  return copy;
}

const verify = (file: string) => withStore(file, (store) => store.verifyChain());

describe("hash chain on SQLite", () => {
  let original = "";
  beforeAll(async () => {
    original = freshPath("original");
    await fillLog(original);
  });

  it("links every event to its predecessor; verify walks all of them", async () => {
    const report = await verify(original);
    expect(report).toMatchObject({ ok: true, checked: 20, head: { position: 20 } });
    const log = await withStore(original, (store) => store.readLog(0));
    expect(log.map((e) => e.position)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(log[0]?.prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < log.length; i++) expect(log[i]?.prevHash).toBe(log[i - 1]?.hash);
    expect(report.head.hash).toBe(log.at(-1)?.hash);
    expect(new Set(log.map((e) => e.hash)).size).toBe(20);
  });

  it.each(WRITER_MODES)("stays intact across writer modes and two stores on one file (%s)", async (writer) => {
    const file = freshPath("modes");
    await fillLog(file, writer);
    const one = openSqliteEventStore(file, { writer });
    const two = openSqliteEventStore(file, { writer: "inline" });
    try {
      await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) =>
          (i % 2 ? one : two).append({ streamId: `race-${i % 4}`, expectedVersion: 0, events: [note(`${i}`)] }),
        ),
      );
      const report = await one.verifyChain();
      expect(report.ok).toBe(true);
      expect(report.checked).toBe(await two.headPosition());
    } finally {
      await one.close();
      await two.close();
    }
  });

  it("reports an edited event at its position", async () => {
    const file = tampered(original, `UPDATE events SET data = '{"text":"nothing happened"}' WHERE position = 7`);
    expect(await verify(file)).toMatchObject({ ok: false, firstBadPosition: 7, reason: "edited", checked: 6 });
  });

  it("reports an edit to any stored field: type, stream, version, time", async () => {
    for (const [sql, at] of [
      ["UPDATE events SET type = 'Other' WHERE position = 3", 3],
      ["UPDATE events SET recorded_at = '2020-01-01T00:00:00.000Z' WHERE position = 12", 12],
      ["UPDATE events SET version = version + 100 WHERE position = 19", 19],
      ["UPDATE events SET stream_id = 'INC-9' WHERE position = 1", 1],
    ] as const) {
      expect(await verify(tampered(original, sql)), sql).toMatchObject({ firstBadPosition: at, reason: "edited" });
    }
  });

  it("reports an edited event whose hash was recomputed at that event, by the next one's link", async () => {
    const log = await withStore(original, (store) => store.readLog(0));
    const target = log[9];
    if (target === undefined) throw new Error("no event 10");
    const { chainHash } = await import("../../src/store/chain.js");
    const forgedData = '{"text":"forged"}';
    const forged = chainHash(
      target.prevHash,
      10,
      target.streamId,
      target.version,
      target.type,
      forgedData,
      target.recordedAt,
    );
    const file = tampered(original, `UPDATE events SET data = '${forgedData}', hash = '${forged}' WHERE position = 10`);
    expect(await verify(file)).toMatchObject({ ok: false, firstBadPosition: 10, reason: "edited" });
  });

  it("reports a removed event at the position it left empty", async () => {
    expect(await verify(tampered(original, "DELETE FROM events WHERE position = 7"))).toMatchObject({
      ok: false,
      firstBadPosition: 7,
      reason: "removed",
    });
    expect(await verify(tampered(original, "DELETE FROM events WHERE position IN (1, 2)"))).toMatchObject({
      firstBadPosition: 1,
      reason: "removed",
    });
  });

  it("reports events removed from the end, against the recorded head", async () => {
    const report = await verify(tampered(original, "DELETE FROM events WHERE position >= 18"));
    expect(report).toMatchObject({ ok: false, firstBadPosition: 18, reason: "removed", checked: 17 });
    expect(report.message).toMatch(/ends at position 17/);
  });

  it("reports reordered events at the first moved position", async () => {
    const swap = (a: number, b: number) =>
      `UPDATE events SET position = -1 WHERE position = ${a};
       UPDATE events SET position = ${a} WHERE position = ${b};
       UPDATE events SET position = ${b} WHERE position = -1;`;
    expect(await verify(tampered(original, swap(7, 8)))).toMatchObject({
      ok: false,
      firstBadPosition: 7,
      reason: "reordered",
    });
    expect(await verify(tampered(original, swap(4, 15)))).toMatchObject({
      ok: false,
      firstBadPosition: 4,
      reason: "reordered",
    });
  });

  it("reports an event added outside Warroom after the head", async () => {
    const file = tampered(
      original,
      "INSERT INTO events (position, stream_id, version, type, data, recorded_at, prev_hash, hash) " +
        "SELECT 21, 'INC-1', 100, 'NoteAdded', '{}', recorded_at, hash, 'x' FROM events WHERE position = 20",
    );
    expect(await verify(file)).toMatchObject({ ok: false, firstBadPosition: 21, reason: "inserted" });
  });

  it("keeps counting from the recorded head after a tail removal: the gap stays visible", async () => {
    const file = tampered(original, "DELETE FROM events WHERE position = 20");
    await withStore(file, async (store) => {
      const next = await store.append({ streamId: "INC-7", expectedVersion: 0, events: [note("later")] });
      expect(next.events[0]?.position).toBe(21);
      expect(await store.verifyChain()).toMatchObject({ ok: false, firstBadPosition: 20, reason: "removed" });
    });
  });
});

describe("migrating a database written before the chain", () => {
  it("computes the chain for the events already there, then extends it", async () => {
    const file = freshPath("v1");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const db = new Database(file);
    db.exec((MIGRATIONS[0] as { sql: string }).sql);
    db.pragma("user_version = 1");
    const insert = db.prepare(
      "INSERT INTO events (stream_id, version, type, data, recorded_at) VALUES (?, ?, 'NoteAdded', ?, '2026-01-01T00:00:00.000Z')",
    );
    for (let i = 1; i <= 5; i++) insert.run(i % 2 ? "a" : "b", Math.ceil(i / 2), JSON.stringify({ text: `old ${i}` }));
    db.close();

    await withStore(file, async (store) => {
      expect(store.pragmas().userVersion).toBe(SCHEMA_VERSION);
      expect(await store.verifyChain()).toMatchObject({ ok: true, checked: 5, head: { position: 5 } });
      const next = await store.append({ streamId: "a", expectedVersion: 3, events: [note("new")] });
      expect(next.events[0]?.position).toBe(6);
      expect(await store.verifyChain()).toMatchObject({ ok: true, checked: 6 });
      expect((await store.readStream("a")).map((e) => e.data)).toEqual([
        { text: "old 1" },
        { text: "old 3" },
        { text: "old 5" },
        { text: "new" },
      ]);
    });
  });
});
