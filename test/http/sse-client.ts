/** A minimal server-sent-events client over a real socket (node:http), for the tests. */
import { type ClientRequest, type IncomingMessage, request } from "node:http";
import type { LiveEntry } from "../../src/app/api.js";

export interface SseMessage {
  id: string | undefined;
  event: string;
  data: string;
}

export class SseClient {
  readonly messages: SseMessage[] = [];
  readonly comments: string[] = [];
  retry: number | undefined;
  ended = false;
  status = 0;
  headers: IncomingMessage["headers"] = {};
  body = "";
  private buffer = "";
  private req: ClientRequest | null = null;
  private res: IncomingMessage | null = null;
  private waiters: (() => void)[] = [];

  /** Opens the stream; resolves once the response head arrived. */
  static open(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
    const client = new SseClient();
    return new Promise((resolve, reject) => {
      client.req = request(url, { headers: { accept: "text/event-stream", ...headers } }, (res) => {
        client.res = res;
        client.status = res.statusCode ?? 0;
        client.headers = res.headers;
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => client.feed(chunk));
        res.on("end", () => client.finish());
        res.on("close", () => client.finish());
        resolve(client);
      });
      client.req.on("error", (error) => {
        client.finish();
        reject(error);
      });
      client.req.end();
    });
  }

  get entries(): LiveEntry[] {
    return this.messages.filter((m) => m.event === "entry").map((m) => JSON.parse(m.data) as LiveEntry);
  }

  get lastId(): string | undefined {
    return this.messages.at(-1)?.id;
  }

  /** Waits until `predicate` holds (checked after every chunk), or fails after `ms`. */
  async until(predicate: (client: SseClient) => boolean, what: string, ms = 5000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!predicate(this)) {
      if (this.ended && !predicate(this)) throw new Error(`stream ended before ${what}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}; got ${this.messages.length} messages`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 100));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  waitForEntries(count: number, ms = 5000): Promise<void> {
    return this.until((c) => c.entries.length >= count, `${count} entries`, ms);
  }

  pause(): void {
    this.res?.pause();
  }

  resume(): void {
    this.res?.resume();
  }

  close(): void {
    this.req?.destroy();
    this.finish();
  }

  private feed(chunk: string): void {
    this.body += chunk;
    this.buffer += chunk;
    for (let end = this.buffer.indexOf("\n\n"); end !== -1; end = this.buffer.indexOf("\n\n")) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      this.parse(block);
    }
    this.wake();
  }

  private parse(block: string): void {
    const message: SseMessage = { id: undefined, event: "message", data: "" };
    let hasData = false;
    for (const line of block.split("\n")) {
      if (line.startsWith(":")) {
        this.comments.push(line.slice(1).trim());
        continue;
      }
      const colon = line.indexOf(":");
      const field = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? "" : line.slice(colon + 1).replace(/^ /, "");
      if (field === "id") message.id = value;
      else if (field === "event") message.event = value;
      else if (field === "retry") this.retry = Number(value);
      else if (field === "data") {
        message.data = hasData ? `${message.data}\n${value}` : value;
        hasData = true;
      }
    }
    if (hasData) this.messages.push(message);
  }

  private finish(): void {
    this.ended = true;
    this.wake();
  }

  private wake(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }
}
