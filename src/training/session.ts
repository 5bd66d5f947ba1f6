/**
 * A drill in progress: one incident in `mode: drill` on the real engine (a `WarroomApp`
 * over its own SQLite database, in memory by default), a `ManualClock` as the virtual
 * clock, and an agenda of what the scenario will say and when. The transcript runner
 * and the interactive CLI both drive it: `advanceTo(offset)`, `act(verb, fields)`,
 * `finish()`.
 *
 * At one instant, timed lines come first (phase 0), then the trainee's action, then
 * condition checks and pushbacks (phase 2): an incident declared at exactly T+5m is in
 * time for "no incident declared by T+5m". Reminders are issued through the same
 * scheduler the server runs, at every stop and every virtual minute.
 */
import { existsSync } from "node:fs";
import { buildConfig } from "../app/config.js";
import { createWarroomApp } from "../app/create-app.js";
import { ReminderScheduler } from "../app/reminder-scheduler.js";
import type { WarroomApp } from "../app/warroom-app.js";
import type { Incident } from "../domain/incident/state.js";
import { ManualClock } from "../domain/shared/clock.js";
import { WarroomError } from "../domain/shared/errors.js";
import { Agenda, type AgendaItem, type NewAgendaItem, type Phase } from "./agenda.js";
import { DrillIncidents, deadlineInjects } from "./drill-incidents.js";
import { parseOffset, wallClock } from "./duration.js";
import { perform } from "./perform.js";
import { playPrelude } from "./prelude.js";
import { Reactions } from "./reactions.js";
import type { ActionRecord, DrillRun, FeedEntry, PersonaAsk, RevealedFact } from "./run-record.js";
import type { InjectLine, Scenario } from "./scenario-schema.js";
import { processAgendaItem } from "./session-agenda.js";
import { runRecord } from "./session-record.js";
import { intentOf, type Verb } from "./verbs.js";

export interface SessionOptions {
  trainee: string;
  /** The virtual clock; set to the scenario's start. A fresh one by default. */
  clock?: ManualClock;
  /** The drill's database; `:memory:` (the default) keeps nothing. */
  dbPath?: string;
  /** Called for each feed line as it happens (the interactive CLI prints them). */
  onFeed?: (entry: FeedEntry) => void;
}

export class DrillSession {
  readonly feed: FeedEntry[] = [];
  readonly actions: ActionRecord[] = [];
  readonly asks: PersonaAsk[] = [];
  readonly facts: RevealedFact[] = [];
  /** The drill's incidents and their fronts (several only when the scenario has fronts). */
  readonly incidents: DrillIncidents;
  /** The front the declaration in progress opens. */
  private declaring: string | null = null;
  /** The incident the action in progress names (`incident: payments`, `INC-2`). */
  private acting: string | null = null;
  private readonly agenda = new Agenda();
  private readonly startMs: number;
  private readonly scheduler: ReminderScheduler;
  private readonly pushbacksUsed = new Map<string, number>();
  readonly reactions: Reactions;
  private finished: DrillRun | null = null;

  private constructor(
    readonly scenario: Scenario,
    readonly trainee: string,
    readonly app: WarroomApp,
    readonly clock: ManualClock,
    private readonly onFeed: ((entry: FeedEntry) => void) | undefined,
  ) {
    this.startMs = clock.now();
    this.scheduler = new ReminderScheduler({ app, intervalMs: 0 });
    this.reactions = new Reactions(scenario, this);
    this.incidents = new DrillIncidents(scenario.fronts ?? []);
    for (const inject of deadlineInjects(scenario.fronts ?? [])) {
      this.schedule({ at: parseOffset(inject.when?.by ?? "0", "deadline.at"), phase: 2, kind: "check", inject });
    }
    for (const inject of scenario.injects) {
      if (inject.at !== undefined) {
        this.schedule({
          at: parseOffset(inject.at, "at"),
          phase: 0,
          kind: "lines",
          inject: inject.id,
          lines: inject.lines,
        });
      } else if (inject.when !== undefined) {
        this.schedule({ at: parseOffset(inject.when.by, "when.by"), phase: 2, kind: "check", inject });
      }
    }
  }

