/**
 * Alert ingestion config (the `alerts` key of the Warroom config): the receivers, how
 * each authenticates, the generic receiver's mapping, and the rules that decide which
 * alerts declare an incident and which attach to an open one. Rules and mappings may
 * also live in their own YAML or JSON file (`rulesFile`, `mappingFile`), read at start.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { SEVERITIES } from "../../domain/incident/policy.js";
import { WarroomError } from "../../domain/shared/errors.js";

const HANDLE = /^[\p{L}\p{N}._-]{1,100}$/u;
const secret = z.string().min(16, "a shared secret is at least 16 characters");

/** Exactly one of the literal secret or the environment variable holding it. */
export const receiverAuthSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("bearer"), token: secret.optional(), tokenEnv: z.string().min(1).optional() }).strict(),
  z
    .object({
      type: z.literal("hmac"),
      secret: secret.optional(),
      secretEnv: z.string().min(1).optional(),
      /** How far the signed timestamp may be from now, seconds. */
      toleranceSeconds: z.number().int().positive().max(3600).default(300),
    })
    .strict(),
]);
export type ReceiverAuth = z.output<typeof receiverAuthSchema>;

/** Where the generic receiver finds each field: dotted paths into the payload. */
export const genericMappingSchema = z
  .object({
    /** Dotted path to the array of alerts; omit when the payload is one alert. */
    alerts: z.string().min(1).optional(),
    title: z.string().min(1),
    severity: z.string().min(1).optional(),
    fingerprint: z.string().min(1).optional(),
    status: z.string().min(1).optional(),
    /** Values of `status` that mean resolved (compared case-insensitively). */
    resolvedValues: z.array(z.string()).default(["resolved", "ok", "closed", "recovered"]),
    service: z.string().min(1).optional(),
    group: z.string().min(1).optional(),
    description: z.string().min(1).optional(),
    link: z.string().min(1).optional(),
    /** Dotted path to an object of labels (fingerprint is their hash when no path is given). */
    labels: z.string().min(1).optional(),
  })
  .strict();
export type GenericMapping = z.output<typeof genericMappingSchema>;

export const RECEIVER_KINDS = ["alertmanager", "grafana", "generic"] as const;
export type ReceiverKind = (typeof RECEIVER_KINDS)[number];

export const receiverSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "a receiver name is lower-case words joined by '-'"),
    kind: z.enum(RECEIVER_KINDS),
    auth: receiverAuthSchema,
    /** Who the timeline says acted; the receiver's name by default. */
    actor: z.string().regex(HANDLE, "the actor is a person or bot handle").optional(),
    mapping: genericMappingSchema.optional(),
    mappingFile: z.string().min(1).optional(),
  })
  .strict();
export type ReceiverConfig = z.output<typeof receiverSchema>;

const matchValue = z.union([z.string(), z.array(z.string()).min(1)]);
export const alertRuleSchema = z
  .object({
    /** Label values (or `service`, `source`) that must all match; a list means any of them. */
    match: z.record(z.string(), matchValue).default({}),
    action: z.enum(["declare", "attach", "ignore"]),
    /** Severity of a declared incident; from `severityMap` on the severity label otherwise. */
    severity: z.enum(SEVERITIES).optional(),
    commander: z.string().regex(HANDLE).optional(),
  })
  .strict();
export type AlertRule = z.output<typeof alertRuleSchema>;

export const DEFAULT_SEVERITY_MAP: Record<string, (typeof SEVERITIES)[number]> = {
  critical: "SEV-1",
  page: "SEV-1",
  error: "SEV-2",
  high: "SEV-2",
  major: "SEV-2",
  warning: "SEV-3",
  minor: "SEV-3",
  info: "SEV-4",
  low: "SEV-4",
};

/** A critical or error alert declares; anything else attaches to an open incident of its group. */
export const DEFAULT_RULES: AlertRule[] = [
  { match: { severity: ["critical", "page", "error", "high", "major"] }, action: "declare" },
  { match: {}, action: "attach" },
];

