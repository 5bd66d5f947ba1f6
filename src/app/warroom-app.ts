/**
 * The application service: load stream → decide → append → publish. Every adapter (HTTP,
 * CLI, later chat and the drill runner) goes through here; input is validated with the
 * shared zod command schemas, so all of them reject the same things the same way.
 */
import { createHash, randomBytes } from "node:crypto";
import {
  type CommandType,
  commandSchemas,
  type IncidentCommand,
  incidentCommandSchema,
} from "../domain/incident/commands.js";
import { decide } from "../domain/incident/decide.js";
import { commanderOf } from "../domain/incident/derived.js";
import type { IncidentEvent } from "../domain/incident/events.js";
import { fold } from "../domain/incident/evolve.js";
import type { IncidentPolicy } from "../domain/incident/policy.js";
import type { Incident, IncidentState } from "../domain/incident/state.js";
import { type TimelineEntry, toTimelineEntry } from "../domain/incident/timeline.js";
import { type Clock, isoNow, systemClock } from "../domain/shared/clock.js";
import { fail, isWarroomError, WarroomError } from "../domain/shared/errors.js";
import type { AppendResult, EventStore, StoredEvent } from "../store/event-store.js";
import type {
  ActionItemFilter,
  CallOptions,
  CommandResult,
  IncidentFilter,
  LiveEntry,
  Subscription,
  TimelineFilter,
  WarroomApi,
} from "./api.js";
import { MembersService } from "./auth/members-service.js";
import { currentScope, currentViewer, markPrivateTouched } from "./auth/principal.js";
import { TokenService } from "./auth/token-service.js";
import { canSee } from "./auth/visibility.js";
import type { FeedAccess } from "./directory-stream.js";
import {
  actionItemFilterSchema,
  IDEMPOTENCY_KEY,
  incidentFilterSchema,
  personFilterSchema,
  timelineFilterSchema,
} from "./filter-schemas.js";
import { INCIDENT_PREFIX, IncidentProjection, isIncidentStream, toIncidentEvent } from "./incident-projection.js";
import { liveEntryOf } from "./live-entry.js";
import { LiveFeed } from "./live-feed.js";
import { WarroomMetrics } from "./metrics.js";
import { PeopleService } from "./people/people-service.js";
import { type SearchAnswer, type SearchInput, searchInputSchema, searchLog } from "./search.js";
import { StreamLocks } from "./stream-locks.js";
import { parseOrFail } from "./validation.js";
import {
  actionItemView,
  compareSummaries,
  type IncidentDetail,
  type IncidentSummary,
  type IncidentView,
  inStatusFilter,
  type OpenActionItem,
  type OpenTaskItem,
  summarise,
  viewOf,
} from "./views.js";

export interface WarroomAppOptions {
  store: EventStore;
  policy: IncidentPolicy;
  clock?: Clock;
  /** Poll the store for other writers' events; 0 turns polling off. */
  pollIntervalMs?: number;
  /** Write a token's last-used time to the log at most this often (ms); default 5 minutes. */
  tokenUsePersistMs?: number;
}

const MAX_RETRIES = 5;
const ACTOR = /^[\p{L}\p{N}._-]{1,100}$/u;

export class WarroomApp implements WarroomApi {
  readonly store: EventStore;
  readonly clock: Clock;
  readonly metrics: WarroomMetrics;
  private readonly policyValue: IncidentPolicy;
  private readonly projection = new IncidentProjection();
  private readonly feed: LiveFeed;
  private readonly locks = new StreamLocks<Incident>();
  /** Live streams clients have open (see `follow`). */
  private clientStreams = 0;
  /** The people directory (DIR-people): `list`, `get`, `add`, `update`, `remove`, `importPeople`. */
  readonly people: PeopleService;
  /** API tokens (DIR-tokens): created, revoked, and checked on every authenticated request. */
  readonly tokens: TokenService;
  /** People added explicitly to private incidents (DIR-members). */
  readonly members: MembersService;

