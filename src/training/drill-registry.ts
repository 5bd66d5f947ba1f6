/**
 * The drills a server is running, in memory: each is a `LiveDrill` on its own in-memory
 * engine. Bounded: at most `maxLive` running drills (and `maxPerTrainee` per trainee);
 * a drill nobody has touched for `idleMs` is discarded; a finished drill keeps only its
 * feed and score report, for `keepFinishedMs`, at most `maxFinished` of them. When the
 * trainee asks, the score summary goes to their `TRN-<handle>` stream (the same record
 * `warroom train --record-history` writes).
 *
 * Each drill's inputs are journalled in the main store (drill-journal.ts), so a server
 * that restarts brings its drills back by replaying them (`restore`): running ones
 * stopped where they stood (the clock paused), finished ones with their report.
 */
import { randomBytes } from "node:crypto";
import type { Clock } from "../domain/shared/clock.js";
import { WarroomError } from "../domain/shared/errors.js";
import type { EventStore } from "../store/event-store.js";
import type { DrillDetail, DrillSummary, ScenarioDetail, ScenarioSummary } from "./drill-api-types.js";
import { DrillJournal, type JournalEntry } from "./drill-journal.js";
import { scenarioDetail, scenarioSummary } from "./drill-report.js";
import { checkTrainee, TrainingRecords } from "./history.js";
import { LiveDrill } from "./live-drill.js";
import { builtInScenarioIds, resolveScenario, SCENARIOS_DIR } from "./scenario-loader.js";
import type { Scenario } from "./scenario-schema.js";
import { DrillSession } from "./session.js";

export interface DrillLimits {
  /** Running drills at once, over all trainees. */
  maxLive: number;
  maxPerTrainee: number;
  /** A running drill untouched this long (real ms) is discarded. */
  idleMs: number;
  /** How long a finished drill's report stays readable (real ms). */
  keepFinishedMs: number;
  maxFinished: number;
  /** Open live streams per drill. */
  maxStreams: number;
}

export const DEFAULT_DRILL_LIMITS: DrillLimits = {
  maxLive: 20,
  maxPerTrainee: 3,
  idleMs: 30 * 60_000,
  keepFinishedMs: 60 * 60_000,
  maxFinished: 100,
  maxStreams: 5,
};

export interface DrillRegistryOptions {
  /** The main store: trainee records are read from and written to it. */
  store: EventStore;
  /** Real time: expiry, and the running virtual clocks. */
  clock: Clock;
  limits?: Partial<DrillLimits>;
  /** How often (real ms) running clocks play what fell due; 0 turns the ticker off (tests call `tick`). */
  tickMs?: number;
  scenariosDir?: string;
  /** Where a journal that cannot be written is reported (the drill carries on). */
  log?: (message: string, error: unknown) => void;
}

export type { DrillDetail, DrillSummary } from "./drill-api-types.js";

const DRILL_ID = /^DRL-[0-9a-f]{16}$/;
const RESTORE_WINDOW_MS = 24 * 3600_000;

export class DrillRegistry {
  readonly limits: DrillLimits;
  readonly records: TrainingRecords;
  private readonly drills = new Map<string, LiveDrill>();
  /** Trainees whose drills are being opened. */
  private readonly opening: string[] = [];
  private readonly scenarios = new Map<string, Scenario>();
  private readonly ticker: NodeJS.Timeout | null;
  private readonly dir: string;
  private readonly journal: DrillJournal;

  constructor(private readonly options: DrillRegistryOptions) {
    this.limits = { ...DEFAULT_DRILL_LIMITS, ...options.limits };
    this.records = new TrainingRecords(options.store, options.clock);
    this.journal = new DrillJournal(options.store, options.clock, options.log);
    this.dir = options.scenariosDir ?? SCENARIOS_DIR;
    const tickMs = options.tickMs ?? 1000;
    this.ticker = tickMs > 0 ? setInterval(() => void this.tick(), tickMs) : null;
    this.ticker?.unref();
  }

