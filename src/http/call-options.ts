/**
 * The request headers every command route reads: who acts (`Warroom-Actor`), which
 * version the client saw (`If-Match`) and the retry key (`Idempotency-Key`).
 */
import type { FastifyRequest } from "fastify";
import type { CallOptions } from "../app/api.js";
import { currentPrincipal } from "../app/auth/principal.js";
import { IDEMPOTENCY_KEY } from "../app/filter-schemas.js";
import { fail } from "../domain/shared/errors.js";

export const ACTOR_HEADER = "Warroom-Actor";
export const IF_MATCH_HEADER = "If-Match";
export const IDEMPOTENCY_HEADER = "Idempotency-Key";

const VERSION = /^(?:"(\d{1,15})"|(\d{1,15}))$/;

export function callOptions(request: FastifyRequest): CallOptions {
  const options: CallOptions = { actor: readActor(request) };
  const expectedVersion = readIfMatch(request);
  if (expectedVersion !== undefined) options.expectedVersion = expectedVersion;
  const idempotencyKey = readIdempotencyKey(request);
  if (idempotencyKey !== undefined) options.idempotencyKey = idempotencyKey;
  return options;
}

/**
 * Signed in, the actor is the token's person; only an admin may name someone else in
 * Warroom-Actor (an integration acting for people). Without auth the header is required.
 */
function readActor(request: FastifyRequest): string {
  const principal = currentPrincipal();
  if (principal !== undefined) {
    const named = single(request.headers["warroom-actor"]);
    if (named === undefined || named.trim() === "") return principal.person;
    const actor = decodeActor(named);
    if (actor.replace(/^@/, "").toLowerCase() === principal.person.toLowerCase()) return principal.person;
    if (principal.role !== "admin") {
      fail(
        "auth.forbidden",
        `you are signed in as ${principal.person}: only an admin may act as someone else (${ACTOR_HEADER})`,
        ACTOR_HEADER,
      );
    }
    return actor;
  }
  return decodeActor(single(request.headers["warroom-actor"]));
}

/** Presence is checked here; the handle's form is checked by the app, like every other edge. */
function decodeActor(raw: string | undefined): string {
  if (raw === undefined || raw.trim() === "") {
    fail(
      "actor.missing",
      `say who is acting: send the ${ACTOR_HEADER} header with a person handle, e.g. ${ACTOR_HEADER}: sarah-db`,
      ACTOR_HEADER,
    );
  }
  // Header values are bytes; a handle with non-ASCII letters may be sent percent-encoded.
  if (!raw.includes("%")) return raw.trim();
  try {
    return decodeURIComponent(raw).trim();
  } catch {
    fail("actor.missing", `${ACTOR_HEADER} is not a valid percent-encoded handle`, ACTOR_HEADER);
  }
}

/** `7` or the ETag `"7"`; `*` means "whatever the current version is". */
function readIfMatch(request: FastifyRequest): number | undefined {
  const raw = single(request.headers["if-match"])?.trim();
  if (raw === undefined || raw === "" || raw === "*") return undefined;
  const match = VERSION.exec(raw);
  const digits = match?.[1] ?? match?.[2];
  if (digits === undefined) {
    fail(
      "validation.failed",
      `${IF_MATCH_HEADER} must be the incident version you read: a whole number such as 7 or its ETag "7"`,
      IF_MATCH_HEADER,
    );
  }
  return Number(digits);
}

function readIdempotencyKey(request: FastifyRequest): string | undefined {
  const raw = single(request.headers["idempotency-key"]);
  if (raw === undefined) return undefined;
  if (!IDEMPOTENCY_KEY.test(raw)) {
    fail(
      "validation.failed",
      `${IDEMPOTENCY_HEADER} must be 1 to 255 visible ASCII characters (a UUID is a good choice)`,
      IDEMPOTENCY_HEADER,
    );
  }
  return raw;
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(", ") : value;
}

/** The strong ETag of an incident version. */
export function etag(version: number): string {
  return `"${version}"`;
}
