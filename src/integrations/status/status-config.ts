/** The public status page (the `statusPage` key of the Warroom config). */
import { z } from "zod";

export const statusPageConfigSchema = z
  .object({
    title: z.string().min(1).max(200).default("Service status"),
    /** Resolved incidents stay on the page this many days. */
    resolvedDays: z.number().int().min(0).max(365).default(7),
  })
  .strict();
export type StatusPageConfig = z.output<typeof statusPageConfigSchema>;
