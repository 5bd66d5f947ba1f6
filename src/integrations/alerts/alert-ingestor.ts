/**
 * Alerts in, incidents out. A batch is split by group (service, else the sender's group);
 * each group is handled in turn (one at a time per group in this process, the store's
 * expected-version guard across processes): deduplicate by fingerprint, judge each new
 * alert by the rules, claim and declare an incident when one is due and none is open,
 * record every alert in the group's stream (nothing lost), then note the batch on the
 * incident's timeline (one note per batch, so a storm does not drown the timeline).
 */
import type { WarroomApp } from "../../app/warroom-app.js";
import { isoNow } from "../../domain/shared/clock.js";
import { isWarroomError, WarroomError } from "../../domain/shared/errors.js";
import { tryAppend } from "../try-append.js";
import type { ResolvedAlertsConfig, ResolvedReceiver } from "./alert-config.js";
import {
  type AlertDeclaration,
  type AlertEvent,
  type AlertGroupState,
  type AlertOutcome,
  emptyGroup,
  foldGroup,
  groupStreamId,
} from "./alert-events.js";
import { alertCounter } from "./alert-metrics.js";
import { alertNotes } from "./alert-notes.js";
import { KeyedQueue } from "./keyed-queue.js";
import type { ReceivedAlert } from "./normalise.js";
import { groupKeyOf, higher, judge } from "./rules.js";

export type OutcomeCounts = Record<AlertOutcome, number>;

export interface GroupAnswer {
  groupKey: string;
  stream: string;
  incidentId: string | null;
  declared: boolean;
  counts: OutcomeCounts;
}

export interface IngestAnswer {
  receiver: string;
  received: number;
  /** Alerts the sender said it left out of this request (they are not in the counts). */
  truncated: number;
  counts: OutcomeCounts;
  declared: string[];
  groups: GroupAnswer[];
}

const MAX_ATTEMPTS = 50;
const RETRYABLE = new Set(["stream.version_conflict", "store.unavailable", "incident.number_exhausted", "internal"]);

export function zeroCounts(): OutcomeCounts {
  return { declared: 0, attached: 0, repeat: 0, resolved: 0, ignored: 0, watching: 0 };
}

export class AlertIngestor {
  private readonly groups = new Map<string, AlertGroupState>();
  private readonly queue = new KeyedQueue();
  private readonly counter;

  constructor(
    private readonly app: WarroomApp,
    readonly config: ResolvedAlertsConfig,
  ) {
    this.counter = alertCounter(app.metrics.registry);
  }

  async ingest(receiver: ResolvedReceiver, alerts: ReceivedAlert[], truncated = 0): Promise<IngestAnswer> {
    const byGroup = new Map<string, ReceivedAlert[]>();
    for (const alert of alerts) {
      const key = groupKeyOf(alert, receiver.name);
      const list = byGroup.get(key);
      if (list) list.push(alert);
      else byGroup.set(key, [alert]);
    }
    const groups = await Promise.all(
      [...byGroup].map(([key, list]) => {
        const stream = groupStreamId(key);
        return this.queue.run(stream, () => this.ingestGroup(receiver, key, stream, list, truncated));
      }),
    );
    const counts = zeroCounts();
    for (const group of groups)
      for (const outcome of Object.keys(counts) as AlertOutcome[]) counts[outcome] += group.counts[outcome];
    for (const [outcome, n] of Object.entries(counts))
      if (n > 0) this.counter.inc({ receiver: receiver.name, outcome }, n);
    return {
      receiver: receiver.name,
      received: alerts.length,
      truncated,
      counts,
      declared: groups.filter((g) => g.declared && g.incidentId).map((g) => g.incidentId as string),
      groups,
    };
  }