  private constructor(options: WarroomAppOptions) {
    this.store = options.store;
    this.policyValue = options.policy;
    this.clock = options.clock ?? systemClock;
    this.feed = new LiveFeed(this.store, (event) => {
      this.projection.apply(event);
      this.people.apply(event);
      this.tokens.apply(event);
      this.members.apply(event);
    });
    const feedAccess: FeedAccess = {
      store: this.store,
      catchUp: () => this.feed.catchUp(),
      offer: (events) => this.feed.offer(events),
    };
    this.people = new PeopleService(feedAccess, this.clock);
    this.tokens = new TokenService(feedAccess, this.clock, this.people, options.tokenUsePersistMs);
    this.members = new MembersService(feedAccess, this.clock);
    // Private incidents are left out of every count /metrics shows.
    this.metrics = new WarroomMetrics({
      subscribers: () => this.clientStreams,
      openIncidents: () => [...this.projection.all()].filter((i) => i.status !== "resolved" && !i.private).length,
    });
  }

  /** Builds the app and folds the whole log into the read models. */
  static async start(options: WarroomAppOptions): Promise<WarroomApp> {
    const app = new WarroomApp(options);
    await app.feed.catchUp();
    if (options.pollIntervalMs && options.pollIntervalMs > 0) app.feed.startPolling(options.pollIntervalMs);
    return app;
  }

  async declare(input: unknown, options: CallOptions): Promise<CommandResult> {
    const body = typeof input === "object" && input !== null ? input : {};
    const command = parseOrFail(commandSchemas.declare, { ...body, type: "declare" }, "declare command");
    return this.run("declare", command, options);
  }

  async execute(incidentId: string, input: unknown, options: CallOptions): Promise<CommandResult> {
    const command = parseOrFail(incidentCommandSchema, input, "command");
    if (command.type === "declare") fail("validation.failed", "use declare to start a new incident", "type");
    const id = normaliseId(incidentId);
    await this.ensureVisible(id);
    return this.run(id, command, options);
  }

  async listIncidents(input: IncidentFilter = {}): Promise<IncidentSummary[]> {
    const filter = parseOrFail(incidentFilterSchema, input, "incident filter");
    await this.feed.catchUp();
    const now = isoNow(this.clock);
    const status = filter.status ?? "all";
    return [...this.projection.all()]
      .filter((i) => inStatusFilter(i, status))
      .filter((i) => !filter.severity || i.severity === filter.severity)
      .filter((i) => !filter.mode || i.mode === filter.mode)
      .filter((i) => this.visible(i))
      .map((i) => summarise(i, now))
      .sort(compareSummaries);
  }

  /** The incident as `getIncident` shows it, without the timeline: what a live client re-reads. */
  async getIncidentView(incidentId: string): Promise<IncidentView> {
    const incident = await this.requireIncident(incidentId);
    return viewOf(incident, isoNow(this.clock), this.policyValue);
  }

  async getIncident(incidentId: string): Promise<IncidentDetail> {
    const incident = await this.requireIncident(incidentId);
    const timeline = await this.timeline(incident.id);
    return { ...viewOf(incident, isoNow(this.clock), this.policyValue), timeline };
  }

  async timeline(incidentId: string, input: TimelineFilter = {}): Promise<TimelineEntry[]> {
    const filter = parseOrFail(timelineFilterSchema, input, "timeline filter");
    const id = normaliseId(incidentId);
    await this.ensureVisible(id);
    const events = await this.store.readStream(id, filter.afterVersion ?? 0);
    let entries = events.map((e) => toTimelineEntry(toIncidentEvent(e), e.version, e.position));
    if (filter.channel) entries = entries.filter((e) => e.channel === filter.channel);
    const types = filter.types;
    if (types && types.length > 0) entries = entries.filter((e) => types.includes(e.type));
    return filter.limit ? entries.slice(-filter.limit) : entries;
  }

