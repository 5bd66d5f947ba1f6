/**
 * A drill followed live over a real socket: feed lines as server-sent events with their
 * seq as id, clock messages, a resume with Last-Event-ID that misses nothing and repeats
 * nothing, and the stream ending with `finished`.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SseClient } from "../http/sse-client.js";
import { startTrainingServer, type TrainingServer } from "./helpers.js";

const feedSeqs = (client: SseClient) =>
  client.messages.filter((m) => m.event === "feed").map((m) => (JSON.parse(m.data) as { seq: number }).seq);

describe("a drill's live stream", () => {
  let s: TrainingServer;
  beforeAll(async () => {
    s = await startTrainingServer();
  });
  afterAll(async () => {
    await s.close();
  });

  it("streams feed lines and clock moves, resumes from Last-Event-ID, and ends when finished", async () => {
    const id = (await s.call("POST", "/api/drills", { scenario: "multi-team-coordination" }, "alex-ic")).body.id;
    const first = await SseClient.open(`${s.url}/api/drills/${id}/stream`);
    expect(first.status).toBe(200);
    expect(first.headers["content-type"]).toContain("text/event-stream");
    await first.until((c) => c.messages.some((m) => m.event === "clock"), "the first clock");
    await s.call("POST", `/api/drills/${id}/commands`, { line: 'declare "Sign-in failing" --sev 1' }, "alex-ic");
    await s.call("POST", `/api/drills/${id}/clock`, { advance: "2m" }, "alex-ic");
    const total = (await s.call("GET", `/api/drills/${id}`)).body.feedSize as number;
    await first.until((c) => feedSeqs(c).length === total, `${total} feed lines`);
    expect(feedSeqs(first)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    const ids = first.messages.filter((m) => m.event === "feed").map((m) => m.id);
    expect(ids).toEqual(feedSeqs(first).map(String));
    const clocks = first.messages.filter((m) => m.event === "clock").map((m) => JSON.parse(m.data).offset);
    expect(clocks.at(-1)).toBe(120);
    first.close();

    // Away for a while: two more lines of feed, then back with the last id seen.
    const seen = total - 2;
    await s.call(
      "POST",
      `/api/drills/${id}/commands`,
      { line: "say Sarah, how long would a restore take?" },
      "alex-ic",
    );
    const now = (await s.call("GET", `/api/drills/${id}`)).body.feedSize as number;
    const again = await SseClient.open(`${s.url}/api/drills/${id}/stream`, { "Last-Event-ID": String(seen) });
    await again.until((c) => feedSeqs(c).length === now - seen, "the missed lines");
    expect(feedSeqs(again)).toEqual(Array.from({ length: now - seen }, (_, i) => seen + i + 1));

    await s.call("POST", `/api/drills/${id}/finish`, {}, "alex-ic");
    await again.until((c) => c.ended, "the end of the stream");
    const finished = again.messages.find((m) => m.event === "finished");
    expect(finished).toBeDefined();
    expect(JSON.parse(finished?.data ?? "{}")).toHaveProperty("percent");

    // A finished drill's stream replays and ends at once.
    const late = await SseClient.open(`${s.url}/api/drills/${id}/stream?after=0`);
    await late.until((c) => c.ended, "the replay's end");
    expect(late.messages.at(-1)?.event).toBe("finished");
  });

  it("refuses a stream of an unknown drill or a bad Last-Event-ID with a problem", async () => {
    const unknown = await s.call("GET", "/api/drills/DRL-0123456789abcdef/stream");
    expect(unknown.status).toBe(404);
    const id = (await s.call("POST", "/api/drills", { scenario: "impossible-decision" }, "alex-ic")).body.id;
    const bad = await SseClient.open(`${s.url}/api/drills/${id}/stream`, { "Last-Event-ID": "abc" });
    expect(bad.status).toBe(400);
  });
});
