/**
 * Every receiver turns its payload into the same `ReceivedAlert`s: Alertmanager's
 * webhook (version 4), Grafana's alerting webhook (Alertmanager-shaped, version 1),
 * and the generic receiver through its mapping. A malformed payload is refused naming
 * the offending field (`alerts.3.labels`); nothing is stored.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import { parseOrFail } from "../../app/validation.js";
import { fail } from "../../domain/shared/errors.js";
import type { GenericMapping, ReceiverKind, ResolvedAlertsConfig } from "./alert-config.js";

export interface ReceivedAlert {
  fingerprint: string;
  status: "firing" | "resolved";
  title: string;
  /** The severity label's value as sent (mapped to SEV-n by the rules). */
  severity: string | null;
  service: string | null;
  /** The sender's group (Alertmanager's groupKey) when there is no service. */
  group: string | null;
  description: string | null;
  link: string | null;
  labels: Record<string, string>;
  startsAt: string | null;
}

export const MAX_ALERTS_PER_REQUEST = 5000;
const text = z.string().max(4096);
const labelSet = z.record(z.string().max(256), text);
const time = z.string().max(64);

const alertmanagerAlert = z.object({
  status: z.enum(["firing", "resolved"]),
  labels: labelSet,
  annotations: labelSet.default({}),
  startsAt: time.optional(),
  endsAt: time.optional(),
  generatorURL: text.optional(),
  fingerprint: z.string().min(1).max(128).optional(),
});

const alertmanagerPayload = z.object({
  version: z.string().optional(),
  receiver: text.optional(),
  status: z.enum(["firing", "resolved"]),
  alerts: z.array(alertmanagerAlert).max(MAX_ALERTS_PER_REQUEST),
  groupLabels: labelSet.default({}),
  commonLabels: labelSet.default({}),
  commonAnnotations: labelSet.default({}),
  externalURL: text.optional(),
  groupKey: text.optional(),
  truncatedAlerts: z.number().int().min(0).optional(),
});

export function normalise(
  kind: ReceiverKind,
  body: unknown,
  config: ResolvedAlertsConfig,
  mapping: GenericMapping | null,
) {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    fail("validation.failed", "the alert payload must be a JSON object", "(body)");
  }
  if (kind === "generic") return fromGeneric(body, mapping as GenericMapping);
  const payload = parseOrFail(alertmanagerPayload, body, `${kind} alert payload`);
  if (kind === "alertmanager" && payload.version !== undefined && payload.version !== "4") {
    fail(
      "validation.failed",
      `Alertmanager webhook version ${payload.version} is not supported; send version 4`,
      "version",
    );
  }
  return payload.alerts.map((alert): ReceivedAlert => {
    const labels = alert.labels;
    const annotations = { ...payload.commonAnnotations, ...alert.annotations };
    return {
      fingerprint: alert.fingerprint ?? hashLabels(labels),
      status: alert.status,
      title: clean(annotations.summary, 300) ?? clean(labels.alertname, 300) ?? "Alert",
      severity: clean(labels[config.severityLabel], 100),
      service: clean(labels[config.serviceLabel], 100),
      group: payload.groupKey ?? null,
      description: annotations.description ?? null,
      link: alert.generatorURL || null,
      labels,
      startsAt: alert.startsAt ?? null,
    };
  });
}

/** How many alerts the sender left out of this notification (Alertmanager's `max_alerts`). */
export function truncatedCount(kind: ReceiverKind, body: unknown): number {
  if (kind === "generic" || typeof body !== "object" || body === null) return 0;
  const value = (body as { truncatedAlerts?: unknown }).truncatedAlerts;
  return typeof value === "number" && Number.isInteger(value) && value > 0 ? value : 0;
}

/** Alertmanager's own fingerprint is a hash of the label set; ours is stable the same way. */
export function hashLabels(labels: Record<string, unknown>): string {
  const sorted = Object.keys(labels)
    .sort()
    .map((key) => [key, String(labels[key])]);
  return createHash("sha256").update(JSON.stringify(sorted)).digest("hex").slice(0, 16);
}

function fromGeneric(body: object, mapping: GenericMapping): ReceivedAlert[] {
  let items: unknown[] = [body];
  if (mapping.alerts) {
    const found = at(body, mapping.alerts);
    if (!Array.isArray(found))
      fail("validation.failed", `expected an array of alerts at '${mapping.alerts}'`, mapping.alerts);
    if (found.length > MAX_ALERTS_PER_REQUEST)
      fail("validation.failed", `at most ${MAX_ALERTS_PER_REQUEST} alerts per request`, mapping.alerts);
    items = found;
  }
  return items.map((item, index) => {
    const where = (path: string) => (mapping.alerts ? `${mapping.alerts}.${index}.${path}` : path);
    const read = (path: string | undefined, required = false): string | null => {
      if (path === undefined) return null;
      const value = at(item, path);
      if (value === undefined || value === null || value === "") {
        if (required) fail("validation.failed", `the alert has no value at '${where(path)}'`, where(path));
        return null;
      }
      if (typeof value === "object")
        fail("validation.failed", `'${where(path)}' must be text or a number`, where(path));
      const out = String(value);
      if (out.length > 4096) fail("validation.failed", `'${where(path)}' is over 4096 characters`, where(path));
      return out;
    };
    const title =
      clean(read(mapping.title, true), 300) ??
      fail("validation.failed", `the alert's title at '${where(mapping.title)}' is blank`, where(mapping.title));
    const labelsValue = mapping.labels ? at(item, mapping.labels) : undefined;
    const labels: Record<string, string> = {};
    if (labelsValue !== undefined) {
      if (typeof labelsValue !== "object" || labelsValue === null || Array.isArray(labelsValue))
        fail(
          "validation.failed",
          `'${where(mapping.labels as string)}' must be an object`,
          where(mapping.labels as string),
        );
      for (const [k, v] of Object.entries(labelsValue)) labels[k] = String(v);
    }
    const severity = clean(read(mapping.severity), 100);
    const service = clean(read(mapping.service), 100);
    if (severity !== null) labels.severity ??= severity;
    if (service !== null) labels.service ??= service;
    const status = read(mapping.status);
    const resolved = status !== null && mapping.resolvedValues.some((v) => v.toLowerCase() === status.toLowerCase());
    return {
      fingerprint: read(mapping.fingerprint) ?? hashLabels({ ...labels, title }),
      status: resolved ? "resolved" : "firing",
      title,
      severity,
      service,
      group: read(mapping.group),
      description: read(mapping.description),
      link: read(mapping.link),
      labels,
      startsAt: null,
    };
  });
}

/**
 * Trimmed and cut to `max` characters, or null when blank: what becomes an incident's
 * title or service must pass the declare command's checks, or the group's claimed
 * declaration could never be made.
 */
function clean(value: string | null | undefined, max: number): string | null {
  const trimmed = value?.trim() ?? "";
  return trimmed === "" ? null : trimmed.slice(0, max);
}

/** `a.b.0.c` into a JSON value; only own properties, so `__proto__` finds nothing. */
function at(value: unknown, path: string): unknown {
  let current = value;
  for (const key of path.split(".")) {
    if (current === null || typeof current !== "object" || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
