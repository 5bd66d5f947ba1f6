/**
 * The handover evaluators on small runs of long-incident-handover (the trainee commands the
 * incident from the prelude): an explicit, timely, announced handover; a briefing that
 * covers what the next commander needs; and stepping back afterwards.
 */
import { describe, expect, it } from "vitest";
import { resolveScenario } from "../../src/training/scenario-loader.js";
import { actionsOf, evidenceActions, inline, item, referenceTranscript, scored, scoreReference } from "./helpers.js";

const ID = "long-incident-handover";
const scenario = resolveScenario(ID);
const BRIEFING =
  "EU users see empty search; cause is the failover corruption; Mei leads the rebuild; trigger at 12:15; next update 12:00 for Rita; risk: it stalls if the primary is busy.";
const handover = (at: string, to = "ben-ic", briefing = BRIEFING) =>
  `  - { at: ${at}, do: handover, to: ${to}, briefing: "${briefing}" }\n`;
const ANNOUNCE = (at: string) => `  - { at: ${at}, do: say, text: "Ben is now the incident commander." }\n`;

describe("handover evaluators", () => {
  it("command-handover: explicit, on time, to the commander on standby and announced earns it", async () => {
    const { score, run } = await scored(scenario, inline(handover("15m") + ANNOUNCE("15m")));
    expect(run.errors).toEqual([]);
    const explicit = item(score, "handover-explicit");
    expect(explicit.points).toBe(20);
    expect(explicit.evidence.map((e) => e.action)).toEqual([0, 1]);
  });

  it("command-handover: late, unannounced or to someone else each cost their share; none earns nothing", async () => {
    const { score: late } = await scored(scenario, inline(handover("39m")));
    const lateItem = item(late, "handover-explicit");
    expect(lateItem.points).toBe(10);
    expect(lateItem.advice).toBe(
      "Hand over within 15m of the 4h mark and announce to the room that ben-ic now has command.",
    );
    const toJo = `${handover("15m", "jo-deputy")}  - { at: 15m, do: say, text: "Jo is now the incident commander." }\n`;
    const { score: other } = await scored(scenario, inline(toJo));
    expect(item(other, "handover-explicit").points).toBe(18);
    expect(item(other, "handover-explicit").advice).toBe("Hand over to ben-ic, who was lined up for it.");
    const { score: none, run } = await scored(
      scenario,
      inline("  - { at: 15m, do: assign, role: incident-commander, person: ben-ic }\n"),
    );
    expect(run.errors.map((e) => e.code)).toEqual(["role.already_held"]);
    expect(item(none, "handover-explicit").points).toBe(0);
    expect(none.passed).toBe(false);
  });

  it("handover-briefing: each concept counts, from the briefing or from chat to the next commander just before", async () => {
    const { score: full } = await scored(scenario, inline(handover("15m")));
    expect(item(full, "briefing-complete").points).toBe(20);
    const { score: bare } = await scored(scenario, inline(handover("15m", "ben-ic", "Over to you.")));
    const thin = item(bare, "briefing-complete");
    expect(thin.points).toBe(0);
    expect(thin.advice).toContain("the risks to watch");
    const chat = `  - { at: 10m, do: say, text: "@ben-ic EU users see empty search since the failover corruption." }\n${handover("15m", "ben-ic", "Mei leads the rebuild; trigger at 12:15; next update 12:00; risk: it stalls.")}`;
    const { score: split } = await scored(scenario, inline(chat));
    const both = item(split, "briefing-complete");
    expect(both.points).toBe(20);
    expect(evidenceActions(split, "briefing-complete")).toEqual([0, 1]);
  });

  it("command-relinquished: commands after the handover (past the grace) halve it each time", async () => {
    const { score: clean } = await scored(scenario, inline(handover("15m")));
    expect(item(clean, "stepped-back").points).toBe(10);
    const meddling = `${handover("15m")}  - { at: 25m, do: task, title: Check the rebuild, to: mei-search, timebox: 5m }\n  - { at: 26m, do: sev, severity: SEV-1, reason: impatient }\n`;
    const { score, run } = await scored(scenario, inline(meddling));
    expect(run.errors).toEqual([]);
    const stepped = item(score, "stepped-back");
    expect(stepped.points).toBe(2.5);
    expect(evidenceActions(score, "stepped-back")).toEqual([0, 1, 2]);
    const { score: never } = await scored(scenario, inline("  - { at: 1m, do: say, text: hello }\n"));
    expect(item(never, "stepped-back").points).toBe(0);
  });
});

describe("long-incident-handover reference evidence", () => {
  it("credits the handover, the announcement and the briefing to the actions that did them", async () => {
    const t = referenceTranscript(ID, "strong");
    const { score } = await scoreReference(ID, "strong");
    const says = actionsOf(t, "say");
    expect(evidenceActions(score, "handover-explicit")).toEqual([actionsOf(t, "handover")[0], says[2]]);
    expect(evidenceActions(score, "briefing-complete")).toEqual(actionsOf(t, "handover"));
    expect(evidenceActions(score, "deputy-used")).toEqual([says[0]]);
  });

  it("shows the weak commander's refused role grab and the commands after drifting off", async () => {
    const { score, run } = await scoreReference(ID, "weak");
    expect(run.errors.map((e) => e.code)).toEqual(["role.already_held"]);
    expect(item(score, "handover-explicit").evidence[0]?.note).toBe("command never handed over");
    expect(score.passed).toBe(false);
  });
});
