/**
 * API tokens on the app: `app.tokens`. Created for a person in the directory with a
 * role, shown once, stored as a SHA-256 (see domain/people/tokens.ts for why that is
 * enough), revocable. `authenticate` is synchronous and reads only memory: one hash and
 * one map lookup per request.
 *
 * Last use: kept in memory on every request, and written to the log (a TokenUsed event)
 * at most once per token per `usePersistMs` (default 5 minutes), so a busy client does
 * not add an event per request; `token list` shows the in-memory time when newer.
 */
import { hash, randomBytes } from "node:crypto";
import { z } from "zod";
import { PEOPLE_STREAM } from "../../domain/people/events.js";
import { ROLES, type Role, roleRank } from "../../domain/people/roles.js";
import {
  evolveTokens,
  TOKEN_FORMAT,
  TOKEN_ID,
  TOKEN_PREFIX,
  TOKENS_STREAM,
  type TokenEvent,
  type TokenRecord,
  tokenEventSchema,
} from "../../domain/people/tokens.js";
import { type Clock, isoNow } from "../../domain/shared/clock.js";
import { fail } from "../../domain/shared/errors.js";
import type { StoredEvent } from "../../store/event-store.js";
import { DirectoryStream, type FeedAccess } from "../directory-stream.js";
import type { ActingAs, PeopleService } from "../people/people-service.js";
import { parseOrFail } from "../validation.js";
import type { Principal } from "./principal.js";

export type TokenView = Omit<TokenRecord, "hash">;

export const DEFAULT_USE_PERSIST_MS = 5 * 60_000;

const createSchema = z
  .object({
    person: z.string().min(1, "name the person the token is for"),
    role: z.enum(ROLES, { error: `role must be one of ${ROLES.join(", ")}` }),
    name: z.string().trim().max(200, "a token name is at most 200 characters").default(""),
  })
  .strict();

export class TokenService {
  private readonly tokens = new Map<string, TokenRecord>();
  private readonly byHash = new Map<string, string>();
  /** Last use seen by this process, and when it was last written to the log. */
  private readonly lastSeen = new Map<string, number>();
  private readonly lastWritten = new Map<string, number>();
  private readonly stream: DirectoryStream;

  constructor(
    feed: FeedAccess,
    private readonly clock: Clock,
    private readonly people: PeopleService,
    /** Write a token's last use to the log at most this often (config `tokenLastUsedWriteMs`). */
    public usePersistMs = DEFAULT_USE_PERSIST_MS,
  ) {
    this.stream = new DirectoryStream(feed, TOKENS_STREAM);
  }

  apply(stored: StoredEvent): void {
    if (stored.streamId === PEOPLE_STREAM) {
      this.applyRemoval(stored.data);
      return;
    }
    if (stored.streamId !== TOKENS_STREAM) return;
    this.stream.version = stored.version;
    const parsed = tokenEventSchema.safeParse(stored.data);
    if (!parsed.success) return;
    evolveTokens(this.tokens, parsed.data);
    if (parsed.data.type === "TokenCreated") this.byHash.set(parsed.data.hash, parsed.data.id);
    if (parsed.data.type === "TokenUsed") {
      const at = Date.parse(parsed.data.at);
      this.lastWritten.set(parsed.data.id, Math.max(this.lastWritten.get(parsed.data.id) ?? 0, at));
    }
  }

  /**
   * A person removed from the directory loses their tokens for good: they count as revoked
   * at the removal, so adding the same handle again (perhaps for someone else) brings none
   * back. Every instance folds the same log, so all agree.
   */
  private applyRemoval(data: unknown): void {
    const removed = data as { type?: unknown; handle?: unknown; at?: unknown };
    if (removed.type !== "PersonRemoved" || typeof removed.handle !== "string" || typeof removed.at !== "string")
      return;
    const handle = removed.handle.toLowerCase();
    for (const token of this.tokens.values()) {
      if (token.revokedAt === null && token.person.toLowerCase() === handle) token.revokedAt = removed.at;
    }
  }

  /** Whether a token still lets its holder in (not revoked, its person still in the directory): for open live streams. */
  isActive(tokenId: string): boolean {
    const token = this.tokens.get(tokenId);
    return token !== undefined && token.revokedAt === null && this.people.get(token.person) !== undefined;
  }

