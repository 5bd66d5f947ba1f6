/**
 * The trainee's record: one stream per trainee (`TRN-<handle>`) in the main store, with
 * a summary of every drill run and the certificates earned. Stored events are a
 * contract: one zod schema per event type, checked again when read back.
 */
import { z } from "zod";

export const TRAINEE_STREAM_PREFIX = "TRN-";
export const TRAINEE_COMPETENCIES = ["technical", "leadership", "communication"] as const;
export type TraineeCompetency = (typeof TRAINEE_COMPETENCIES)[number];

export const TRAINEE_HANDLE = /^[\p{L}\p{N}._-]{1,100}$/u;

const handle = z.string().regex(TRAINEE_HANDLE, "a person handle: one word of letters, digits, '.', '_' or '-'");
const percent = z.number().min(0).max(100);
const points = z.number().nonnegative();

export const groupSummarySchema = z.object({ name: z.string().min(1), score: points, max: points }).strict();

export const competencySummarySchema = z
  .object({
    name: z.enum(TRAINEE_COMPETENCIES),
    weight: z.number().nonnegative(),
    /** Share of the weight earned; null when the scenario assesses none of it. */
    score: z.number().nonnegative().nullable(),
    percent: percent.nullable(),
  })
  .strict();

/** What a run scored, without the per-item evidence (that stays in the report). */
export const scoreSummarySchema = z
  .object({
    total: points,
    max: points,
    percent,
    passed: z.boolean(),
    passPercent: percent,
    /** Critical items that scored zero (any one fails the run). */
    criticalMissed: z.array(z.string()),
    groups: z.array(groupSummarySchema),
    competencies: z.array(competencySummarySchema),
  })
  .strict();
export type ScoreSummary = z.infer<typeof scoreSummarySchema>;

/** The scores a certificate carries. */
export const certificateScoresSchema = z
  .object({
    total: points,
    max: points,
    percent,
    groups: z.array(groupSummarySchema),
    competencies: z.array(competencySummarySchema),
  })
  .strict();
export type CertificateScores = z.infer<typeof certificateScoresSchema>;

export const CERTIFICATE_ID = /^CERT-[0-9A-F]{20}$/;

export const traineeEventSchemas = {
  DrillCompleted: z
    .object({
      type: z.literal("DrillCompleted"),
      trainee: handle,
      scenario: z.string().min(1),
      scenarioTitle: z.string(),
      /** The scenario is a certification exam. */
      certifies: z.boolean(),
      score: scoreSummarySchema,
      /** sha256 (hex) of the transcript that was scored. */
      transcriptHash: z.string().regex(/^[0-9a-f]{64}$/),
      /** When the run was recorded (real time, ISO-8601). */
      at: z.iso.datetime(),
    })
    .strict(),
  CertificateIssued: z
    .object({
      type: z.literal("CertificateIssued"),
      certificateId: z.string().regex(CERTIFICATE_ID),
      trainee: handle,
      scenario: z.string().min(1),
      /** The version of the DrillCompleted event (same stream) that earned it. */
      run: z.number().int().positive(),
      transcriptHash: z.string().regex(/^[0-9a-f]{64}$/),
      issuedAt: z.iso.datetime(),
      expiresAt: z.iso.datetime(),
      scores: certificateScoresSchema,
    })
    .strict(),
} as const;

export type TraineeEventType = keyof typeof traineeEventSchemas;
export type TraineeEventMap = { [K in TraineeEventType]: z.infer<(typeof traineeEventSchemas)[K]> };
export type TraineeEvent = TraineeEventMap[TraineeEventType];
export type DrillCompleted = TraineeEventMap["DrillCompleted"];
export type CertificateIssued = TraineeEventMap["CertificateIssued"];

export const traineeEventSchema = z.discriminatedUnion("type", [
  traineeEventSchemas.DrillCompleted,
  traineeEventSchemas.CertificateIssued,
]);

/** `alex-ic` → `TRN-alex-ic`: handles are matched without regard to case. */
export function traineeStreamId(trainee: string): string {
  return `${TRAINEE_STREAM_PREFIX}${trainee.toLowerCase()}`;
}
