/**
 * Inbound verification. Slack signs each request: `v0=` + HMAC-SHA256 of
 * `v0:<timestamp>:<raw body>` with the app's signing secret, the timestamp in
 * `X-Slack-Request-Timestamp`. A request more than five minutes old (or ahead) is refused,
 * and so is the same signed request seen twice within that window: a replay.
 * Mattermost sends its slash command's token (form field `token`, or `Authorization: Token …`).
 * Comparisons are constant-time.
 */
import { createHmac } from "node:crypto";
import { WarroomError } from "../../domain/shared/errors.js";
import { safeEqual } from "../webhooks/signature.js";

export const SLACK_TOLERANCE_SECONDS = 5 * 60;

export function slackSignature(secret: string, timestamp: string, rawBody: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${rawBody}`).digest("hex")}`;
}

export interface SlackRequestParts {
  timestamp: string | undefined;
  signature: string | undefined;
  rawBody: string;
}

/** Throws `integration.*` naming what is wrong; returns the verified signature (the replay key). */
export function verifySlackRequest(secret: string, parts: SlackRequestParts, nowMs: number): string {
  const { timestamp, signature } = parts;
  if (!timestamp || !signature) {
    const missing = !timestamp ? "X-Slack-Request-Timestamp" : "X-Slack-Signature";
    throw new WarroomError(
      "integration.unauthenticated",
      `the ${missing} header is missing: requests must be signed by Slack`,
      [{ field: missing, message: "missing" }],
    );
  }
  if (!/^\d{1,12}$/.test(timestamp)) {
    throw new WarroomError("integration.stale_timestamp", "X-Slack-Request-Timestamp is not a Unix time in seconds", [
      { field: "X-Slack-Request-Timestamp", message: "not a number of seconds" },
    ]);
  }
  const skew = Math.abs(nowMs / 1000 - Number(timestamp));
  if (skew > SLACK_TOLERANCE_SECONDS) {
    throw new WarroomError(
      "integration.stale_timestamp",
      `the request was signed ${Math.round(skew)} s away from now; more than ${SLACK_TOLERANCE_SECONDS} s is refused`,
      [{ field: "X-Slack-Request-Timestamp", message: "older than five minutes or in the future" }],
    );
  }
  if (!safeEqual(signature, slackSignature(secret, timestamp, parts.rawBody))) {
    throw new WarroomError("integration.bad_signature", "X-Slack-Signature does not match the body and timestamp", [
      { field: "X-Slack-Signature", message: "does not match" },
    ]);
  }
  return signature;
}

/** Mattermost: the token from the form or the `Authorization: Token …` header. */
export function verifyMattermostToken(
  expected: string,
  formToken: string | undefined,
  authorization: string | undefined,
): void {
  const fromHeader = /^Token\s+(\S+)$/i.exec(authorization ?? "")?.[1];
  const given = fromHeader ?? formToken;
  if (!given) {
    throw new WarroomError("integration.unauthenticated", "the slash command's token is missing", [
      { field: "token", message: "missing" },
    ]);
  }
  if (!safeEqual(given, expected)) {
    throw new WarroomError("integration.bad_signature", "the slash command's token does not match", [
      { field: "token", message: "does not match" },
    ]);
  }
}

/**
 * Signatures seen within the tolerance window. A signed request is only accepted within five
 * minutes of its timestamp, so remembering each signature that long is enough to refuse replays.
 */
export class ReplayGuard {
  private readonly seen = new Map<string, number>();

  /** Throws `integration.stale_timestamp` if this signature was already used. */
  check(signature: string, timestampSeconds: number, nowMs: number): void {
    this.prune(nowMs);
    if (this.seen.has(signature)) {
      throw new WarroomError(
        "integration.stale_timestamp",
        "this signed request was already received: replays are refused",
        [{ field: "X-Slack-Signature", message: "already used" }],
      );
    }
    this.seen.set(signature, timestampSeconds);
  }

  private prune(nowMs: number): void {
    const oldest = nowMs / 1000 - SLACK_TOLERANCE_SECONDS - 1;
    for (const [signature, at] of this.seen) if (at < oldest) this.seen.delete(signature);
  }
}
