/**
 * Training over HTTP: the scenario catalogue, drills played in the browser (start, send
 * the trainee's lines, move the virtual clock, read the feed or follow it live, finish
 * and get the score report), and the trainee records (history, certificates; those and
 * the catalogue are in `training-catalogue.ts`). Drills live in memory in a
 * `DrillRegistry` (bounded, idle ones expire); only a finished run the trainee chose to
 * record is stored, in their `TRN-<handle>` stream.
 *
 * Who may: the catalogue, records and reading a drill need a viewer; starting a drill and
 * acting in it a responder, and only the drill's trainee acts in it.
 */
import type { FastifyInstance, FastifyRequest } from "fastify";
import { WarroomError } from "../../domain/shared/errors.js";
import { DrillRegistry, type DrillRegistryOptions } from "../../training/drill-registry.js";
import { checkTrainee } from "../../training/history.js";
import { callOptions } from "../call-options.js";
import { requireJsonObject } from "../command-io.js";
import { lastEventIdHeader, parseInput } from "../query-schemas.js";
import type { RouteDoc } from "../route-book.js";
import { READ_ERRORS, type RouteContext } from "../route-context.js";
import { registerTrainingCatalogueRoutes } from "./training-catalogue.js";
import {
  clockBody,
  clockSchema,
  commandBody,
  drillListQuery,
  drillSummarySchema,
  feedEntrySchema,
  feedQuery,
  finishBody,
  inputResultSchema,
  reportSchema,
  startBody,
  streamQuery,
} from "./training-schemas.js";
import { DrillStreams } from "./training-stream.js";

const ACT_ERRORS = [400, 403, 404, 409, 413, 415, 429, 503];
const DRILL_PARAM = { id: "The drill id, DRL- and 16 hex digits" };
const json = (schema: Record<string, unknown>) => ({ schema, required: true });
const drillDetailSchema = {
  ...drillSummarySchema,
  description: "The drill, with its scenario's briefing, cast and rubric",
};