  async openTasks(input: { assignee?: string } = {}): Promise<OpenTaskItem[]> {
    const filter = parseOrFail(personFilterSchema("assignee"), input, "task filter") as { assignee?: string };
    await this.feed.catchUp();
    const now = isoNow(this.clock);
    const out: OpenTaskItem[] = [];
    for (const incident of this.projection.all()) {
      // A resolved incident's open tasks are nobody's work any more (reopening brings them back).
      if (incident.status === "resolved" || !this.visible(incident)) continue;
      for (const task of viewOf(incident, now, this.policyValue).tasks) {
        if (task.status !== "assigned" && task.status !== "acknowledged") continue;
        if (filter.assignee && task.assignee !== filter.assignee) continue;
        out.push({ ...task, incidentId: incident.id, incidentTitle: incident.title, severity: incident.severity });
      }
    }
    return out.sort((a, b) => (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : 0));
  }

  async openActionItems(input: ActionItemFilter = {}): Promise<OpenActionItem[]> {
    const filter = parseOrFail(actionItemFilterSchema, input, "action item filter");
    await this.feed.catchUp();
    const now = isoNow(this.clock);
    const out: OpenActionItem[] = [];
    for (const incident of this.projection.all()) {
      if (!this.visible(incident)) continue;
      for (const item of incident.actionItems) {
        if ((filter.status !== "all" && item.status !== "open") || (filter.owner && item.owner !== filter.owner))
          continue;
        const view = actionItemView(item, incident, now);
        if (filter.overdue !== undefined && view.overdue !== filter.overdue) continue;
        out.push(view);
      }
    }
    return out.sort((a, b) => (a.dueDate ?? "9999").localeCompare(b.dueDate ?? "9999"));
  }

  /** Full-text search over the incidents the caller may see (see search.ts). */
  async search(input: SearchInput): Promise<SearchAnswer> {
    const query = parseOrFail(searchInputSchema, input, "search");
    await this.feed.catchUp();
    // Only what the projection has folded: each hit's incident is then known and checked.
    return searchLog(query, {
      readAll: (after, limit) => this.store.readAll(after, limit),
      visibleIncident: (id) => {
        const incident = this.projection.peek(id);
        return incident && this.visible(incident) ? incident : undefined;
      },
      upTo: this.feed.position,
    });
  }

  async policy(): Promise<IncidentPolicy> {
    return this.policyValue;
  }

  /** Open incidents as folded state, read-only: for the reminder scheduler (and drills). */
  async openIncidentStates(): Promise<readonly Incident[]> {
    await this.feed.catchUp();
    // Inside a signed-in request (triage), private incidents only for their members.
    return [...this.projection.all()].filter((incident) => incident.status !== "resolved" && this.visible(incident));
  }

