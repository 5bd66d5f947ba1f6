/**
 * One zod-validated config, read once at start from defaults, an optional JSON file
 * (`--config`, `WARROOM_CONFIG`, or ./warroom.config.json) and environment variables.
 * Bad config fails listing every problem.
 */
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { z } from "zod";
import { decisionWeightsSchema } from "../domain/decision-support/weights.js";
import { DEFAULT_POLICY, type IncidentPolicy, SEVERITIES, type Severity } from "../domain/incident/policy.js";
import { WarroomError } from "../domain/shared/errors.js";
import { alertsConfigSchema } from "../integrations/alerts/alert-config.js";
import { chatConfigFromEnv, chatConfigSchema } from "../integrations/chat/chat-config.js";
import { statusPageConfigSchema } from "../integrations/status/status-config.js";
import { webhooksConfigSchema } from "../integrations/webhooks/webhook-config.js";

const severityOverride = z
  .object({
    criteria: z.string().min(1).optional(),
    cadenceMinutes: z.number().int().positive().nullable().optional(),
    requiredRoles: z.array(z.string()).optional(),
  })
  .strict();

export const configSchema = z
  .object({
    dbPath: z.string().min(1).default("./data/warroom.db"),
    /** PostgreSQL instead of the SQLite file when set (env DATABASE_URL), e.g. postgres://user@host:5432/warroom. */
    databaseUrl: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "databaseUrl must be a postgres:// or postgresql:// URL")
      .optional(),
    host: z.string().min(1).default("127.0.0.1"),
    port: z.number().int().min(0).max(65535).default(3000),
    /** Largest request body in bytes; text fields are limited separately by the policy. */
    bodyLimitBytes: z
      .number()
      .int()
      .positive()
      .default(256 * 1024),
    /** How often the server looks for events appended by other processes (ms). */
    pollIntervalMs: z.number().int().min(20).default(500),
    /**
     * Where the server commits appends: `inline` on the event loop, or on a writer `thread`.
     * Inline measured faster on the 2-core machines here (docs/benchmarks.md); the thread
     * keeps the loop free during fsyncs where cores are plentiful or disks slow.
     */
    storeWriter: z.enum(["inline", "thread"]).default("inline"),
    /** How often the server issues due reminders (update due/overdue, time-boxes, deadlines, triggers), ms; 0 turns it off. */
    reminderIntervalMs: z.number().int().min(0).default(15_000),
    /** How often a server that does not run the background work (webhooks, chat mirror) tries to take it over, and the one that does checks it still holds it. */
    leaderRetryMs: z.number().int().min(50).default(5_000),
    logLevel: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    /**
     * `tokens`: every route but health and signed receivers needs an API token (docs/permissions.md);
     * `off`: no sign-in (a single-user laptop). Env WARROOM_AUTH.
     */
    auth: z.enum(["tokens", "off"]).default("tokens"),
    /** Per-token request budget: `burst` at once, refilled at `perSecond` (429 with Retry-After beyond). */
    rateLimit: z
      .object({ perSecond: z.number().positive().default(1000), burst: z.number().int().positive().default(5000) })
      .strict()
      .prefault({}),
    /** A token's last-used time is written to the log at most this often (ms), not on every request. */
    tokenLastUsedWriteMs: z.number().int().min(0).default(300_000),
    /** Alert receivers and rules, outgoing webhook delivery, the public status page (docs/integrations.md). */
    alerts: alertsConfigSchema.prefault({}),
    webhooks: webhooksConfigSchema.prefault({}),
    statusPage: statusPageConfigSchema.prefault({}),
    /** Default criterion weights of the options matrix; each call may override some. */
    decisionWeights: decisionWeightsSchema,
    /** Slack and Mattermost (docs/chat.md). */
    chat: chatConfigSchema,
    policy: z
      .object({
        severities: z.partialRecord(z.enum(SEVERITIES), severityOverride).default({}),
        customRoles: z
          .array(
            z
              .object({
                id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "role ids are lower-case words joined by '-'"),
                title: z.string().min(1),
                duty: z.string().default(""),
              })
              .strict(),
          )
          .default([]),
        defaultTimeboxMinutes: z.number().int().positive().default(DEFAULT_POLICY.defaultTimeboxMinutes),
        maxTextBytes: z.number().int().positive().default(DEFAULT_POLICY.maxTextBytes),
      })
      .strict()
      .default({ severities: {}, customRoles: [], defaultTimeboxMinutes: 15, maxTextBytes: 65536 }),
  })
  .strict();

export type WarroomConfig = z.output<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;

export function buildConfig(input: unknown): WarroomConfig {
  const result = configSchema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `  - ${i.path.join(".") || "(root)"}: ${i.message}`);
  throw new WarroomError("validation.failed", `invalid configuration:\n${problems.join("\n")}`);
}

/** Defaults ← config file ← environment ← explicit overrides (CLI flags). */
export function loadConfig(
  overrides: Partial<ConfigInput> = {},
  env: NodeJS.ProcessEnv = process.env,
  configPath?: string,
): WarroomConfig {
  const path =
    configPath ?? env.WARROOM_CONFIG ?? (existsSync("warroom.config.json") ? "warroom.config.json" : undefined);
  let fromFile: Record<string, unknown> = {};
  if (path) {
    try {
      fromFile = JSON.parse(readFileSync(resolve(path), "utf8")) as Record<string, unknown>;
    } catch (error) {
      throw new WarroomError("validation.failed", `cannot read config file ${path}: ${(error as Error).message}`);
    }
  }
  const fromEnv: Record<string, unknown> = {};
  if (env.WARROOM_DB) fromEnv.dbPath = env.WARROOM_DB;
  if (env.DATABASE_URL) fromEnv.databaseUrl = env.DATABASE_URL;
  if (env.HOST) fromEnv.host = env.HOST;
  if (env.PORT) fromEnv.port = Number(env.PORT);
  if (env.LOG_LEVEL) fromEnv.logLevel = env.LOG_LEVEL;
  if (env.WARROOM_STORE_WRITER) fromEnv.storeWriter = env.WARROOM_STORE_WRITER;
  if (env.WARROOM_AUTH) fromEnv.auth = env.WARROOM_AUTH;
  const chat = chatConfigFromEnv(fromFile.chat, env);
  if (chat) fromEnv.chat = chat;
  return buildConfig({ ...fromFile, ...fromEnv, ...stripUndefined(overrides) });
}

function stripUndefined(value: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}

export function policyFromConfig(config: WarroomConfig): IncidentPolicy {
  const severities = { ...DEFAULT_POLICY.severities };
  for (const severity of SEVERITIES) {
    const override = config.policy.severities[severity as Severity];
    if (override) {
      severities[severity] = {
        criteria: override.criteria ?? severities[severity].criteria,
        cadenceMinutes:
          override.cadenceMinutes === undefined ? severities[severity].cadenceMinutes : override.cadenceMinutes,
        requiredRoles: override.requiredRoles ?? severities[severity].requiredRoles,
      };
    }
  }
  const known = new Set(DEFAULT_POLICY.roles.map((r) => r.id));
  const custom = config.policy.customRoles.filter((r) => !known.has(r.id));
  return {
    severities,
    roles: [...DEFAULT_POLICY.roles, ...custom],
    defaultTimeboxMinutes: config.policy.defaultTimeboxMinutes,
    maxTextBytes: config.policy.maxTextBytes,
  };
}
