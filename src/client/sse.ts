/**
 * A small Server-Sent Events parser (the WHATWG event-stream format): feed it text as it
 * arrives, in chunks of any size, and it hands back each complete message. Comment lines
 * (starting with `:`) are keep-alives and are skipped.
 */
export interface SseMessage {
  /** The `id:` field, or undefined when the message carried none. */
  id: string | undefined;
  /** The `event:` field; "message" when absent. */
  event: string;
  data: string;
  /** A `retry:` field in milliseconds, when the server sent one. */
  retry: number | undefined;
}

export class SseParser {
  private buffer = "";
  private data: string[] = [];
  private event = "";
  private id: string | undefined;
  private retry: number | undefined;
  private sawField = false;

  /** Parses `chunk` and returns the messages it completed. */
  push(chunk: string): SseMessage[] {
    this.buffer += chunk;
    const out: SseMessage[] = [];
    for (;;) {
      const match = /\r\n|\r|\n/.exec(this.buffer);
      if (!match) break;
      // A lone \r at the very end might be the first half of \r\n: wait for more.
      if (match[0] === "\r" && match.index === this.buffer.length - 1) break;
      const line = this.buffer.slice(0, match.index);
      this.buffer = this.buffer.slice(match.index + match[0].length);
      const message = this.line(line);
      if (message) out.push(message);
    }
    return out;
  }

  private line(line: string): SseMessage | undefined {
    if (line === "") return this.dispatch();
    if (line.startsWith(":")) return undefined;
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    this.sawField = true;
    switch (field) {
      case "data":
        this.data.push(value);
        break;
      case "event":
        this.event = value;
        break;
      case "id":
        if (!value.includes("\0")) this.id = value;
        break;
      case "retry":
        if (/^\d+$/.test(value)) this.retry = Number(value);
        break;
      default:
        break;
    }
    return undefined;
  }

  private dispatch(): SseMessage | undefined {
    if (!this.sawField) return undefined;
    const message: SseMessage = {
      id: this.id,
      event: this.event || "message",
      data: this.data.join("\n"),
      retry: this.retry,
    };
    this.data = [];
    this.event = "";
    this.id = undefined;
    this.retry = undefined;
    this.sawField = false;
    return message;
  }
}
