/**
 * The alert groups' own streams (`ALR-<hash of the group key>`), so restarts and several
 * instances agree on which alerts were seen and which incident a group feeds. A group
 * claims a declaration before making it (the store's expected-version guard lets one
 * writer win), and the declaration's idempotency key is derived from the claim, so
 * whoever finishes it makes the same single incident.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import { SEVERITIES } from "../../domain/incident/policy.js";

export const ALERT_STREAM_PREFIX = "ALR-";

export const OUTCOMES = ["declared", "attached", "repeat", "resolved", "ignored", "watching"] as const;
export type AlertOutcome = (typeof OUTCOMES)[number];

const declareSchema = z.object({
  title: z.string(),
  severity: z.enum(SEVERITIES),
  impact: z.string(),
  services: z.array(z.string()),
  commander: z.string().optional(),
});
export type AlertDeclaration = z.infer<typeof declareSchema>;

export const alertEventSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("AlertIncidentClaimed"),
    at: z.string(),
    groupKey: z.string(),
    /** Unique per claim in this stream; the declaration's idempotency key is built from it. */
    claim: z.string(),
    actor: z.string(),
    declare: declareSchema,
  }),
  z.object({ type: z.literal("AlertIncidentLinked"), at: z.string(), claim: z.string(), incidentId: z.string() }),
  /** The claimed declaration was refused (it can never succeed): the group is free again. */
  z.object({ type: z.literal("AlertClaimAbandoned"), at: z.string(), claim: z.string(), reason: z.string() }),
  z.object({
    type: z.literal("AlertsRecorded"),
    at: z.string(),
    receiver: z.string(),
    incidentId: z.string().nullable(),
    alerts: z.array(
      z.object({
        fingerprint: z.string(),
        status: z.enum(["firing", "resolved"]),
        title: z.string(),
        outcome: z.enum(OUTCOMES),
      }),
    ),
  }),
]);
export type AlertEvent = z.infer<typeof alertEventSchema>;

export interface AlertGroupState {
  version: number;
  /** The incident this group feeds (may since be resolved), or null. */
  incidentId: string | null;
  /** A claimed declaration nobody has linked yet (a writer stopped half-way). */
  pendingClaim: { claim: string; actor: string; declare: AlertDeclaration } | null;
  /** Firing alerts by fingerprint, with the incident they were attached to. */
  firing: Map<string, string | null>;
  seen: number;
}

export function emptyGroup(): AlertGroupState {
  return { version: 0, incidentId: null, pendingClaim: null, firing: new Map(), seen: 0 };
}

/** Folds stored events onto a state in place, each once by its version, and returns it. */
export function foldGroup(
  state: AlertGroupState,
  events: readonly { version: number; data: unknown }[],
): AlertGroupState {
  for (const stored of events) {
    if (stored.version <= state.version) continue;
    const event = alertEventSchema.parse(stored.data);
    state.version = stored.version;
    switch (event.type) {
      case "AlertIncidentClaimed":
        state.pendingClaim = { claim: event.claim, actor: event.actor, declare: event.declare };
        break;
      case "AlertIncidentLinked":
        state.pendingClaim = null;
        state.incidentId = event.incidentId;
        break;
      case "AlertClaimAbandoned":
        state.pendingClaim = null;
        break;
      case "AlertsRecorded":
        state.seen += event.alerts.length;
        for (const alert of event.alerts) {
          if (alert.status === "resolved") state.firing.delete(alert.fingerprint);
          else if (alert.outcome !== "ignored") state.firing.set(alert.fingerprint, event.incidentId);
        }
        break;
      default:
        event satisfies never;
    }
  }
  return state;
}

export function groupStreamId(groupKey: string): string {
  return `${ALERT_STREAM_PREFIX}${createHash("sha256").update(groupKey).digest("hex").slice(0, 24)}`;
}
