/** The draft's sections, figures and prefilled facts, in markdown. */
import { describe, expect, it } from "vitest";
import { lintPostmortem } from "../../src/domain/analysis/index.js";
import { buildDraft, DRAFT_SECTION_IDS, renderMarkdown } from "../../src/domain/postmortem/index.js";
import { tAt } from "./history.js";
import { openIncident, quietIncident, sev1Outage } from "./scenarios.js";

const section = (md: string, title: string) => {
  const start = md.indexOf(`\n## ${title}\n`);
  expect(start, `section ${title}`).toBeGreaterThan(-1);
  const end = md.indexOf("\n## ", start + 1);
  return md.slice(start, end === -1 ? md.length : end);
};

describe("the draft of a resolved SEV-1", () => {
  const h = sev1Outage();
  const draft = buildDraft(h.source, h.now);
  const md = renderMarkdown(draft);

  it("has every section, in order, and the linter finds every standard one", () => {
    expect(draft.sections.map((s) => s.id)).toEqual([...DRAFT_SECTION_IDS]);
    const titles = [...md.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    expect(titles).toEqual([
      "Summary",
      "Impact",
      "Detection and response",
      "Timeline",
      "Decisions",
      "Root cause analysis (five whys)",
      "What went well",
      "What went poorly",
      "Where we got lucky",
      "Action items",
      "Lessons learned",
      "External message (draft)",
    ]);
    expect(md.startsWith("# Postmortem: INC-1 — Checkout failing for most users\n")).toBe(true);
    expect(lintPostmortem(md).sections.missing).toEqual([]);
  });

  it("is clean under the postmortem lint: no errors at all", () => {
    const lint = lintPostmortem(md);
    expect(lint.findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(lint.ok).toBe(true);
  });

  it("summarises what, when, who commanded and how it ended", () => {
    expect(section(md, "Summary")).toContain(
      "INC-1 (SEV-1): Checkout failing for most users. Declared 2026-03-01 at 10:00 UTC by alex; Incident Commander at the end: alex. Resolved at 11:10 UTC, 1h10m after declaring.",
    );
    expect(section(md, "Summary")).toContain("Resolution: Release 2.14 rolled back; payments back to normal.");
  });

  it("states the impact with numbers, and marks revenue and tickets as to fill in", () => {
    const impact = section(md, "Impact");
    expect(impact).toContain("- Duration: 1h10m (10:00 UTC to 11:10 UTC)");
    expect(impact).toContain("- Users affected: 60%");
    expect(impact).toContain("- Services: checkout, payments");
    expect(impact).toContain("- Revenue impact: (to fill in: not in the log)");
    expect(impact).toContain("- Support tickets: (to fill in: not in the log)");
    expect(impact).toContain("option A none");
  });

  it("lists the detection and response figures", () => {
    const figures = section(md, "Detection and response");
    for (const line of [
      "- Time to declare: (to fill in",
      "- Time to first role: 2 min",
      "- Time to first update: 4 min (first by audience: team 4 min, executive 30 min, customer 45 min)",
      "- Updates: 3 published; cadence 15 min; longest gap 26 min; 2 late",
      "- Time to mitigate: 35 min (first mitigating or monitoring status at 10:35 UTC)",
      "- Decision latency, D1: 10 min from the first option; 7 min from setting deadline DL1 (met)",
      "- Tasks past their time-box: 1 of 1 (T1 by 2 min)",
      "- Reminders issued: 1 (update-overdue 1)",
    ]) {
      expect(figures).toContain(line);
    }
  });

  it("keeps the key events on the timeline, not the notes or task chatter", () => {
    const timeline = section(md, "Timeline");
    expect(timeline).toContain("- 10:00 UTC (T+0m) — Declared SEV-1");
    expect(timeline).toContain("- 10:02 UTC (T+2m) — sam is tech-lead");
    expect(timeline).toContain("- 10:18 UTC (T+18m) — Decision D1 (technical): Roll back 2.14");
    expect(timeline).toContain("- 10:35 UTC (T+35m) — Status investigating → mitigating: rollback started");
    expect(timeline).toContain("- 11:10 UTC (T+1h10m) — Resolved: Release 2.14 rolled back");
    expect(timeline).not.toContain("connection pool at 100%");
    expect(timeline).not.toContain("T1");
    expect(timeline).not.toContain("Reminder");
  });

  it("records each decision with its rationale and fallback", () => {
    expect(section(md, "Decisions")).toContain(
      "- D1 at 10:18 UTC (technical, by sam): Roll back 2.14. Chose A. Rationale: Low risk and fully reversible; the pool change is untested. Alternatives: B. Fallback: raise the pool size.",
    );
  });

  it("scaffolds five whys from the impact and the temporary fix from the resolution", () => {
    const whys = section(md, "Root cause analysis (five whys)");
    expect(whys.match(/^\d\. Why .*→ \(to fill in\)$/gm)).toHaveLength(5);
    expect(whys).toContain("1. Why were users affected (Most card payments fail at checkout)?");
    expect(whys).toContain("Temporary fix, from the log: Release 2.14 rolled back; payments back to normal.");
  });

  it("prefills what went well and poorly from the facts", () => {
    expect(draft.wentWell).toEqual(
      expect.arrayContaining([
        "The first update went out 4 min after declaring.",
        "Roles were filled from 2 min after declaring (Tech Lead, Comms Lead).",
        "1 decision was recorded with a rationale and a fallback.",
        "Decision D1 was made before its deadline DL1.",
      ]),
    );
    expect(draft.wentPoorly).toEqual(
      expect.arrayContaining([
        "The update due at 10:19 UTC went out 11 min late (10:30 UTC).",
        "The update due at 11:00 UTC had not gone out by the resolution (10 min late).",
        "No Executive Stakeholder was named, though SEV-1 calls for one.",
        "Task T1 ran 2 min past its 10-min time-box.",
        "1 reminder was needed (update-overdue 1).",
      ]),
    );
    for (const fact of draft.wentWell) expect(section(md, "What went well")).toContain(`- ${fact}`);
    for (const fact of draft.wentPoorly) expect(section(md, "What went poorly")).toContain(`- ${fact}`);
  });

  it("groups action items by horizon with owner and due date, and the linter reads them", () => {
    const items = section(md, "Action items");
    expect(items).toMatch(
      /### Immediate \(this week\)\n\n- \[ \] AI-1: Alert when the payment connection pool passes 80% — owner @sam, due 2026-03-06\n/,
    );
    expect(items).toMatch(/### Short-term \(this month\)\n\n- \[ \] AI-2: .* — owner @priya, due 2026-03-31\n/);
    expect(items).toMatch(
      /### Long-term \(this quarter\)\n\n- \[ \] AI-3: Canary analysis for every release — owner @ana, due date not set/,
    );
    const read = lintPostmortem(md).actionItems.map((a) => [a.owner, a.due]);
    expect(read).toEqual([
      ["sam", "2026-03-06"],
      ["priya", "2026-03-31"],
      ["ana", "this quarter"],
    ]);
  });

  it("flags open action items past their due date against now, and ticks done ones", () => {
    const later = buildDraft(h.source, "2026-03-10T09:00:00.000Z");
    expect(later.actionItems.map((a) => [a.id, a.overdue])).toEqual([
      ["AI-1", true],
      ["AI-2", false],
      ["AI-3", false],
    ]);
    expect(renderMarkdown(later)).toContain("owner @sam, due 2026-03-06 (overdue)");
    h.run("sam", { type: "complete-action-item", actionId: "AI-1" });
    const done = buildDraft(h.source, "2026-03-10T09:00:00.000Z");
    expect(done.actionItems[0]).toMatchObject({ status: "done", overdue: false });
    expect(renderMarkdown(done)).toContain("- [x] AI-1: Alert when");
  });

  it("ends with lessons to fill in and an external message that apologises", () => {
    expect(section(md, "Lessons learned")).toContain("(to fill in at the review");
    const message = section(md, "External message (draft)");
    expect(message).toContain("On 2026-03-01, between 10:00 UTC and 11:10 UTC");
    expect(message).toContain("About 60% of our users were affected.");
    expect(message).toContain("We are sorry.");
  });

  it("is a pure function of the log and now", () => {
    const before = JSON.stringify(h.source);
    expect(buildDraft(h.source, h.now)).toEqual(buildDraft(h.source, h.now));
    expect(JSON.stringify(h.source)).toBe(before);
  });
});

describe("drafts of other shapes", () => {
  it("an open incident: says so, measures to now, lists the misses", () => {
    const h = openIncident();
    const draft = buildDraft(h.source, h.now);
    const md = renderMarkdown(draft);
    expect(md).toContain("Still open when this draft was made (10:50 UTC), 50 min after declaring.");
    expect(md).toContain("- Duration so far: 50 min");
    expect(md).toContain("Temporary fix: (to fill in; the incident is not resolved yet)");
    expect(md).toContain("Since 10:00 UTC on 2026-03-01");
    expect(draft.wentPoorly).toEqual(
      expect.arrayContaining([
        "The update due at 10:20 UTC went out 12 min late (10:32 UTC).",
        "Decision deadline DL1 (10:19 UTC) passed with no decision (31 min over).",
        "Task T1 ran 29 min past its 15-min time-box and was still open at the end.",
        "No Tech Lead was named, though SEV-2 calls for one.",
      ]),
    );
    expect(md).toContain("No decisions were recorded in the log.");
  });

  it("a quiet SEV-4: placeholders where the log has nothing", () => {
    const h = quietIncident();
    const md = renderMarkdown(buildDraft(h.source, tAt(30)));
    expect(md).toContain("- Users affected: (to fill in");
    expect(md).toContain("- Time to first update: no update was published");
    expect(md).toContain("- No update was published during the incident.");
    expect(md.match(/None recorded yet\./g)).toHaveLength(3);
    expect(lintPostmortem(md).sections.missing).toEqual([]);
  });
});
