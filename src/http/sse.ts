/**
 * One server-sent-events connection over a raw Node response.
 *
 * Frames are queued until `start()` (the replay of missed entries happens before the
 * response head is written, so a bad request can still get a problem+json answer).
 * Backpressure: Node buffers what the socket has not taken yet; when that buffer passes
 * `maxBufferedBytes` the connection stops taking entries and ends after flushing what
 * it has. The client therefore holds a gap-free prefix, and its automatic reconnect
 * with `Last-Event-ID` replays the rest from the store. Memory stays bounded and no
 * slow client can hold the server hostage.
 */
import type { ServerResponse } from "node:http";
import type { LiveEntry, Subscription } from "../app/api.js";

export interface SseOptions {
  /** Interval between comment heartbeats (ms). */
  heartbeatMs: number;
  /** Reconnect delay suggested to the client (ms). */
  retryMs: number;
  /** Most bytes waiting for a slow client before the stream is ended (the client resumes). */
  maxBufferedBytes: number;
}

/**
 * The live feed hands the same entry object to every subscriber: its frame is built once
 * and shared, not serialised again for each of a thousand open streams.
 */
const frames = new WeakMap<LiveEntry, Buffer>();

/** The entry's SSE frame, encoded once: each socket then gets the same bytes. */
export function frameOf(entry: LiveEntry): Buffer {
  let frame = frames.get(entry);
  if (frame === undefined) {
    frame = Buffer.from(`id: ${entry.position}\nevent: entry\ndata: ${JSON.stringify(entry)}\n\n`);
    frames.set(entry, frame);
  }
  return frame;
}

export class SseConnection {
  private readonly queued: Buffer[] = [];
  private queuedBytes = 0;
  private started = false;
  private overflowed = false;
  private closed = false;
  private subscription: Subscription | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private readonly closeListeners: (() => void)[] = [];
  sent = 0;

  constructor(
    private readonly res: ServerResponse,
    private readonly options: SseOptions,
  ) {
    // Listening from the start catches a client that leaves while its replay is read.
    res.on("close", () => this.close());
    res.on("error", () => this.close());
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Queues (before start) or writes (after) one live entry. */
  send(entry: LiveEntry): void {
    if (this.closed || this.overflowed) return;
    this.sent++;
    this.push(frameOf(entry));
  }

  /**
   * Writes the head, the retry hint and everything queued; then goes live. Returns false
   * (and releases the subscription) when the client left or the server closed meanwhile.
   */
  start(subscription: Subscription, headers: Record<string, string> = {}): boolean {
    this.subscription = subscription;
    const res = this.res;
    if (this.closed || res.writableEnded || res.destroyed || res.socket === null || res.socket.destroyed) {
      if (this.closed) subscription.close();
      else this.close();
      if (!res.writableEnded && !res.destroyed) res.end();
      return false;
    }
    res.writeHead(200, {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
      ...headers,
    });
    this.started = true;
    const backlog = this.queued.splice(0);
    this.queuedBytes = 0;
    this.write(Buffer.concat([Buffer.from(`retry: ${this.options.retryMs}\n: connected\n\n`), ...backlog]));
    if (this.overflowed) {
      this.end();
      return true;
    }
    this.heartbeat = setInterval(() => this.write(": heartbeat\n\n"), this.options.heartbeatMs);
    this.heartbeat.unref();
    return true;
  }

  onClose(listener: () => void): void {
    this.closeListeners.push(listener);
  }

  /** Ends the response gracefully (buffered frames are still delivered). */
  end(): void {
    if (!this.res.writableEnded && this.started) this.res.end();
    this.close();
  }

  /** Stops delivery and releases the subscription; idempotent. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    this.subscription?.close();
    this.queued.length = 0;
    for (const listener of this.closeListeners.splice(0)) listener();
  }

  private push(frame: Buffer): void {
    if (!this.started) {
      this.queued.push(frame);
      this.queuedBytes += frame.length;
      if (this.queuedBytes > this.options.maxBufferedBytes) this.overflowed = true;
      return;
    }
    this.write(frame);
    if (this.res.writableLength > this.options.maxBufferedBytes) {
      this.overflowed = true;
      this.end();
    }
  }

  private write(chunk: string | Buffer): void {
    if (this.closed || this.res.writableEnded || this.res.destroyed) return;
    this.res.write(chunk);
  }
}

/** The open connections of one HTTP app, ended when the server closes. */
export class SseRegistry {
  private readonly open = new Set<SseConnection>();

  add(connection: SseConnection): void {
    this.open.add(connection);
    connection.onClose(() => this.open.delete(connection));
  }

  get size(): number {
    return this.open.size;
  }

  endAll(): void {
    for (const connection of [...this.open]) connection.end();
  }
}
