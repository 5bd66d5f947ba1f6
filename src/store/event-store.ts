/**
 * The storage port. Every adapter (SQLite now, PostgreSQL later) passes the contract
 * suite in `test/store/event-store-contract.ts`. Events are opaque here: the store
 * knows streams, versions, global positions and idempotency keys, not incidents.
 */
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
  close(): Promise<void>;
}
