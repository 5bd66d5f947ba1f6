/** The messages between the store (main thread) and its writer thread: plain data only. */

import type { CheckedAppend } from "../validate-append.js";
import type { SqlitePragmas } from "./open-database.js";
import type { BatchResult, PlainError } from "./sqlite-batch-writer.js";

/** `workerData` of the writer thread. */
export interface WriterStart {
  path: string;
  busyTimeoutMs: number;
}

export type ToWriter =
  | { kind: "commit"; batch: CheckedAppend[]; recordedAt: string }
  /** Close the connection and end the thread, once the batch in flight (if any) is answered. */
  | { kind: "close" };

export type FromWriter =
  | { kind: "ready"; pragmas: SqlitePragmas }
  | { kind: "open-failed"; error: PlainError }
  | { kind: "committed"; result: BatchResult };
