/**
 * A drill played over real HTTP: the same transcript gives the same score as the CLI's
 * replay, the report carries every rubric item with evidence and advice, the recorded
 * transcript replays to that score, and a recorded run shows in the trainee's history.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { scoreRun } from "../../src/training/rubric/score.js";
import { runDrill } from "../../src/training/runner.js";
import { builtInScenarioIds, resolveScenario } from "../../src/training/scenario-loader.js";
import { parseTranscript } from "../../src/training/transcript.js";
import { playTranscript, startTrainingServer, type TrainingServer, transcriptPath } from "./helpers.js";

/** Plays a reference transcript through the API as its own trainee. */
async function playOverHttp(s: TrainingServer, scenario: string, kind: string, record: boolean) {
  const { trainee } = parse(readFileSync(transcriptPath(scenario, kind), "utf8")) as { trainee: string };
  const played = await playTranscript(
    (method, path, body) => s.call(method, path, body, trainee),
    scenario,
    kind,
    record,
  );
  return { ...played, trainee };
}

describe("drills over HTTP", () => {
  let s: TrainingServer;
  beforeAll(async () => {
    s = await startTrainingServer();
  });
  afterAll(async () => {
    await s.close();
  });

  it("lists the built-in scenarios with what each trains, and one scenario's briefing, cast and rubric", async () => {
    const list = await s.call("GET", "/api/scenarios");
    expect(list.status).toBe(200);
    const ids = list.body.map((x: { id: string }) => x.id);
    expect(ids).toContain("multi-team-coordination");
    expect(ids).toContain("certification");
    for (const entry of list.body) {
      expect(entry.title.length).toBeGreaterThan(0);
      expect(["beginner", "intermediate", "advanced", "expert"]).toContain(entry.difficulty);
      expect(entry.objectives.length).toBeGreaterThan(0);
    }
    expect(list.body.find((x: { id: string }) => x.id === "certification").certifies).toBe(true);
    const exam = await s.call("GET", "/api/scenarios/certification");
    expect(exam.body.frontKeys.map((f: { key: string }) => f.key).length).toBe(3);
    expect(JSON.stringify(exam.body.frontKeys)).not.toContain("SEV");
    const one = await s.call("GET", "/api/scenarios/multi-team-coordination");
    expect(one.body.briefing).toContain("Cassandra");
    expect(one.body.people.map((p: { handle: string }) => p.handle)).toContain("sarah-db");
    const points = one.body.rubric.reduce((sum: number, i: { points: number }) => sum + i.points, 0);
    expect(points).toBe(100);
  });

  it("scores a drill played over HTTP exactly as the CLI replays the same transcript", async () => {
    const scenario = resolveScenario("multi-team-coordination");
    const text = readFileSync(transcriptPath("multi-team-coordination", "strong"), "utf8");
    const expected = scoreRun(scenario, await runDrill(scenario, parseTranscript(text)));
    const { id, report } = await playOverHttp(s, "multi-team-coordination", "strong", false);
    expect(report.percent).toBe(expected.percent);
    expect(report.items.map((i: { id: string; points: number }) => [i.id, i.points])).toEqual(
      expected.items.map((i) => [i.id, i.points]),
    );
    expect(report.groups).toEqual(expected.groups);
    expect(report.competencies).toEqual(expected.competencies);
    expect(report.passed).toBe(true);
    // Every rubric item, with evidence, advice and what the scenario says it judges.
    const rubricIds = scenario.rubric.groups.flatMap((g) => g.items.map((i) => i.id));
    expect(report.items.map((i: { id: string }) => i.id).sort()).toEqual([...rubricIds].sort());
    for (const item of report.items) {
      expect(item.advice.length).toBeGreaterThan(10);
      expect(Array.isArray(item.evidence)).toBe(true);
      expect(["technical", "leadership", "communication"]).toContain(item.competency);
    }
    expect(report.recorded).toBeNull();
    // The recorded transcript replays to the same score from the CLI.
    const replayed = scoreRun(scenario, await runDrill(scenario, parseTranscript(report.transcript)));
    expect(replayed.percent).toBe(report.percent);
    // The report stays readable; the drill takes no more actions.
    const again = await s.call("GET", `/api/drills/${id}/report`);
    expect(again.body.percent).toBe(report.percent);
    const late = await s.call("POST", `/api/drills/${id}/commands`, { line: "say hello" }, "alex-ic");
    expect(late.status).toBe(409);
    expect(late.body.code).toBe("drill.finished");
    const clock = await s.call("POST", `/api/drills/${id}/clock`, { advance: "1m" }, "alex-ic");
    expect(clock.body.code).toBe("drill.finished");
  });

  it("scores every built-in scenario's strong transcript over HTTP as the CLI does (preludes, fronts)", async () => {
    for (const id of builtInScenarioIds()) {
      const scenario = resolveScenario(id);
      const text = readFileSync(transcriptPath(id, "strong"), "utf8");
      const expected = scoreRun(scenario, await runDrill(scenario, parseTranscript(text)));
      const { report } = await playOverHttp(s, id, "strong", false);
      expect([id, report.percent]).toEqual([id, expected.percent]);
      expect(report.items.map((i: { points: number }) => i.points)).toEqual(expected.items.map((i) => i.points));
    }
  });

  it("records a run when asked: it shows in the trainee's history, and a weak run scores low", async () => {
    const before = await s.call("GET", "/api/trainees/sam-ic/history");
    expect(before.status).toBe(404);
    expect(before.body.code).toBe("trainee.not_found");
    const weak = await playOverHttp(s, "multi-team-coordination", "weak", true);
    expect(weak.report.percent).toBeLessThanOrEqual(50);
    expect(weak.report.recorded).toEqual({ run: 1, certificate: null });
    const history = await s.call("GET", `/api/trainees/${weak.trainee}/history`);
    expect(history.status).toBe(200);
    expect(history.body.runs.map((r: { scenario: string; percent: number }) => [r.scenario, r.percent])).toEqual([
      ["multi-team-coordination", weak.report.percent],
    ]);
    expect(history.body.profile.overTime).toHaveLength(1);
    const certificates = await s.call("GET", `/api/trainees/${weak.trainee}/certificates`);
    expect(certificates.body).toEqual([]);
  });

  it("issues a certificate for a passed exam recorded over HTTP, and verifies it", async () => {
    const exam = await playOverHttp(s, "certification", "strong", true);
    expect(exam.report.passed).toBe(true);
    const id = exam.report.recorded?.certificate?.id as string;
    expect(id).toMatch(/^CERT-[0-9A-F]{20}$/);
    const check = await s.call("GET", `/api/certificates/${id}`);
    expect(check.status).toBe(200);
    expect(check.body.status).toBe("valid");
    expect(check.body.certificate.trainee).toBe(exam.trainee);
    const unknown = await s.call("GET", `/api/certificates/CERT-${"0".repeat(20)}`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe("certificate.not_found");
    const list = await s.call("GET", `/api/trainees/${exam.trainee}/certificates`);
    expect(list.body.map((c: { id: string }) => c.id)).toEqual([id]);
  });

  it("takes typed lines as the CLI drill does; the engine's refusals are the trainee's, shown in the feed", async () => {
    const started = await s.call("POST", "/api/drills", { scenario: "multi-team-coordination" }, "robin-ic");
    const id = started.body.id as string;
    const declared = await s.call(
      "POST",
      `/api/drills/${id}/commands`,
      { line: 'declare "Sign-in failing" --sev 1 --impact "5% of users cannot sign in"' },
      "robin-ic",
    );
    expect(declared.status).toBe(200);
    expect(declared.body.action).toMatchObject({ verb: "declare", ok: true });
    expect(declared.body.feed[0]).toMatchObject({ kind: "trainee", from: "robin-ic" });
    const cursor = declared.body.feed.at(-1).seq as number;
    const refused = await s.call(
      "POST",
      `/api/drills/${id}/commands`,
      { line: 'decide --choose A --rationale "fast"' },
      "robin-ic",
    );
    expect(refused.status).toBe(200);
    expect(refused.body.action.ok).toBe(false);
    expect(refused.body.action.error.code).toBe("decision.no_options");
    expect(refused.body.feed.some((f: { kind: string }) => f.kind === "error")).toBe(true);
    const waited = await s.call("POST", `/api/drills/${id}/commands`, { line: "wait 3m" }, "robin-ic");
    expect(waited.body.action).toBeNull();
    expect(waited.body.clock.offset).toBe(180);
    const feed = await s.call("GET", `/api/drills/${id}/feed?after=${cursor}`);
    expect(feed.body.entries[0].seq).toBe(cursor + 1);
    expect(feed.body.entries.every((e: { seq: number }) => e.seq > cursor)).toBe(true);
    expect(feed.body.next).toBe(feed.body.entries.at(-1).seq);
    // A transcript action's own `at` is ignored: it happens now on the drill's clock.
    const late = await s.call(
      "POST",
      `/api/drills/${id}/commands`,
      { action: { at: "25m", do: "say", text: "Now, not at 25m" } },
      "robin-ic",
    );
    expect(late.body.action.offset).toBe(180);
    const listed = await s.call("GET", "/api/drills?trainee=robin-ic&status=running");
    expect(listed.body.map((d: { id: string }) => d.id)).toEqual([id]);
    const report = await s.call("POST", `/api/drills/${id}/finish`, undefined, "robin-ic");
    expect(report.body.refused).toEqual([expect.objectContaining({ verb: "decide", code: "decision.no_options" })]);
    // Finishing twice answers the same report.
    const again = await s.call("POST", `/api/drills/${id}/finish`, undefined, "robin-ic");
    expect(again.status).toBe(200);
    expect(again.body).toEqual(report.body);
  });

  it("answers a retried command with its first result and does it once (Idempotency-Key)", async () => {
    const id = (await s.call("POST", "/api/drills", { scenario: "impossible-decision" }, "lee-ic")).body.id as string;
    const send = (body: unknown, key: string) =>
      fetch(`${s.url}/api/drills/${id}/commands`, {
        method: "POST",
        headers: { "content-type": "application/json", "warroom-actor": "lee-ic", "idempotency-key": key },
        body: JSON.stringify(body),
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> }));
    const line = { line: 'declare "Corruption spreading" --sev 1' };
    const [first, again] = await Promise.all([send(line, "k-1"), send(line, "k-1")]);
    expect(again.body).toEqual(first.body);
    const feed = await s.call("GET", `/api/drills/${id}/feed`);
    expect(feed.body.entries.filter((e: { kind: string }) => e.kind === "trainee")).toHaveLength(1);
    const reused = await send({ line: "say something else" }, "k-1");
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe("idempotency.key_reused");
    // A refused request's key may be used again.
    expect((await send({ line: "assign tech-lead" }, "k-2")).status).toBe(400);
    expect((await send({ line: "assign tech-lead raj-eng" }, "k-2")).status).toBe(200);
  });

  it("runs the virtual clock at a speed, and stops it at the scenario's end", async () => {
    const started = await s.call("POST", "/api/drills", { scenario: "multi-team-coordination" }, "kim-ic");
    const id = started.body.id as string;
    const set = await s.call("POST", `/api/drills/${id}/clock`, { speed: 60 }, "kim-ic");
    expect(set.body.clock.speed).toBe(60);
    s.clock.advance(10_000); // ten real seconds: ten virtual minutes
    const said = await s.call("POST", `/api/drills/${id}/commands`, { line: "say Who is on the call?" }, "kim-ic");
    expect(said.body.action.offset).toBe(600);
    expect(said.body.feed.some((f: { kind: string }) => f.kind === "persona")).toBe(true);
    s.clock.advance(600_000); // far past the end, within the idle limit
    const stopped = await s.call("POST", `/api/drills/${id}/clock`, { advance: "1m" }, "kim-ic");
    expect(stopped.body.clock.offset).toBe(30 * 60 + 60);
    expect(stopped.body.clock.speed).toBe(0);
  });

  it("lists the routes in /openapi.json with their access", async () => {
    const doc = await s.call("GET", "/openapi.json");
    const op = (path: string, method: string) => doc.body.paths[path]?.[method];
    expect(op("/api/scenarios", "get")["x-warroom-access"]).toBe("viewer");
    expect(op("/api/drills", "post")["x-warroom-access"]).toBe("responder");
    expect(op("/api/drills/{id}/commands", "post")["x-warroom-access"]).toBe("responder");
    expect(op("/api/drills/{id}/finish", "post").tags).toEqual(["training"]);
    expect(op("/api/trainees/{handle}/history", "get")).toBeDefined();
  });
});
