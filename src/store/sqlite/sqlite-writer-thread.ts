/**
 * The main-thread end of the writer thread: starts the worker, sends it one batch at a
 * time and hands back its reply. If the thread dies (an uncaught error, an exit, a
 * failed open) the batch in flight and every later one fail with `store.unavailable`
 * at once: nothing ever waits for a reply that cannot come.
 *
 * The worker file is resolved next to this module, so it loads from `dist/` (plain JS)
 * and from the TypeScript sources (vitest, tsx). From the sources, the `.ts` sibling is
 * loaded through a one-line bootstrap that registers tsx's loader in the worker first:
 * `execArgv: ["--import", "tsx"]` is not enough on Node 20, where tsx (4.2x) registers
 * its ESM hooks on the main thread only (it cannot tell a worker from Node's internal
 * loader thread before Node 22.22.3 / 24.11.1).
 */
import { Worker } from "node:worker_threads";
import type { CheckedAppend } from "../validate-append.js";
import type { SqlitePragmas } from "./open-database.js";
import { type BatchResult, fromPlainError, type PlainError } from "./sqlite-batch-writer.js";
import type { FromWriter, ToWriter, WriterStart } from "./sqlite-writer-protocol.js";

/** How long `close()` waits for the thread to finish cleanly before stopping it. */
const CLOSE_TIMEOUT_MS = 10_000;

function workerEntry(): { url: URL; execArgv?: string[] } {
  const here = import.meta.url;
  if (!here.endsWith(".ts")) return { url: new URL("./sqlite-writer-worker.js", here) };
  const source = new URL("./sqlite-writer-worker.ts", here).href;
  const tsx = import.meta.resolve("tsx/esm/api");
  const bootstrap =
    `import { register } from ${JSON.stringify(tsx)};\n` +
    `register();\n` +
    `await import(${JSON.stringify(source)});\n`;
  // Only this registration: an inherited `--import tsx` must not register a second one.
  return { url: new URL(`data:text/javascript,${encodeURIComponent(bootstrap)}`), execArgv: [] };
}

export class WriterThread {
  /** The worker itself; tests use it to simulate a crash. */
  readonly worker: Worker;
  /** The write connection's pragmas, once the thread has opened it. */
  private readonly ready: Promise<SqlitePragmas>;
  private waiting: ((result: BatchResult) => void) | null = null;
  /** Why the thread can no longer write; null while it can. */
  private stopped: PlainError | null = null;
  private closing = false;
  /**
   * How long close() waits before forcing the thread down: always longer than a commit can
   * wait on another process's lock, because terminating the thread inside a native SQLite
   * call aborts the whole process (better-sqlite3 cannot throw into a dying isolate).
   */
  private readonly closeTimeoutMs: number;
  private readonly exited: Promise<void>;
  private settleReady: { resolve: (p: SqlitePragmas) => void; reject: (e: unknown) => void } | null = null;

  constructor(path: string, busyTimeoutMs: number) {
    this.closeTimeoutMs = Math.max(CLOSE_TIMEOUT_MS, busyTimeoutMs + CLOSE_TIMEOUT_MS);
    const entry = workerEntry();
    this.ready = new Promise<SqlitePragmas>((resolve, reject) => {
      this.settleReady = { resolve, reject };
    });
    this.ready.catch(() => undefined); // surfaced by commit() and by whoever awaits `ready`
    this.worker = new Worker(entry.url, {
      workerData: { path, busyTimeoutMs } satisfies WriterStart,
      ...(entry.execArgv ? { execArgv: entry.execArgv } : {}),
    });
    // Idle, the thread does not keep the process alive; a batch in flight does.
    this.worker.unref();
    this.worker.on("message", (message: FromWriter) => this.receive(message));
    this.worker.on("error", (error) => this.stop(`it failed: ${error.message}`));
    this.worker.on("messageerror", (error) => this.stop(`a message could not be read: ${error.message}`));
    this.exited = new Promise((resolve) => {
      this.worker.once("exit", (code) => {
        this.stop(this.closing ? "the store was closed" : `it exited with code ${code}`);
        resolve();
      });
    });
  }

  /** The write connection's pragmas; rejects once the thread has stopped. */
  async pragmas(): Promise<SqlitePragmas> {
    if (this.stopped !== null) throw fromPlainError(this.stopped);
    return this.ready;
  }

  /** Commits one batch on the thread. One at a time: call again only once this one settled. */
  commit(batch: CheckedAppend[], recordedAt: string): Promise<BatchResult> {
    if (this.stopped !== null) return Promise.resolve({ committed: false, error: this.stopped });
    if (this.waiting !== null) throw new Error("WriterThread.commit: a batch is already in flight");
    return new Promise<BatchResult>((resolve) => {
      this.waiting = resolve;
      this.worker.ref();
      this.send({ kind: "commit", batch, recordedAt });
    });
  }

  /** Closes the write connection and ends the thread (the store sends no batch after this). */
  async close(): Promise<void> {
    if (!this.closing) {
      this.closing = true;
      if (this.stopped === null) {
        this.worker.ref();
        this.send({ kind: "close" });
        const timer = setTimeout(() => void this.worker.terminate(), this.closeTimeoutMs);
        timer.unref();
        this.exited.finally(() => clearTimeout(timer));
      }
    }
    await this.exited;
  }

  /** Stops the thread abruptly, as a crash would. */
  async terminate(): Promise<void> {
    await this.worker.terminate();
    await this.exited;
  }

  private send(message: ToWriter): void {
    this.worker.postMessage(message);
  }

  private receive(message: FromWriter): void {
    switch (message.kind) {
      case "ready":
        this.settleReady?.resolve(message.pragmas);
        return;
      case "open-failed":
        this.stop(message.error.message, message.error);
        return;
      case "committed": {
        const waiting = this.waiting;
        this.waiting = null;
        if (!this.closing) this.worker.unref();
        waiting?.(message.result);
        return;
      }
      default: {
        const unknown: never = message;
        this.stop(`it sent a message this store does not know: ${JSON.stringify(unknown)}`);
      }
    }
  }

  /** The thread can no longer write: fail the batch in flight, and every later one. */
  private stop(reason: string, error?: PlainError): void {
    if (this.stopped === null) {
      this.stopped = error ?? {
        code: "store.unavailable",
        message: this.closing
          ? "The event store is closed"
          : `The event store cannot write: its SQLite writer thread stopped (${reason}); nothing was written. Restart Warroom.`,
        details: [],
      };
    }
    this.settleReady?.reject(fromPlainError(this.stopped));
    this.settleReady = null;
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.({
      committed: false,
      error: {
        code: "store.unavailable",
        message:
          `The SQLite writer thread stopped (${reason}) while committing this append: it may or may not ` +
          "have been stored. Read the stream before retrying; an idempotency key makes a retry safe.",
        details: [],
      },
    });
  }
}