  async follow(
    scope: { incidentId?: string; afterPosition: number },
    onEntry: (entry: LiveEntry) => void,
    onError?: (error: Error) => void,
  ): Promise<Subscription> {
    const incidentId = scope.incidentId === undefined ? undefined : normaliseId(scope.incidentId);
    if (incidentId !== undefined) await this.requireIncident(incidentId);
    // Captured now: deliveries run outside the request that subscribed.
    const principal = currentViewer();
    let last = scope.afterPosition;
    let replaying = true;
    let ended = false;
    const buffered: StoredEvent[] = [];
    const deliver = (event: StoredEvent) => {
      if (ended || event.position <= last) return;
      // A token revoked (or its person removed) while its stream is open: the stream ends
      // before the next entry, as every other request with it is refused at once.
      if (principal?.tokenId && !this.tokens.isActive(principal.tokenId)) {
        ended = true;
        unsubscribe();
        onError?.(new WarroomError("auth.invalid_token", `the API token ${principal.tokenId} no longer works`));
        return;
      }
      last = event.position;
      if (!isIncidentStream(event.streamId) || (incidentId !== undefined && event.streamId !== incidentId)) return;
      // Peek: a look per delivery must not make the next event copy the incident.
      if (principal !== undefined) {
        const incident = this.projection.peek(event.streamId);
        if (!incident || !canSee(incident, principal, this.members.of(incident.id))) return;
      }
      onEntry(liveEntryOf(event));
    };
    // Listen first, then replay: whatever commits meanwhile is buffered and de-duplicated
    // by position, so the client sees no gap and no repeat.
    const stopFeed = this.feed.subscribe((event) => (replaying ? buffered.push(event) : deliver(event)));
    // Clients' streams (opened in a request) are what /metrics counts, not the server's own
    // followers (webhook delivery, the chat mirror).
    const fromClient = currentScope() !== undefined;
    if (fromClient) this.clientStreams++;
    let stopped = false;
    const unsubscribe = () => {
      if (stopped) return;
      stopped = true;
      if (fromClient) this.clientStreams--;
      stopFeed();
    };
    try {
      // With a principal, replay only what the projection has folded, so each event's
      // incident is known when its visibility is checked; newer events come from the feed.
      if (principal !== undefined) await this.feed.catchUp();
      const upTo = principal === undefined ? Number.POSITIVE_INFINITY : this.feed.position;
      if (incidentId !== undefined) {
        for (const event of await this.store.readStream(incidentId)) {
          if (event.position > last && event.position <= upTo) deliver(event);
        }
      } else {
        for (;;) {
          const page = await this.store.readAll(last, 1000);
          for (const event of page) if (event.position <= upTo) deliver(event);
          if (page.length < 1000 || (page.at(-1)?.position ?? 0) >= upTo) break;
        }
      }
    } catch (error) {
      unsubscribe();
      throw error;
    }
    replaying = false;
    for (const event of buffered.splice(0)) deliver(event);
    return { close: unsubscribe };
  }

  /** Whether the id names a private incident (a synchronous look, no visibility check: for keeping metrics quiet). */
  isPrivateIncident(incidentId: string): boolean {
    try {
      return this.projection.peek(normaliseId(incidentId))?.private === true;
    } catch {
      return false;
    }
  }

  /** The incident's current commander, or undefined when it is unknown or not visible to the caller. */
  commanderOf(incidentId: string): string | undefined {
    const incident = this.projection.peek(normaliseId(incidentId));
    return incident && canSee(incident, currentViewer(), this.members.of(incident.id))
      ? commanderOf(incident)
      : undefined;
  }

  /** Pull events other processes wrote; the server's poller does this on a timer. */
  refresh(): Promise<void> {
    return this.feed.catchUp();
  }

  get livePosition(): number {
    return this.feed.position;
  }

  async close(): Promise<void> {
    this.feed.stopPolling();
    await this.store.close();
  }

  private async run(target: string, command: IncidentCommand, options: CallOptions): Promise<CommandResult> {
    // Commands on private incidents stay out of the metrics: a count would reveal them.
    const isPrivate = command.type === "declare" ? command.private : this.projection.peek(target)?.private === true;
    if (isPrivate) markPrivateTouched();
    try {
      const result = await this.runOnce(target, command, options);
      if (!isPrivate)
        this.metrics.commands.inc({ command: command.type, outcome: result.duplicate ? "duplicate" : "ok" });
      return result;
    } catch (error) {
      const code = isWarroomError(error) ? error.code : "internal";
      if (!isPrivate) this.metrics.commands.inc({ command: command.type, outcome: code });
      throw error;
    }
  }

