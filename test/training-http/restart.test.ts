/**
 * Drills survive a server restart: half a reference run, the server closed, a new server
 * on the same file, and the drill is back with the same feed, clock and actions; the
 * rest of the run then scores exactly as an uninterrupted one. A finished drill comes
 * back with its report.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ManualClock } from "../../src/domain/shared/clock.js";
import { parseOffset } from "../../src/training/duration.js";
import { START, startTrainingServer, type TrainingServer, transcriptPath } from "./helpers.js";

const SCENARIO = "multi-team-coordination";
const dir = mkdtempSync(join(tmpdir(), "warroom-drill-restart-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Action = Record<string, unknown>;
const actions = (parse(readFileSync(transcriptPath(SCENARIO, "strong"), "utf8")) as { actions: Action[] }).actions;

/** Plays actions from the list on drill `id`, advancing its clock to each one's time first. */
async function play(s: TrainingServer, id: string, list: Action[]): Promise<void> {
  for (const { at, ...action } of list) {
    const now = (await s.call("GET", `/api/drills/${id}`)).body.clock.offset as number;
    const target = parseOffset(String(at), "at");
    if (target > now)
      expect((await s.call("POST", `/api/drills/${id}/clock`, { advance: target - now })).status).toBe(200);
    const done = await s.call("POST", `/api/drills/${id}/commands`, { action });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
  }
}

/**
 * Half the strong run, the clock at 60× for a while, the rest, finish: with a server
 * restart in the middle or without. Answers the report, and what was seen either side
 * of the restart.
 */
async function run(restart: boolean) {
  const dbPath = join(dir, `run-${restart}.db`);
  const clock = new ManualClock(START);
  const half = Math.floor(actions.length / 2);
  let s = await startTrainingServer({ dbPath, clock });
  const id = (await s.call("POST", "/api/drills", { scenario: SCENARIO })).body.id as string;
  await play(s, id, actions.slice(0, half));
  // The clock runs at 60× (a minute a second); a 1 s advance makes the drill catch up.
  expect((await s.call("POST", `/api/drills/${id}/clock`, { speed: 60 })).status).toBe(200);
  clock.advance(5_000);
  expect((await s.call("POST", `/api/drills/${id}/clock`, { advance: 1 })).status).toBe(200);
  const before = (await s.call("GET", `/api/drills/${id}`)).body;
  const feedBefore = (await s.call("GET", `/api/drills/${id}/feed?after=0&limit=1000`)).body.entries;
  // Five more real seconds run five virtual minutes before the server stops: kept too.
  clock.advance(5_000);
  let after = before;
  let feedAfter = feedBefore;
  if (restart) {
    await s.close();
    s = await startTrainingServer({ dbPath, clock });
    after = (await s.call("GET", `/api/drills/${id}`)).body;
    feedAfter = (await s.call("GET", `/api/drills/${id}/feed?after=0&limit=1000`)).body.entries;
  } else {
    // Without a restart the clock is stopped by hand at the same moment.
    expect((await s.call("POST", `/api/drills/${id}/clock`, { speed: 0 })).status).toBe(200);
  }
  await play(s, id, actions.slice(half));
  const report = await s.call("POST", `/api/drills/${id}/finish`, { record: false });
  expect(report.status).toBe(200);
  await s.close();
  return { id, dbPath, clock, before, feedBefore, after, feedAfter, report: report.body };
}

describe("drills across a server restart", () => {
  it("come back where they stood, and finish with the score of the same run without a restart", async () => {
    const restarted = await run(true);
    const { before, feedBefore, after, feedAfter } = restarted;
    expect(after).toMatchObject({ id: restarted.id, status: "running", trainee: before.trainee });
    expect(after.clock).toMatchObject({ offset: before.clock.offset + 300, speed: 0 });
    expect(feedAfter.slice(0, feedBefore.length)).toEqual(feedBefore);
    expect(feedAfter.length).toBe(after.feedSize);

    const straight = await run(false);
    expect(restarted.report.percent).toBe(straight.report.percent);
    expect(restarted.report.items).toEqual(straight.report.items);

    // Finished, it comes back with the same report.
    const s = await startTrainingServer({ dbPath: restarted.dbPath, clock: restarted.clock });
    const report = await s.call("GET", `/api/drills/${restarted.id}/report`);
    expect(report.status).toBe(200);
    expect(report.body.percent).toBe(restarted.report.percent);
    expect(report.body.items).toEqual(restarted.report.items);
    await s.close();
  }, 60_000);
});
