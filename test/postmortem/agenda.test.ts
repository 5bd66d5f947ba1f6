/** The 60-minute review agenda in the handbook's shape, filled with the incident's facts. */
import { describe, expect, it } from "vitest";
import { buildAgenda } from "../../src/domain/postmortem/index.js";
import { History } from "./history.js";
import { deployIncident, openIncident, quietIncident, sev1Outage } from "./scenarios.js";

describe("the review agenda", () => {
  const h = sev1Outage();
  const agenda = buildAgenda(h.source, h.now);

  it("runs 60 minutes: introduction 5, timeline 10, root cause 20, went well 10, action items 15", () => {
    expect(agenda.items.map((i) => [i.title, i.minutes, i.startsAt])).toEqual([
      ["Introduction", 5, 0],
      ["Timeline review", 10, 5],
      ["Root cause analysis", 20, 15],
      ["What went well", 10, 35],
      ["Action items", 15, 45],
    ]);
    expect(agenda.items.reduce((sum, i) => sum + i.minutes, 0)).toBe(60);
    expect(agenda.totalMinutes).toBe(60);
  });

  it("carries the facilitation doctrine: neutral facilitator, how not why, timeline before fixes", () => {
    const doctrine = agenda.facilitation.join(" ");
    expect(doctrine).toMatch(/neutral/);
    expect(doctrine).toMatch(/how rather than why/);
    expect(doctrine).toMatch(/timeline before anyone proposes a fix/);
    for (const item of agenda.items) expect(item.aims.length).toBeGreaterThan(0);
  });

  it("fills each part with this incident's facts", () => {
    const [intro, timeline, rootCause, well, actions] = agenda.items;
    expect(intro?.facts).toEqual([
      "INC-1 — Checkout failing for most users (SEV-1)",
      "Lasted 1h10m; 60% of users affected",
      "People in the log: alex, ana, priya, sam",
    ]);
    expect(timeline?.facts[0]).toBe("11 key events, from the declaration to the resolution");
    expect(timeline?.facts).toContain("… 8 more in the draft");
    expect(timeline?.facts).toContain("Stress point: 2 updates went out late");
    expect(timeline?.facts).toContain("Stress point: 1 task(s) ran past their time-box");
    expect(rootCause?.facts).toEqual([
      "Why were users affected (Most card payments fail at checkout)? → (to fill in)",
      "Decision D1: 10 min from the first option",
      "Mitigation began 35 min after declaring",
    ]);
    expect(well?.facts).toContain("The first update went out 4 min after declaring.");
    expect(actions?.facts[0]).toBe("3 open action items already recorded (1 without a due date)");
    expect(actions?.facts).toContain("Candidate: Task T1 ran 2 min past its 10-min time-box.");
  });

  it("says when to hold it: SEV-1 within 3 days of resolving, the draft a day before", () => {
    expect(agenda).toMatchObject({ holdBy: "2026-03-04", draftOutBy: "2026-03-03" });
    expect(agenda.timing).toMatch(/3 calendar days/);
  });

  it("SEV-2: within 5 business days, skipping the weekend", () => {
    // resolved Sunday 2026-03-01 → Mon 2, Tue 3, Wed 4, Thu 5, Fri 6
    expect(buildAgenda(deployIncident().source, "2026-03-01T11:00:00.000Z")).toMatchObject({
      holdBy: "2026-03-06",
      draftOutBy: "2026-03-05",
    });
    const friday = new History();
    friday.clock.set("2026-03-06T15:00:00.000Z");
    friday.run("ic", { type: "declare", title: "Slow search", severity: "SEV-2" });
    friday.run("ic", { type: "resolve", summary: "index rebuilt" });
    expect(buildAgenda(friday.source, friday.now).holdBy).toBe("2026-03-13");
  });

  it("no date while open, and no fixed target below SEV-2", () => {
    const open = openIncident();
    expect(buildAgenda(open.source, open.now)).toMatchObject({ holdBy: null, draftOutBy: null });
    expect(buildAgenda(open.source, open.now).items[1]?.facts[0]).toMatch(/to now$/);
    const quiet = quietIncident();
    expect(buildAgenda(quiet.source, quiet.now)).toMatchObject({ holdBy: null });
    expect(buildAgenda(quiet.source, quiet.now).items[3]?.facts).toEqual([
      "Nothing in the log stood out; ask the room.",
    ]);
  });
});
