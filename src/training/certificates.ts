/**
 * Finding and verifying certificates in the main store. A certificate is found by its
 * id among the `CertificateIssued` events of the trainee streams, then judged: its id
 * recomputed from its content, checked against the drill run it cites, and its expiry
 * compared with the clock. `unknown` when no certificate has that id.
 */
import { isoNow } from "../domain/shared/clock.js";
import { fail } from "../domain/shared/errors.js";
import { judgeCertificate } from "../domain/training/certificate.js";
import {
  CERTIFICATE_ID,
  type CertificateIssued,
  type DrillCompleted,
  TRAINEE_STREAM_PREFIX,
  traineeEventSchemas,
} from "../domain/training/events.js";
import type { StoredEvent } from "../store/event-store.js";
import type { TrainingRecords } from "./history.js";
import { type CertificateView, certificateViews } from "./history-view.js";

export type VerifyStatus = "valid" | "expired" | "tampered" | "unknown";

export interface CertificateCheck {
  id: string;
  status: VerifyStatus;
  reasons: string[];
  /** What the stored certificate says (absent when unknown or unreadable). */
  certificate?: {
    trainee: string;
    scenario: string;
    issuedAt: string;
    expiresAt: string;
    scores: CertificateIssued["scores"];
  };
  checkedAt: string;
}

/** `cert-3f…` → `CERT-3F…`; anything else is refused with what an id looks like. */
export function parseCertificateId(raw: string): string {
  const id = raw.trim().toUpperCase();
  if (!CERTIFICATE_ID.test(id)) {
    fail("validation.failed", `'${raw}' is not a certificate id: expected CERT- and 20 hex digits`, "id");
  }
  return id;
}

async function findIssued(records: TrainingRecords, id: string): Promise<StoredEvent | undefined> {
  let after = 0;
  for (;;) {
    const page = await records.store.readAll(after, 1000);
    for (const event of page) {
      if (!event.streamId.startsWith(TRAINEE_STREAM_PREFIX) || event.type !== "CertificateIssued") continue;
      const stored = (event.data as { certificateId?: unknown } | null)?.certificateId;
      if (typeof stored === "string" && stored.toUpperCase() === id) return event;
    }
    if (page.length < 1000) return undefined;
    after = page[page.length - 1]?.position ?? after;
  }
}

export async function verifyCertificate(records: TrainingRecords, rawId: string): Promise<CertificateCheck> {
  const id = parseCertificateId(rawId);
  const checkedAt = isoNow(records.clock);
  const found = await findIssued(records, id);
  if (!found) return { id, status: "unknown", reasons: ["no certificate with this id was issued"], checkedAt };
  const parsed = traineeEventSchemas.CertificateIssued.safeParse(found.data);
  if (!parsed.success) {
    return { id, status: "tampered", reasons: ["its stored record is no longer well-formed"], checkedAt };
  }
  const certificate = parsed.data;
  const [runEvent] = await records.store.readStream(found.streamId, certificate.run - 1);
  const drill =
    runEvent?.version === certificate.run ? traineeEventSchemas.DrillCompleted.safeParse(runEvent.data) : undefined;
  const verdict = judgeCertificate(certificate, drill?.success ? (drill.data as DrillCompleted) : undefined, checkedAt);
  const { trainee, scenario, issuedAt, expiresAt, scores } = certificate;
  return {
    id,
    status: verdict.status,
    reasons: verdict.reasons,
    certificate: { trainee, scenario, issuedAt, expiresAt, scores },
    checkedAt,
  };
}

export async function listCertificates(records: TrainingRecords, trainee: string): Promise<CertificateView[]> {
  return certificateViews(await records.require(trainee), isoNow(records.clock));
}