export function registerTrainingRoutes(
  context: RouteContext,
  http: FastifyInstance,
  options: Partial<DrillRegistryOptions> = {},
): DrillRegistry {
  const { app, book } = context;
  const drills = new DrillRegistry({
    store: app.store,
    clock: app.clock,
    log: (message, err) => http.log.warn({ err }, message),
    ...options,
  });
  const streams = new DrillStreams();
  // Drills the server ran before a restart come back before the first request.
  http.addHook("onReady", async () => {
    const restored = await drills.restore();
    if (restored > 0) http.log.info(`${restored} drills restored from the journal`);
  });
  http.addHook("preClose", async () => streams.endAll());
  http.addHook("onClose", async () => drills.close());
  const add = (doc: Omit<RouteDoc, "tag">, handler: Parameters<typeof book.add>[1]) =>
    book.add({ ...doc, tag: "training" }, handler);
  const actor = (request: FastifyRequest) => callOptions(request).actor;
  const drillId = (request: FastifyRequest) => (request.params as { id: string }).id;

  registerTrainingCatalogueRoutes(add, drills);

  add(
    {
      method: "POST",
      url: "/api/drills",
      access: "responder",
      operationId: "startDrill",
      summary: "Start a drill of a scenario; the acting person is the trainee, in the commander's seat",
      description:
        "The drill runs on its own in-memory engine with a virtual clock that moves only when advanced (or runs at a speed you set). " +
        "Drills are bounded: a few per trainee and a server-wide limit (429 drill.limit_reached); an untouched drill expires.",
      headers: ["WarroomActor"],
      body: json({ type: "object", properties: { scenario: { type: "string" } }, required: ["scenario"] }),
      response: { status: 201, description: "The drill", schema: drillDetailSchema, headers: ["Location"] },
      errors: [400, 404, 413, 415, 429, 503],
    },
    async (request, reply) => {
      const trainee = actor(request);
      const body = parseInput(startBody, requireJsonObject(request.body), "body");
      const drill = await drills.start(body.scenario, trainee);
      reply.code(201).header("Location", `/api/drills/${drill.id}`);
      return drill;
    },
  );

  add(
    {
      method: "GET",
      url: "/api/drills",
      access: "viewer",
      operationId: "listDrills",
      summary: "The drills this server holds (running, and finished ones not yet forgotten)",
      query: drillListQuery,
      response: { status: 200, description: "The drills", schema: { type: "array", items: drillSummarySchema } },
      errors: [400, 503],
    },
    async (request) => {
      const query = parseInput(drillListQuery, request.query, "query");
      return drills.list({
        ...(query.trainee === undefined ? {} : { trainee: checkTrainee(query.trainee) }),
        ...(query.status === undefined ? {} : { status: query.status }),
      });
    },
  );

  add(
    {
      method: "GET",
      url: "/api/drills/:id",
      access: "viewer",
      operationId: "getDrill",
      summary: "A drill: its scenario, trainee, status, virtual clock and feed size",
      params: DRILL_PARAM,
      response: { status: 200, description: "The drill", schema: drillDetailSchema },
      errors: READ_ERRORS,
    },
    async (request) => drills.detail(drills.get(drillId(request))),
  );

  add(
    {
      method: "POST",
      url: "/api/drills/:id/commands",
      access: "responder",
      operationId: "drillCommand",
      summary:
        "The trainee acts: a line as typed in the CLI drill (assign tech-lead sarah-db, say …, ask …, wait 2m) or a transcript action",
      description:
        "Bad syntax or fields are 400 and change nothing. What the engine refuses (deciding with no options…) is the trainee's error: " +
        "200 with action.ok false, shown in the feed and counted in the report, as in a live incident. " +
        "With an Idempotency-Key, a retried request answers the first result and does nothing again.",
      params: DRILL_PARAM,
      headers: ["WarroomActor", "IdempotencyKey"],
      body: json({
        type: "object",
        properties: {
          line: { type: "string" },
          action: { type: "object", description: "{ do: 'assign', role, person }" },
        },
      }),
      response: { status: 200, description: "What happened", schema: inputResultSchema },
      errors: [...ACT_ERRORS, 422],
    },
    async (request) => {
      const drill = drills.forTrainee(drillId(request), actor(request));
      drill.requireRunning();
      const body = parseInput(commandBody, requireJsonObject(request.body), "body");
      const input = body.line !== undefined ? { line: body.line } : { action: body.action ?? {} };
      return drill.input(input, callOptions(request).idempotencyKey);
    },
  );

  add(
    {
      method: "POST",
      url: "/api/drills/:id/clock",
      access: "responder",
      operationId: "drillClock",
      summary:
        "Move the virtual clock: advance it (2m, or seconds) and/or set its speed (virtual seconds per real second; 0 stops it)",
      description:
        "Whatever falls due meanwhile is played into the feed. A running clock stops by itself at the scenario's end.",
      params: DRILL_PARAM,
      headers: ["WarroomActor"],
      body: json({
        type: "object",
        properties: { advance: { type: ["string", "integer"] }, speed: { type: "number", minimum: 0 } },
      }),
      response: { status: 200, description: "The clock and the new feed lines", schema: inputResultSchema },
      errors: ACT_ERRORS,
    },
    async (request) => {
      const drill = drills.forTrainee(drillId(request), actor(request));
      drill.requireRunning();
      const body = parseInput(clockBody, requireJsonObject(request.body), "body");
      return drill.setClock({
        ...(body.advance === undefined ? {} : { advance: body.advance }),
        ...(body.speed === undefined ? {} : { speed: body.speed }),
      });
    },
  );

  add(
    {
      method: "GET",
      url: "/api/drills/:id/feed",
      access: "viewer",
      operationId: "drillFeed",
      summary: "The drill's feed after a cursor (the seq of the last line you have)",
      params: DRILL_PARAM,
      query: feedQuery,
      response: {
        status: 200,
        description: "Feed lines in order, the next cursor and the clock",
        schema: {
          type: "object",
          properties: {
            entries: { type: "array", items: feedEntrySchema },
            next: { type: "integer" },
            clock: clockSchema,
          },
        },
      },
      errors: READ_ERRORS,
    },
    async (request) => {
      const drill = drills.get(drillId(request));
      const query = parseInput(feedQuery, request.query, "query");
      const entries = drill.feedAfter(query.after ?? 0, query.limit ?? 500);
      return {
        entries,
        next: entries.at(-1)?.seq ?? query.after ?? 0,
        status: drill.status,
        clock: drill.clockView(),
      };
    },
  );

  add(
    {
      method: "GET",
      url: "/api/drills/:id/stream",
      access: "viewer",
      operationId: "drillStream",
      summary: "The drill live: server-sent events feed (id = seq), clock and finished",
      description:
        "Reconnect with Last-Event-ID (or ?after=seq) to get exactly the feed lines missed. The stream ends after `finished`.",
      params: DRILL_PARAM,
      headers: ["LastEventId"],
      query: streamQuery,
      response: { status: 200, description: "text/event-stream", contentType: "text/event-stream" },
      errors: [400, 404, 429, 503],
    },
    async (request, reply) => {
      const drill = drills.get(drillId(request));
      const query = parseInput(streamQuery, request.query, "query");
      const header = request.headers["last-event-id"];
      const after =
        typeof header === "string" && header !== ""
          ? parseInput(lastEventIdHeader, { "Last-Event-ID": header }, "header")["Last-Event-ID"]
          : (query.after ?? 0);
      if (drill.listenerCount >= drills.limits.maxStreams) {
        throw new WarroomError(
          "drill.limit_reached",
          `${drill.id} already has ${drill.listenerCount} live streams open`,
          [{ field: "(streams)", message: `at most ${drills.limits.maxStreams} streams per drill` }],
        );
      }
      context.metrics.observe(request.method, request.routeOptions.url, 200, null);
      streams.serve(request, reply, drill, after, context.sse);
    },
  );

  add(
    {
      method: "POST",
      url: "/api/drills/:id/finish",
      access: "responder",
      operationId: "finishDrill",
      summary: "End the drill and score it: every rubric item with evidence and advice, groups and competencies",
      description:
        "The drill runs to the scenario's end first (reminders, pushbacks). With record: true the score summary is added to the trainee's record " +
        "(and a passed certification exam issues a certificate). Finishing twice answers the same report.",
      params: DRILL_PARAM,
      headers: ["WarroomActor"],
      body: { schema: { type: "object", properties: { record: { type: "boolean" } } }, required: false },
      response: { status: 200, description: "The score report", schema: reportSchema },
      errors: ACT_ERRORS,
    },
    async (request) => {
      const drill = drills.forTrainee(drillId(request), actor(request));
      const body = parseInput(finishBody, requireJsonObject(request.body), "body");
      return drill.finish(body.record === true ? drills.records : null);
    },
  );

  add(
    {
      method: "GET",
      url: "/api/drills/:id/report",
      access: "viewer",
      operationId: "drillReport",
      summary: "A finished drill's score report",
      params: DRILL_PARAM,
      response: { status: 200, description: "The score report", schema: reportSchema },
      errors: [404, 409, 503],
    },
    async (request) => {
      const drill = drills.get(drillId(request));
      if (drill.report) return drill.report;
      throw new WarroomError("drill.running", `${drill.id} is still running: finish it to get its report`, [
        { field: "id", message: "the drill is still running" },
      ]);
    },
  );

  return drills;
}