  static async open(scenario: Scenario, options: SessionOptions): Promise<DrillSession> {
    const trainee = options.trainee.trim().replace(/^@/, "");
    if (scenario.cast.some((p) => p.handle === trainee)) {
      const message = `${trainee} is a persona in ${scenario.id}: train under your own handle`;
      throw new WarroomError("validation.failed", message, [{ field: "trainee", message }]);
    }
    const dbPath = options.dbPath ?? ":memory:";
    // A drill owns its database: reminders are issued for every open incident in it.
    if (dbPath !== ":memory:" && existsSync(dbPath)) {
      const message = `${dbPath} already exists: a drill keeps its incident in a new file of its own`;
      throw new WarroomError("validation.failed", message, [{ field: "dbPath", message }]);
    }
    const clock = options.clock ?? new ManualClock();
    clock.set(`${scenario.date}T${scenario.startsAt}:00.000Z`);
    const app = await createWarroomApp(buildConfig({ dbPath }), { clock });
    return playPrelude(new DrillSession(scenario, trainee, app, clock, options.onFeed));
  }

  /** The incident actions act on: the one the action in progress names, else the most recently declared. */
  get incidentId(): string | null {
    return this.acting ?? this.incidents.latest;
  }

  /** A declaration went through: the new incident (for its front) becomes the one actions default to. */
  set incidentId(id: string | null) {
    if (id === null) return;
    this.incidents.register(id, this.declaring, this.offset);
    // The rest of the declaring action (its feed line, the reactions) concerns the new incident.
    if (this.incidents.multi) this.acting = id;
  }

  /** The incident of a front, or null before it is declared. */
  async frontIncident(front: string): Promise<Incident | null> {
    const id = this.incidents.idOf(front);
    return id === null ? null : await this.app.getIncident(id);
  }

  /** Seconds since the start on the virtual clock. */
  get offset(): number {
    return Math.round((this.clock.now() - this.startMs) / 1000);
  }

  get durationSeconds(): number {
    return parseOffset(this.scenario.duration, "duration");
  }

  /** Lets virtual time pass up to `target`, saying and checking whatever falls due. */
  async advanceTo(target: number, maxPhase: Phase = 2): Promise<void> {
    for (;;) {
      const item = this.agenda.nextDue(target, maxPhase);
      const nextMinute = (Math.floor(this.offset / 60) + 1) * 60;
      const stop = Math.min(item ? Math.max(item.at, this.offset) : Number.POSITIVE_INFINITY, nextMinute);
      if (stop > target) break;
      if (stop !== this.offset) {
        this.setOffset(stop);
        await this.remind();
      }
      if (item && item.at <= stop) {
        this.agenda.shift();
        await this.process(item);
      }
    }
    if (target > this.offset) this.setOffset(target);
    await this.remind();
  }

  /**
   * The trainee acts now, on the incident `incident` names (a front key or an incident id;
   * for a declaration, the front it opens), by default the most recently declared one.
   * Failures are recorded (and shown), never thrown.
   */
  async act(
    verb: Verb,
    fields: Record<string, unknown>,
    index = this.actions.length,
    incident?: string,
  ): Promise<ActionRecord> {
    const record: ActionRecord = {
      index,
      offset: this.offset,
      clock: wallClock(this.nowIso()),
      verb,
      fields,
      command: null,
      ok: true,
      events: [],
    };
    this.actions.push(record);
    try {
      const target = this.incidents.target(verb, fields, incident);
      this.declaring = target.declaring;
      // An action that names no incident acts on the one declared last (and says so in the feed).
      this.acting = target.acting ?? (this.incidents.multi && verb !== "declare" ? this.incidents.latest : null);
      const intent = intentOf(verb, fields, this.clock.now());
      if (intent.kind === "command") record.command = intent.command.type;
      if (this.incidents.multi && this.incidentId !== null) record.incident = this.incidentId;
      await perform(this, intent, record);
      if (this.incidents.multi && this.incidentId !== null) record.incident = this.incidentId;
    } catch (error) {
      if (!(error instanceof WarroomError)) throw error;
      record.ok = false;
      record.error = { code: error.code, message: error.message };
      this.say({
        kind: "error",
        from: "warroom",
        channel: null,
        text: `${verb} refused [${error.code}]: ${error.message}`,
        action: index,
      });
    } finally {
      this.acting = null;
      this.declaring = null;
    }
    // Reactions due at once (an inject with no delay) come before anything later.
    await this.advanceTo(this.offset, 0);
    return record;
  }

