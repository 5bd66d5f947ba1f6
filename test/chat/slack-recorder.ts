/**
 * Plays Slack's Web API on a real local socket: answers `ok: true` JSON like Slack, records
 * every call (method and form fields, decoded as Slack would), and can be told to be down
 * (500) or to rate-limit (429 with Retry-After) for the next calls. Also takes posts to
 * `/hooks/…`, as Slack's response_url does.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedCall {
  method: string;
  params: Record<string, string>;
  authorization: string | undefined;
}

export interface StoredMessage {
  text: string;
  user?: string;
  bot_id?: string;
}

export class SlackRecorder {
  readonly calls: RecordedCall[] = [];
  readonly hooks: unknown[] = [];
  /** Every Web API request, failed ones included. */
  attempts = 0;
  /** Messages `conversations.history` can return, by `channel ts`. */
  readonly messages = new Map<string, StoredMessage>();
  /** Channel names already taken (`conversations.create` answers name_taken). */
  readonly takenNames = new Set<string>();
  private failures: { status: number; retryAfter?: string }[] = [];
  private down = false;
  private channels = 0;
  private posts = 0;
  private server: Server | null = null;
  url = "";

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.answer(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  /** The next `count` calls fail with this status (429 sends Retry-After). */
  failNext(count: number, status: number, retryAfter?: string): void {
    for (let i = 0; i < count; i++) this.failures.push({ status, ...(retryAfter === undefined ? {} : { retryAfter }) });
  }

  /** Every call fails with 500 until `setDown(false)`. */
  setDown(down: boolean): void {
    this.down = down;
  }

  /** Calls that reached Slack's logic (refused ones are not recorded). */
  callsOf(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  private async answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    const path = req.url ?? "";
    if (path.startsWith("/hooks/")) {
      this.hooks.push(JSON.parse(body));
      return send(res, 200, { ok: true });
    }
    this.attempts += 1;
    const failure = this.failures.shift();
    if (failure) {
      if (failure.retryAfter !== undefined) res.setHeader("Retry-After", failure.retryAfter);
      return send(res, failure.status, { ok: false, error: "simulated" });
    }
    if (this.down) return send(res, 500, { ok: false, error: "down" });
    const method = path.replace(/^\/api\//, "").split("?")[0] ?? "";
    const params = Object.fromEntries(new URLSearchParams(body));
    this.calls.push({ method, params, authorization: req.headers.authorization });
    send(res, 200, this.result(method, params));
  }

  private result(method: string, params: Record<string, string>): Record<string, unknown> {
    switch (method) {
      case "conversations.create": {
        const name = params.name ?? "";
        if (this.takenNames.has(name)) return { ok: false, error: "name_taken" };
        this.takenNames.add(name);
        this.channels += 1;
        return {
          ok: true,
          channel: { id: `C${String(this.channels).padStart(4, "0")}`, name, is_private: params.is_private === "true" },
        };
      }
      case "chat.postMessage":
        this.posts += 1;
        return { ok: true, channel: params.channel, ts: `1700000000.${String(this.posts).padStart(6, "0")}` };
      case "conversations.history":
      case "conversations.replies": {
        const message = this.messages.get(`${params.channel} ${params.latest ?? params.ts}`);
        return { ok: true, messages: message ? [{ ts: params.latest ?? params.ts, ...message }] : [] };
      }
      default:
        return { ok: true };
    }
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
  res.end(JSON.stringify(body));
}
