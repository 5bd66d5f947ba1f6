/**
 * The PostgreSQL adapter against a real server: the same contract suite as SQLite, and
 * what is PostgreSQL's own (group commit, two stores as two instances, durability
 * settings).
 */
import { describe, expect, it } from "vitest";
import { runEventStoreContract } from "./event-store-contract.js";
import { adminQuery, dropSchema, openPgStore, PG_SKIP, pgContractStore, schemaName } from "./pg-helpers.js";
import { codeOf, note } from "./sqlite-helpers.js";

describe.skipIf(PG_SKIP !== "")(`PostgreSQL ${PG_SKIP}`, () => {
  runEventStoreContract("postgres", pgContractStore());

  it("runs with synchronous_commit on and its own schema first on the search_path", async () => {
    const schema = schemaName("settings");
    const store = await openPgStore(schema);
    try {
      const result = await store.pool.query("SHOW synchronous_commit");
      expect(result.rows[0]?.synchronous_commit).toBe("on");
      const path = await store.pool.query("SELECT current_schema() AS s");
      expect(path.rows[0]?.s).toBe(schema);
    } finally {
      await store.close();
      await dropSchema(schema);
    }
  });

  it("two stores on one database (two instances): gapless positions, one chain, one winner per race", async () => {
    const schema = schemaName("instances");
    const one = await openPgStore(schema);
    const two = await openPgStore(schema);
    try {
      for (let round = 0; round < 10; round++) {
        const streamId = `race-${round}`;
        const settled = await Promise.allSettled([
          one.append({ streamId, expectedVersion: 0, events: [note("one")] }),
          two.append({ streamId, expectedVersion: 0, events: [note("two")], idempotencyKey: `k-${round}` }),
          two.append({ streamId: `solo-${round}`, expectedVersion: 0, events: [note("x"), note("y")] }),
          one.append({ streamId: `solo-${round}-b`, expectedVersion: 0, events: [note("z")] }),
        ]);
        expect(settled.map(codeOf).slice(0, 2).sort()).toEqual(["ok", "stream.version_conflict"]);
        expect(settled.map(codeOf).slice(2)).toEqual(["ok", "ok"]);
      }
      const all = await one.readAll(0);
      expect(all.map((e) => e.position)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
      expect(await two.verifyChain()).toMatchObject({ ok: true, checked: 40 });
    } finally {
      await one.close();
      await two.close();
      await dropSchema(schema);
    }
  });
});

describe.skipIf(PG_SKIP !== "")(`hash chain on PostgreSQL ${PG_SKIP}`, () => {
  it("hashes computed in the database verify in JS, and a changed row is reported where it was changed", async () => {
    const schema = schemaName("chain");
    const store = await openPgStore(schema);
    try {
      await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          store.append({ streamId: `INC-${i % 3}-${i}`, expectedVersion: 0, events: [note(`é𝄞 ${i}`), note("b")] }),
        ),
      );
      expect(await store.verifyChain()).toMatchObject({ ok: true, checked: 20, head: { position: 20 } });
      // Someone with database access changes the table directly.
      const tamper = async (sql: string) => {
        await adminQuery(sql.replaceAll("events", `${schema}.events`));
        return store.verifyChain();
      };
      const backup = `${schema}.saved`;
      await adminQuery(`CREATE TABLE ${backup} AS SELECT * FROM ${schema}.events`);
      const restore = () =>
        adminQuery(`DELETE FROM ${schema}.events; INSERT INTO ${schema}.events SELECT * FROM ${backup}`);
      expect(await tamper(`UPDATE events SET data = '{"text":"forged"}' WHERE position = 9`)).toMatchObject({
        firstBadPosition: 9,
        reason: "edited",
      });
      await restore();
      expect(await tamper("DELETE FROM events WHERE position = 4")).toMatchObject({
        firstBadPosition: 4,
        reason: "removed",
      });
      await restore();
      expect(
        await tamper(
          "UPDATE events SET position = 999 WHERE position = 5; UPDATE events SET position = 5 WHERE position = 6; UPDATE events SET position = 6 WHERE position = 999",
        ),
      ).toMatchObject({ firstBadPosition: 5, reason: "reordered" });
      await restore();
      expect(await store.verifyChain()).toMatchObject({ ok: true, checked: 20 });
    } finally {
      await store.close();
      await dropSchema(schema);
    }
  });
});
