/** Outgoing webhook delivery tuning (the `webhooks` key of the Warroom config). */
import { z } from "zod";

export const webhooksConfigSchema = z
  .object({
    /** Deliver from this server; with several instances on one store, let one of them deliver. */
    deliver: z.boolean().default(true),
    /** First retry delay; each failure doubles it, up to `maxDelayMs`, with up to half of it as random jitter. */
    baseDelayMs: z.number().int().min(10).default(1000),
    maxDelayMs: z
      .number()
      .int()
      .min(10)
      .default(5 * 60_000),
    /** A receiver answering slower than this counts as a failure. */
    timeoutMs: z.number().int().min(100).default(10_000),
    /** How often a caught-up subscription looks for new events when the live feed is quiet. */
    pollIntervalMs: z.number().int().min(20).default(1000),
  })
  .strict();
export type WebhooksConfig = z.output<typeof webhooksConfigSchema>;
