/**
 * Decision support over HTTP: the options matrix (JSON or Markdown) and a decision's
 * record told for one audience. Reads only: they validate the query, read the incident
 * and call the pure domain functions, so the CLI and the API give the same answers.
 */
import { z } from "zod";
import { decisionRecord } from "../../domain/comms/decision-record.js";
import {
  buildMatrix,
  DEFAULT_WEIGHTS,
  type DecisionWeights,
  parseHybrids,
  parseKeyList,
  parseWeights,
  renderMatrixMarkdown,
} from "../../domain/decision-support/index.js";
import { AUDIENCES } from "../../domain/incident/events.js";
import { parseInput } from "../query-schemas.js";
import type { JsonSchema } from "../route-book.js";
import { READ_ERRORS, type RouteContext } from "../route-context.js";

const MARKDOWN = "text/markdown; charset=utf-8";

const list = z.union([z.string().max(2000), z.array(z.string().max(2000)).max(20)]);
const format = z.enum(["json", "markdown"], { error: "format must be json or markdown" }).default("json");

export const matrixQuery = z
  .object({
    weights: list.optional().describe("Criterion weights, e.g. risk:3,time:1 (others from config)"),
    hybrid: list.optional().describe("A hybrid row as options in order, e.g. C,A; repeat for more"),
    lowerBetter: list.optional().describe("Custom criteria where less is better, comma-separated"),
    format,
  })
  .strict();

export const recordQuery = z
  .object({
    audience: z.enum(AUDIENCES, { error: `audience must be one of ${AUDIENCES.join(", ")}` }).default("team"),
    format,
  })
  .strict();

const array = (items: JsonSchema = { type: "object" }) => ({ type: "array", items });

const MATRIX_SCHEMA: JsonSchema = {
  type: "object",
  description: "Criteria down the side, options (and hybrids) across, scored 0–1 (higher is better)",
  properties: {
    incidentId: { type: "string" },
    criteria: array(),
    notGiven: array({ type: "string" }),
    rows: array(),
    ranking: array({ type: "string" }),
    winner: { type: ["string", "null"] },
    margin: { type: ["number", "null"] },
    unknownScore: { type: "number" },
    hybridRules: array({ type: "string" }),
    sensitivity: { type: ["object", "null"] },
  },
  required: ["incidentId", "criteria", "rows", "ranking", "winner", "sensitivity"],
};

const RECORD_SCHEMA: JsonSchema = {
  type: "object",
  properties: {
    incidentId: { type: "string" },
    decisionId: { type: "string" },
    audience: { type: "string", enum: AUDIENCES },
    title: { type: "string" },
    lines: array(),
    text: { type: "string" },
    markdown: { type: "string" },
    findings: array(),
    withheld: array(),
  },
  required: ["incidentId", "decisionId", "audience", "title", "text", "markdown", "findings"],
};

export function registerDecisionSupportRoutes(
  { app, book }: RouteContext,
  defaults: DecisionWeights = { ...DEFAULT_WEIGHTS },
): void {
  book.add(
    {
      method: "GET",
      url: "/api/incidents/:id/options/matrix",
      access: "viewer",
      operationId: "getOptionsMatrix",
      summary: "The options side by side, scored, ranked, with the weight change that would flip the winner",
      description:
        "`weights` overrides the configured weights (`risk:3,time:1`); `hybrid` adds a row for options taken in order (`C,A`); `format=markdown` answers with a Markdown table.",
      tag: "incidents",
      query: matrixQuery,
      response: { status: 200, description: "The matrix", schema: MATRIX_SCHEMA },
      errors: READ_ERRORS,
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const query = parseInput(matrixQuery, request.query, "query");
      const weights = query.weights === undefined ? {} : parseWeights(query.weights, "weights");
      const hybrids = parseHybrids(typeof query.hybrid === "string" ? [query.hybrid] : (query.hybrid ?? []), "hybrid");
      const detail = await app.getIncident(id);
      const matrix = buildMatrix({
        options: detail.options,
        defaults,
        weights,
        hybrids,
        lowerBetter: parseKeyList(query.lowerBetter ?? []),
        decisions: detail.decisions,
      });
      if (query.format === "markdown") return reply.type(MARKDOWN).send(renderMatrixMarkdown(matrix, detail.id));
      return { incidentId: detail.id, ...matrix };
    },
  );

  book.add(
    {
      method: "GET",
      url: "/api/incidents/:id/decisions/:decisionId/record",
      access: "viewer",
      operationId: "getDecisionRecord",
      summary: "A decision's record told for one audience (team, executive, customer or legal)",
      description:
        "Team: actions and owners; executive: impact, timeline and rationale; customer: what they will notice; legal: facts, data and who was consulted. `findings` is the text analyser's verdict for that audience.",
      tag: "incidents",
      params: { decisionId: "Decision id, e.g. D1" },
      query: recordQuery,
      response: { status: 200, description: "The record", schema: RECORD_SCHEMA },
      errors: READ_ERRORS,
    },
    async (request, reply) => {
      const { id, decisionId } = request.params as { id: string; decisionId: string };
      const query = parseInput(recordQuery, request.query, "query");
      const detail = await app.getIncident(id);
      const record = decisionRecord(detail, decisionId, query.audience, detail.now);
      if (query.format === "markdown") return reply.type(MARKDOWN).send(record.markdown);
      return record;
    },
  );
}
