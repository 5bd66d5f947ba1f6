/**
 * A drill's live stream as server-sent events: `feed` messages (id = the feed line's
 * seq, so a reconnect with Last-Event-ID gets exactly the lines it missed), `clock`
 * messages when the virtual clock moves, and one `finished` message, after which the
 * stream ends. The replay and the subscription happen in one synchronous step, so no
 * line falls between them. A client that stops reading past the buffer limit is cut
 * off and resumes from its last id.
 */
import type { ServerResponse } from "node:http";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { DrillEvent, LiveDrill } from "../../training/live-drill.js";
import type { SseOptions } from "../sse.js";

/** The open drill streams of one HTTP app, ended when it closes. */
export class DrillStreams {
  private readonly open = new Set<ServerResponse>();

  endAll(): void {
    for (const res of [...this.open]) res.end();
    this.open.clear();
  }

  serve(request: FastifyRequest, reply: FastifyReply, drill: LiveDrill, after: number, sse: SseOptions): void {
    const res = reply.raw;
    reply.hijack();
    res.writeHead(200, {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
      "X-Content-Type-Options": "nosniff",
    });
    this.open.add(res);
    let closed = false;
    let unsubscribe: () => void = () => undefined;
    let heartbeat: NodeJS.Timeout | undefined;
    res.on("close", () => {
      closed = true;
      clearInterval(heartbeat);
      unsubscribe();
      this.open.delete(res);
      request.log.debug({ drill: drill.id }, "drill stream closed");
    });
    const write = (chunk: string) => {
      if (closed || res.writableEnded || res.destroyed) return;
      res.write(chunk);
      if (res.writableLength > sse.maxBufferedBytes) res.end();
    };
    const send = (event: DrillEvent) => {
      write(frame(event));
      if (event.type === "finished") res.end();
    };
    write(`retry: ${sse.retryMs}\n: connected\n\n`);
    for (const entry of drill.feed.slice(after)) write(frame({ type: "feed", entry }));
    send({ type: "clock", clock: drill.clockView() });
    const report = drill.report;
    if (report) {
      send({ type: "finished", percent: report.percent, passed: report.passed });
      return;
    }
    unsubscribe = drill.subscribe(send);
    heartbeat = setInterval(() => write(": heartbeat\n\n"), sse.heartbeatMs);
    heartbeat.unref();
  }
}

function frame(event: DrillEvent): string {
  switch (event.type) {
    case "feed":
      return `id: ${event.entry.seq}\nevent: feed\ndata: ${JSON.stringify(event.entry)}\n\n`;
    case "clock":
      return `event: clock\ndata: ${JSON.stringify(event.clock)}\n\n`;
    case "finished":
      return `event: finished\ndata: ${JSON.stringify({ percent: event.percent, passed: event.passed })}\n\n`;
    default: {
      const never: never = event;
      return never;
    }
  }
}
