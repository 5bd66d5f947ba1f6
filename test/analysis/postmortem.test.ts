/** lintPostmortem: sections, blameless language, action items. */
import { describe, expect, it } from "vitest";
import { lintPostmortem } from "../../src/domain/analysis/index.js";
import { BLAMING_POSTMORTEM, GOOD_POSTMORTEM, THIN_POSTMORTEM } from "./fixtures/postmortems.js";

const rules = (md: string) => lintPostmortem(md).findings.map((f) => f.rule);
const byRule = (md: string, rule: string) =>
  lintPostmortem(md)
    .findings.filter((f) => f.rule === rule)
    .map((f) => f.excerpt);

describe("a complete, blameless postmortem", () => {
  const r = lintPostmortem(GOOD_POSTMORTEM);

  it("is ok with no findings at all", () => {
    expect(r.findings).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.sections.missing).toEqual([]);
  });

  it("reads the action-item table: owners and due dates", () => {
    expect(r.actionItems.map((i) => [i.owner, i.due])).toEqual([
      ["sam", "2025-03-25"],
      ["priya", "2025-04-08"],
      ["ana", "2025-03-18"],
      ["jonas", "2025-03-18"],
    ]);
    for (const item of r.actionItems) expect(GOOD_POSTMORTEM.slice(item.start, item.end)).toBe(item.text);
  });
});

describe("sections", () => {
  it("detects missing sections and names them", () => {
    const r = lintPostmortem(THIN_POSTMORTEM);
    expect(r.sections.found).toEqual(["summary", "action-items"]);
    expect(r.sections.missing).toEqual(["impact", "timeline", "root-cause", "went-well", "went-poorly", "lessons"]);
    const missing = r.findings.filter((f) => f.rule === "postmortem.section-missing");
    expect(missing).toHaveLength(6);
    expect(missing.find((f) => f.message.includes("Impact"))?.severity).toBe("error");
    expect(missing.find((f) => f.message.includes("What went well"))?.severity).toBe("warning");
  });

  it.each([
    ["## TL;DR", "summary"],
    ["## Overview", "summary"],
    ["## Customer impact", "impact"],
    ["## Blast radius", "impact"],
    ["## Chronology", "timeline"],
    ["## Sequence of events", "timeline"],
    ["## Contributing factors", "root-cause"],
    ["## 5 Whys", "root-cause"],
    ["## Root Cause Analysis (5 Whys)", "root-cause"],
    ["## What worked", "went-well"],
    ["## What didn't go well", "went-poorly"],
    ["## Where we struggled", "went-poorly"],
    ["## Follow-ups", "action-items"],
    ["## Remediation", "action-items"],
    ["## Corrective actions", "action-items"],
    ["## Key takeaways", "lessons"],
    ["## 3. Lessons learned", "lessons"],
    ["**What went wrong**", "went-poorly"],
    ["Timeline\n--------", "timeline"],
    ["Action items:", "action-items"],
  ])("%j counts as %s", (heading, section) => {
    expect(lintPostmortem(`${heading}\ntext\n`).sections.found).toContain(section);
  });

  it("ignores headings inside code fences", () => {
    expect(lintPostmortem("```\n## Impact\n```\n").sections.found).not.toContain("impact");
  });

  it("asks for numbers in the impact section", () => {
    expect(rules("## Impact\nSome users were affected for a while.\n")).toContain("postmortem.impact-unquantified");
    expect(rules("## Impact\n12% of users for 40 minutes.\n")).not.toContain("postmortem.impact-unquantified");
  });
});

