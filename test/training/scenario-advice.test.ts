/**
 * The postmortem, security, handover and false-alarm scenarios: on every reference run, each
 * item has evidence and one sentence of advice, and the prelude scenarios replay identically.
 */
import { describe, expect, it } from "vitest";
import { scoreReference } from "./helpers.js";

const IDS = ["postmortem-leadership", "security-incident-legal", "long-incident-handover", "false-alarm-stand-down"];

describe.each(IDS)("%s", (id) => {
  it.each(["strong", "weak", "paraphrased"])("%s: every item has evidence and one sentence of advice", async (kind) => {
    const { score } = await scoreReference(id, kind);
    for (const i of score.items) {
      expect(i.evidence.length, i.id).toBeGreaterThan(0);
      expect(i.advice, i.id).toMatch(/^[A-Z].*[.:a-z)]$/);
      expect(i.advice.split(/(?<=\.) [A-Z]/), i.id).toHaveLength(1);
    }
    expect(score.groups.reduce((sum, g) => sum + g.max, 0)).toBe(100);
  });

  it("replays to the same run record and score", async () => {
    const first = await scoreReference(id, "strong");
    const again = await scoreReference(id, "strong");
    expect(JSON.stringify(again.run)).toBe(JSON.stringify(first.run));
    expect(JSON.stringify(again.score)).toBe(JSON.stringify(first.score));
  });
});
