/**
 * The group-commit transaction judged request by request: a request whose INSERT the
 * database refuses fails alone, writes nothing of itself, and leaves the transaction
 * usable for its neighbours — both for a one-row request (no SAVEPOINT) and for a keyed
 * one (under its SAVEPOINT).
 */
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../src/store/sqlite/open-database.js";
import { SqliteBatchWriter } from "../../src/store/sqlite/sqlite-batch-writer.js";
import { checkAppendRequest } from "../../src/store/validate-append.js";
import { note, tempFiles } from "./sqlite-helpers.js";

const { freshPath } = tempFiles("warroom-batch-");
const AT = "2026-11-27T12:00:00.000Z";

function request(streamId: string, idempotencyKey?: string) {
  return checkAppendRequest({
    streamId,
    expectedVersion: 0,
    events: [note(`first of ${streamId}`)],
    ...(idempotencyKey ? { idempotencyKey, requestHash: "h" } : {}),
  });
}

describe("SqliteBatchWriter", () => {
  it("fails only the requests whose INSERT is refused, with or without a SAVEPOINT", () => {
    const db = openDatabase(freshPath(), 1000);
    const writer = new SqliteBatchWriter(db);
    expect(writer.commit([request("INC-1")], AT).committed).toBe(true);
    // A row planted at position 3 (as another program editing the file could): the
    // chain head still says 1, so the second and third requests collide on position 3.
    db.prepare(
      "INSERT INTO events (position, stream_id, version, type, data, recorded_at) VALUES (3, 'X-1', 1, 'T', '{}', ?)",
    ).run(AT);

    const result = writer.commit([request("INC-2"), request("INC-3"), request("INC-4", "key-4")], AT);

    expect(result.committed).toBe(true);
    if (!result.committed) return;
    const [second, third, fourth] = result.outcomes;
    expect(second).toEqual({ ok: { kind: "written", version: 1, positions: [2] } });
    expect(third).toMatchObject({ error: { code: "stream.version_conflict" } });
    expect(fourth).toMatchObject({ error: { code: "stream.version_conflict" } });
    const streams = db.prepare("SELECT stream_id FROM events ORDER BY position").pluck().all();
    expect(streams).toEqual(["INC-1", "INC-2", "X-1"]);
    expect(db.prepare("SELECT count(*) FROM idempotency").pluck().get()).toBe(0);
    expect(db.prepare("SELECT position FROM chain_head").pluck().get()).toBe(2);
    db.close();
  });
});
