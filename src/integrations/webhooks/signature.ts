/**
 * HMAC-SHA256 over `<timestamp>.<body>`, hex, sent as `Warroom-Signature: v1=<hex>` with
 * `Warroom-Timestamp: <unix seconds>`. Outgoing webhooks are signed this way, and alert
 * receivers configured with `auth.type: hmac` verify it. Binding the timestamp into the
 * signature lets a receiver refuse replays older than its tolerance.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { WarroomError } from "../../domain/shared/errors.js";

export const SIGNATURE_HEADER = "warroom-signature";
export const TIMESTAMP_HEADER = "warroom-timestamp";

export function sign(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

export function signedHeaders(secret: string, body: string, nowMs: number): Record<string, string> {
  const timestamp = Math.floor(nowMs / 1000);
  return { "Warroom-Timestamp": String(timestamp), "Warroom-Signature": sign(secret, timestamp, body) };
}

type Headers = Record<string, string | string[] | undefined>;

/** Throws `integration.*` naming the header at fault; returns when the signature holds. */
export function verifySignature(
  secret: string,
  headers: Headers,
  body: string,
  nowMs: number,
  toleranceSeconds: number,
): void {
  const timestampText = single(headers[TIMESTAMP_HEADER]);
  const signature = single(headers[SIGNATURE_HEADER]);
  if (timestampText === undefined || signature === undefined) {
    const missing = timestampText === undefined ? "Warroom-Timestamp" : "Warroom-Signature";
    throw new WarroomError("integration.unauthenticated", `the request is not signed: ${missing} is missing`, [
      { field: missing, message: "required: sign the body with the receiver's secret" },
    ]);
  }
  if (!/^\d{1,12}$/.test(timestampText)) {
    throw new WarroomError("integration.stale_timestamp", "Warroom-Timestamp must be whole seconds since 1970", [
      { field: "Warroom-Timestamp", message: "expected unix seconds, e.g. 1767225600" },
    ]);
  }
  const timestamp = Number(timestampText);
  if (Math.abs(nowMs / 1000 - timestamp) > toleranceSeconds) {
    throw new WarroomError(
      "integration.stale_timestamp",
      `Warroom-Timestamp is more than ${toleranceSeconds}s away from the server's clock; sign again`,
      [{ field: "Warroom-Timestamp", message: `must be within ${toleranceSeconds}s of now` }],
    );
  }
  if (!safeEqual(signature, sign(secret, timestamp, body))) {
    throw new WarroomError("integration.bad_signature", "Warroom-Signature does not match the body and timestamp", [
      { field: "Warroom-Signature", message: "expected v1=<hex HMAC-SHA256 of '<timestamp>.<body>'>" },
    ]);
  }
}

/** Constant-time for equal lengths; a length difference is not secret. */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
