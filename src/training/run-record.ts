/**
 * What a drill leaves behind, for the rubric and the reports: the feed (every line the
 * trainee saw or said, on the virtual clock), each action and what it did, the drill
 * incident's events, the questions personas asked and whether they were answered, and
 * the facts revealed. Same scenario and transcript → the same record, byte for byte.
 */
import type { Channel, IncidentEvent } from "../domain/incident/events.js";
import type { ErrorCode } from "../domain/shared/errors.js";
import type { Verb } from "./verbs.js";

export type FeedKind = "persona" | "trainee" | "reminder" | "system" | "error";

export interface FeedEntry {
  seq: number;
  /** ISO time on the virtual clock. */
  at: string;
  /** Seconds from the start. */
  offset: number;
  /** "02:07", the virtual wall clock (UTC). */
  clock: string;
  kind: FeedKind;
  /** A persona handle, the trainee, or `warroom` for reminders and notices. */
  from: string;
  channel: Channel | null;
  text: string;
  /** The trainee action this line is, or answers. */
  action?: number;
  /** The inject that produced it. */
  inject?: string;
  /** Facts it reveals. */
  facts?: string[];
  /** The persona asked the commander something. */
  asks?: boolean;
  /** Versions of the events it appended to the drill incident. */
  events?: number[];
  /** The incident it concerns, in a drill with several (fronts). */
  incident?: string;
}

export interface ActionRecord {
  index: number;
  offset: number;
  clock: string;
  verb: Verb;
  fields: Record<string, unknown>;
  /** The domain command it became (for say and ask: none). */
  command: string | null;
  ok: boolean;
  events: number[];
  error?: { code: ErrorCode; message: string };
  /** The incident it acted on (its events' stream); absent before any declaration and for chat only. */
  incident?: string;
}

export type RunEvent = IncidentEvent & { version: number };

export interface PersonaAsk {
  /** Feed seq of the question. */
  seq: number;
  from: string;
  offset: number;
  text: string;
  /** Offset of the action that answered it, or null. */
  answeredAt: number | null;
  answeredBy: number | null;
  /** Offset by which the persona expected an answer. */
  dueAt: number;
}

export interface RevealedFact {
  fact: string;
  from: string;
  offset: number;
  action: number;
}

export interface DrillRun {
  scenario: { id: string; title: string };
  trainee: string;
  startedAt: string;
  endedAt: string;
  incidentId: string | null;
  feed: FeedEntry[];
  actions: ActionRecord[];
  events: RunEvent[];
  asks: PersonaAsk[];
  facts: RevealedFact[];
  /** The actions that failed, with what the trainee was told. */
  errors: { action: number; offset: number; code: ErrorCode; message: string }[];
  /**
   * Every incident of the drill in the order declared, with its front and its own events.
   * `incidentId` and `events` above are the primary one's (the primary front's, else the first).
   */
  incidents?: RunIncident[];
  /** The fronts' hard deadlines and whether each was met (its incident resolved in time). */
  deadlines?: { front: string; offset: number; what: string; met: boolean }[];
}

export interface RunIncident {
  id: string;
  /** The scenario front it was declared for, or null. */
  front: string | null;
  /** Seconds from the start when it was declared. */
  declaredAt: number;
  events: RunEvent[];
}