  /** Runs the drill to its scheduled end (or now, if later) and returns the record. */
  async finish(): Promise<DrillRun> {
    if (this.finished) return this.finished;
    await this.advanceTo(Math.max(this.durationSeconds, this.offset), 2);
    this.finished = await runRecord(this, this.startMs);
    return this.finished;
  }

  async close(): Promise<void> {
    await this.app.close();
  }

  /** The drill incident as it stands, or null before it is declared. */
  async incident(): Promise<Incident | null> {
    return this.incidentId === null ? null : await this.app.getIncident(this.incidentId);
  }

  nowIso(): string {
    return new Date(this.clock.now()).toISOString();
  }

  /** Adds a line to the feed at the current time. */
  say(entry: Omit<FeedEntry, "seq" | "at" | "offset" | "clock">): FeedEntry {
    const at = this.nowIso();
    const incident = entry.incident ?? (this.incidents.multi ? this.acting : null);
    const full: FeedEntry = {
      seq: this.feed.length + 1,
      at,
      offset: this.offset,
      clock: wallClock(at),
      ...entry,
      ...(incident === null ? {} : { incident }),
    };
    this.feed.push(full);
    this.onFeed?.(full);
    return full;
  }

  /** A persona line; one that asks the commander something waits for an answer. */
  personaLine(
    line: InjectLine,
    extra: { inject?: string; action?: number; facts?: string[]; incident?: string } = {},
  ): void {
    const entry = this.say({
      kind: "persona",
      from: line.from,
      channel: line.channel,
      text: line.text,
      ...(line.asks ? { asks: true } : {}),
      ...extra,
    });
    if (!line.asks) return;
    const persona = this.scenario.cast.find((p) => p.handle === line.from);
    const dueAt = this.offset + parseOffset(persona?.behaviour.patience ?? "5m", "patience");
    const ask: PersonaAsk = {
      seq: entry.seq,
      from: line.from,
      offset: this.offset,
      text: line.text,
      answeredAt: null,
      answeredBy: null,
      dueAt,
    };
    this.asks.push(ask);
    this.schedule({ at: dueAt, phase: 2, kind: "pushback", ask });
  }

  /** The incident an inject's lines concern, for the feed: its front's, once declared. */
  injectIncident(front: string | undefined): { incident?: string } {
    const id = front === undefined ? null : this.incidents.idOf(front);
    return id === null ? {} : { incident: id };
  }

  schedule(item: NewAgendaItem): void {
    this.agenda.add(item);
  }

  private setOffset(offset: number): void {
    this.clock.set(new Date(this.startMs + offset * 1000).toISOString());
  }

  private async remind(): Promise<void> {
    if (this.incidents.latest === null) return;
    const tick = await this.scheduler.tick();
    for (const issued of tick.issued) {
      for (const entry of issued.entries) {
        this.say({
          kind: "reminder",
          from: "warroom",
          channel: entry.channel,
          text: this.incidents.multi ? `${issued.incidentId}: ${entry.text}` : entry.text,
          events: [entry.version],
          ...(this.incidents.multi ? { incident: issued.incidentId } : {}),
        });
      }
    }
  }

  private async process(item: AgendaItem): Promise<void> {
    await processAgendaItem(this, item, this.pushbacksUsed);
  }
}
