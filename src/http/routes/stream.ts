/**
 * The live stream as server-sent events: `GET /api/stream` (every incident) and
 * `GET /api/incidents/:id/stream`. Each message is `id: <global position>`,
 * `event: entry`, `data: <LiveEntry JSON>`. A client resumes with `Last-Event-ID`
 * (or `?after=N`) and gets exactly what it missed: `app.follow` replays from the store
 * and then goes live with no gap and no duplicate.
 */

import type { FastifyReply, FastifyRequest } from "fastify";
import { WarroomError } from "../../domain/shared/errors.js";
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
function resumePosition(request: FastifyRequest): { position: number; field: string } {
  const query = parseInput(streamQuery, request.query, "query");
  const header = request.headers["last-event-id"];
  if (header !== undefined && header !== "") {
    const position = parseInput(lastEventIdHeader, { "Last-Event-ID": header }, "header")["Last-Event-ID"];
    return { position, field: "Last-Event-ID" };
  }
  return { position: query.after ?? 0, field: "after" };
}

/**
 * A position past the end of the log was never sent by this deployment (the store was
 * restored from an older backup, or the client talked to another one): resuming after it
 * would skip every event up to it without a word, so it is refused.
 */
async function checkResumable(app: RouteContext["app"], resume: { position: number; field: string }): Promise<void> {
  if (resume.position === 0) return;
  const head = await app.store.headPosition();
  if (resume.position <= head) return;
  const message =
    `${resume.field} ${resume.position} is past the end of the log (position ${head}): ` +
    "the store was restored or this is another deployment; reconnect without it and reload";
  throw new WarroomError("validation.failed", message, [{ field: resume.field, message }]);
}

async function openStream(
  { app, streams, metrics, sse }: RouteContext,
  request: FastifyRequest,
  reply: FastifyReply,
  incidentId: string | undefined,
): Promise<void> {
  const resume = resumePosition(request);
  await checkResumable(app, resume);
  const afterPosition = resume.position;
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
