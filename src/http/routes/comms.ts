/**
 * Communications that store nothing: a draft update filled from an incident
 * (`GET /api/incidents/:id/updates/draft?audience=`), and linting a message for an
 * audience (`POST /api/lint`), answering `{ audience, ok, findings }` as `warroom lint
 * --json` prints it. Bad input is problem+json like everywhere else.
 */
import { z } from "zod";
import { checkLintText, lintReport, parseAudience } from "../../domain/comms/lint-report.js";
import { draftUpdate } from "../../domain/comms/templates.js";
import { AUDIENCES } from "../../domain/incident/events.js";
import { isoNow } from "../../domain/shared/clock.js";
import { requireJsonObject } from "../command-io.js";
import { parseInput } from "../query-schemas.js";
import type { JsonSchema } from "../route-book.js";
import { READ_ERRORS, type RouteContext } from "../route-context.js";

const audience = z.string().describe(`One of ${AUDIENCES.join(", ")}`);
export const draftQuery = z.object({ audience }).strict();
export const lintBody = z.object({ text: z.string(), audience }).strict();

const string = { type: "string" };
const finding: JsonSchema = {
  type: "object",
  properties: {
    rule: string,
    severity: { type: "string", enum: ["error", "warning", "info"] },
    message: string,
    excerpt: { ...string, description: "The words that triggered the rule; empty for something missing" },
  },
  required: ["rule", "severity", "message", "excerpt"],
};
const lintResult: JsonSchema = {
  type: "object",
  properties: {
    audience: { type: "string", enum: AUDIENCES },
    ok: { type: "boolean", description: "True when no finding is an error for this audience" },
    findings: { type: "array", items: finding },
  },
  required: ["audience", "ok", "findings"],
};
const draft: JsonSchema = {
  type: "object",
  properties: {
    incidentId: string,
    audience: { type: "string", enum: AUDIENCES },
    text: { ...string, description: "The whole message, to edit and publish" },
    parts: {
      type: "object",
      properties: {
        impact: string,
        timeline: string,
        plan: string,
        nextUpdateAt: { type: ["string", "null"], format: "date-time" },
      },
      required: ["impact", "timeline", "plan", "nextUpdateAt"],
    },
    placeholders: { type: "array", items: string, description: "The [to confirm: …] spots left to fill" },
  },
  required: ["incidentId", "audience", "text", "parts", "placeholders"],
};

export function registerCommsRoutes({ app, book }: RouteContext): void {
  book.add(
    {
      method: "GET",
      url: "/api/incidents/:id/updates/draft",
      access: "viewer",
      operationId: "draftUpdate",
      summary: "A draft update for an audience, filled from the incident (nothing is stored)",
      description:
        "Wording from the incident that would break an error rule for the audience is replaced by a `[to confirm: …]` placeholder.",
      tag: "incidents",
      query: draftQuery,
      response: { status: 200, description: "The draft", schema: draft },
      errors: READ_ERRORS,
    },
    async (request) => {
      const { id } = request.params as { id: string };
      const query = parseInput(draftQuery, request.query, "query");
      const chosen = parseAudience(query.audience);
      const detail = await app.getIncident(id);
      return draftUpdate(detail, chosen, detail.now);
    },
  );

  book.add(
    {
      method: "POST",
      url: "/api/lint",
      access: "viewer",
      operationId: "lintMessage",
      summary: "Lint a message for an audience, as publishing would (nothing is stored)",
      tag: "meta",
      body: {
        schema: {
          type: "object",
          properties: { text: string, audience: { enum: AUDIENCES } },
          required: ["text", "audience"],
        },
        required: true,
      },
      response: { status: 200, description: "The findings; `ok` is false when one is an error", schema: lintResult },
      errors: [400, 413, 415],
    },
    async (request) => {
      const body = parseInput(lintBody, requireJsonObject(request.body), "body");
      const chosen = parseAudience(body.audience);
      const { maxTextBytes } = await app.policy();
      return lintReport(checkLintText(body.text, maxTextBytes), chosen, isoNow(app.clock));
    },
  );
}