  /** Every token ever created (revoked ones with `revokedAt`), newest first; never the secret or its hash. */
  list(): TokenView[] {
    return [...this.tokens.values()].map((t) => this.view(t)).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  get(id: string): TokenView | undefined {
    const token = this.tokens.get(id.trim().toUpperCase());
    return token ? this.view(token) : undefined;
  }

  /** True once any token was ever created (the first start creates one otherwise). */
  get anyCreated(): boolean {
    return this.tokens.size > 0;
  }

  /** Creates a token for a person in the directory; the secret is in the answer and nowhere else. */
  async create(input: unknown, acting: ActingAs): Promise<{ token: string; view: TokenView }> {
    return (await this.createToken(input, acting, false)) as { token: string; view: TokenView };
  }

  /**
   * The first token of a deployment, or null when one exists already: decided against the
   * log under its version check, so servers starting together on one database make one.
   */
  createFirst(input: unknown, acting: ActingAs): Promise<{ token: string; view: TokenView } | null> {
    return this.createToken(input, acting, true);
  }

  private async createToken(
    input: unknown,
    acting: ActingAs,
    onlyIfNone: boolean,
  ): Promise<{ token: string; view: TokenView } | null> {
    const body = parseOrFail(createSchema, input, "token");
    const token = `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
    const id = `TOK-${randomBytes(5).toString("hex").toUpperCase()}`;
    const made = await this.stream.write(() => {
      if (onlyIfNone && this.tokens.size > 0) return { events: [], result: false };
      const person = this.people.require(body.person);
      const event: TokenEvent = {
        type: "TokenCreated",
        id,
        person: person.handle,
        role: body.role,
        name: body.name,
        hash: sha256(token),
        by: acting.actor,
        at: isoNow(this.clock),
      };
      return { events: [event], result: true };
    });
    return made ? { token, view: this.view(this.tokens.get(id) as TokenRecord) } : null;
  }

  async revoke(id: string, acting: ActingAs): Promise<TokenView> {
    const key = id.trim().toUpperCase();
    if (!TOKEN_ID.test(key))
      fail("validation.failed", `'${id.slice(0, 40)}' is not a token id such as TOK-0A1B2C3D4E`, "id");
    await this.stream.write(() => {
      const token = this.tokens.get(key);
      if (!token) fail("token.not_found", `no token ${key}`, "id");
      if (token.revokedAt !== null) fail("token.revoked", `${key} was revoked at ${token.revokedAt}`, "id");
      const event: TokenEvent = { type: "TokenRevoked", id: key, by: acting.actor, at: isoNow(this.clock) };
      return { events: [event], result: null };
    });
    return this.view(this.tokens.get(key) as TokenRecord);
  }

  /**
   * Who a bearer token belongs to, or `auth.invalid_token` (malformed, unknown, revoked,
   * or its person is no longer in the directory). Records the use (see the header).
   */
  authenticate(token: string): Principal {
    const id = TOKEN_FORMAT.test(token) ? this.byHash.get(sha256(token)) : undefined;
    const record = id === undefined ? undefined : this.tokens.get(id);
    if (!record)
      fail("auth.invalid_token", "the API token is not valid: create one with `warroom token create`", "Authorization");
    const person = this.people.get(record.person);
    if (!person)
      fail(
        "auth.invalid_token",
        `the API token's person ${record.person} is no longer in the directory`,
        "Authorization",
      );
    if (record.revokedAt !== null)
      fail("auth.invalid_token", `the API token ${record.id} was revoked`, "Authorization");
    this.recordUse(record.id);
    return { person: person.handle, role: record.role, tokenId: record.id };
  }

  /** Resolves once last-used writes queued so far are in the log (tests, shutdown). */
  flushUses(): Promise<void> {
    return this.stream.idle();
  }

  /** At least this role (admin ≥ commander ≥ responder ≥ viewer). */
  static allows(role: Role, needed: Role): boolean {
    return roleRank(role) >= roleRank(needed);
  }

  private recordUse(id: string): void {
    const now = this.clock.now();
    this.lastSeen.set(id, now);
    if (now - (this.lastWritten.get(id) ?? 0) < this.usePersistMs) return;
    this.lastWritten.set(id, now);
    const event: TokenEvent = { type: "TokenUsed", id, at: new Date(now).toISOString() };
    // Best effort: losing a last-used time to a failed write is harmless.
    this.stream.write(() => ({ events: [event], result: null })).catch(() => undefined);
  }

  private view({ hash: _secretDigest, ...token }: TokenRecord): TokenView {
    const seen = this.lastSeen.get(token.id);
    const seenIso = seen === undefined ? null : new Date(seen).toISOString();
    const lastUsedAt =
      seenIso !== null && (token.lastUsedAt === null || seenIso > token.lastUsedAt) ? seenIso : token.lastUsedAt;
    return { ...token, lastUsedAt };
  }
}

function sha256(text: string): string {
  // One-shot `hash` (Node ≥ 20.12): a third of createHash's cost, on every request.
  return hash("sha256", text, "hex");
}
