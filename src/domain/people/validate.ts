/** zod issues → one `validation.failed` naming each field (the app's parseOrFail, kept pure here). */
import type { z } from "zod";
import { WarroomError } from "../shared/errors.js";

export function parsePeopleInput<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const details = result.error.issues.map((issue) => ({
    field: issue.path.length > 0 ? issue.path.join(".") : what,
    message: issue.message,
  }));
  throw new WarroomError(
    "validation.failed",
    `invalid ${what}: ${details.map((d) => `${d.field}: ${d.message}`).join("; ")}`,
    details,
  );
}
