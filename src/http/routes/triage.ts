/**
 * Triage over HTTP: `GET /api/triage` plans the live open incidents with the people
 * directory; `POST /api/triage` plans the incidents (and optionally people) in the body,
 * the same shape as `warroom triage --input FILE`. Reads only: nothing is stored. The
 * answer's shape is the contract the web UI reads (documented below and in docs/triage.md).
 */
import { z } from "zod";
import { triagePlan } from "../../app/triage.js";
import { triageSources } from "../../app/triage-app.js";
import { triageInputSchema } from "../../domain/triage/input-schema.js";
import { toJsonSchema } from "../openapi-schemas.js";
import { parseInput } from "../query-schemas.js";
import type { JsonSchema } from "../route-book.js";
import type { RouteContext } from "../route-context.js";

const query = z
  .object({
    greedy: z
      .enum(["true", "false"], { error: "greedy must be true or false" })
      .optional()
      .describe("true: skip the solver and answer the greedy plan"),
  })
  .strict();

const string = { type: "string" };
const nullableString = { type: ["string", "null"] };
const number = { type: "number" };
const array = (items: JsonSchema) => ({ type: "array", items });
const object = (properties: Record<string, JsonSchema>, required = Object.keys(properties)) => ({
  type: "object",
  properties,
  required,
});

export const TRIAGE_PLAN_SCHEMA: JsonSchema = object(
  {
    now: { ...string, format: "date-time" },
    incidents: array(
      object({
        id: string,
        title: string,
        severity: { type: "string", enum: ["SEV-1", "SEV-2", "SEV-3", "SEV-4"] },
        priority: { ...number, description: "0–100, highest first" },
        reasons: array(
          object({
            factor: { type: "string", enum: ["severity", "users", "revenue", "time-to-impact", "trend"] },
            points: number,
            value: { type: ["number", "string", "null"] },
            text: string,
          }),
        ),
      }),
    ),
    assignments: array(
      object({
        incident: string,
        commander: nullableString,
        engineers: array(string),
        reasons: array(
          object({
            person: string,
            as: { type: "string", enum: ["commander", "engineer"] },
            skill: nullableString,
            text: string,
          }),
        ),
      }),
    ),
    uncovered: array(
      object({
        incident: string,
        what: { type: "string", enum: ["commander", "skill"] },
        skill: nullableString,
        missing: number,
        reason: string,
        wouldCover: { ...string, description: 'What would cover it, e.g. "one more database engineer"' },
      }),
    ),
    moves: array(object({ person: string, from: string, to: string, reason: string })),
    solver: object({
      status: {
        type: "string",
        enum: ["optimal", "feasible", "fallback-greedy", "greedy", "empty"],
        description: "fallback-greedy: the solver failed or ran out of time and the greedy plan is shown",
      },
      objective: number,
      greedyObjective: number,
      ms: number,
      engine: string,
      note: string,
      model: object({ variables: number, constraints: number, candidatesPruned: { type: "boolean" } }),
    }),
  },
  ["incidents", "assignments", "uncovered", "moves", "solver"],
);

export function registerTriageRoutes({ app, book }: RouteContext): void {
  const sources = triageSources(app);
  const describe =
    "Priorities with their reasons, who commands which incident and which engineers work on it, what stays uncovered and what would cover it, the moves from where people are now, and how it was solved (`solver.status` is `fallback-greedy` when the solver could not answer in time).";
  book.add(
    {
      method: "GET",
      access: "viewer",
      url: "/api/triage",
      operationId: "getTriage",
      summary: "Triage and the staffing plan for the live open incidents and the people directory",
      description: describe,
      tag: "incidents",
      query,
      response: { status: 200, description: "The plan", schema: TRIAGE_PLAN_SCHEMA },
      errors: [400, 503],
    },
    async (request) => {
      const q = parseInput(query, request.query, "query");
      return triagePlan(sources, { greedy: q.greedy === "true" });
    },
  );
  book.add(
    {
      method: "POST",
      access: "viewer",
      url: "/api/triage",
      operationId: "planTriage",
      summary: "Triage and the staffing plan for the incidents (and people) in the body; nothing is stored",
      description: `${describe} Without \`people\` the directory is used.`,
      tag: "incidents",
      query,
      body: { schema: toJsonSchema(triageInputSchema), required: true },
      response: { status: 200, description: "The plan", schema: TRIAGE_PLAN_SCHEMA },
      errors: [400, 413, 415, 503],
    },
    async (request) => {
      const q = parseInput(query, request.query, "query");
      return triagePlan(sources, { file: request.body ?? {}, greedy: q.greedy === "true" });
    },
  );
}
