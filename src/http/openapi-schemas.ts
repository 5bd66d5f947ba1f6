/**
 * JSON Schemas for the OpenAPI document. Request bodies are generated from the zod
 * command schemas (their input side: what a client sends, before defaults); response
 * shapes, which are TypeScript read-model types, are described here by hand.
 */
import { z } from "zod";
import { type CommandType, commandSchemas } from "../domain/incident/commands.js";
import { AUDIENCES, CHANNELS, EVENT_TYPES, MODES, STATUSES } from "../domain/incident/events.js";
import { SEVERITIES } from "../domain/incident/policy.js";
import { ERROR_CODES } from "../domain/shared/errors.js";
import type { JsonSchema } from "./route-book.js";

export const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });

export function toJsonSchema(schema: z.ZodType): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
  return rest;
}

/** PascalCase component name of a command: `assign-role` → `AssignRoleCommand`. */
export function commandComponentName(type: CommandType): string {
  return `${type.replace(/(^|-)([a-z])/g, (_m, _dash, letter: string) => letter.toUpperCase())}Command`;
}

/** A command's body schema without the given properties (its `type`, or fields taken from the path). */
export function commandBodySchema(type: CommandType, without: string[]): JsonSchema {
  const { properties: allProperties, required: allRequired, ...rest } = toJsonSchema(commandSchemas[type]);
  const properties = Object.fromEntries(
    Object.entries(allProperties as Record<string, JsonSchema>).filter(([key]) => !without.includes(key)),
  );
  const required = ((allRequired as string[] | undefined) ?? []).filter((key) => !without.includes(key));
  return { ...rest, properties, ...(required.length > 0 ? { required } : {}) };
}

const string = { type: "string" };
const nullableString = { type: ["string", "null"] };
const dateTime = { type: "string", format: "date-time" };
const nullableDateTime = { type: ["string", "null"], format: "date-time" };
const integer = { type: "integer" };
const boolean = { type: "boolean" };
const obj = (properties: Record<string, JsonSchema>, extra: JsonSchema = {}): JsonSchema => ({
  type: "object",
  properties,
  required: Object.keys(properties),
  ...extra,
});

const timelineEntry = obj({
  version: integer,
  position: { ...integer, description: "Global position in the store; the SSE id" },
  at: dateTime,
  by: string,
  type: { type: "string", enum: EVENT_TYPES },
  channel: { type: "string", enum: CHANNELS },
  text: string,
});

const updateClock = obj({
  cadenceMinutes: { type: ["integer", "null"] },
  nextUpdateDue: nullableDateTime,
  overdueBySeconds: integer,
  overdue: boolean,
});

const incidentView = obj(
  {
    id: { type: "string", examples: ["INC-7"] },
    title: string,
    severity: { type: "string", enum: SEVERITIES },
    impact: string,
    usersAffectedPct: { type: ["number", "null"] },
    services: { type: "array", items: string },
    mode: { type: "string", enum: MODES },
    private: boolean,
    declaredBy: string,
    declaredAt: dateTime,
    status: { type: "string", enum: STATUSES },
    resolvedAt: nullableDateTime,
    resolutionSummary: nullableString,
    roles: {
      type: "object",
      description: "Role id → holder; the incident-commander is always present",
      additionalProperties: obj({ person: string, since: dateTime }),
    },
    cadenceMinutes: { type: ["integer", "null"] },
    cadenceFollowsSeverity: boolean,
    lastUpdateAt: dateTime,
    promisedNextUpdateAt: nullableDateTime,
    updates: {
      type: "array",
      items: obj({ id: string, at: dateTime, by: string, audience: { enum: AUDIENCES }, text: string }, {}),
    },
    workstreams: { type: "array", items: { type: "object" } },
    tasks: { type: "array", items: { type: "object" } },
    options: { type: "array", items: { type: "object" } },
    decisions: { type: "array", items: { type: "object" } },
    actionItems: { type: "array", items: { type: "object" } },
    noteCount: { type: "object", additionalProperties: integer },
    version: { ...integer, description: "The stream version; also the ETag" },
    lastEventAt: dateTime,
    commander: string,
    elapsedSeconds: integer,
    updateClock,
    flags: { type: "array", items: obj({ code: string, message: string }) },
    now: dateTime,
  },
  { additionalProperties: true },
);