  catalogue(): ScenarioSummary[] {
    return builtInScenarioIds(this.dir).map((id) => scenarioSummary(this.scenario(id)));
  }

  scenarioDetail(id: string): ScenarioDetail {
    return scenarioDetail(this.scenario(id));
  }

  /** A built-in scenario by id (never a path: the id comes from a request). */
  scenario(id: string): Scenario {
    const cached = this.scenarios.get(id);
    if (cached) return cached;
    const known = builtInScenarioIds(this.dir);
    if (!known.includes(id)) {
      const message = `no scenario '${id.slice(0, 100)}'; the scenarios are ${known.join(", ")}`;
      throw new WarroomError("scenario.not_found", message, [{ field: "scenario", message }]);
    }
    const scenario = resolveScenario(id, this.dir);
    this.scenarios.set(id, scenario);
    return scenario;
  }

  async start(scenarioId: string, traineeRaw: string): Promise<DrillDetail> {
    const scenario = this.scenario(scenarioId);
    const trainee = checkTrainee(traineeRaw);
    await this.sweep();
    // Drills still opening count too, so concurrent starts cannot pass the limits.
    const running = [
      ...[...this.drills.values()].filter((d) => d.status === "running").map((d) => d.trainee),
      ...this.opening,
    ];
    const mine = running.filter((t) => same(t, trainee)).length;
    if (mine >= this.limits.maxPerTrainee) {
      limitReached(
        `${trainee} already has ${mine} drills running (GET /api/drills?trainee=${trainee}); finish one first`,
      );
    }
    if (running.length >= this.limits.maxLive) {
      limitReached(`${running.length} drills are running, the most this server holds; try again when one finishes`);
    }
    const id = `DRL-${randomBytes(8).toString("hex")}`;
    let drill: LiveDrill | null = null;
    this.opening.push(trainee);
    try {
      drill = await this.openDrill(id, scenario, trainee, this.options.clock.now());
      await this.journal.opened({
        type: "DrillOpened",
        drill: id,
        scenario: scenario.id,
        trainee,
        startedAt: drill.startedAt,
      });
      this.drills.set(id, drill);
    } finally {
      this.opening.splice(this.opening.indexOf(trainee), 1);
    }
    return this.detail(drill);
  }

  private async openDrill(id: string, scenario: Scenario, trainee: string, startedAt: number): Promise<LiveDrill> {
    let drill: LiveDrill | null = null;
    const session = await DrillSession.open(scenario, { trainee, onFeed: (entry) => drill?.feedLine(entry) });
    const journal = (entry: JournalEntry) => this.journal.entry(id, entry);
    drill = new LiveDrill(id, scenario, session, this.options.clock, journal, startedAt);
    await drill.open().catch(async (error: unknown) => {
      await session.close();
      throw error;
    });
    return drill;
  }

  /**
   * Brings back the drills a previous run of the server left: each journalled drill still
   * within its idle (running) or keep (finished) time is replayed. One that cannot be
   * replayed (its scenario gone or changed) is skipped and reported.
   */
  async restore(): Promise<number> {
    const now = this.options.clock.now();
    let restored = 0;
    // A drill can run (touched) at most its scenario plus overtime; a day covers every one.
    for (const journalled of await this.journal.drills(RESTORE_WINDOW_MS)) {
      const { opened, entries, lastAt, finished } = journalled;
      if (this.drills.has(opened.drill)) continue;
      if (now - lastAt >= (finished ? this.limits.keepFinishedMs : this.limits.idleMs)) continue;
      try {
        const drill = await this.openDrill(
          opened.drill,
          this.scenario(opened.scenario),
          opened.trainee,
          opened.startedAt,
        );
        await drill.replay(entries);
        drill.lastUsed = lastAt;
        this.drills.set(drill.id, drill);
        restored++;
      } catch (error) {
        this.options.log?.(`drill ${opened.drill} could not be restored`, error);
      }
    }
    return restored;
  }

