/** A receiver's request is authentic when it carries the bearer token or a valid signature. */
import { WarroomError } from "../../domain/shared/errors.js";
import { safeEqual, single, verifySignature } from "../webhooks/signature.js";
import type { ResolvedReceiver } from "./alert-config.js";

export function authenticate(
  receiver: ResolvedReceiver,
  headers: Record<string, string | string[] | undefined>,
  rawBody: string,
  nowMs: number,
): void {
  const auth = receiver.auth;
  if (auth.type === "hmac") {
    verifySignature(auth.secret, headers, rawBody, nowMs, auth.toleranceSeconds);
    return;
  }
  const header = single(headers.authorization);
  if (header === undefined || header.trim() === "") {
    throw new WarroomError(
      "integration.unauthenticated",
      `receiver ${receiver.name} needs Authorization: Bearer <token>`,
      [{ field: "Authorization", message: "required: Bearer and the receiver's token" }],
    );
  }
  const match = /^Bearer\s+(.+)$/i.exec(header.trim());
  if (!match || !safeEqual(match[1] as string, auth.token)) {
    throw new WarroomError("integration.bad_signature", `the token does not match receiver ${receiver.name}'s`, [
      { field: "Authorization", message: "expected Bearer and the receiver's token" },
    ]);
  }
}
