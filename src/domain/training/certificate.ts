/**
 * Certificates: the rule that earns one, its expiry, its id, and the verdict on a stored
 * one. The id is `CERT-` and the first 80 bits of a sha256 over the certificate's whole
 * content (trainee, scenario, run, transcript digest, dates, scores), so anyone holding
 * the record can recompute it: a stored certificate whose content was changed no longer
 * matches its id. Pure: time comes in as an ISO string.
 */
import { createHash } from "node:crypto";
import type { CertificateIssued, DrillCompleted, ScoreSummary } from "./events.js";

/** A certificate needs this percentage whatever the scenario's own pass mark. */
export const CERTIFICATE_PASS_PERCENT = 80;

export type CertificateStatus = "valid" | "expired" | "tampered";

export interface CertificateVerdict {
  status: CertificateStatus;
  /** Why it is not valid (empty when valid). */
  reasons: string[];
}

/** Passed, at 80% or more, with no critical item at zero, on a certifying scenario. */
export function earnsCertificate(certifies: boolean, score: ScoreSummary): boolean {
  return certifies && score.passed && score.percent >= CERTIFICATE_PASS_PERCENT && score.criticalMissed.length === 0;
}

/** One calendar year later (29 February rolls over to 1 March). */
export function oneYearAfter(iso: string): string {
  const at = new Date(iso);
  at.setUTCFullYear(at.getUTCFullYear() + 1);
  return at.toISOString();
}

/** JSON with every object's keys sorted: the same content always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** The id a certificate's content gives; `type` and the id itself are not part of it. */
export function certificateIdOf(content: Omit<CertificateIssued, "type" | "certificateId">): string {
  const { trainee, scenario, run, transcriptHash, issuedAt, expiresAt, scores } = content;
  const digest = createHash("sha256")
    .update(canonicalJson({ trainee, scenario, run, transcriptHash, issuedAt, expiresAt, scores }))
    .digest("hex");
  return `CERT-${digest.slice(0, 20).toUpperCase()}`;
}

/**
 * The verdict on a stored certificate: `tampered` when its content no longer gives its
 * id or no longer agrees with the drill run that earned it; otherwise `expired` from its
 * expiry on, `valid` before.
 */
export function judgeCertificate(
  certificate: CertificateIssued,
  drill: DrillCompleted | undefined,
  now: string,
): CertificateVerdict {
  const reasons: string[] = [];
  if (certificateIdOf(certificate) !== certificate.certificateId) {
    reasons.push("its content no longer matches its id");
  }
  if (certificate.expiresAt !== oneYearAfter(certificate.issuedAt)) {
    reasons.push("its expiry is not one year after its issue date");
  }
  if (drill === undefined) {
    reasons.push(`the drill run it cites (#${certificate.run}) is missing`);
  } else {
    const same =
      drill.trainee.toLowerCase() === certificate.trainee.toLowerCase() &&
      drill.scenario === certificate.scenario &&
      drill.transcriptHash === certificate.transcriptHash &&
      drill.score.total === certificate.scores.total &&
      drill.score.max === certificate.scores.max &&
      drill.score.percent === certificate.scores.percent;
    if (!same) reasons.push(`it does not agree with the drill run it cites (#${certificate.run})`);
    else if (!earnsCertificate(drill.certifies, drill.score)) {
      reasons.push(`the drill run it cites (#${certificate.run}) did not earn a certificate`);
    }
  }
  if (reasons.length > 0) return { status: "tampered", reasons };
  if (Date.parse(now) >= Date.parse(certificate.expiresAt)) {
    return { status: "expired", reasons: [`it expired on ${certificate.expiresAt.slice(0, 10)}`] };
  }
  return { status: "valid", reasons: [] };
}
