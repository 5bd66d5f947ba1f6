/**
 * The people directory's events, in one stream (`DIR-people`) of the main store, so the
 * SQLite and PostgreSQL adapters, export/import and the audit chain carry it like any
 * incident. Stored events are a contract: one zod schema per type.
 */
import { z } from "zod";
import { PERSON_HANDLE, personSchema } from "./person.js";

export const PEOPLE_STREAM = "DIR-people";

const base = { by: z.string(), at: z.iso.datetime() };
const changes = personSchema.omit({ handle: true }).partial().strict();

export const peopleEventSchemas = {
  PersonAdded: z.object({ type: z.literal("PersonAdded"), person: personSchema, ...base }).strict(),
  /** Only the fields that changed, with their new values. */
  PersonUpdated: z
    .object({ type: z.literal("PersonUpdated"), handle: z.string().regex(PERSON_HANDLE), changes, ...base })
    .strict(),
  PersonRemoved: z
    .object({ type: z.literal("PersonRemoved"), handle: z.string().regex(PERSON_HANDLE), ...base })
    .strict(),
} as const;

export const peopleEventSchema = z.discriminatedUnion("type", [
  peopleEventSchemas.PersonAdded,
  peopleEventSchemas.PersonUpdated,
  peopleEventSchemas.PersonRemoved,
]);
export type PeopleEvent = z.infer<typeof peopleEventSchema>;
