/**
 * The writer thread: owns the write connection to the SQLite file and runs the
 * group-commit transaction (`SqliteBatchWriter`) for each batch the store sends, so the
 * commit's fsync blocks this thread and not the store's event loop. One batch at a
 * time: the store sends the next one only when this one's reply has arrived.
 *
 * Started by `WriterThread` (sqlite-writer-thread.ts) after the store's own connection
 * has opened the file and migrated the schema; this connection never migrates.
 */
import { parentPort, workerData } from "node:worker_threads";
import type Database from "better-sqlite3";
import { openWriterConnection, readPragmas, toStoreError } from "./open-database.js";
import { SqliteBatchWriter, toPlainError } from "./sqlite-batch-writer.js";
import type { FromWriter, ToWriter, WriterStart } from "./sqlite-writer-protocol.js";

const port = parentPort;
if (port === null) throw new Error("sqlite-writer-worker runs as a worker thread, started by WriterThread");

const { path, busyTimeoutMs } = workerData as WriterStart;
const send = (message: FromWriter) => port.postMessage(message);

let db: Database.Database | null = null;
try {
  db = openWriterConnection(path, busyTimeoutMs);
} catch (error) {
  send({ kind: "open-failed", error: toPlainError(toStoreError(error, `open ${path} for writing`)) });
  port.close();
}

if (db !== null) {
  const connection = db;
  const writer = new SqliteBatchWriter(connection);
  send({ kind: "ready", pragmas: readPragmas(connection) });
  port.on("message", (message: ToWriter) => {
    switch (message.kind) {
      case "commit":
        send({ kind: "committed", result: writer.commit(message.batch, message.recordedAt) });
        return;
      case "close":
        connection.close();
        port.close();
        return;
      default: {
        const unknown: never = message;
        throw new Error(`the SQLite writer thread got a message it does not know: ${JSON.stringify(unknown)}`);
      }
    }
  });
}
