/**
 * Postmortem reads that store nothing: the draft from the log (markdown, HTML or JSON),
 * the saved postmortem or one published version, the review agenda, and linting a
 * postmortem (`POST /api/postmortem/lint`, answering `{ ok, findings }` as
 * `warroom postmortem lint --json` prints it). Saving and publishing are commands
 * (`POST /api/incidents/:id/postmortem`, `…/postmortem/publish`).
 */
import { z } from "zod";
import {
  buildAgenda,
  DRAFT_FORMATS,
  lintPostmortemReport,
  postmortemRecord,
  postmortemText,
  renderDraft,
} from "../../domain/postmortem/index.js";
import { requireJsonObject } from "../command-io.js";
import { parseInput } from "../query-schemas.js";
import type { JsonSchema } from "../route-book.js";
import { READ_ERRORS, type RouteContext } from "../route-context.js";

export const draftQuery = z
  .object({ format: z.enum(DRAFT_FORMATS, { error: `format must be one of ${DRAFT_FORMATS.join(", ")}` }).optional() })
  .strict();
export const postmortemQuery = z
  .object({
    version: z
      .string()
      .regex(/^[1-9]\d{0,8}$/, "version must be a whole number from 1")
      .transform(Number)
      .optional(),
  })
  .strict();
export const lintBody = z.object({ markdown: z.string({ error: "markdown must be a string" }) }).strict();

/** The HTML draft runs no script and loads nothing: inline styles only. */
export const DRAFT_HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

const string = { type: "string" };
const integer = { type: "integer" };
const object = (properties: Record<string, JsonSchema>, description?: string): JsonSchema => ({
  type: "object",
  properties,
  required: Object.keys(properties),
  additionalProperties: true,
  ...(description ? { description } : {}),
});
const finding = object({
  rule: string,
  severity: { type: "string", enum: ["error", "warning", "info"] },
  message: string,
  excerpt: { ...string, description: "The words that triggered the rule; empty for something missing" },
});
const lintResult = object({
  ok: { type: "boolean", description: "True when no finding is an error" },
  findings: { type: "array", items: finding },
});
const draftSchema = object(
  {
    incidentId: string,
    title: string,
    generatedAt: { ...string, format: "date-time" },
    sections: { type: "array", items: object({ id: string, title: string, blocks: { type: "array" } }) },
    figures: { type: "object", description: "Detection and response figures computed from the log" },
    wentWell: { type: "array", items: string },
    wentPoorly: { type: "array", items: string },
    actionItems: { type: "array", items: { type: "object" } },
    heldBack: { ...integer, description: "Pieces of logged wording left out because they read as blame" },
    markdown: string,
  },
  "With format=md the body is text/markdown, with format=html a self-contained text/html page",
);
const recordSchema = object({
  incidentId: string,
  kind: { type: "string", enum: ["revision", "published"] },
  revision: integer,
  version: { type: ["integer", "null"] },
  markdown: string,
  at: { ...string, format: "date-time" },
  by: string,
  latestRevision: integer,
  published: { type: "array", items: object({ version: integer, revision: integer, at: string, by: string }) },
  unpublishedChanges: { type: "boolean" },
});
const agendaSchema = object({
  incidentId: string,
  title: string,
  totalMinutes: integer,
  holdBy: { type: ["string", "null"], format: "date" },
  draftOutBy: { type: ["string", "null"], format: "date" },
  timing: string,
  facilitation: { type: "array", items: string },
  items: {
    type: "array",
    items: object({
      title: string,
      minutes: integer,
      startsAt: integer,
      aims: { type: "array", items: string },
      facts: { type: "array", items: string },
    }),
  },
});

export function registerPostmortemRoutes({ app, book }: RouteContext): void {
  book.add(
    {
      method: "GET",
      url: "/api/incidents/:id/postmortem/draft",
      access: "viewer",
      operationId: "draftPostmortem",
      summary: "The blameless postmortem drafted from the incident's log (nothing is stored)",
      description:
        "`format=json` (the default) answers the structured draft with its markdown; `md` and `html` answer the document itself. Logged wording that reads as blame is held back.",
      tag: "incidents",
      query: draftQuery,
      response: { status: 200, description: "The draft", schema: draftSchema },
      errors: READ_ERRORS,
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const query = parseInput(draftQuery, request.query, "query");
      const detail = await app.getIncident(id);
      const rendered = renderDraft(detail, detail.now, await app.policy(), query.format ?? "json");
      if (query.format === "html") reply.header("Content-Security-Policy", DRAFT_HTML_CSP);
      return reply.type(rendered.contentType).send(rendered.body);
    },
  );

  book.add(
    {
      method: "GET",
      url: "/api/incidents/:id/postmortem",
      access: "viewer",
      operationId: "getPostmortem",
      summary: "The saved postmortem: the latest revision, or a published version with ?version=",
      tag: "incidents",
      query: postmortemQuery,
      response: { status: 200, description: "The postmortem", schema: recordSchema },
      errors: READ_ERRORS,
    },
    async (request) => {
      const { id } = request.params as { id: string };
      const query = parseInput(postmortemQuery, request.query, "query");
      return postmortemRecord(await app.getIncident(id), query.version);
    },
  );

  book.add(
    {
      method: "GET",
      url: "/api/incidents/:id/postmortem/agenda",
      access: "viewer",
      operationId: "postmortemAgenda",
      summary: "A 60-minute review meeting agenda with the incident's facts",
      tag: "incidents",
      response: { status: 200, description: "The agenda", schema: agendaSchema },
      errors: READ_ERRORS,
    },
    async (request) => {
      const { id } = request.params as { id: string };
      const detail = await app.getIncident(id);
      return buildAgenda(detail, detail.now, await app.policy());
    },
  );

  book.add(
    {
      method: "POST",
      url: "/api/postmortem/lint",
      access: "viewer",
      operationId: "lintPostmortem",
      summary: "Lint a postmortem: blame, missing sections, action items without owner, date or substance",
      description: "Nothing is stored. `ok` is false when a finding is an error.",
      tag: "meta",
      body: { schema: { type: "object", properties: { markdown: string }, required: ["markdown"] }, required: true },
      response: { status: 200, description: "The findings", schema: lintResult },
      errors: [400, 413, 415],
    },
    async (request) => {
      const body = parseInput(lintBody, requireJsonObject(request.body), "body");
      const { maxTextBytes } = await app.policy();
      return lintPostmortemReport(postmortemText(body.markdown, "markdown", "markdown", maxTextBytes));
    },
  );
}
