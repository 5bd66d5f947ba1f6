/**
 * The live stream as server-sent events: `GET /api/stream` (every incident) and
 * `GET /api/incidents/:id/stream`. Each message is `id: <global position>`,
 * `event: entry`, `data: <LiveEntry JSON>`. A client resumes with `Last-Event-ID`
 * (or `?after=N`) and gets exactly what it missed: `app.follow` replays from the store
 * and then goes live with no gap and no duplicate.
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import { ref } from "../openapi-schemas.js";
import { lastEventIdHeader, parseInput, streamQuery } from "../query-schemas.js";
import { READ_ERRORS, type RouteContext } from "../route-context.js";
import { SseConnection } from "../sse.js";

const DESCRIPTION =
  "Server-sent events. Each message: `id:` global position, `event: entry`, `data:` a LiveEntry as JSON. " +
  "Comment heartbeats keep the connection open. Reconnect with Last-Event-ID (or ?after=N) to get exactly what was missed.";

export function registerStreamRoutes(context: RouteContext): void {
  const { book } = context;
  const doc = {
    method: "GET" as const,
    access: "viewer" as const,
    tag: "live" as const,
    headers: ["LastEventId" as const],
    query: streamQuery,
    description: DESCRIPTION,
    response: {
      status: 200,
      description: "An endless text/event-stream of LiveEntry messages",
      contentType: "text/event-stream",
      schema: ref("LiveEntry"),
    },
    errors: READ_ERRORS,
  };
  book.add(
    { ...doc, url: "/api/stream", operationId: "streamAll", summary: "Live entries of every incident" },
    (request, reply) => openStream(context, request, reply, undefined),
    { exposeHeadRoute: false },
  );
  book.add(
    {
      ...doc,
      url: "/api/incidents/:id/stream",
      operationId: "streamIncident",
      summary: "Live entries of one incident",
    },
    (request, reply) => openStream(context, request, reply, (request.params as { id: string }).id),
    { exposeHeadRoute: false },
  );
}

/** Last-Event-ID wins over ?after: a browser reconnects with the header but its first URL. */
function resumePosition(request: FastifyRequest): number {
  const query = parseInput(streamQuery, request.query, "query");
  const header = request.headers["last-event-id"];
  if (header !== undefined && header !== "") {
    return parseInput(lastEventIdHeader, { "Last-Event-ID": header }, "header")["Last-Event-ID"];
  }
  return query.after ?? 0;
}

async function openStream(
  { app, streams, metrics, sse }: RouteContext,
  request: FastifyRequest,
  reply: FastifyReply,
  incidentId: string | undefined,
): Promise<void> {
  const afterPosition = resumePosition(request);
  const connection = new SseConnection(reply.raw, sse);
  streams.add(connection);
  let subscription: Awaited<ReturnType<typeof app.follow>>;
  try {
    // The replay is queued in the connection; a refusal (unknown incident) is still a problem+json.
    subscription = await app.follow(
      { ...(incidentId === undefined ? {} : { incidentId }), afterPosition },
      (entry) => connection.send(entry),
      // The token stopped working (revoked, its person removed): the stream ends; a
      // reconnect with it is refused with 401.
      () => connection.end(),
    );
  } catch (error) {
    connection.close();
    throw error;
  }
  reply.hijack();
  // A private incident's stream stays out of the metrics, like every request that touched one.
  if (!request.warroomScope?.touchedPrivate) metrics.observe(request.method, request.routeOptions.url, 200, null);
  const started = Date.now();
  connection.onClose(() =>
    request.log.debug({ sent: connection.sent, ms: Date.now() - started }, "live stream closed"),
  );
  connection.start(subscription);
}
