/** Shared by the SQLite store tests: temp files, both writer modes, small request helpers. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { isWarroomError } from "../../src/domain/shared/errors.js";
import type { EventStore } from "../../src/store/event-store.js";
import {
  openSqliteEventStore,
  type SqliteEventStore,
  type SqliteEventStoreOptions,
  type SqliteWriterMode,
} from "../../src/store/sqlite/sqlite-event-store.js";
import type { OpenedStore } from "./event-store-contract.js";

export const WRITER_MODES: readonly SqliteWriterMode[] = ["inline", "thread"];

/** A temp root for the calling test file, removed after it; `freshPath()` gives a new file in it. */
export function tempFiles(prefix: string): { freshPath: (name?: string) => string } {
  let root = "";
  let counter = 0;
  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  });
  afterAll(() => {
    fs.rmSync(root, { recursive: true, force: true });
  });
  return { freshPath: (name = "store") => path.join(root, `${name}-${++counter}`, "warroom.db") };
}

/** The contract suite's factory for one writer mode: a fresh file per test, reopenable. */
export function contractStore(writer: SqliteWriterMode): () => Promise<OpenedStore> {
  return async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "warroom-contract-"));
    const file = path.join(dir, "warroom.db");
    const opened: EventStore[] = [openSqliteEventStore(file, { writer })];
    return {
      store: opened[0] as EventStore,
      reopen: async () => {
        const store = openSqliteEventStore(file, { writer });
        opened.push(store);
        return store;
      },
      cleanup: async () => {
        for (const store of opened) await store.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  };
}

export async function withStore<T>(
  file: string,
  fn: (store: SqliteEventStore, file: string) => Promise<T>,
  options?: SqliteEventStoreOptions,
): Promise<T> {
  const store = openSqliteEventStore(file, options);
  try {
    return await fn(store, file);
  } finally {
    await store.close();
  }
}

export const note = (text: string) => ({ type: "NoteAdded", data: { text } });

export const codeOf = (s: PromiseSettledResult<unknown>) =>
  s.status === "rejected" ? (isWarroomError(s.reason) ? s.reason.code : String(s.reason)) : "ok";

/** Resolves after the current event-loop turn's immediates: a batch scheduled now has been sent. */
export const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
