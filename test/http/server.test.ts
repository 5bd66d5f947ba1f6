/** `startServer` commits where config.storeWriter says (inline by default); a one-shot app stays inline. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildConfig } from "../../src/app/config.js";
import { createWarroomApp } from "../../src/app/create-app.js";
import { startServer } from "../../src/http/server.js";
import { SqliteEventStore } from "../../src/store/sqlite/sqlite-event-store.js";

describe("startServer writer mode", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "warroom-writer-"));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it("serves durable appends through the writer thread, at synchronous=FULL, and stops it on close", async () => {
    const config = buildConfig({
      auth: "off",
      dbPath: join(dir, "w.db"),
      port: 0,
      logLevel: "silent",
      storeWriter: "thread",
    });
    const server = await startServer({ config });
    const store = server.app.store;
    expect(store).toBeInstanceOf(SqliteEventStore);
    const sqlite = store as SqliteEventStore;
    expect(sqlite.writer).toBe("thread");
    expect((await sqlite.writerPragmas()).synchronous).toBe(2);
    const headers = { "content-type": "application/json", "warroom-actor": "sarah-db" };
    const declared = await fetch(`${server.url}/api/incidents`, {
      method: "POST",
      headers,
      body: JSON.stringify({ title: "Checkout errors", severity: "SEV-2" }),
    });
    expect(declared.status).toBe(201);
    const notes = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        fetch(`${server.url}/api/incidents/INC-1/notes`, {
          method: "POST",
          headers,
          body: JSON.stringify({ channel: "command", text: `note ${i}` }),
        }),
      ),
    );
    expect(notes.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(await store.headPosition()).toBe(sqlite.stats().events);
    await server.close();
    expect(sqlite.writerThread?.worker.threadId).toBe(-1);

    // Everything acknowledged is in the file.
    const again = await createWarroomApp(config);
    expect((again.store as SqliteEventStore).writer).toBe("inline");
    expect((await again.timeline("INC-1")).filter((e) => e.type === "NoteAdded")).toHaveLength(20);
    await again.close();
  });

  it("commits inline by default", async () => {
    const config = buildConfig({ auth: "off", dbPath: join(dir, "d.db"), port: 0, logLevel: "silent" });
    const server = await startServer({ config });
    try {
      expect((server.app.store as SqliteEventStore).writer).toBe("inline");
    } finally {
      await server.close();
    }
  });
});