const incidentSummary = obj({
  id: string,
  title: string,
  severity: { type: "string", enum: SEVERITIES },
  status: { type: "string", enum: STATUSES },
  mode: { type: "string", enum: MODES },
  private: boolean,
  commander: string,
  declaredAt: dateTime,
  resolvedAt: nullableDateTime,
  elapsedSeconds: integer,
  nextUpdateDue: nullableDateTime,
  overdue: boolean,
  overdueBySeconds: integer,
  openTasks: integer,
  expiredTasks: integer,
  /** What needs the commander now: update overdue, expired time-boxes, deadlines, triggers. */
  attention: { type: "array", items: string },
  version: integer,
});

export const COMPONENT_SCHEMAS: Record<string, JsonSchema> = {
  Problem: obj(
    {
      type: { type: "string", examples: ["urn:warroom:error:incident.not_found"] },
      title: string,
      status: integer,
      detail: string,
      code: { type: "string", enum: ERROR_CODES },
      errors: { type: "array", items: obj({ field: nullableString, message: string }) },
    },
    { description: "RFC 9457 problem details; `code` is the closed Warroom error code" },
  ),
  TimelineEntry: timelineEntry,
  LiveEntry: { allOf: [ref("TimelineEntry"), obj({ incidentId: string })] },
  IncidentView: incidentView,
  IncidentDetail: { allOf: [ref("IncidentView"), obj({ timeline: { type: "array", items: ref("TimelineEntry") } })] },
  IncidentSummary: incidentSummary,
  CommandResult: obj({
    incident: ref("IncidentView"),
    appended: { type: "array", items: ref("TimelineEntry") },
    duplicate: { ...boolean, description: "True when the Idempotency-Key was seen before: nothing was appended" },
  }),
  MinimalCommandResult: obj({
    incidentId: string,
    version: integer,
    duplicate: boolean,
    appended: { type: "array", items: obj({ version: integer, position: integer, type: string }) },
  }),
  OpenTaskItem: obj(
    { id: string, title: string, assignee: string, dueAt: dateTime, incidentId: string, incidentTitle: string },
    { additionalProperties: true },
  ),
  OpenActionItem: obj(
    {
      id: string,
      title: string,
      owner: string,
      dueDate: nullableString,
      incidentId: string,
      incidentTitle: string,
      overdue: { ...boolean, description: "Open with a due date before today (UTC)" },
    },
    { additionalProperties: true },
  ),
  Policy: obj(
    {
      severities: { type: "object", additionalProperties: { type: "object" } },
      roles: { type: "array", items: obj({ id: string, title: string, duty: string }) },
      defaultTimeboxMinutes: integer,
      maxTextBytes: integer,
    },
    { additionalProperties: true },
  ),
  Health: obj({ status: { const: "ok" }, position: integer }),
  SearchHit: obj({
    incidentId: string,
    incidentTitle: string,
    severity: { enum: SEVERITIES },
    status: { enum: STATUSES },
    mode: { enum: MODES },
    private: { ...boolean, description: "A private incident: the caller is one of its members or an admin" },
    position: integer,
    version: integer,
    at: dateTime,
    by: string,
    type: { enum: EVENT_TYPES },
    channel: { enum: CHANNELS },
    field: { ...string, description: "The event field the first term was found in" },
    snippet: { ...string, description: "Up to 160 characters of that field around the first term" },
    text: { ...string, description: "The event as the timeline describes it" },
  }),
  SearchAnswer: obj({
    query: string,
    terms: { type: "array", items: string },
    hits: { type: "array", items: ref("SearchHit") },
    truncated: { ...boolean, description: "More events matched than `limit`: only the newest are listed" },
  }),
};
