/**
 * The checks every adapter runs on a log it is asked to import, and the chain it is
 * written with: positions 1..n in order, each stream's versions 1..k in order, a type,
 * an ISO-8601 recordedAt and JSON data on every event. The hashes are computed here, so
 * an imported log verifies exactly as if it had been appended.
 */
import { type ErrorDetail, WarroomError } from "../domain/shared/errors.js";
import { type ChainHead, type ChainRow, chainHash, EMPTY_HEAD, GENESIS_HASH } from "./chain.js";
import type { ImportedEvent } from "./event-store.js";
import { storableText } from "./validate-append.js";

/** Why one event cannot be imported, or null. `expectedVersion` is the stream's next version. */
export function importProblem(event: ImportedEvent, position: number, nextVersion: number): ErrorDetail | null {
  if (event === null || typeof event !== "object") return { message: "each event must be an object" };
  if (event.position !== position) {
    return { field: "position", message: `position must be ${position} (positions run 1, 2, 3 … in order)` };
  }
  if (typeof event.streamId !== "string" || event.streamId.length === 0) {
    return { field: "streamId", message: "streamId must be a non-empty string" };
  }
  if (event.version !== nextVersion) {
    return {
      field: "version",
      message: `version must be ${nextVersion}: the next version of stream ${event.streamId}`,
    };
  }
  if (typeof event.type !== "string" || event.type.length === 0) {
    return { field: "type", message: "type must be a non-empty string" };
  }
  if (typeof event.recordedAt !== "string" || !isIsoInstant(event.recordedAt)) {
    return { field: "recordedAt", message: "recordedAt must be an ISO-8601 time such as 2026-03-04T05:06:07.000Z" };
  }
  if (event.data === undefined) return { field: "data", message: "data is missing" };
  return null;
}

export function isIsoInstant(text: string): boolean {
  const time = Date.parse(text);
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(text) && Number.isFinite(time);
}

/** What `importLog` takes: the whole log, or the log in batches (read from a file as it goes). */
export type ImportedLog = readonly ImportedEvent[] | AsyncIterable<readonly ImportedEvent[]>;

/** The log as batches, whichever form it came in. */
export async function* importBatches(log: ImportedLog): AsyncGenerator<readonly ImportedEvent[]> {
  if (Array.isArray(log)) {
    yield log as readonly ImportedEvent[];
    return;
  }
  if (log === null || typeof log !== "object" || !(Symbol.asyncIterator in log)) {
    throw new WarroomError("validation.failed", "the log to import must be a list of events");
  }
  for await (const batch of log as AsyncIterable<readonly ImportedEvent[]>) {
    if (!Array.isArray(batch))
      throw new WarroomError("validation.failed", "each batch to import must be a list of events");
    yield batch;
  }
}

/**
 * Checks events one after another, across batches, and chains them: positions 1, 2, 3 …,
 * each stream's versions in order. Keeps one number per stream, not the events.
 */
/** How a refusal names the bad event: by its index in a list, or (a file) by its line. */
export interface EventLocator {
  message(index: number, problem: string): string;
  field(index: number, field: string): string;
}

const BY_INDEX: EventLocator = {
  message: (index, problem) => `event ${index + 1} cannot be imported: ${problem}`,
  field: (index, field) => `events.${index}${field ? `.${field}` : ""}`,
};

export class ImportChain {
  constructor(private readonly locate: EventLocator = BY_INDEX) {}

  private readonly versions = new Map<string, number>();
  /** Each imported key, with the stream and version its append must reach. */
  private readonly keys = new Map<string, { streamId: string; lastVersion: number; index: number }>();
  private prev = GENESIS_HASH;
  private count = 0;

  /** The checked, chained row; `validation.failed` naming the event (its index from 0) when it is bad. */
  next(event: ImportedEvent): ChainRow {
    const index = this.count;
    const stream = typeof event?.streamId === "string" ? event.streamId : "";
    const problem = importProblem(event, index + 1, (this.versions.get(stream) ?? 0) + 1);
    if (problem !== null) this.refuse(index, problem.field ?? "", problem.message);
    if (event.idempotency !== undefined) this.checkKey(event, index);
    this.versions.set(stream, event.version);
    const dataJson = JSON.stringify(event.data);
    const hash = chainHash(this.prev, event.position, stream, event.version, event.type, dataJson, event.recordedAt);
    const { position, version, type, recordedAt } = event;
    const row = { position, streamId: stream, version, type, dataJson, recordedAt, prevHash: this.prev, hash };
    this.prev = hash;
    this.count++;
    return row;
  }

  /** After the last event: every key's append must have reached its last version. */
  finish(): void {
    for (const [key, { streamId, lastVersion, index }] of this.keys) {
      if ((this.versions.get(streamId) ?? 0) < lastVersion) {
        const message = `the key's lastVersion ${lastVersion} is beyond the end of stream ${streamId}`;
        this.refuse(index, "idempotency.lastVersion", message);
      }
      this.keys.delete(key);
    }
  }

  private checkKey(event: ImportedEvent, index: number): void {
    const fail = (field: string, message: string): never => this.refuse(index, `idempotency${field}`, message);
    const key = event.idempotency as unknown as Record<string, unknown> | null;
    if (key === null || typeof key !== "object" || Array.isArray(key)) fail("", "idempotency must be an object");
    const k = key as Record<string, unknown>;
    const extra = Object.keys(k).find((name) => !["key", "lastVersion", "requestHash"].includes(name));
    if (extra !== undefined) fail(`.${extra}`, `unknown field '${extra}'`);
    // The store's own rule for a key (what an append would accept).
    if (typeof k.key !== "string" || k.key.length === 0 || !storableText(k.key)) {
      fail(".key", "key must be non-empty text without U+0000 or unpaired surrogates");
    }
    if (this.keys.has(k.key as string)) fail(".key", `the key ${String(k.key)} is used by an earlier append`);
    if (!Number.isInteger(k.lastVersion) || (k.lastVersion as number) < event.version) {
      fail(".lastVersion", `lastVersion must be a whole number from ${event.version} (this event's version) up`);
    }
    if (k.requestHash !== null && typeof k.requestHash !== "string")
      fail(".requestHash", "requestHash must be text or null");
    this.keys.set(k.key as string, { streamId: event.streamId, lastVersion: k.lastVersion as number, index });
  }

  private refuse(index: number, field: string, message: string): never {
    throw new WarroomError("validation.failed", this.locate.message(index, message), [
      { field: this.locate.field(index, field), message },
    ]);
  }

  /** The chain's head after the events so far. */
  get head(): ChainHead {
    return this.count === 0 ? EMPTY_HEAD : { position: this.count, hash: this.prev };
  }
}

/** Checks a whole log and chains it; `validation.failed` naming the first bad event. */
export function checkImportedLog(events: readonly ImportedEvent[]): ChainRow[] {
  if (!Array.isArray(events)) throw new WarroomError("validation.failed", "the log to import must be a list of events");
  const chain = new ImportChain();
  return events.map((event) => chain.next(event));
}
