/**
 * The people directory over HTTP: anyone signed in reads it; admins change it. Bodies
 * are validated by the same schemas as the CLI (src/domain/people/person.ts).
 */
import { z } from "zod";
import { callOptions } from "../call-options.js";
import { requireJsonObject } from "../command-io.js";
import { parseInput } from "../query-schemas.js";
import type { JsonSchema } from "../route-book.js";
import { READ_ERRORS, type RouteContext } from "../route-context.js";

const string = { type: "string" };
export const PERSON_SCHEMA: JsonSchema = {
  type: "object",
  properties: {
    handle: { ...string, description: "One word: letters, digits, '.', '_' or '-'; case-insensitive" },
    name: string,
    contact: { ...string, description: "Free text: e-mail, phone, pager" },
    skills: { type: "array", items: string },
    icQualified: { type: "boolean", description: "Trained to be Incident Commander" },
    available: { type: "boolean", description: "Can be called now" },
    chat: { type: "object", properties: { slack: string, mattermost: string } },
  },
  required: ["handle", "name", "contact", "skills", "icQualified", "available"],
};
const CHANGES_SCHEMA: JsonSchema = {
  type: "object",
  description: "Any fields but the handle; at least one",
  properties: { ...(PERSON_SCHEMA.properties as object), handle: undefined },
};
const WRITE_ERRORS = [400, 401, 403, 404, 409, 413, 415, 429, 503];
const handleParam = { handle: "A person's handle, e.g. sarah-db" };
const importBody = z.object({ people: z.array(z.unknown()).max(5000) }).strict();

export function registerPeopleRoutes({ app, book }: RouteContext): void {
  book.add(
    {
      method: "GET",
      url: "/api/people",
      access: "viewer",
      operationId: "listPeople",
      summary: "The people directory, by handle",
      tag: "meta",
      response: {
        status: 200,
        description: "Everyone",
        schema: { type: "object", properties: { people: { type: "array", items: PERSON_SCHEMA } } },
      },
      errors: READ_ERRORS,
    },
    async () => ({ people: app.people.list() }),
  );

  book.add(
    {
      method: "GET",
      url: "/api/people/:handle",
      access: "viewer",
      operationId: "getPerson",
      summary: "One person",
      tag: "meta",
      params: handleParam,
      response: { status: 200, description: "The person", schema: PERSON_SCHEMA },
      errors: READ_ERRORS,
    },
    async (request) => app.people.require((request.params as { handle: string }).handle),
  );

  book.add(
    {
      method: "POST",
      url: "/api/people",
      access: "admin",
      operationId: "addPerson",
      summary: "Add a person to the directory",
      tag: "meta",
      body: { schema: PERSON_SCHEMA, required: true },
      response: { status: 201, description: "Added", schema: PERSON_SCHEMA },
      errors: WRITE_ERRORS,
    },
    async (request, reply) => {
      const person = await app.people.add(requireJsonObject(request.body), callOptions(request));
      return reply.code(201).send(person);
    },
  );

  book.add(
    {
      method: "POST",
      url: "/api/people/import",
      access: "admin",
      operationId: "importPeople",
      summary: "Add and update many people at once (a roster); all or nothing, nobody removed",
      tag: "meta",
      body: {
        schema: {
          type: "object",
          properties: { people: { type: "array", items: PERSON_SCHEMA } },
          required: ["people"],
        },
        required: true,
      },
      response: {
        status: 200,
        description: "Handles added, updated and unchanged",
        schema: {
          type: "object",
          properties: {
            added: { type: "array", items: string },
            updated: { type: "array", items: string },
            unchanged: { type: "array", items: string },
          },
        },
      },
      errors: WRITE_ERRORS,
    },
    async (request) => {
      const { people } = parseInput(importBody, requireJsonObject(request.body), "body");
      return app.people.importPeople(people, callOptions(request));
    },
  );

  book.add(
    {
      method: "PATCH",
      url: "/api/people/:handle",
      access: "admin",
      operationId: "updatePerson",
      summary: "Change some of a person's fields",
      tag: "meta",
      params: handleParam,
      body: { schema: CHANGES_SCHEMA, required: true },
      response: { status: 200, description: "The person as changed", schema: PERSON_SCHEMA },
      errors: WRITE_ERRORS,
    },
    async (request) =>
      app.people.update(
        (request.params as { handle: string }).handle,
        requireJsonObject(request.body),
        callOptions(request),
      ),
  );

  book.add(
    {
      method: "DELETE",
      url: "/api/people/:handle",
      access: "admin",
      operationId: "removePerson",
      summary: "Remove a person (their API tokens stop working)",
      tag: "meta",
      params: handleParam,
      response: { status: 200, description: "The person removed", schema: PERSON_SCHEMA },
      errors: WRITE_ERRORS,
    },
    async (request) => app.people.remove((request.params as { handle: string }).handle, callOptions(request)),
  );
}