  /** The drill, touched (it stays alive while used); `drill.not_found` for an unknown or expired id. */
  get(id: string): LiveDrill {
    const drill = DRILL_ID.test(id) ? this.drills.get(id) : undefined;
    if (drill && this.expired(drill, this.options.clock.now())) {
      this.drills.delete(drill.id);
      void drill.discard().catch(() => undefined);
    } else if (drill) {
      drill.lastUsed = this.options.clock.now();
      return drill;
    }
    throw new WarroomError(
      "drill.not_found",
      `no drill '${id.slice(0, 60)}': it never existed, or it expired (idle ${this.limits.idleMs / 60_000} min, finished ones after ${this.limits.keepFinishedMs / 60_000} min)`,
      [{ field: "id", message: "no such drill" }],
    );
  }

  private expired(drill: LiveDrill, now: number, excess: Set<LiveDrill> = new Set()): boolean {
    const age = now - drill.lastUsed;
    if (drill.status === "running") return age >= this.limits.idleMs;
    return age >= this.limits.keepFinishedMs || excess.has(drill);
  }

  /** The drill, for an action by `actor`: only its trainee may act in it. */
  forTrainee(id: string, actor: string): LiveDrill {
    const drill = this.get(id);
    if (!same(drill.trainee, actor.trim().replace(/^@/, ""))) {
      throw new WarroomError("role.not_authorised", `${id} is ${drill.trainee}'s drill; only they can act in it`, [
        { field: "Warroom-Actor", message: `only ${drill.trainee} acts in this drill` },
      ]);
    }
    return drill;
  }

  async list(filter: { trainee?: string; status?: "running" | "finished" } = {}): Promise<DrillSummary[]> {
    await this.sweep();
    return [...this.drills.values()]
      .filter((d) => filter.trainee === undefined || same(d.trainee, filter.trainee))
      .filter((d) => filter.status === undefined || d.status === filter.status)
      .map((d) => this.summary(d));
  }

  summary(drill: LiveDrill): DrillSummary {
    return {
      id: drill.id,
      scenario: { id: drill.scenario.id, title: drill.scenario.title },
      trainee: drill.trainee,
      status: drill.status,
      startedAt: new Date(drill.startedAt).toISOString(),
      lastUsedAt: new Date(drill.lastUsed).toISOString(),
      clock: drill.clockView(),
      feedSize: drill.feed.length,
      percent: drill.report?.percent ?? null,
      passed: drill.report?.passed ?? null,
    };
  }

  detail(drill: LiveDrill): DrillDetail {
    return {
      ...this.summary(drill),
      scenarioDetail: scenarioDetail(drill.scenario),
      incidents: drill.session.incidents.declared.map((d) => d.id),
    };
  }

  /** Plays what fell due on every running clock. */
  async tick(): Promise<void> {
    await Promise.all([...this.drills.values()].map((d) => d.tick().catch(() => undefined)));
  }

  /** Discards idle running drills and old finished ones. */
  async sweep(): Promise<void> {
    const now = this.options.clock.now();
    const { maxFinished } = this.limits;
    const finished = [...this.drills.values()].filter((d) => d.status === "finished");
    const excess = new Set(
      finished.sort((a, b) => a.lastUsed - b.lastUsed).slice(0, Math.max(0, finished.length - maxFinished)),
    );
    for (const drill of [...this.drills.values()]) {
      if (!this.expired(drill, now, excess)) continue;
      this.drills.delete(drill.id);
      await drill.discard();
    }
  }

  get size(): number {
    return this.drills.size;
  }

  async close(): Promise<void> {
    if (this.ticker) clearInterval(this.ticker);
    // Where each running clock stands goes to the journal, so a restart resumes from there.
    await Promise.all([...this.drills.values()].map((d) => d.pause().catch(() => undefined)));
    const all = [...this.drills.values()];
    this.drills.clear();
    await Promise.all(all.map((d) => d.discard().catch(() => undefined)));
  }
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

function limitReached(message: string): never {
  throw new WarroomError("drill.limit_reached", message, [{ field: "(drills)", message }]);
}
