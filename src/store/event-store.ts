/**
 * The storage port. Every adapter (SQLite, PostgreSQL) passes the contract suite in
 * `test/store/event-store-contract.ts`. Events are opaque here: the store knows streams,
 * versions, global positions, idempotency keys and the hash chain, not incidents.
 * Global positions are gapless (1, 2, 3 …) and become visible in position order, so a
 * reader polling `readAll(afterPosition)` never skips an event.
 */
import type { ChainReport } from "./chain.js";

export type { ChainBreak, ChainHead, ChainReport } from "./chain.js";
export interface NewEvent {
  type: string;
  data: unknown;
}

export interface StoredEvent {
  streamId: string;
  /** 1-based position in the stream. */
  version: number;
  /** Strictly increasing across the whole store; the SSE id. */
  position: number;
  type: string;
  data: unknown;
  /** When the store committed it (ISO-8601), from the store's clock. */
  recordedAt: string;
}

/** A stored event with its links in the hash chain (see `chain.ts`). */
export interface LoggedEvent extends StoredEvent {
  /** The hash of the event at position - 1 (64 zeros for the first). */
  prevHash: string;
  hash: string;
  /** On the first event of an append made with an idempotency key: the key, kept when the log moves. */
  idempotency?: AppendKey;
}

/** The idempotency key of an append, its last version and request digest (not part of the hash chain). */
export interface AppendKey {
  key: string;
  lastVersion: number;
  requestHash: string | null;
}

/** An event moved from another store: kept at its position, with its recordedAt. */
export interface ImportedEvent {
  position: number;
  streamId: string;
  version: number;
  type: string;
  data: unknown;
  recordedAt: string;
  /** The key of the append this event starts, so a retry after the move is still a duplicate. */
  idempotency?: AppendKey;
}

export interface AppendRequest {
  streamId: string;
  /** The stream's version the writer saw; 0 for a new stream. */
  expectedVersion: number;
  events: NewEvent[];
  /** A retried request with the same key returns the first result and appends nothing. */
  idempotencyKey?: string;
  /** A digest of the request the key was first used for, returned with a duplicate so
   * the caller can refuse a key reused for a different request. */
  requestHash?: string;
}

export interface AppendResult {
  streamId: string;
  /** The stream's version after the append. */
  version: number;
  /**
   * The events as stored (for a duplicate: as first stored, read back). For a fresh
   * append each event's `data` is the caller's own value, not a copy: the store keeps
   * its own copy, so do not mutate it if the result's events must match the log.
   */
  events: StoredEvent[];
  /** True when the idempotency key had been used: nothing was appended this time. */
  duplicate: boolean;
  /** The requestHash stored with the idempotency key, when one was given. */
  requestHash?: string;
}

export interface EventStore {
  /** Throws WarroomError `stream.version_conflict` when expectedVersion is stale. */
  append(request: AppendRequest): Promise<AppendResult>;
  /** Events of one stream with version > afterVersion, in order. */
  readStream(streamId: string, afterVersion?: number): Promise<StoredEvent[]>;
  /**
   * Only the payloads of one stream with version > afterVersion, in order: what folding
   * the stream into state needs, without building a StoredEvent per row.
   */
  readStreamData(streamId: string, afterVersion?: number): Promise<unknown[]>;
  /** Events of all streams with position > afterPosition, in position order, at most `limit`. */
  readAll(afterPosition: number, limit?: number): Promise<StoredEvent[]>;
  /** The earlier result for an idempotency key, or null if it was never used. */
  findByIdempotencyKey(key: string): Promise<AppendResult | null>;
  /** Highest global position committed, 0 when empty. */
  headPosition(): Promise<number>;
  /** Like readAll, with each event's chain links: what an export writes. */
  readLog(afterPosition: number, limit?: number): Promise<LoggedEvent[]>;
  /**
   * Walks the whole log in position order, recomputing every hash, within one snapshot:
   * `ok`, or the first position where an event was edited, removed, reordered or inserted.
   */
  verifyChain(): Promise<ChainReport>;
  /**
   * Writes a log exported from another store into this one, which must be empty
   * (`store.not_empty` otherwise), all in one transaction; the hashes are computed here.
   * Positions must run 1..n and each stream's versions 1..k (`validation.failed`).
   */
  importLog(log: readonly ImportedEvent[] | AsyncIterable<readonly ImportedEvent[]>): Promise<ChainReport["head"]>;
  /**
   * Stores that several server processes share (PostgreSQL) offer a lock that one process
   * at a time holds, for the work only one may do (sending webhooks, mirroring to chat).
   * Null when another process holds it. A store without it has one server: it always leads.
   */
  leaderLock?(name: string): Promise<LeaderLock | null>;
  close(): Promise<void>;
}

/** A held leader lock: `check` says whether it is still held (its connection alive). */
export interface LeaderLock {
  check(): Promise<boolean>;
  release(): Promise<void>;
}
