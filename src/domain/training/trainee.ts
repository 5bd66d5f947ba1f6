/**
 * The trainee aggregate: decide(command, state, context) → events and
 * evolve(state, event) → state, pure. Recording a run appends `DrillCompleted`, and
 * `CertificateIssued` with it when the run earns one (see `certificate.ts`).
 */
import { fail } from "../shared/errors.js";
import { certificateIdOf, earnsCertificate, oneYearAfter } from "./certificate.js";
import {
  type CertificateIssued,
  type DrillCompleted,
  type ScoreSummary,
  TRAINEE_HANDLE,
  type TraineeEvent,
} from "./events.js";

export interface RecordDrill {
  type: "record-drill";
  trainee: string;
  scenario: string;
  scenarioTitle: string;
  certifies: boolean;
  score: ScoreSummary;
  transcriptHash: string;
}

export type TraineeCommand = RecordDrill;

export interface Versioned<E> {
  /** The event's version in the trainee's stream. */
  version: number;
  event: E;
}

export interface Trainee {
  trainee: string;
  version: number;
  runs: Versioned<DrillCompleted>[];
  certificates: Versioned<CertificateIssued>[];
}

export type TraineeState = Trainee | null;

export function decideTrainee(command: TraineeCommand, state: TraineeState, context: { now: string }): TraineeEvent[] {
  switch (command.type) {
    case "record-drill":
      return recordDrill(command, state, context.now);
    default: {
      const never: never = command.type;
      return fail("validation.failed", `unknown trainee command ${String(never)}`, "type");
    }
  }
}

function recordDrill(command: RecordDrill, state: TraineeState, now: string): TraineeEvent[] {
  if (!TRAINEE_HANDLE.test(command.trainee)) {
    fail("validation.failed", `'${command.trainee}' is not a person handle`, "trainee");
  }
  const drill: DrillCompleted = {
    type: "DrillCompleted",
    trainee: command.trainee,
    scenario: command.scenario,
    scenarioTitle: command.scenarioTitle,
    certifies: command.certifies,
    score: command.score,
    transcriptHash: command.transcriptHash,
    at: now,
  };
  if (!earnsCertificate(command.certifies, command.score)) return [drill];
  const { total, max, percent, groups, competencies } = command.score;
  const content = {
    trainee: command.trainee,
    scenario: command.scenario,
    run: (state?.version ?? 0) + 1,
    transcriptHash: command.transcriptHash,
    issuedAt: now,
    expiresAt: oneYearAfter(now),
    scores: { total, max, percent, groups, competencies },
  };
  const certificate: CertificateIssued = {
    type: "CertificateIssued",
    certificateId: certificateIdOf(content),
    ...content,
  };
  return [drill, certificate];
}

export function evolveTrainee(state: TraineeState, event: TraineeEvent): Trainee {
  const current: Trainee = state ?? { trainee: event.trainee, version: 0, runs: [], certificates: [] };
  const version = current.version + 1;
  switch (event.type) {
    case "DrillCompleted":
      return { ...current, version, runs: [...current.runs, { version, event }] };
    case "CertificateIssued":
      return { ...current, version, certificates: [...current.certificates, { version, event }] };
    default: {
      const never: never = event;
      throw new Error(`unknown trainee event ${JSON.stringify(never)}`);
    }
  }
}

export function foldTrainee(events: Iterable<TraineeEvent>, from: TraineeState = null): TraineeState {
  let state = from;
  for (const event of events) state = evolveTrainee(state, event);
  return state;
}
