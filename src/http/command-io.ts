/** Shared by the declare and command routes: reading the body, answering with a result. */
import type { FastifyReply, FastifyRequest } from "fastify";
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

/** What `Prefer: return=minimal` answers: where the command landed, not the incident's state. */
export interface MinimalCommandResult {
  incidentId: string;
  version: number;
  duplicate: boolean;
  appended: { version: number; position: number; type: string }[];
}

/**
 * The result with its status and the incident's new version as ETag (ready for If-Match).
 * A client that only appends (a note from a script, a chat bridge, the web UI, which gets
 * the state from the live stream) may send `Prefer: return=minimal` (RFC 7240) and get the
 * positions back instead of the whole incident: a tenth of the bytes to write and to parse.
 */
export function sendCommandResult(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  result: CommandResult,
): CommandResult | MinimalCommandResult {
  reply.code(status).header("ETag", etag(result.incident.version));
  if (!prefersMinimal(request.headers.prefer)) return result;
  reply.header("Preference-Applied", "return=minimal");
  return {
    incidentId: result.incident.id,
    version: result.incident.version,
    duplicate: result.duplicate,
    appended: result.appended.map((e) => ({ version: e.version, position: e.position, type: e.type })),
  };
}

/** `Prefer` may list several preferences (`respond-async, return=minimal`), in one header or several. */
export function prefersMinimal(header: string | string[] | undefined): boolean {
  if (header === undefined) return false;
  const values = Array.isArray(header) ? header : [header];
  return values.some((value) =>
    value.split(",").some((part) => part.split(";")[0]?.trim().toLowerCase().replace(/\s+/g, "") === "return=minimal"),
  );
}
