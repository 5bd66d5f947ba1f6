/**
 * Every built-in scenario against its reference transcripts: the strong commander at 80%
 * or more, the weak at 50% or less, the same score on every replay, a strong commander in
 * other words (the paraphrased transcript) at 80% or more; and for the executive
 * and decision scenarios, evidence that points at the actions that earned or cost points.
 */
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { builtInScenarioIds } from "../../src/training/scenario-loader.js";
import { actionsOf, evidenceActions, item, referenceTranscript, scoreReference, transcriptPath } from "./helpers.js";

describe.each(builtInScenarioIds())("%s", (id) => {
  it("ships a strong and a weak reference transcript", () => {
    expect(existsSync(transcriptPath(id, "strong"))).toBe(true);
    expect(existsSync(transcriptPath(id, "weak"))).toBe(true);
  });

  it("scores the strong commander at 80% or more, the weak at 50% or less, identically on replay", async () => {
    const strong = await scoreReference(id, "strong");
    expect(strong.run.errors).toEqual([]);
    expect(strong.score.percent).toBeGreaterThanOrEqual(80);
    expect(strong.score.passed).toBe(true);
    const weak = await scoreReference(id, "weak");
    expect(weak.score.percent).toBeLessThanOrEqual(50);
    expect(weak.score.passed).toBe(false);
    const again = await scoreReference(id, "weak");
    expect(JSON.stringify(again.score)).toBe(JSON.stringify(weak.score));
  });

  it("scores a strong commander in other words at 80% or more too", async () => {
    expect(existsSync(transcriptPath(id, "paraphrased"))).toBe(true);
    const { run, score } = await scoreReference(id, "paraphrased");
    expect(run.errors).toEqual([]);
    expect(score.percent).toBeGreaterThanOrEqual(80);
  });
});

describe("ceo-in-the-war-room evidence", () => {
  const ID = "ceo-in-the-war-room";

  it("credits the press line and the boundary to the messages that carried them", async () => {
    const t = referenceTranscript(ID, "strong");
    const { score } = await scoreReference(ID, "strong");
    const says = actionsOf(t, "say");
    expect(evidenceActions(score, "press-guidance")).toEqual([says[1]]);
    expect(evidenceActions(score, "boundaries-set")).toEqual([says[2]]);
    expect(evidenceActions(score, "trigger-set")).toEqual([actionsOf(t, "trigger")[0]]);
    expect(evidenceActions(score, "impact-and-timeline-first")).toEqual(actionsOf(t, "update"));
  });

  it("names the weak commander's blame, speculation and all-hands call", async () => {
    const t = referenceTranscript(ID, "weak");
    const { score } = await scoreReference(ID, "weak");
    const boundaries = item(score, "boundaries-set");
    expect(boundaries.points).toBe(0);
    expect(boundaries.evidence.find((e) => e.words?.includes("all hands"))?.action).toBe(actionsOf(t, "say")[1]);
    const honest = item(score, "honest-uncertainty");
    expect(honest.evidence[0]?.words).toEqual(expect.arrayContaining(["not sure", "Mike's config change"]));
    expect(honest.evidence[0]?.action).toBe(actionsOf(t, "update")[0]);
    expect(item(score, "investigation-undisturbed").evidence[0]?.words).toEqual(expect.arrayContaining(["redis"]));
  });
});

describe("impossible-decision evidence", () => {
  const ID = "impossible-decision";

  it("walks the five steps: questions, consultation, matrix, call, every audience, ownership", async () => {
    const t = referenceTranscript(ID, "strong");
    const { score } = await scoreReference(ID, "strong");
    const asks = actionsOf(t, "ask");
    expect(evidenceActions(score, "stakes-clarified")).toEqual(
      asks.filter((i) => t.actions[i]?.fields.to === "raj-eng").slice(0, 3),
    );
    expect(evidenceActions(score, "stakeholders-consulted")).toEqual([
      actionsOf(t, "say")[0],
      asks.find((i) => t.actions[i]?.fields.to === "omar-legal"),
    ]);
    expect(evidenceActions(score, "options-compared")).toEqual(actionsOf(t, "option"));
    expect(evidenceActions(score, "every-audience-told")).toEqual(actionsOf(t, "update"));
    expect(evidenceActions(score, "owns-the-outcome")).toEqual([actionsOf(t, "say").at(-1)]);
  });

  it("a defensive answer earns nothing for ownership, and the evidence names the words", async () => {
    const t = referenceTranscript(ID, "weak");
    const { score } = await scoreReference(ID, "weak");
    const owns = item(score, "owns-the-outcome");
    expect(owns.points).toBe(0);
    const defensive = owns.evidence.find((e) => e.note.startsWith("defending the call"));
    expect(defensive).toMatchObject({ action: actionsOf(t, "say").at(-1), words: ["not our fault"] });
    expect(
      item(score, "reasoning")
        .evidence.map((e) => e.note)
        .join(" "),
    ).toContain("gives up more than the facts justify");
  });
});
