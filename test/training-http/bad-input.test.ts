/**
 * Bad requests to the training routes get a 4xx problem naming what was wrong, and change
 * nothing: no drill started, no action taken, no clock moved, nothing stored.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTrainingServer, type TrainingServer } from "./helpers.js";

describe("training routes refuse bad input", () => {
  let s: TrainingServer;
  let id: string;
  beforeAll(async () => {
    s = await startTrainingServer();
    id = (await s.call("POST", "/api/drills", { scenario: "impossible-decision" }, "alex-ic")).body.id;
  });
  afterAll(async () => {
    await s.close();
  });

  const drillState = async () => {
    const drill = await s.call("GET", `/api/drills/${id}`);
    return { offset: drill.body.clock.offset, feed: drill.body.feedSize };
  };

  it("unknown scenarios, including paths, are 404 scenario.not_found and start nothing", async () => {
    for (const scenario of ["no-such-drill", "../scenarios/multi-team-coordination", "/etc/passwd.yaml"]) {
      const answer = await s.call("POST", "/api/drills", { scenario }, "pat-ic");
      expect(answer.status).toBe(404);
      expect(answer.body.code).toBe("scenario.not_found");
      expect(answer.body.errors[0].field).toBe("scenario");
    }
    expect((await s.call("GET", "/api/scenarios/nope")).body.code).toBe("scenario.not_found");
    expect((await s.call("GET", "/api/drills?trainee=pat-ic")).body).toEqual([]);
  });

  it("a start without an actor, with a persona's handle, or a bad body is refused", async () => {
    const noActor = await s.call("POST", "/api/drills", { scenario: "impossible-decision" }, null);
    expect(noActor.status).toBe(400);
    expect(noActor.body.code).toBe("actor.missing");
    const persona = await s.call("POST", "/api/drills", { scenario: "multi-team-coordination" }, "sarah-db");
    expect(persona.status).toBe(400);
    expect(persona.body.detail).toContain("persona");
    const extra = await s.call("POST", "/api/drills", { scenario: "impossible-decision", speed: 3 }, "pat-ic");
    expect(extra.status).toBe(400);
    expect(extra.body.errors.map((e: { field: string }) => e.field)).toEqual(["speed"]);
    const broken = await s.call("POST", "/api/drills", "{not json", "pat-ic");
    expect(broken.body.code).toBe("request.malformed_json");
    expect((await s.call("GET", "/api/drills?trainee=pat-ic")).body).toEqual([]);
  });

  it("bad commands are 400 naming the problem, and take no action", async () => {
    const before = await drillState();
    const cases: [unknown, string][] = [
      [{ line: "frobnicate now" }, "unknown command 'frobnicate'"],
      [{ line: "assign tech-lead" }, "missing <person>"],
      [{ line: 'task add "Size it" --to sarah-db --timebox later' }, "timebox"],
      [{ line: 'say "unclosed' }, "unclosed"],
      [{ line: "   " }, "line is empty"],
      [{ line: "end" }, "'end' is not a drill command here"],
      [{ line: "say hi", action: { do: "say", text: "hi" } }, "either line"],
      [{ action: { do: "launch", text: "x" } }, "unknown action 'launch'"],
      [{}, "either line"],
    ];
    for (const [body, words] of cases) {
      const answer = await s.call("POST", `/api/drills/${id}/commands`, body, "alex-ic");
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.code).toBe("validation.failed");
      expect(JSON.stringify(answer.body)).toContain(words);
    }
    expect(await drillState()).toEqual(before);
  });

  it("bad clock moves are 400 and move nothing", async () => {
    const before = await drillState();
    for (const body of [
      { advance: "later" },
      { advance: -5 },
      { advance: "9h" },
      { speed: 1000 },
      { speed: "fast" },
      {},
    ]) {
      const answer = await s.call("POST", `/api/drills/${id}/clock`, body, "alex-ic");
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.errors.length).toBeGreaterThan(0);
    }
    expect(await drillState()).toEqual(before);
  });

  it("only the trainee acts in their drill; others may watch", async () => {
    const before = await drillState();
    const other = await s.call("POST", `/api/drills/${id}/commands`, { line: "say hi" }, "mallory");
    expect(other.status).toBe(403);
    expect(other.body.code).toBe("role.not_authorised");
    expect((await s.call("POST", `/api/drills/${id}/finish`, {}, "mallory")).status).toBe(403);
    expect((await s.call("GET", `/api/drills/${id}/feed`, undefined, "mallory")).status).toBe(200);
    expect(await drillState()).toEqual(before);
  });

  it("unknown drills are 404, a running drill has no report yet, bad cursors are 400", async () => {
    for (const path of ["/api/drills/DRL-0000000000000000", "/api/drills/INC-1/feed", "/api/drills/x/report"]) {
      const answer = await s.call("GET", path);
      expect(answer.status).toBe(404);
      expect(answer.body.code).toBe("drill.not_found");
    }
    const early = await s.call("GET", `/api/drills/${id}/report`);
    expect(early.status).toBe(409);
    expect(early.body.code).toBe("drill.running");
    const cursor = await s.call("GET", `/api/drills/${id}/feed?after=-1`);
    expect(cursor.status).toBe(400);
    expect(cursor.body.errors[0].field).toBe("after");
    const history = await s.call("GET", "/api/trainees/not%20a%20handle/history");
    expect(history.status).toBe(400);
    const cert = await s.call("GET", "/api/certificates/CERT-xyz");
    expect(cert.status).toBe(400);
  });

  it("finishing without record stores nothing in the trainee's record", async () => {
    const head = await s.app.store.headPosition();
    const report = await s.call("POST", `/api/drills/${id}/finish`, { record: false }, "alex-ic");
    expect(report.status).toBe(200);
    // Only the drill's own journal moved (its finish), nothing in any record.
    const written = await s.app.store.readAll(head);
    expect(written.map((e) => [e.streamId, e.type])).toEqual([[id, "DrillFinished"]]);
    expect((await s.call("GET", "/api/trainees/alex-ic/history")).status).toBe(404);
    const badFinish = await s.call("POST", `/api/drills/${id}/finish`, { record: "yes" }, "alex-ic");
    expect(badFinish.status).toBe(400);
  });
});
