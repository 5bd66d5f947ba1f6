/**
 * Training records in the main store: each trainee has a stream (`TRN-<handle>`) of
 * `DrillCompleted` and `CertificateIssued` events, appended through the EventStore port
 * with the version the writer saw (a concurrent writer makes it reload and decide
 * again). Only the score summary lands here; the drill's own incident stays in the
 * drill's database.
 */
import { createHash } from "node:crypto";
import { type Clock, isoNow } from "../domain/shared/clock.js";
import { fail, isWarroomError } from "../domain/shared/errors.js";
import {
  type CertificateIssued,
  type DrillCompleted,
  type ScoreSummary,
  TRAINEE_HANDLE,
  type TraineeEvent,
  traineeEventSchema,
  traineeStreamId,
} from "../domain/training/events.js";
import {
  decideTrainee,
  foldTrainee,
  type Trainee,
  type TraineeState,
  type Versioned,
} from "../domain/training/trainee.js";
import type { EventStore } from "../store/event-store.js";
import { historyOf, type TrainingHistory } from "./history-view.js";
import type { Score } from "./rubric/types.js";
import type { Scenario } from "./scenario-schema.js";

const MAX_RETRIES = 5;

/** A scenario that is a certification exam (`certifies: true`). */
export function isCertifying(scenario: Scenario): boolean {
  return scenario.certifies === true;
}

/** The score without its evidence, plus the pass mark and the critical items at zero. */
export function summariseScore(scenario: Scenario, score: Score): ScoreSummary {
  const critical = new Set(scenario.rubric.groups.flatMap((g) => g.items.filter((i) => i.critical).map((i) => i.id)));
  return {
    total: score.total,
    max: score.max,
    percent: score.percent,
    passed: score.passed,
    passPercent: scenario.rubric.passPercent,
    criticalMissed: score.items.filter((i) => critical.has(i.id) && i.points === 0).map((i) => i.id),
    groups: score.groups.map(({ name, score: points, max }) => ({ name, score: points, max })),
    competencies: score.competencies.map(({ name, weight, score: points, percent }) => ({
      name,
      weight,
      score: points,
      percent,
    })),
  };
}

export function transcriptDigest(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

export interface RecordedRun {
  /** 1 for the trainee's first recorded run, 2 for the next… */
  number: number;
  drill: Versioned<DrillCompleted>;
  certificate: Versioned<CertificateIssued> | null;
}

/** A person handle, `@` allowed in front; anything else is refused naming the field. */
export function checkTrainee(trainee: string, field = "trainee"): string {
  const handle = trainee.trim().replace(/^@/, "");
  if (!TRAINEE_HANDLE.test(handle)) {
    fail(
      "validation.failed",
      `${field}: '${trainee}' is not a person handle (letters, digits, '.', '_' or '-')`,
      field,
    );
  }
  return handle;
}

export class TrainingRecords {
  constructor(
    readonly store: EventStore,
    readonly clock: Clock,
  ) {}

  /** Appends the run's summary (and the certificate it earns) to the trainee's stream. */
  async record(input: { scenario: Scenario; score: Score; transcriptText: string }): Promise<RecordedRun> {
    const trainee = checkTrainee(input.score.trainee);
    const command = {
      type: "record-drill" as const,
      trainee,
      scenario: input.scenario.id,
      scenarioTitle: input.scenario.title,
      certifies: isCertifying(input.scenario),
      score: summariseScore(input.scenario, input.score),
      transcriptHash: transcriptDigest(input.transcriptText),
    };
    const streamId = traineeStreamId(trainee);
    for (let attempt = 0; ; attempt++) {
      const state = await this.load(trainee);
      const events = decideTrainee(command, state, { now: isoNow(this.clock) });
      try {
        const result = await this.store.append({
          streamId,
          expectedVersion: state?.version ?? 0,
          events: events.map((data) => ({ type: data.type, data })),
        });
        const stored = result.events.map((e) => ({ version: e.version, event: e.data as TraineeEvent }));
        const drill = stored.find((s) => s.event.type === "DrillCompleted") as Versioned<DrillCompleted>;
        const certificate = stored.find((s) => s.event.type === "CertificateIssued") as
          | Versioned<CertificateIssued>
          | undefined;
        return { number: (state?.runs.length ?? 0) + 1, drill, certificate: certificate ?? null };
      } catch (error) {
        const conflict = isWarroomError(error) && error.code === "stream.version_conflict";
        if (!conflict || attempt >= MAX_RETRIES) throw error;
      }
    }
  }

  /** The trainee's record, or null when nothing was recorded for them. */
  async load(trainee: string): Promise<TraineeState> {
    const streamId = traineeStreamId(trainee);
    const stored = await this.store.readStream(streamId);
    const events = stored.map((e) => {
      const parsed = traineeEventSchema.safeParse(e.data);
      if (!parsed.success) {
        fail("internal", `${streamId} event ${e.version} does not match its stored schema: the record was altered`);
      }
      return parsed.data;
    });
    return foldTrainee(events);
  }

  /** The trainee's record; `trainee.not_found` when no run was recorded for them. */
  async require(trainee: string): Promise<Trainee> {
    const handle = checkTrainee(trainee);
    const state = await this.load(handle);
    if (state === null) {
      const how = "record one with `warroom train <scenario> --transcript FILE --record-history`";
      fail("trainee.not_found", `no drill runs are recorded for '${handle}' (${how})`, "trainee");
    }
    return state;
  }

  async history(trainee: string): Promise<TrainingHistory> {
    return historyOf(await this.require(trainee), isoNow(this.clock));
  }
}
