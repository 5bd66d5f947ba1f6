/** The handbook's own examples (Exercise 2 and 4) and messages written in the same spirit. */
import { describe, expect, it } from "vitest";
import { analyse, lintPostmortem } from "../../src/domain/analysis/index.js";
import {
  HANDBOOK_BAD_CEO_REPLY,
  HANDBOOK_BAD_POSTMORTEM,
  HANDBOOK_GOOD_CEO_REPLY,
  HANDBOOK_GOOD_POSTMORTEM,
} from "./fixtures/handbook.js";

const rulesOf = (findings: { rule: string }[]) => new Set(findings.map((f) => f.rule));

describe("Exercise 2: talking to the CEO", () => {
  it("flags the bad reply: uncertainty without a plan, no impact, timeline or next update", () => {
    const a = analyse(HANDBOOK_BAD_CEO_REPLY, "executive");
    expect(a.ok).toBe(false);
    const rules = rulesOf(a.findings);
    for (const r of [
      "uncertainty.no-plan",
      "impact.missing",
      "timeline.missing",
      "next-update.missing",
      "plan.missing",
    ]) {
      expect(rules.has(r), r).toBe(true);
    }
    const unsure = a.findings.find((f) => f.rule === "uncertainty.no-plan" && f.excerpt === "not sure");
    expect(unsure?.severity).toBe("error");
  });

  it("passes the good reply and extracts its structure", () => {
    const a = analyse(HANDBOOK_GOOD_CEO_REPLY, "executive");
    expect(a.ok).toBe(true);
    expect(a.findings.filter((f) => f.severity !== "info")).toEqual([]);
    expect(a.extracted.impact?.text).toBe("Product launch page not loading");
    expect(a.extracted.timeline.start?.text).toBe("started 14:03");
    expect(a.extracted.timeline.elapsed?.text).toBe("Currently 8 minutes in");
    expect(a.extracted.plan?.text).toMatch(/^If we don't identify cause by 14:25, we'll execute\s+emergency rollback/);
    expect(a.extracted.nextUpdate).not.toBeNull();
  });

  it.each([
    [
      "own bad: defensive and vague",
      "We're on it, the team is digging through dashboards, honestly no idea what's wrong yet, will let you know.",
    ],
    [
      "own bad: guesses and blames",
      "Probably the database again. Looks like someone pushed a bad change, not sure who.",
    ],
    [
      "own bad: play-by-play",
      "Restarted the workers, checked the queue, grep'd the logs, bumped the connection pool, still 5xx on the gateway.",
    ],
  ])("flags %s", (_name, text) => {
    const a = analyse(text, "executive");
    expect(a.ok).toBe(false);
    expect(rulesOf(a.findings).has("impact.missing")).toBe(true);
  });

  it.each([
    [
      "own good: leads with impact, trigger and next update",
      "Impact: new customers cannot sign up (about 900 attempts failed) since 14:03, 10 minutes so far. Plan: the team is reverting today's sign-up change; if sign-ups still fail at 14:30 we put up a waiting-list page. Next update 14:30. From you: nothing needed yet.",
    ],
    [
      "own good: honest unknown with a way to find out",
      "Around 25% of app users see stale balances since 09:40 (20 minutes). We don't know the cause yet; we are comparing the two data centres and will know by 10:15. If not, we switch all traffic to the healthy one. Next update 10:15.",
    ],
  ])("passes %s", (_name, text) => {
    const a = analyse(text, "executive");
    expect(a.findings.filter((f) => f.severity !== "info")).toEqual([]);
    expect(a.ok).toBe(true);
  });
});

describe("Exercise 4: blameless postmortem", () => {
  it("flags the blame-focused example: blame, human error, punishment and vague actions", () => {
    const r = lintPostmortem(HANDBOOK_BAD_POSTMORTEM);
    expect(r.ok).toBe(false);
    const rules = rulesOf(r.findings);
    for (const rule of [
      "blame.person",
      "blame.human-error",
      "blame.punishment",
      "action-item.vague",
      "action-item.no-owner",
    ]) {
      expect(rules.has(rule), rule).toBe(true);
    }
    const excerpts = r.findings.map((f) => `${f.rule}: ${f.excerpt}`);
    expect(excerpts).toContain("blame.person: Engineer Mike deployed code without proper testing");
    expect(excerpts).toContain("blame.human-error: Human error");
    expect(excerpts).toContain("blame.punishment: Mike to receive additional training");
    expect(excerpts).toContain("action-item.vague: Add more approval gates");
    expect(excerpts.some((e) => e.startsWith("blame.punishment: Remind engineers to"))).toBe(true);
    expect(r.sections.missing).toEqual(expect.arrayContaining(["impact", "timeline"]));
  });

  it("accepts the systems-focused example: no blame, names on the timeline are fine", () => {
    const r = lintPostmortem(HANDBOOK_GOOD_POSTMORTEM);
    expect(r.ok).toBe(true);
    expect(r.findings.filter((f) => f.rule.startsWith("blame."))).toEqual([]);
    expect(r.findings.filter((f) => f.rule === "action-item.vague")).toEqual([]);
    expect(r.sections.found).toEqual(
      expect.arrayContaining([
        "impact",
        "timeline",
        "root-cause",
        "went-well",
        "went-poorly",
        "action-items",
        "lessons",
      ]),
    );
  });
});
