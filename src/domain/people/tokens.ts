/**
 * API tokens, event-sourced in the DIR-tokens stream. A token is `wrt_` + 32 random
 * bytes (base64url); only its SHA-256 is stored. No slow KDF (bcrypt, scrypt) is needed:
 * those protect low-entropy passwords against guessing from a stolen hash, and 256
 * random bits cannot be guessed whatever the hash speed, while a fast hash lets every
 * request be checked with one map lookup.
 */
import { z } from "zod";
import { PERSON_HANDLE } from "./person.js";
import { ROLES } from "./roles.js";

export const TOKENS_STREAM = "DIR-tokens";
export const TOKEN_PREFIX = "wrt_";
/** `wrt_` and 43 base64url characters (32 bytes). */
export const TOKEN_FORMAT = /^wrt_[A-Za-z0-9_-]{43}$/;
export const TOKEN_ID = /^TOK-[0-9A-F]{10}$/;

const base = { by: z.string(), at: z.iso.datetime() };

export const tokenEventSchemas = {
  TokenCreated: z
    .object({
      type: z.literal("TokenCreated"),
      id: z.string().regex(TOKEN_ID),
      person: z.string().regex(PERSON_HANDLE),
      role: z.enum(ROLES),
      name: z.string().max(200),
      /** sha256 of the whole token, hex. */
      hash: z.string().regex(/^[0-9a-f]{64}$/),
      ...base,
    })
    .strict(),
  /** Written at most once per token per `usePersistMs`, not per request. */
  TokenUsed: z.object({ type: z.literal("TokenUsed"), id: z.string().regex(TOKEN_ID), at: z.iso.datetime() }).strict(),
  TokenRevoked: z.object({ type: z.literal("TokenRevoked"), id: z.string().regex(TOKEN_ID), ...base }).strict(),
} as const;

export const tokenEventSchema = z.discriminatedUnion("type", [
  tokenEventSchemas.TokenCreated,
  tokenEventSchemas.TokenUsed,
  tokenEventSchemas.TokenRevoked,
]);
export type TokenEvent = z.infer<typeof tokenEventSchema>;

export interface TokenRecord {
  id: string;
  person: string;
  role: (typeof ROLES)[number];
  name: string;
  hash: string;
  createdAt: string;
  createdBy: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** Folds token events into records keyed by id. */
export function evolveTokens(tokens: Map<string, TokenRecord>, event: TokenEvent): void {
  switch (event.type) {
    case "TokenCreated":
      tokens.set(event.id, {
        id: event.id,
        person: event.person,
        role: event.role,
        name: event.name,
        hash: event.hash,
        createdAt: event.at,
        createdBy: event.by,
        lastUsedAt: null,
        revokedAt: null,
      });
      return;
    case "TokenUsed": {
      const token = tokens.get(event.id);
      if (token && (token.lastUsedAt === null || token.lastUsedAt < event.at)) token.lastUsedAt = event.at;
      return;
    }
    case "TokenRevoked": {
      const token = tokens.get(event.id);
      if (token) token.revokedAt = event.at;
      return;
    }
  }
}
