/**
 * A person in the directory: who they are, how to reach them, what they know, whether
 * they can command an incident and whether they can be called now. The handle is the
 * same handle incidents use for actors, role holders and task assignees.
 *
 * Every adapter (CLI, HTTP, roster import) validates through these schemas, so a bad
 * handle or field is refused the same way everywhere, naming the field.
 */
import { z } from "zod";

/** One word of letters, digits, '.', '_' or '-', starting with a letter or digit; matched without regard to case. */
export const PERSON_HANDLE = /^[\p{L}\p{N}][\p{L}\p{N}._-]{0,99}$/u;

export const handleSchema = z
  .string()
  .trim()
  .transform((value) => value.replace(/^@/, ""))
  .pipe(
    z
      .string()
      .regex(
        PERSON_HANDLE,
        "a person handle is one word of letters, digits, '.', '_' or '-' (at most 100), e.g. sarah-db",
      ),
  );

/** Skills are short lower-case tags ("postgres", "networking"); duplicates are dropped. */
const skillsSchema = z
  .array(
    z.string().trim().toLowerCase().min(1, "a skill must not be empty").max(60, "a skill is at most 60 characters"),
  )
  .max(50, "at most 50 skills")
  .transform((skills) => [...new Set(skills)]);

const chatSchema = z
  .object({
    slack: z.string().trim().min(1).max(100).optional().describe("Slack member id, e.g. U024BE7LH"),
    mattermost: z.string().trim().min(1).max(100).optional().describe("Mattermost user id or username"),
  })
  .strict();

const fields = {
  name: z.string().trim().min(1, "a name must not be empty").max(200, "a name is at most 200 characters"),
  /** Free text: an e-mail address, a phone number, a pager, or several. */
  contact: z.string().trim().max(500, "contact is at most 500 characters"),
  skills: skillsSchema,
  /** Trained (or certified) to be Incident Commander. */
  icQualified: z.boolean(),
  /** Can be called now (on shift, not on leave). */
  available: z.boolean(),
  chat: chatSchema,
};

/** What `people add` takes: handle and name required, the rest defaulted. */
export const personInputSchema = z
  .object({
    handle: handleSchema,
    name: fields.name,
    contact: fields.contact.default(""),
    skills: skillsSchema.default([]),
    icQualified: fields.icQualified.default(false),
    available: fields.available.default(true),
    chat: chatSchema.optional(),
  })
  .strict();
export type PersonInput = z.input<typeof personInputSchema>;

/** A stored person (what the directory answers). */
export const personSchema = z
  .object({
    handle: z.string().regex(PERSON_HANDLE),
    name: z.string().min(1),
    contact: z.string(),
    skills: z.array(z.string()),
    icQualified: z.boolean(),
    available: z.boolean(),
    chat: chatSchema.optional(),
  })
  .strict();
export type Person = z.infer<typeof personSchema>;

/** What `people update` takes: any fields but the handle, at least one. */
export const personChangesSchema = z
  .object({
    name: fields.name.optional(),
    contact: fields.contact.optional(),
    skills: skillsSchema.optional(),
    icQualified: fields.icQualified.optional(),
    available: fields.available.optional(),
    /** Replaces the chat ids; `{}` clears them. */
    chat: chatSchema.optional(),
  })
  .strict()
  .refine((changes) => Object.keys(changes).length > 0, {
    message: "say what to change: name, contact, skills, icQualified, available or chat",
  });
export type PersonChanges = z.infer<typeof personChangesSchema>;

/** Handles are compared without regard to case: `Sarah-DB` and `sarah-db` are one person. */
export function handleKey(handle: string): string {
  return handle.trim().replace(/^@/, "").toLowerCase();
}
