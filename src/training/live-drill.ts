/**
 * One drill played over the API: a `DrillSession` (its own in-memory engine and virtual
 * clock) driven by requests instead of a terminal. The trainee types the interactive
 * drill's lines (`assign tech-lead sarah-db`, `say …`, `ask …`, `wait 2m`) or sends a
 * transcript-shaped action; virtual time moves when asked (`advance`) or runs at `speed`
 * virtual seconds per real second, and stops by itself at the scenario's end. Operations
 * run one at a time (the session is not re-entrant). Every accepted action is kept as a
 * transcript entry, so a drill played in the browser replays to the same score with
 * `warroom train <scenario> --transcript`.
 */
import { stringify } from "yaml";
import type { Clock } from "../domain/shared/clock.js";
import { WarroomError } from "../domain/shared/errors.js";
import { parseCommandLine } from "./command-line.js";
import type { DrillClock } from "./drill-api-types.js";
import type { JournalEntry } from "./drill-journal.js";
import { type DrillReport, drillReport } from "./drill-report.js";
import { formatOffset, parseOffset, wallClock } from "./duration.js";
import type { TrainingRecords } from "./history.js";
import { IdempotentAnswers } from "./idempotent-answers.js";
import { scoreRun } from "./rubric/score.js";
import type { ActionRecord, FeedEntry } from "./run-record.js";
import type { Scenario } from "./scenario-schema.js";
import type { DrillSession } from "./session.js";
import { checkAction } from "./transcript.js";

/** A drill may run on this long past its scheduled end (the trainee acting late), no further. */
export type { DrillClock } from "./drill-api-types.js";

export const MAX_OVERTIME_SECONDS = 2 * 3600;
/** The fastest the virtual clock may run. */
export const MAX_SPEED = 120;

export type DrillEvent =
  | { type: "feed"; entry: FeedEntry }
  | { type: "clock"; clock: DrillClock }
  | { type: "finished"; percent: number; passed: boolean };

export interface InputResult {
  /** The action as the drill recorded it (ok false: the engine refused it, as it would live); null for wait. */
  action: ActionRecord | null;
  /** Feed lines that appeared meanwhile. */
  feed: FeedEntry[];
  clock: DrillClock;
}

export type DrillInput = { line: string } | { action: Record<string, unknown> };

function refuse(field: string, message: string): never {
  throw new WarroomError("validation.failed", `${field}: ${message}`, [{ field, message }]);
}

export class LiveDrill {
  status: "running" | "finished" = "running";
  report: DrillReport | null = null;
  /** Real time (ms) of the last request that used it: idle drills expire. */
  lastUsed: number;
  readonly startedAt: number;
  private speed = 0;
  private anchorReal: number;
  private anchorOffset = 0;
  private readonly recorded: Record<string, unknown>[] = [];
  private readonly listeners = new Set<(event: DrillEvent) => void>();
  private chain: Promise<unknown> = Promise.resolve();
  private readonly answered = new IdempotentAnswers<InputResult>(100);
  /** Set while the journal is being replayed: nothing is journalled again. */
  private replaying = false;

  constructor(
    readonly id: string,
    readonly scenario: Scenario,
    readonly session: DrillSession,
    private readonly realClock: Clock,
    /** Where the drill's inputs are kept so it survives a restart (see drill-journal.ts). */
    private readonly journal: (entry: JournalEntry) => Promise<void> = async () => undefined,
    startedAt?: number,
  ) {
    this.startedAt = startedAt ?? realClock.now();
    this.lastUsed = this.startedAt;
    this.anchorReal = this.startedAt;
  }

  get trainee(): string {
    return this.session.trainee;
  }

