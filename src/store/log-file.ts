/**
 * The event log as JSON lines: what `warroom export` writes and `warroom import` reads.
 * One event per line, in position order:
 *
 *   {"position":1,"streamId":"INC-1","version":1,"type":"IncidentDeclared",
 *    "recordedAt":"2026-…Z","data":{…},"prevHash":"000…","hash":"9f2…"}
 *
 * The first event of an append made with an idempotency key also carries
 * `"idempotency": {"key", "lastVersion", "requestHash"}` (outside the hash chain), so a
 * retry after the move is still recognised.
 *
 * The hashes are those of the store the log came from. Reading a file recomputes the
 * chain and compares: a line changed after the export is refused, naming its line. A
 * file without hashes (written by hand, or by another tool) is accepted on its own
 * checks and chained afresh on import.
 */
import { type ErrorDetail, WarroomError } from "../domain/shared/errors.js";

import type { ImportedEvent, LoggedEvent } from "./event-store.js";
import { ImportChain } from "./import-log.js";

export function formatLogLine(event: LoggedEvent): string {
  const { position, streamId, version, type, recordedAt, data, prevHash, hash, idempotency } = event;
  const line = { position, streamId, version, type, recordedAt, data, prevHash, hash };
  return JSON.stringify(idempotency === undefined ? line : { ...line, idempotency });
}

const FIELDS = new Set([
  "position",
  "streamId",
  "version",
  "type",
  "recordedAt",
  "data",
  "prevHash",
  "hash",
  "idempotency",
]);

/**
 * Checks a log's lines one after another, keeping only what the next line is checked
 * against (the chain's last hash, each stream's version): a file of any size reads in
 * flat memory. A blank line is refused unless nothing but blank lines follows it.
 */
export class LogLineChecker {
  /**
   * The same checks and chain as every store's import, so a file that passes here imports.
   * Its refusals name the line: event n is on line n + 1, as a blank line may only end a file.
   */
  private readonly chain = new ImportChain({
    message: (index, problem) => `line ${index + 1}: ${problem}`,
    field: (index, field) => `line ${index + 1}${field ? `.${field}` : ""}`,
  });
  private lineNo = 0;
  private blankAt = 0;
  /** Events accepted so far. */
  count = 0;

  /** The event on this line, or null for a blank one; throws `validation.failed` naming the line. */
  line(raw: string): ImportedEvent | null {
    this.lineNo++;
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (line.trim() === "") {
      this.blankAt ||= this.lineNo;
      return null;
    }
    if (this.blankAt !== 0) bad(this.blankAt, { message: "the line is empty: one event per line, no blank lines" });
    const lineNo = this.lineNo;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      bad(lineNo, { message: `not valid JSON (${(error as Error).message})` });
    }
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      bad(lineNo, { message: "each line must be a JSON object (one event)" });
    }
    const record = value as Record<string, unknown>;
    const extra = Object.keys(record).find((k) => !FIELDS.has(k));
    if (extra !== undefined) bad(lineNo, { field: extra, message: `unknown field '${extra}'` });
    const event = record as unknown as ImportedEvent;
    const row = this.chain.next(event);
    if (record.prevHash !== undefined && record.prevHash !== row.prevHash) {
      bad(lineNo, { field: "prevHash", message: "prevHash is not the hash of the line before: lines were changed" });
    }
    if (record.hash !== undefined && record.hash !== row.hash) {
      bad(lineNo, { field: "hash", message: "the hash does not match the event: the line was changed after export" });
    }
    const checked: ImportedEvent = {
      position: row.position,
      streamId: row.streamId,
      version: row.version,
      type: row.type,
      recordedAt: row.recordedAt,
      data: event.data,
    };
    if (event.idempotency !== undefined) checked.idempotency = event.idempotency;
    this.count++;
    return checked;
  }

  /** The chain's head after the lines so far: what `--expect-head` is compared with. */
  get head(): { position: number; hash: string } {
    return this.chain.head;
  }

  /** At the end of the file: each key's append reached its last version. */
  finish(): void {
    this.chain.finish();
  }
}

/**
 * Parses and checks a whole file. Throws `validation.failed` naming the first bad line
 * (1-based) and what is wrong with it; nothing is returned, so nothing is stored.
 */
export function parseLogLines(text: string): ImportedEvent[] {
  const checker = new LogLineChecker();
  const events: ImportedEvent[] = [];
  for (const line of text.split("\n")) {
    const event = checker.line(line);
    if (event !== null) events.push(event);
  }
  checker.finish();
  return events;
}

/** Bytes that are not UTF-8: the caller names the file. */
export class NotUtf8Error extends Error {}

/**
 * Reads a log from a byte stream (a file, standard input) in batches of `batchSize`
 * checked events, decoding UTF-8 strictly: the whole log never sits in memory.
 */
export async function* readLogBatches(
  source: AsyncIterable<Uint8Array | string>,
  batchSize = 5000,
  checker: LogLineChecker = new LogLineChecker(),
): AsyncGenerator<ImportedEvent[]> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let batch: ImportedEvent[] = [];
  let rest = "";
  const take = (text: string) => {
    const lines = (rest + text).split("\n");
    rest = lines.pop() ?? "";
    for (const line of lines) {
      const event = checker.line(line);
      if (event !== null) batch.push(event);
    }
  };
  const decode = (chunk: Uint8Array | undefined, stream: boolean): string => {
    try {
      return chunk === undefined ? decoder.decode() : decoder.decode(chunk, { stream });
    } catch {
      throw new NotUtf8Error("not UTF-8");
    }
  };
  for await (const chunk of source) {
    take(typeof chunk === "string" ? chunk : decode(chunk, true));
    if (batch.length >= batchSize) {
      yield batch;
      batch = [];
    }
  }
  take(decode(undefined, false));
  const last = checker.line(rest);
  if (last !== null) batch.push(last);
  checker.finish();
  if (batch.length > 0) yield batch;
}

function bad(lineNo: number, problem: ErrorDetail): never {
  const field = `line ${lineNo}${problem.field ? `.${problem.field}` : ""}`;
  throw new WarroomError("validation.failed", `line ${lineNo}: ${problem.message}`, [
    { field, message: problem.message },
  ]);
}
