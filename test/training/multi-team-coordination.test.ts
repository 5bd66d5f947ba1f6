/**
 * The first scenario end to end: the strong, weak and paraphrased reference transcripts
 * replayed on the engine and scored against the handbook's rubric for Exercise 1.
 */
import { describe, expect, it } from "vitest";
import { resolveScenario } from "../../src/training/scenario-loader.js";
import { actionsOf, evidenceActions, item, referenceTranscript, scoreReference } from "./helpers.js";

const ID = "multi-team-coordination";

describe("multi-team-coordination", () => {
  it("uses the handbook's groups and points", () => {
    const scenario = resolveScenario(ID);
    const groups = scenario.rubric.groups.map((g) => [g.name, g.items.map((i) => [i.id, i.points])]);
    expect(groups).toEqual([
      [
        "Coordination",
        [
          ["clear-roles", 5],
          ["single-source-of-truth", 5],
          ["technical-discussion-organised", 5],
          ["all-voices-heard", 5],
          ["chaos-prevented", 5],
          ["decisions-documented", 5],
        ],
      ],
      [
        "Decision-making",
        [
          ["options-gathered-quickly", 10],
          ["trade-offs-assessed", 10],
          ["timely-decision", 10],
          ["reasoning-justified", 10],
        ],
      ],
      [
        "Communication",
        [
          ["clear-concise-updates", 10],
          ["appropriate-detail", 10],
          ["stakeholder-expectations", 10],
        ],
      ],
    ]);
    expect(scenario.cast.map((p) => p.handle)).toEqual([
      "sarah-db",
      "mike-app",
      "lisa-sre",
      "david-product",
      "jane-vp",
    ]);
    expect(scenario.options.map((o) => o.id)).toEqual(["A", "B", "C", "D"]);
  });

  it("the strong commander scores at least 80% and passes, with evidence at the right actions", async () => {
    const transcript = referenceTranscript(ID, "strong");
    const { run, score } = await scoreReference(ID, "strong");
    expect(run.errors).toEqual([]);
    expect(score.percent).toBeGreaterThanOrEqual(80);
    expect(score.passed).toBe(true);
    expect(score.groups.map((g) => g.max)).toEqual([30, 40, 30]);
    const declare = actionsOf(transcript, "declare");
    const assigns = actionsOf(transcript, "assign");
    expect(evidenceActions(score, "clear-roles")).toEqual([...declare, ...assigns]);
    const options = actionsOf(transcript, "option");
    expect(evidenceActions(score, "options-gathered-quickly")).toEqual(options);
    expect(evidenceActions(score, "trade-offs-assessed")).toEqual(options);
    const decide = actionsOf(transcript, "decide");
    expect(evidenceActions(score, "decisions-documented")).toEqual(decide);
    expect(evidenceActions(score, "reasoning-justified")).toEqual(decide);
    expect(evidenceActions(score, "timely-decision")).toEqual(
      [...actionsOf(transcript, "deadline"), ...decide].sort((a, b) => a - b),
    );
    const updates = actionsOf(transcript, "update");
    expect(evidenceActions(score, "clear-concise-updates")).toEqual(updates);
    expect(evidenceActions(score, "stakeholder-expectations")).toEqual(
      actionsOf(transcript, "update", { audience: "executive" }),
    );
    expect(evidenceActions(score, "chaos-prevented")).toEqual(actionsOf(transcript, "task"));
    const words = item(score, "reasoning-justified").evidence[0]?.words ?? [];
    expect(words).toEqual(expect.arrayContaining(["data", "fallback"]));
  });

  it("the weak commander scores at most 50%, and the evidence names what went wrong", async () => {
    const transcript = referenceTranscript(ID, "weak");
    const { score } = await scoreReference(ID, "weak");
    expect(score.percent).toBeLessThanOrEqual(50);
    expect(score.passed).toBe(false);
    const technical = item(score, "technical-discussion-organised");
    const debugging = actionsOf(transcript, "say")[1];
    expect(technical.evidence.find((e) => e.action === debugging)?.words).toEqual(
      expect.arrayContaining(["cass-prod-07"]),
    );
    expect(technical.points).toBeLessThan(technical.max);
    const clarity = item(score, "clear-concise-updates");
    expect(clarity.points).toBe(0);
    expect(clarity.evidence[0]?.action).toBe(actionsOf(transcript, "update")[0]);
    expect(clarity.evidence[0]?.words).toEqual(expect.arrayContaining(["not sure", "cass-prod-07"]));
    const reasoning = item(score, "reasoning-justified");
    expect(reasoning.points).toBe(0);
    expect(reasoning.evidence.map((e) => e.note).join(" ")).toContain("the choice (B)");
    const chaos = item(score, "chaos-prevented");
    expect(
      chaos.evidence.some((e) => e.action === actionsOf(transcript, "say")[0] && e.words?.[0] === "can someone"),
    ).toBe(true);
    expect(item(score, "all-voices-heard").advice).toContain("david-product");
  });

  it("a strong commander in other words still scores at least 80%", async () => {
    const { run, score } = await scoreReference(ID, "paraphrased");
    expect(run.errors).toEqual([]);
    expect(score.percent).toBeGreaterThanOrEqual(80);
    // Their option A is the scenario's C, B is A, C is B; choosing A then B is the hybrid D.
    const gathered = item(score, "options-gathered-quickly").evidence.map((e) => e.note);
    expect(gathered).toEqual(
      expect.arrayContaining([
        expect.stringContaining("is the scenario's C"),
        expect.stringContaining("is the scenario's A"),
        expect.stringContaining("is the scenario's B"),
        expect.stringContaining("combines the parts of D"),
      ]),
    );
    expect(run.feed.some((f) => f.inject === "workaround-started")).toBe(true);
  });

  it("scores the same transcript identically twice", async () => {
    const first = await scoreReference(ID, "strong");
    const second = await scoreReference(ID, "strong");
    expect(JSON.stringify(second.score)).toBe(JSON.stringify(first.score));
    expect(JSON.stringify(second.run)).toBe(JSON.stringify(first.run));
    const weak1 = await scoreReference(ID, "weak");
    const weak2 = await scoreReference(ID, "weak");
    expect(JSON.stringify(weak2.score)).toBe(JSON.stringify(weak1.score));
  });
});
