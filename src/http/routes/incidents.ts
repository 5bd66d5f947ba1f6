/** Reading incidents, declaring one, and the cross-incident task and action-item lists. */
import { callOptions, etag } from "../call-options.js";
import { requireJsonObject, sendCommandResult } from "../command-io.js";
import { commandBodySchema, ref } from "../openapi-schemas.js";
import {
  actionItemsQuery,
  incidentListQuery,
  incidentQuery,
  parseInput,
  tasksQuery,
  timelineQuery,
} from "../query-schemas.js";
import { COMMAND_ERRORS, READ_ERRORS, type RouteContext } from "../route-context.js";

const list = (name: string, items: string) => ({
  type: "object",
  properties: { [name]: { type: "array", items: ref(items) } },
  required: [name],
});

export function registerIncidentRoutes({ app, book }: RouteContext): void {
  book.add(
    {
      method: "GET",
      url: "/api/incidents",
      access: "viewer",
      operationId: "listIncidents",
      summary: "Incidents, active and most severe first",
      tag: "incidents",
      query: incidentListQuery,
      response: { status: 200, description: "The incidents", schema: list("incidents", "IncidentSummary") },
      errors: READ_ERRORS,
    },
    async (request) => {
      const filter = parseInput(incidentListQuery, request.query, "query");
      return { incidents: await app.listIncidents(filter) };
    },
  );

  book.add(
    {
      method: "POST",
      url: "/api/incidents",
      access: "responder",
      operationId: "declareIncident",
      summary: "Declare an incident",
      description: "The body is a declare command without `type`. The new id is in Location and the result.",
      tag: "incidents",
      headers: ["WarroomActor", "IdempotencyKey", "Prefer"],
      body: { schema: commandBodySchema("declare", ["type"]), required: true },
      response: {
        status: 201,
        description: "Declared (or, for a repeated Idempotency-Key, the first declaration)",
        schema: { oneOf: [ref("CommandResult"), ref("MinimalCommandResult")] },
        headers: ["Location", "ETag"],
      },
      errors: COMMAND_ERRORS,
    },
    async (request, reply) => {
      const options = callOptions(request);
      const result = await app.declare(requireJsonObject(request.body), options);
      reply.header("Location", `/api/incidents/${encodeURIComponent(result.incident.id)}`);
      return sendCommandResult(request, reply, 201, result);
    },
  );

  book.add(
    {
      method: "GET",
      url: "/api/incidents/:id",
      access: "viewer",
      operationId: "getIncident",
      summary: "One incident with its whole timeline",
      description:
        "`timeline=false` leaves the timeline out: what a client that follows the live stream re-reads " +
        "after an entry (a few KB however long the timeline).",
      tag: "incidents",
      query: incidentQuery,
      headers: ["IfNoneMatch"],
      response: {
        status: 200,
        description: "The incident",
        schema: { oneOf: [ref("IncidentDetail"), ref("IncidentView")] },
        headers: ["ETag"],
      },
      errors: READ_ERRORS,
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const withTimeline = parseInput(incidentQuery, request.query, "query").timeline !== "false";
      const detail = withTimeline ? await app.getIncident(id) : await app.getIncidentView(id);
      // The two shapes are different representations: each has its own tag.
      const tag = withTimeline ? etag(detail.version) : `"${detail.version}-view"`;
      reply.header("ETag", tag).header("Cache-Control", "no-cache");
      if (request.headers["if-none-match"] === tag) return reply.code(304).send();
      return detail;
    },
  );

  book.add(
    {
      method: "GET",
      url: "/api/incidents/:id/timeline",
      access: "viewer",
      operationId: "getTimeline",
      summary: "An incident's timeline, filtered",
      description: "`type` takes event types, comma-separated or repeated; `limit` keeps the latest entries.",
      tag: "incidents",
      query: timelineQuery,
      response: { status: 200, description: "Timeline entries in order", schema: list("entries", "TimelineEntry") },
      errors: READ_ERRORS,
    },
    async (request) => {
      const { id } = request.params as { id: string };
      const query = parseInput(timelineQuery, request.query, "query");
      const entries = await app.timeline(id, {
        ...(query.channel ? { channel: query.channel } : {}),
        ...(query.type ? { types: query.type } : {}),
        ...(query.afterVersion !== undefined ? { afterVersion: query.afterVersion } : {}),
        ...(query.limit !== undefined ? { limit: query.limit } : {}),
      });
      return { entries };
    },
  );

  book.add(
    {
      method: "GET",
      url: "/api/tasks",
      access: "viewer",
      operationId: "listOpenTasks",
      summary: "Open tasks across incidents, soonest due first",
      tag: "incidents",
      query: tasksQuery,
      response: { status: 200, description: "Open tasks", schema: list("tasks", "OpenTaskItem") },
      errors: READ_ERRORS,
    },
    async (request) => {
      const query = parseInput(tasksQuery, request.query, "query");
      return { tasks: await app.openTasks(query.assignee ? { assignee: query.assignee } : {}) };
    },
  );

  book.add(
    {
      method: "GET",
      url: "/api/action-items",
      access: "viewer",
      operationId: "listOpenActionItems",
      summary: "Action items across incidents, soonest due first",
      description: "Open items unless `status=all`; `overdue=true` keeps those past their due date (UTC).",
      tag: "incidents",
      query: actionItemsQuery,
      response: { status: 200, description: "Action items", schema: list("actionItems", "OpenActionItem") },
      errors: READ_ERRORS,
    },
    async (request) => {
      const query = parseInput(actionItemsQuery, request.query, "query");
      return {
        actionItems: await app.openActionItems({
          ...(query.owner ? { owner: query.owner } : {}),
          ...(query.status ? { status: query.status } : {}),
          ...(query.overdue !== undefined ? { overdue: query.overdue } : {}),
        }),
      };
    },
  );
}