  private async runOnce(target: string, command: IncidentCommand, options: CallOptions): Promise<CommandResult> {
    const actor = (options.actor ?? "").trim().replace(/^@/, "");
    if (!ACTOR.test(actor)) {
      fail("actor.missing", "say who is acting: a person handle such as sarah-db", "actor");
    }
    if (options.idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(options.idempotencyKey)) {
      fail("validation.failed", "an idempotency key is 1 to 255 visible ASCII characters", "idempotencyKey");
    }
    // Only a keyed request needs its digest (to spot a key reused for another request).
    const requestHash = options.idempotencyKey === undefined ? "" : hashRequest(target, command, actor);
    if (options.idempotencyKey !== undefined) {
      const earlier = await this.store.findByIdempotencyKey(options.idempotencyKey);
      if (earlier) return this.duplicateResult(earlier, requestHash);
    }
    let nextNumber = this.projection.highestIncidentNumber + 1;
    for (let attempt = 0; ; attempt++) {
      const incidentId = target === "declare" ? this.newIncidentId(command, nextNumber) : target;
      const started = performance.now();
      const attemptResult = await this.attempt(incidentId, target === "declare", command, actor, options, requestHash);
      let result: AppendResult;
      try {
        result = await attemptResult.pending;
      } catch (error) {
        const retryable = isWarroomError(error) && error.code === "stream.version_conflict";
        if (!retryable || options.expectedVersion !== undefined) throw error;
        if (attempt >= (target === "declare" ? 100 : MAX_RETRIES)) {
          throw target === "declare"
            ? new WarroomError("incident.number_exhausted", "too many concurrent declarations; try again")
            : error;
        }
        await this.feed.catchUp();
        nextNumber = Math.max(nextNumber + 1, this.projection.highestIncidentNumber + 1);
        continue;
      }
      if (!attemptResult.after.private) this.metrics.appendSeconds.observe((performance.now() - started) / 1000);
      if (result.duplicate) return this.duplicateResult(result, requestHash);
      if (!attemptResult.after.private) {
        for (const event of attemptResult.events) this.metrics.appendedEvents.inc({ type: event.type });
      }
      return {
        incident: viewOf(attemptResult.after, attemptResult.now, this.policyValue),
        appended: result.events.map((e) => toTimelineEntry(toIncidentEvent(e), e.version, e.position)),
        duplicate: false,
      };
    }
  }

  /**
   * Decide and hand the events to the store under the stream's lock, but release the lock
   * before the commit: the next command on the same incident decides against this one's
   * outcome and rides in the same group commit. If a commit fails, the pending state is
   * dropped and later commands conflict, reload and retry.
   */
  private attempt(
    incidentId: string,
    isNew: boolean,
    command: IncidentCommand,
    actor: string,
    options: CallOptions,
    requestHash: string,
  ): Promise<{ pending: Promise<AppendResult>; events: IncidentEvent[]; after: Incident; now: string }> {
    return this.locks.run(incidentId, async (pendingState) => {
      // Optimistic: the pending state or the projection, without a read. If another process
      // wrote meanwhile the append conflicts, the feed catches up, and the retry sees it.
      let state = isNew ? null : (pendingState.get() ?? this.projection.get(incidentId) ?? null);
      if (
        !isNew &&
        (state === null || (options.expectedVersion !== undefined && options.expectedVersion !== state.version))
      ) {
        state = await this.loadState(incidentId);
      }
      const version = state?.version ?? 0;
      if (options.expectedVersion !== undefined && options.expectedVersion !== version) {
        fail(
          "stream.version_conflict",
          `${incidentId} is at version ${version}, not ${options.expectedVersion}: reload and try again`,
          "expectedVersion",
        );
      }
      const now = isoNow(this.clock);
      const events = decide(command, state, { incidentId, actor, now }, this.policyValue);
      const after = fold(events, state) as Incident;
      const appended = this.store.append({
        streamId: incidentId,
        expectedVersion: version,
        events: events.map((data) => ({ type: data.type, data })),
        ...(options.idempotencyKey === undefined ? {} : { idempotencyKey: options.idempotencyKey, requestHash }),
      });
      // The stream's lock entry lives until the projection has these events, so the next
      // command on this incident never decides against a projection that lags its own write.
      const pending = appended.then(async (result) => {
        if (!result.duplicate) await this.feed.offer(result.events);
        return result;
      });
      pendingState.set(after, pending);
      return { pending, events, after, now };
    });
  }

