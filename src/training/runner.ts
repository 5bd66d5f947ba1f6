/**
 * `runDrill`: replays a transcript against a scenario on the virtual clock and returns
 * the run record. Deterministic: the same scenario and transcript always give the same
 * record (and so the same score).
 */
import type { ManualClock } from "../domain/shared/clock.js";
import { WarroomError } from "../domain/shared/errors.js";
import { incidentRefProblem } from "./drill-incidents.js";
import type { DrillRun, FeedEntry } from "./run-record.js";
import type { Scenario } from "./scenario-schema.js";
import { DrillSession } from "./session.js";
import type { Transcript } from "./transcript.js";

export interface RunOptions {
  clock?: ManualClock;
  /** Keep the drill's events in this SQLite file (default: in memory, discarded). */
  dbPath?: string;
  onFeed?: (entry: FeedEntry) => void;
}

export async function runDrill(
  scenario: Scenario,
  transcript: Transcript,
  options: RunOptions = {},
): Promise<DrillRun> {
  if (transcript.scenario !== null && transcript.scenario !== scenario.id) {
    const message = `the transcript was recorded for ${transcript.scenario}, not ${scenario.id}`;
    throw new WarroomError("validation.failed", message, [{ field: "scenario", message }]);
  }
  checkIncidentRefs(scenario, transcript);
  const session = await DrillSession.open(scenario, {
    trainee: transcript.trainee,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.dbPath ? { dbPath: options.dbPath } : {}),
    ...(options.onFeed ? { onFeed: options.onFeed } : {}),
  });
  try {
    for (const action of transcript.actions) {
      await session.advanceTo(action.at, 0);
      await session.act(action.verb, action.fields, action.index, action.incident);
    }
    return await session.finish();
  } finally {
    await session.close();
  }
}

/** Every `incident:` names a front of this scenario (or an incident id): checked before the drill starts. */
function checkIncidentRefs(scenario: Scenario, transcript: Transcript): void {
  const details = transcript.actions.flatMap((action) => {
    const problem =
      action.incident === undefined ? null : incidentRefProblem(scenario.fronts ?? [], action.verb, action.incident);
    return problem === null ? [] : [{ field: `actions.${action.index} (${action.verb}) incident`, message: problem }];
  });
  if (details.length === 0) return;
  const list = details.map((d) => `${d.field}: ${d.message}`).join("; ");
  throw new WarroomError(
    "validation.failed",
    `the transcript names incidents this scenario does not have: ${list}`,
    details,
  );
}