  get feed(): readonly FeedEntry[] {
    return this.session.feed;
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  /** Called by the session for every feed line. */
  feedLine(entry: FeedEntry): void {
    this.emit({ type: "feed", entry });
  }

  subscribe(listener: (event: DrillEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  clockView(): DrillClock {
    const offset = this.session.offset;
    const at = this.session.nowIso();
    return {
      offset,
      offsetText: formatOffset(offset),
      at,
      clock: wallClock(at),
      duration: this.session.durationSeconds,
      speed: this.status === "running" ? this.speed : 0,
    };
  }

  feedAfter(seq: number, limit: number): FeedEntry[] {
    // seq is 1-based and dense: entry n is at index n - 1.
    return this.session.feed.slice(seq, seq + limit);
  }

  /**
   * The trainee's typed line or transcript-shaped action, done now on the virtual clock.
   * With a key, a retried request answers the first result and does nothing again.
   */
  input(input: DrillInput, idempotencyKey?: string): Promise<InputResult> {
    return idempotencyKey === undefined
      ? this.perform(input)
      : this.answered.answer(idempotencyKey, JSON.stringify(input), () => this.perform(input));
  }

  private perform(input: DrillInput): Promise<InputResult> {
    return this.exclusive(async () => {
      const before = this.session.feed.length;
      await this.catchUp();
      let action: ActionRecord | null = null;
      if ("line" in input) {
        const line = input.line.trim();
        const word = line.split(/\s+/)[0]?.toLowerCase() ?? "";
        if (word === "wait") await this.moveBy(parseOffset(line.split(/\s+/)[1] ?? "1m", "wait"), "wait");
        else if (["end", "quit", "exit", "help", "clock", "time", "brief", "briefing"].includes(word)) {
          refuse("line", `'${word}' is not a drill command here: the page has it as a button (end: finish the drill)`);
        } else action = await this.act(parseCommandLine(line));
      } else {
        action = await this.act(input.action);
      }
      this.emitClock();
      return { action, feed: this.session.feed.slice(before), clock: this.clockView() };
    });
  }

  /** Lets `seconds` of virtual time pass now, and/or sets the speed of the running clock. */
  setClock(change: { advance?: number; speed?: number }): Promise<InputResult> {
    return this.exclusive(async () => {
      const before = this.session.feed.length;
      await this.catchUp();
      if (change.speed !== undefined) {
        this.anchorOffset = this.session.offset;
        this.anchorReal = this.realClock.now();
        this.speed = change.speed;
        await this.record({ type: "DrillClockMoved", offset: this.session.offset });
      }
      if (change.advance !== undefined && change.advance > 0) await this.moveBy(change.advance, "advance");
      this.emitClock();
      return { action: null, feed: this.session.feed.slice(before), clock: this.clockView() };
    });
  }

  /** Plays the lines due at the start, so the room is talking when the trainee arrives. */
  open(): Promise<void> {
    return this.exclusive(() => this.catchUp());
  }

  /** For the registry's ticker: plays what fell due on the running clock. */
  tick(): Promise<void> {
    if (this.status !== "running" || this.speed === 0) return Promise.resolve();
    return this.exclusive(async () => {
      const offset = this.session.offset;
      await this.catchUp();
      if (this.session.offset !== offset) this.emitClock();
    });
  }

  /** Runs the drill to its end, scores it, records it when `records` is given, and frees its engine. */
  finish(records: TrainingRecords | null): Promise<DrillReport> {
    return this.exclusive(() => this.finishNow(records));
  }

  private async finishNow(records: TrainingRecords | null): Promise<DrillReport> {
    if (this.report) return this.report;
    await this.catchUp();
    const run = await this.session.finish();
    const score = scoreRun(this.scenario, run);
    const transcript = stringify(
      { trainee: this.trainee, scenario: this.scenario.id, actions: this.recorded },
      { lineWidth: 0 },
    );
    const recorded = records
      ? await records.record({ scenario: this.scenario, score, transcriptText: transcript })
      : null;
    this.report = drillReport({ drill: this.id, scenario: this.scenario, score, run, transcript, recorded });
    await this.record({ type: "DrillFinished", offset: this.session.offset });
    this.status = "finished";
    this.speed = 0;
    await this.session.close();
    this.emitClock();
    this.emit({ type: "finished", percent: score.percent, passed: score.passed });
    return this.report;
  }

  /**
   * Plays the journal of a drill the server ran before it restarted: the same actions at
   * the same virtual seconds give the same feed and state. The clock is left stopped.
   */
  replay(entries: readonly JournalEntry[]): Promise<void> {
    return this.exclusive(async () => {
      this.replaying = true;
      try {
        for (const entry of entries) {
          await this.session.advanceTo(Math.max(entry.offset, this.session.offset), 0);
          if (entry.type === "DrillActed") await this.act(entry.action);
          // Scored again from the same run: the same report (its record was written the first time).
          if (entry.type === "DrillFinished") {
            await this.finishNow(null);
            return;
          }
        }
      } finally {
        this.replaying = false;
      }
      this.anchorOffset = this.session.offset;
      this.anchorReal = this.realClock.now();
      this.speed = 0;
    });
  }

  /** Before a shutdown: plays what fell due, stops the clock and notes where it stood. */
  pause(): Promise<void> {
    if (this.status !== "running") return Promise.resolve();
    return this.exclusive(async () => {
      if (this.status !== "running") return;
      await this.catchUp();
      this.anchorOffset = this.session.offset;
      this.speed = 0;
      await this.record({ type: "DrillClockMoved", offset: this.session.offset });
    });
  }

  /** Frees the engine without scoring (expiry, shutdown). */
  async discard(): Promise<void> {
    this.listeners.clear();
    if (this.status === "finished") return;
    this.status = "finished";
    await this.chain;
    await this.session.close();
  }

  requireRunning(): void {
    if (this.status === "finished") {
      throw new WarroomError(
        "drill.finished",
        `${this.id} is finished: its score report is at /api/drills/${this.id}/report`,
        [{ field: "id", message: "the drill is finished" }],
      );
    }
  }

  private async act(raw: Record<string, unknown>): Promise<ActionRecord> {
    const at = this.session.offset;
    const checked = checkAction(raw, this.recorded.length, at);
    if ("problems" in checked) {
      const verb = String(raw.do ?? "");
      const list = checked.problems.map((p) => `${p.field}: ${p.message}`).join("; ");
      throw new WarroomError(
        "validation.failed",
        `${verb || "the command"}: ${list}`,
        checked.problems.map((p) => ({ field: p.field, message: p.message })),
      );
    }
    // The time is the drill's, whatever `at` the client sent.
    const { at: _sent, ...typed } = raw;
    this.recorded.push({ at: formatOffset(at).slice(2), ...typed });
    const { verb, fields, index, incident } = checked.action;
    const done = await this.session.act(verb, fields, index, incident);
    await this.record({ type: "DrillActed", offset: at, action: typed });
    return done;
  }

  private async record(entry: JournalEntry): Promise<void> {
    if (!this.replaying) await this.journal(entry);
  }

  /** The virtual time the clock has reached: the anchor, plus real time at speed, held at the end. */
  private target(): number {
    if (this.speed === 0) return this.anchorOffset;
    const ran = Math.floor(((this.realClock.now() - this.anchorReal) / 1000) * this.speed);
    const end = Math.max(this.session.durationSeconds, this.anchorOffset);
    return Math.min(this.anchorOffset + ran, end);
  }

  private async catchUp(): Promise<void> {
    this.requireRunning();
    const target = this.target();
    if (this.speed > 0 && target >= Math.max(this.session.durationSeconds, this.anchorOffset)) {
      // The running clock stops at the scenario's end; the trainee may still act or advance.
      this.anchorOffset = target;
      this.anchorReal = this.realClock.now();
      this.speed = 0;
    }
    // Lines due at this very second are said first (as the CLI drill does); checks wait until it has passed.
    await this.session.advanceTo(Math.max(target, this.session.offset), 0);
  }

  private async moveBy(seconds: number, field: string): Promise<void> {
    const limit = this.session.durationSeconds + MAX_OVERTIME_SECONDS;
    const to = this.session.offset + seconds;
    if (to > limit) {
      refuse(
        field,
        `the drill runs ${formatOffset(this.session.durationSeconds).slice(2)}; it cannot go past ${formatOffset(limit)}`,
      );
    }
    this.anchorOffset = to;
    this.anchorReal = this.realClock.now();
    await this.session.advanceTo(to, 0);
    await this.record({ type: "DrillClockMoved", offset: to });
  }

  private emitClock(): void {
    this.emit({ type: "clock", clock: this.clockView() });
  }

  private emit(event: DrillEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.chain.then(fn);
    this.chain = next.catch(() => undefined);
    return next;
  }
}
