/**
 * The event log as JSON lines: what `warroom export` writes and `warroom import` reads.
 * One event per line, in position order:
 *
 *   {"position":1,"streamId":"INC-1","version":1,"type":"IncidentDeclared",
 *    "recordedAt":"2026-…Z","data":{…},"prevHash":"000…","hash":"9f2…"}
 *
 * The hashes are those of the store the log came from. Reading a file recomputes the
 * chain and compares: a line changed after the export is refused, naming its line. A
 * file without hashes (written by hand, or by another tool) is accepted on its own
 * checks and chained afresh on import.
 */
import { type ErrorDetail, WarroomError } from "../domain/shared/errors.js";
import { chainHash, GENESIS_HASH } from "./chain.js";
import type { ImportedEvent, LoggedEvent } from "./event-store.js";
import { importProblem } from "./import-log.js";

export function formatLogLine(event: LoggedEvent): string {
  const { position, streamId, version, type, recordedAt, data, prevHash, hash } = event;
  return JSON.stringify({ position, streamId, version, type, recordedAt, data, prevHash, hash });
}

const FIELDS = new Set(["position", "streamId", "version", "type", "recordedAt", "data", "prevHash", "hash"]);

/**
 * Parses and checks a whole file. Throws `validation.failed` naming the first bad line
 * (1-based) and what is wrong with it; nothing is returned, so nothing is stored.
 */
export function parseLogLines(text: string): ImportedEvent[] {
  const events: ImportedEvent[] = [];
  const versions = new Map<string, number>();
  let prev = GENESIS_HASH;
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).replace(/\r$/, "");
    const lineNo = i + 1;
    if (line.trim() === "") {
      if (i === lines.length - 1) break; // the final newline
      bad(lineNo, { message: "the line is empty: one event per line, no blank lines" });
    }
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
    const stream = typeof event.streamId === "string" ? event.streamId : "";
    const problem = importProblem(event, events.length + 1, (versions.get(stream) ?? 0) + 1);
    if (problem !== null) bad(lineNo, problem);
    const hash = chainHash(
      prev,
      event.position,
      stream,
      event.version,
      event.type,
      JSON.stringify(event.data),
      event.recordedAt,
    );
    if (record.prevHash !== undefined && record.prevHash !== prev) {
      bad(lineNo, { field: "prevHash", message: "prevHash is not the hash of the line before: lines were changed" });
    }
    if (record.hash !== undefined && record.hash !== hash) {
      bad(lineNo, { field: "hash", message: "the hash does not match the event: the line was changed after export" });
    }
    versions.set(stream, event.version);
    events.push({
      position: event.position,
      streamId: stream,
      version: event.version,
      type: event.type,
      recordedAt: event.recordedAt,
      data: event.data,
    });
    prev = hash;
  }
  return events;
}

function bad(lineNo: number, problem: ErrorDetail): never {
  const field = `line ${lineNo}${problem.field ? `.${problem.field}` : ""}`;
  throw new WarroomError("validation.failed", `line ${lineNo}: ${problem.message}`, [
    { field, message: problem.message },
  ]);
}
