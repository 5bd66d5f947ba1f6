/**
 * The run record of a finished drill: the feed, the actions, the questions and facts, and
 * the incidents' events — the primary one's as `events`, and with fronts every incident's
 * own with the deadlines met or missed.
 */
import { toIncidentEvent } from "../app/incident-projection.js";
import { deadlineOutcomes } from "./drill-incidents.js";
import type { DrillRun, RunEvent, RunIncident } from "./run-record.js";
import type { DrillSession } from "./session.js";

export async function runRecord(session: DrillSession, startMs: number): Promise<DrillRun> {
  const eventsOf = async (id: string): Promise<RunEvent[]> =>
    (await session.app.store.readStream(id)).map((e) => ({ ...toIncidentEvent(e), version: e.version }));
  const primary = session.incidents.primaryId();
  const incidents: RunIncident[] = [];
  for (const d of session.incidents.declared) incidents.push({ ...d, events: await eventsOf(d.id) });
  const fronts = session.scenario.fronts ?? [];
  return {
    scenario: { id: session.scenario.id, title: session.scenario.title },
    trainee: session.trainee,
    startedAt: new Date(startMs).toISOString(),
    endedAt: session.nowIso(),
    incidentId: primary,
    feed: session.feed,
    actions: session.actions,
    events: incidents.find((i) => i.id === primary)?.events ?? [],
    asks: session.asks,
    facts: session.facts,
    errors: session.actions
      .filter((a) => a.error !== undefined)
      .map((a) => ({
        action: a.index,
        offset: a.offset,
        code: a.error?.code ?? "internal",
        message: a.error?.message ?? "",
      })),
    ...(session.incidents.multi ? { incidents, deadlines: deadlineOutcomes(fronts, incidents, startMs) } : {}),
  };
}
