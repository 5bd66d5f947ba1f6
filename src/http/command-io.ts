/** Shared by the declare and command routes: reading the body, answering with a result. */
import type { FastifyReply } from "fastify";
import type { CommandResult } from "../app/api.js";
import { fail } from "../domain/shared/errors.js";
import { etag } from "./call-options.js";

/**
 * The body as a plain object: an absent or empty body is a new `{}`; anything but an
 * object is refused. A JSON body is returned as parsed (not copied): it is the caller's to change.
 */
export function requireJsonObject(body: unknown): Record<string, unknown> {
  if (body === undefined) return {};
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    fail("validation.failed", "the body must be a JSON object", "(body)");
  }
  return body as Record<string, unknown>;
}

/** The result with its status and the incident's new version as ETag (ready for If-Match). */
export function sendCommandResult(reply: FastifyReply, status: number, result: CommandResult): CommandResult {
  reply.code(status).header("ETag", etag(result.incident.version));
  return result;
}
