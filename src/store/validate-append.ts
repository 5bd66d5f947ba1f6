/**
 * Checks an append request at the store's edge and serialises its event data once.
 * Nothing here depends on an adapter: SQLite and PostgreSQL share it.
 */
import { type ErrorDetail, WarroomError } from "../domain/shared/errors.js";
import type { AppendRequest } from "./event-store.js";

export interface SerialisedEvent {
  type: string;
  json: string;
}

export interface CheckedAppend {
  streamId: string;
  expectedVersion: number;
  events: SerialisedEvent[];
  idempotencyKey: string | null;
  requestHash: string | null;
}

/** Throws WarroomError `validation.failed` listing every problem with the request. */
export function checkAppendRequest(request: AppendRequest): CheckedAppend {
  const details: ErrorDetail[] = [];
  const problem = (field: string, message: string) => details.push({ field, message });

  if (request === null || typeof request !== "object") {
    throw new WarroomError("validation.failed", "An append request must be an object");
  }
  const { streamId, expectedVersion, events, idempotencyKey, requestHash } = request;
  if (typeof streamId !== "string" || streamId.length === 0) {
    problem("streamId", "streamId must be a non-empty string");
  } else if (!storableText(streamId)) {
    problem("streamId", "streamId must be Unicode text without U+0000 or unpaired surrogates");
  }
  if (!Number.isSafeInteger(expectedVersion) || expectedVersion < 0) {
    problem("expectedVersion", "expectedVersion must be an integer ≥ 0 (0 for a new stream)");
  }
  if (idempotencyKey !== undefined && (typeof idempotencyKey !== "string" || idempotencyKey.length === 0)) {
    problem("idempotencyKey", "idempotencyKey, when given, must be a non-empty string");
  } else if (idempotencyKey !== undefined && !storableText(idempotencyKey)) {
    problem("idempotencyKey", "idempotencyKey must be Unicode text without U+0000 or unpaired surrogates");
  }
  if (requestHash !== undefined && typeof requestHash !== "string") {
    problem("requestHash", "requestHash, when given, must be a string");
  }
  const serialised: SerialisedEvent[] = [];
  if (!Array.isArray(events) || events.length === 0) {
    problem("events", "events must be a non-empty list: an append must add at least one event");
  } else {
    events.forEach((event, i) => {
      if (event === null || typeof event !== "object") {
        problem(`events.${i}`, "each event must be an object with a type and data");
        return;
      }
      if (typeof event.type !== "string" || event.type.length === 0) {
        problem(`events.${i}.type`, "event type must be a non-empty string");
      } else if (!storableText(event.type)) {
        problem(`events.${i}.type`, "event type must be Unicode text without U+0000 or unpaired surrogates");
      }
      let json: string | undefined;
      try {
        json = JSON.stringify(event.data);
      } catch (error) {
        problem(`events.${i}.data`, `event data cannot be stored as JSON: ${(error as Error).message}`);
        return;
      }
      if (json === undefined) {
        problem(`events.${i}.data`, "event data must be a JSON value (not undefined or a function)");
        return;
      }
      serialised.push({ type: event.type, json });
    });
  }
  if (details.length > 0) {
    const summary = details.map((d) => d.message).join("; ");
    throw new WarroomError("validation.failed", `Invalid append request: ${summary}`, details);
  }
  return {
    streamId,
    expectedVersion,
    events: serialised,
    idempotencyKey: idempotencyKey ?? null,
    requestHash: requestHash ?? null,
  };
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Text every adapter stores exactly: PostgreSQL refuses U+0000, and an unpaired surrogate
 * would be stored as U+FFFD, changing the value (and its hash) behind the caller's back.
 * Event data is unaffected: its JSON text escapes both.
 */
export function storableText(text: string): boolean {
  return !text.includes("\u0000") && !LONE_SURROGATE.test(text);
}

export function checkNonNegativeInteger(value: unknown, field: string): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
    throw new WarroomError("validation.failed", `${field} must be an integer ≥ 0`, [
      { field, message: `${field} must be an integer ≥ 0` },
    ]);
  }
  return value;
}

export function checkLimit(value: unknown, max: number): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 1 || value > max) {
    const message = `limit must be an integer from 1 to ${max}`;
    throw new WarroomError("validation.failed", message, [{ field: "limit", message }]);
  }
  return value;
}