export const alertsConfigSchema = z
  .object({
    receivers: z.array(receiverSchema).default([]),
    rules: z.array(alertRuleSchema).optional(),
    rulesFile: z.string().min(1).optional(),
    severityMap: z.record(z.string(), z.enum(SEVERITIES)).default(DEFAULT_SEVERITY_MAP),
    /** The label naming the severity, and the one naming the service (the grouping key). */
    severityLabel: z.string().min(1).default("severity"),
    serviceLabel: z.string().min(1).default("service"),
  })
  .strict()
  .superRefine((value, ctx) => {
    const names = new Set<string>();
    value.receivers.forEach((receiver, index) => {
      if (names.has(receiver.name))
        ctx.addIssue({ code: "custom", path: ["receivers", index, "name"], message: "receiver names are unique" });
      names.add(receiver.name);
      const auth = receiver.auth;
      const given = auth.type === "bearer" ? [auth.token, auth.tokenEnv] : [auth.secret, auth.secretEnv];
      if (given.filter((v) => v !== undefined).length !== 1) {
        const fields = auth.type === "bearer" ? "token or tokenEnv" : "secret or secretEnv";
        ctx.addIssue({ code: "custom", path: ["receivers", index, "auth"], message: `give exactly one of ${fields}` });
      }
      if (receiver.kind === "generic" && !receiver.mapping === !receiver.mappingFile) {
        ctx.addIssue({
          code: "custom",
          path: ["receivers", index, "mapping"],
          message: "a generic receiver needs exactly one of mapping or mappingFile",
        });
      }
    });
    if (value.rules && value.rulesFile)
      ctx.addIssue({ code: "custom", path: ["rulesFile"], message: "give rules or rulesFile, not both" });
  });
export type AlertsConfig = z.output<typeof alertsConfigSchema>;

/** A receiver ready to use: secret read, mapping loaded. */
export interface ResolvedReceiver {
  name: string;
  kind: ReceiverKind;
  actor: string;
  auth: { type: "bearer"; token: string } | { type: "hmac"; secret: string; toleranceSeconds: number };
  mapping: GenericMapping | null;
}

export interface ResolvedAlertsConfig {
  receivers: Map<string, ResolvedReceiver>;
  rules: AlertRule[];
  severityMap: Record<string, (typeof SEVERITIES)[number]>;
  severityLabel: string;
  serviceLabel: string;
}

/** Reads secrets from the environment and the rule and mapping files; every problem is listed. */
export function resolveAlertsConfig(config: AlertsConfig, env: NodeJS.ProcessEnv = process.env): ResolvedAlertsConfig {
  const problems: string[] = [];
  const receivers = new Map<string, ResolvedReceiver>();
  for (const receiver of config.receivers) {
    const where = `alerts.receivers.${receiver.name}`;
    const auth = receiver.auth;
    const envName = auth.type === "bearer" ? auth.tokenEnv : auth.secretEnv;
    const value = (auth.type === "bearer" ? auth.token : auth.secret) ?? (envName ? env[envName] : undefined);
    if (!value || value.length < 16) {
      problems.push(`${where}.auth: environment variable ${envName} is unset or shorter than 16 characters`);
      continue;
    }
    let mapping = receiver.mapping ?? null;
    if (receiver.mappingFile) {
      try {
        mapping = genericMappingSchema.parse(readDataFile(receiver.mappingFile));
      } catch (error) {
        problems.push(`${where}.mappingFile: ${describe(error)}`);
        continue;
      }
    }
    receivers.set(receiver.name, {
      name: receiver.name,
      kind: receiver.kind,
      actor: receiver.actor ?? receiver.name,
      auth:
        auth.type === "bearer"
          ? { type: "bearer", token: value }
          : { type: "hmac", secret: value, toleranceSeconds: auth.toleranceSeconds },
      mapping,
    });
  }
  let rules = config.rules ?? DEFAULT_RULES;
  if (config.rulesFile) {
    try {
      rules = z.array(alertRuleSchema).parse(readDataFile(config.rulesFile));
    } catch (error) {
      problems.push(`alerts.rulesFile: ${describe(error)}`);
    }
  }
  if (problems.length > 0) {
    throw new WarroomError("validation.failed", `invalid alerts configuration:\n  - ${problems.join("\n  - ")}`);
  }
  return {
    receivers,
    rules,
    severityMap: config.severityMap,
    severityLabel: config.severityLabel,
    serviceLabel: config.serviceLabel,
  };
}

/** YAML is a superset of JSON, so one parser reads both. */
function readDataFile(path: string): unknown {
  return parseYaml(readFileSync(resolve(path), "utf8"));
}

function describe(error: unknown): string {
  if (error instanceof z.ZodError) {
    return error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
  }
  return error instanceof Error ? error.message : String(error);
}
