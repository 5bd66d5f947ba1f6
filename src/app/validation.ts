/** Turns zod issues into one WarroomError naming each field and what it expects. */
import type { z } from "zod";
import { WarroomError } from "../domain/shared/errors.js";

export function parseOrFail<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const details = result.error.issues.flatMap((issue) =>
    // A strict object names each field it does not know, as the field at fault.
    issue.code === "unrecognized_keys"
      ? issue.keys.map((key) => ({ field: [...issue.path, key].join("."), message: `unknown field '${key}'` }))
      : [{ field: issue.path.length > 0 ? issue.path.join(".") : "(body)", message: issue.message }],
  );
  const summary = details.map((d) => `${d.field}: ${d.message}`).join("; ");
  throw new WarroomError("validation.failed", `invalid ${what}: ${summary}`, details);
}