describe("blame", () => {
  it("finds person, human error, hindsight and punishment in prose", () => {
    const r = lintPostmortem(BLAMING_POSTMORTEM);
    expect(r.ok).toBe(false);
    const found = r.findings.map((f) => `${f.rule}: ${f.excerpt}`);
    expect(found).toEqual(
      expect.arrayContaining([
        "blame.person: because Tom ran",
        "blame.person: He should have checked",
        "blame.hindsight: should have",
        "blame.human-error: operator error",
        "blame.human-error: Carelessness",
        "blame.person: The on-call engineer failed to follow",
        "blame.punishment: Tom to attend refresher training",
        "blame.punishment: Disciplinary",
        "blame.punishment: Revoke Tom's production access",
        "blame.punishment: Remind everyone to",
      ]),
    );
  });

  it.each([
    "- 14:03: Deployment initiated by Engineer Mike",
    "- 10:44 Decision to revert (Tech Lead Sam, no objections)",
    "Priya deployed release 2.14 through the normal pipeline.",
    "Mike rolled back the change at 14:30 and confirmed recovery.",
    "The engineer followed our documented procedures correctly.",
    "Sarah noticed the alert and paged the database team.",
    "Kim stayed on the call for four hours and kept the timeline. Thank you, Kim.",
    "The deploy failed to complete because the health check timed out.",
    "The alert should have fired at 80% but its threshold was 95%.",
    "No one is to blame; the checklist did not cover this case.",
  ])("does not flag %j", (line) => {
    expect(rules(`## Timeline\n${line}\n`).filter((r) => r.startsWith("blame."))).toEqual([]);
  });

  it.each([
    ["Mike deployed bad code.", "blame.person"],
    ["The outage was caused by Sarah's change.", "blame.person"],
    ["Dev X broke it.", "blame.person"],
    ["Root cause: human error.", "blame.human-error"],
    ["It was operator error.", "blame.human-error"],
    ["The engineer didn't follow the checklist.", "blame.person"],
    ["We should have tested this in staging.", "blame.hindsight"],
    ["The team failed to follow the runbook.", "blame.hindsight"],
    ["Someone on the team deleted the production table.", "blame.person"],
    ["Retrain Mike on deployments.", "blame.punishment"],
    ["Mike should receive additional training.", "blame.punishment"],
    ["Written warning for the engineer involved.", "blame.punishment"],
  ])("flags %j as %s", (line, rule) => {
    expect(rules(`## Root cause\n${line}\n`)).toContain(rule);
  });
});

describe("action items", () => {
  const itemFindings = (r: ReturnType<typeof lintPostmortem>) =>
    r.findings.filter((f) => f.rule.startsWith("action-item."));
  const section = (items: string) => `## Action items\n${items}\n`;

  it("needs an owner and a date on each item", () => {
    const r = lintPostmortem(section("- Add a connection-pool saturation alert at 80%"));
    expect(
      itemFindings(r)
        .map((f) => f.rule)
        .sort(),
    ).toEqual(["action-item.no-date", "action-item.no-owner"]);
  });

  it.each([
    "- Add a saturation alert at 80% (owner: @kim, due 2025-05-02)",
    "- [ ] Add a saturation alert at 80% - @kim, by Friday",
    "- Add a saturation alert at 80% [Kim] Q3",
    "1. Add a saturation alert at 80% — owner: Kim — due 15 May",
    "* Add a saturation alert at 80% (Payments team, next sprint)",
  ])("reads owner and date from %j", (item) => {
    const r = lintPostmortem(section(item));
    expect(r.actionItems).toHaveLength(1);
    expect(r.actionItems[0]?.owner).not.toBeNull();
    expect(r.actionItems[0]?.due).not.toBeNull();
    expect(itemFindings(r)).toEqual([]);
  });

  it("takes a horizon sub-heading as the due date of its items", () => {
    const r = lintPostmortem(`${section("### This week\n- Add an alert for pool saturation (owner: @kim)")}`);
    expect(r.actionItems[0]?.due).toBe("This week");
    expect(
      byRule(`${section("### This week\n- Add an alert for pool saturation (owner: @kim)")}`, "action-item.no-date"),
    ).toEqual([]);
  });

  it.each([
    "- Be more careful (owner: @kim, due 2025-05-02)",
    "- Improve monitoring (owner: @kim, due 2025-05-02)",
    "- Try harder next time (owner: @kim, due 2025-05-02)",
    "- Better testing (owner: @kim, due 2025-05-02)",
    "- Add more approval gates (owner: @kim, due 2025-05-02)",
    "- Make sure this doesn't happen again (owner: @kim, due 2025-05-02)",
    "- Pay more attention to alerts (owner: @kim, due 2025-05-02)",
  ])("flags vague %j", (item) => {
    expect(rules(section(item))).toContain("action-item.vague");
  });

  it.each([
    "- Improve monitoring of connection-pool saturation with an alert at 80% (owner: @kim, due 2025-05-02)",
    "- Add load testing to the deployment pipeline (owner: @kim, due 2025-05-02)",
    "- Scale staging to 10% of production size (owner: @kim, due 2025-05-02)",
    "- Review the deploy checklist with the payments team and add a canary step (owner: @kim, due 2025-05-02)",
  ])("accepts specific %j", (item) => {
    expect(rules(section(item))).not.toContain("action-item.vague");
  });

  it("only reads items from the action-items section", () => {
    const r = lintPostmortem(
      "## What went well\n- Alert fired fast\n## Action items\n- Add an alert at 80% (owner: @kim, due Q3)\n",
    );
    expect(r.actionItems.map((i) => i.text)).toEqual(["Add an alert at 80% (owner: @kim, due Q3)"]);
  });
});