  private async duplicateResult(earlier: AppendResult, requestHash: string): Promise<CommandResult> {
    if (earlier.requestHash !== undefined && earlier.requestHash !== requestHash) {
      fail(
        "idempotency.key_reused",
        "this idempotency key was used for a different request; use a new key",
        "idempotencyKey",
      );
    }
    const incident = await this.requireIncident(earlier.streamId);
    return {
      incident: viewOf(incident, isoNow(this.clock), this.policyValue),
      appended: earlier.events.map((e) => toTimelineEntry(toIncidentEvent(e), e.version, e.position)),
      duplicate: true,
    };
  }

  /** The incident as of the latest commit: the projection plus anything newer in its stream. */
  private async loadState(incidentId: string): Promise<IncidentState> {
    const cached = this.projection.get(incidentId) ?? null;
    const newer = (await this.store.readStreamData(incidentId, cached?.version ?? 0)) as IncidentEvent[];
    return newer.length === 0 ? cached : fold(newer, cached);
  }

  private async requireIncident(incidentId: string): Promise<Incident> {
    const id = normaliseId(incidentId);
    const incident = await this.requireVisible(id);
    const state = await this.loadState(id);
    return state ?? incident;
  }

  /**
   * The incident from the projection, or `incident.not_found`, also when it is private
   * and the request's principal is not a member: the same answer, word for word, as for
   * an id that was never used.
   */
  private async requireVisible(id: string): Promise<Incident> {
    let incident = this.projection.get(id);
    if (!incident) {
      await this.feed.catchUp();
      incident = this.projection.get(id);
    }
    if (!incident || !this.visible(incident)) fail("incident.not_found", `incident ${id} does not exist`, "incidentId");
    return incident;
  }

  /** Like requireVisible, without handing the state out (the command path must not force a copy). */
  private async ensureVisible(id: string): Promise<void> {
    if (!this.projection.peek(id)) await this.feed.catchUp();
    const incident = this.projection.peek(id);
    if (!incident || !this.visible(incident)) fail("incident.not_found", `incident ${id} does not exist`, "incidentId");
  }

  /** Visible to the current request's principal (everything is, outside a signed-in request). */
  private visible(incident: Incident): boolean {
    if (!canSee(incident, currentViewer(), this.members.of(incident.id))) return false;
    if (incident.private) markPrivateTouched();
    return true;
  }

  /**
   * Open incidents are numbered INC-1, INC-2…; a private one gets a random id instead
   * (INC-P…), so a gap in the numbers never tells anyone that a private incident exists.
   */
  private newIncidentId(command: IncidentCommand, nextNumber: number): string {
    // Drills keep their numbers: a replayed drill must give the same ids (and a drill's store is its own).
    if (command.type === "declare" && command.private && command.mode !== "drill") {
      return `${INCIDENT_PREFIX}P${randomBytes(6).toString("hex").toUpperCase()}`;
    }
    return `${INCIDENT_PREFIX}${nextNumber}`;
  }
}

/**
 * A field the command does not have is refused, naming it, rather than dropped: a typo
 * (`asignee`) or a stray field must not look accepted.
 */
/** "inc-7", "7" and "INC-7" all name INC-7. */
export function normaliseId(incidentId: string): string {
  const trimmed = String(incidentId).trim().toUpperCase();
  return /^\d+$/.test(trimmed) ? `${INCIDENT_PREFIX}${trimmed}` : trimmed;
}

function hashRequest(target: string, command: IncidentCommand, actor: string): string {
  return createHash("sha256").update(JSON.stringify({ target, command, actor })).digest("hex");
}

export type { CommandType };
