/**
 * The read-only side of training over HTTP: the scenario catalogue and the trainee
 * records (history, certificates, verifying one). Registered by `training.ts`.
 */
import { WarroomError } from "../../domain/shared/errors.js";
import { listCertificates, verifyCertificate } from "../../training/certificates.js";
import type { DrillRegistry } from "../../training/drill-registry.js";
import { checkTrainee } from "../../training/history.js";
import type { RouteDoc, RouteHandler } from "../route-book.js";
import { READ_ERRORS } from "../route-context.js";
import { scenarioSummarySchema } from "./training-schemas.js";

export type AddTrainingRoute = (doc: Omit<RouteDoc, "tag">, handler: RouteHandler) => void;

export function registerTrainingCatalogueRoutes(add: AddTrainingRoute, drills: DrillRegistry): void {
  add(
    {
      method: "GET",
      url: "/api/scenarios",
      access: "viewer",
      operationId: "listScenarios",
      summary: "The built-in training scenarios: title, difficulty, length, what each trains",
      response: { status: 200, description: "The catalogue", schema: { type: "array", items: scenarioSummarySchema } },
      errors: [503],
    },
    async () => drills.catalogue(),
  );

  add(
    {
      method: "GET",
      url: "/api/scenarios/:id",
      access: "viewer",
      operationId: "getScenario",
      summary: "One scenario: briefing, the people in the room, the rubric items and their points",
      params: { id: "The scenario id, e.g. multi-team-coordination" },
      response: { status: 200, description: "The scenario", schema: scenarioSummarySchema },
      errors: READ_ERRORS,
    },
    async (request) => drills.scenarioDetail((request.params as { id: string }).id),
  );

  add(
    {
      method: "GET",
      url: "/api/trainees/:handle/history",
      access: "viewer",
      operationId: "traineeHistory",
      summary:
        "A trainee's recorded runs, competency profile over time and certificates (as warroom train history --json)",
      params: { handle: "The trainee's handle" },
      response: { status: 200, description: "The history", schema: { type: "object" } },
      errors: READ_ERRORS,
    },
    async (request) => drills.records.history(checkTrainee((request.params as { handle: string }).handle, "handle")),
  );

  add(
    {
      method: "GET",
      url: "/api/trainees/:handle/certificates",
      access: "viewer",
      operationId: "traineeCertificates",
      summary: "A trainee's certificates with their status",
      params: { handle: "The trainee's handle" },
      response: { status: 200, description: "The certificates", schema: { type: "array", items: { type: "object" } } },
      errors: READ_ERRORS,
    },
    async (request) =>
      listCertificates(drills.records, checkTrainee((request.params as { handle: string }).handle, "handle")),
  );

  add(
    {
      method: "GET",
      url: "/api/certificates/:id",
      access: "viewer",
      operationId: "verifyCertificate",
      summary: "Verify a certificate: valid, expired or tampered (404 when no certificate has the id)",
      params: { id: "CERT- and 20 hex digits" },
      response: { status: 200, description: "The verdict", schema: { type: "object" } },
      errors: READ_ERRORS,
    },
    async (request) => {
      const check = await verifyCertificate(drills.records, (request.params as { id: string }).id);
      if (check.status === "unknown") {
        throw new WarroomError(
          "certificate.not_found",
          `${check.id} is unknown: no certificate with this id was issued`,
          [{ field: "id", message: "no certificate with this id" }],
        );
      }
      return check;
    },
  );
}