  private async ingestGroup(
    receiver: ResolvedReceiver,
    groupKey: string,
    stream: string,
    alerts: ReceivedAlert[],
    truncated: number,
  ): Promise<GroupAnswer> {
    let declaredHere: string | null = null;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const state = await this.load(stream);
      if (state.pendingClaim) {
        await this.finishClaim(stream, state);
        continue;
      }
      const current = state.incidentId !== null && (await this.isOpen(state.incidentId)) ? state.incidentId : null;
      const judged = this.classify(receiver, alerts, state, current, declaredHere);
      if (judged.declaration && current === null) {
        const claim = `${stream}:${state.version + 1}`;
        const claimed = await this.tryAppend(stream, state.version, [
          {
            type: "AlertIncidentClaimed",
            at: isoNow(this.app.clock),
            groupKey,
            claim,
            actor: receiver.actor,
            declare: judged.declaration,
          },
        ]);
        if (claimed) declaredHere = await this.finishClaim(stream, await this.load(stream));
        continue;
      }
      const recorded: AlertEvent = {
        type: "AlertsRecorded",
        at: isoNow(this.app.clock),
        receiver: receiver.name,
        incidentId: current,
        alerts: alerts.map((alert, i) => ({
          fingerprint: alert.fingerprint,
          status: alert.status,
          title: alert.title.slice(0, 300),
          outcome: judged.outcomes[i] as AlertOutcome,
        })),
      };
      if (!(await this.tryAppend(stream, state.version, [recorded]))) continue;
      if (current !== null) {
        const shown = judged.outcomes.map((outcome, i) => (judged.noted[i] ? outcome : "ignored"));
        await this.note(current, receiver, alerts, shown, truncated, `${stream}:${state.version + 1}`);
      }
      const counts = zeroCounts();
      for (const outcome of judged.outcomes) counts[outcome] += 1;
      return { groupKey, stream, incidentId: current, declared: declaredHere !== null, counts };
    }
    throw new WarroomError("store.unavailable", `alert group ${groupKey} is too busy; retry in a moment`);
  }

  /** Each alert's outcome, and the declaration to make when one is due. */
  private classify(
    receiver: ResolvedReceiver,
    alerts: ReceivedAlert[],
    state: AlertGroupState,
    current: string | null,
    declaredHere: string | null,
  ): { outcomes: AlertOutcome[]; noted: boolean[]; declaration: AlertDeclaration | null } {
    let declaration: AlertDeclaration | null = null;
    const firingNow = new Set<string>();
    // A resolution is noted on the current incident only if the alert fed it (not an older incident, not a watched alert).
    const noted: boolean[] = [];
    const outcomes = alerts.map((alert, i): AlertOutcome => {
      if (alert.status === "resolved") {
        const fedCurrent =
          current !== null && (state.firing.get(alert.fingerprint) === current || firingNow.has(alert.fingerprint));
        noted[i] = fedCurrent;
        return state.firing.has(alert.fingerprint) || firingNow.delete(alert.fingerprint) ? "resolved" : "ignored";
      }
      noted[i] = current !== null;
      const known = state.firing.get(alert.fingerprint);
      if (firingNow.has(alert.fingerprint) || (current !== null && known === current)) return "repeat";
      const verdict = judge(alert, receiver.name, this.config);
      if (verdict.action === "ignore") return "ignored";
      firingNow.add(alert.fingerprint);
      if (current !== null) return verdict.action === "declare" && current === declaredHere ? "declared" : "attached";
      if (verdict.action === "attach") return "watching";
      declaration =
        declaration === null
          ? {
              title: alert.title.slice(0, 200),
              severity: verdict.severity,
              impact: (alert.description ?? `Alert firing: ${alert.title}`).slice(0, 2000),
              services: alert.service === null ? [] : [alert.service],
              ...(verdict.commander ? { commander: verdict.commander } : {}),
            }
          : { ...declaration, severity: higher(declaration.severity, verdict.severity) };
      return "declared";
    });
    return { outcomes, noted, declaration };
  }

  /** Makes the claimed declaration (the same incident whoever finishes it) and links it. */
  private async finishClaim(stream: string, state: AlertGroupState): Promise<string | null> {
    const pending = state.pendingClaim;
    if (!pending) return null;
    let result: Awaited<ReturnType<WarroomApp["declare"]>>;
    try {
      result = await this.app.declare(pending.declare, {
        actor: pending.actor,
        idempotencyKey: `alert-claim:${pending.claim}`,
      });
    } catch (error) {
      // A refused declaration would be refused again on every retry: free the group, then report.
      if (isWarroomError(error) && !RETRYABLE.has(error.code)) {
        await this.tryAppend(stream, state.version, [
          { type: "AlertClaimAbandoned", at: isoNow(this.app.clock), claim: pending.claim, reason: error.message },
        ]);
      }
      throw error;
    }
    const incidentId = result.incident.id;
    await this.tryAppend(stream, state.version, [
      { type: "AlertIncidentLinked", at: isoNow(this.app.clock), claim: pending.claim, incidentId },
    ]);
    return incidentId;
  }

  private async note(
    incidentId: string,
    receiver: ResolvedReceiver,
    alerts: ReceivedAlert[],
    outcomes: AlertOutcome[],
    truncated: number,
    batch: string,
  ): Promise<void> {
    const notes = alertNotes(receiver.name, alerts, outcomes, truncated);
    for (const [index, text] of notes.entries()) {
      try {
        await this.app.execute(
          incidentId,
          { type: "add-note", channel: "tech", text },
          { actor: receiver.actor, idempotencyKey: `alert-note:${batch}:${index}` },
        );
      } catch (error) {
        // The alerts are recorded in the group's stream either way; a resolved incident may refuse notes.
        if (!isWarroomError(error)) throw error;
      }
    }
  }

  private async load(stream: string): Promise<AlertGroupState> {
    const state = this.groups.get(stream) ?? emptyGroup();
    const newer = await this.app.store.readStream(stream, state.version);
    foldGroup(state, newer);
    this.groups.set(stream, state);
    return state;
  }

  /** Appends expecting `version`; false when another writer got there first. */
  private tryAppend(stream: string, version: number, events: AlertEvent[]): Promise<boolean> {
    return tryAppend(this.app.store, stream, version, events);
  }

  private async isOpen(incidentId: string): Promise<boolean> {
    const open = await this.app.openIncidentStates();
    return open.some((incident) => incident.id === incidentId);
  }
}
