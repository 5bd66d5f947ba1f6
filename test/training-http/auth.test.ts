/**
 * Training with auth on: the trainee is the token's person; a viewer may read the
 * catalogue and watch a drill (its stream with ?access_token=) but not start or act in
 * one; only the drill's trainee acts in it. A private-incident scenario played by a
 * responder scores as the CLI replays it.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scoreRun } from "../../src/training/rubric/score.js";
import { runDrill } from "../../src/training/runner.js";
import { resolveScenario } from "../../src/training/scenario-loader.js";
import { parseTranscript } from "../../src/training/transcript.js";
import { type AuthApp, startAuthApp } from "../auth/helpers.js";
import { SseClient } from "../http/sse-client.js";
import { type Caller, playTranscript, transcriptPath } from "./helpers.js";

describe("training with tokens", () => {
  let a: AuthApp;
  const as =
    (token: string | null): Caller =>
    (method, path, body) =>
      a.call(method, path, { token, ...(body === undefined ? {} : { body }) });
  beforeAll(async () => {
    a = await startAuthApp();
  });
  afterAll(async () => {
    await a.close();
  });

  it("a responder drills the private security scenario as themselves and scores as the CLI replay", async () => {
    const id = "security-incident-legal";
    const scenario = resolveScenario(id);
    const transcript = parseTranscript(readFileSync(transcriptPath(id, "strong"), "utf8"));
    const expected = scoreRun(scenario, await runDrill(scenario, { ...transcript, trainee: "responder-person" }));
    const { report } = await playTranscript(as(a.tokens.responder), id, "strong", true);
    expect(report.trainee).toBe("responder-person");
    expect(report.percent).toBe(expected.percent);
    const history = await as(a.tokens.viewer)("GET", "/api/trainees/responder-person/history");
    expect(history.body.runs).toHaveLength(1);
  });

  it("viewers read and watch; only the drill's trainee acts in it; no token is 401", async () => {
    expect((await as(null)("GET", "/api/scenarios")).status).toBe(401);
    expect((await as(a.tokens.viewer)("GET", "/api/scenarios")).status).toBe(200);
    const refused = await as(a.tokens.viewer)("POST", "/api/drills", { scenario: "impossible-decision" });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe("auth.forbidden");
    const started = await as(a.tokens.responder)("POST", "/api/drills", { scenario: "impossible-decision" });
    expect(started.body.trainee).toBe("responder-person");
    const drill = started.body.id as string;
    const stream = await SseClient.open(`${a.url}/api/drills/${drill}/stream?access_token=${a.tokens.viewer}`);
    expect(stream.status).toBe(200);
    await as(a.tokens.responder)("POST", `/api/drills/${drill}/commands`, {
      line: 'declare "Corruption spreading" --sev 1',
    });
    await stream.until((c) => c.messages.some((m) => m.event === "feed"), "a feed line");
    stream.close();
    const other = await as(a.tokens.commander)("POST", `/api/drills/${drill}/commands`, { line: "say hi" });
    expect(other.status).toBe(403);
    expect(other.body.code).toBe("role.not_authorised");
    const watched = await as(a.tokens.viewer)("GET", `/api/drills/${drill}/feed`);
    expect(watched.body.entries.length).toBeGreaterThan(0);
  });
});
