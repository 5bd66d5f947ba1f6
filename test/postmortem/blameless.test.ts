/**
 * Blameless by construction: drafts of several incidents — one where a person's deploy
 * started it and the log says so in blaming words — pass the postmortem lint with no
 * blame finding. The lint itself: the handbook's blame-focused example fails, good ones pass.
 */
import { describe, expect, it } from "vitest";
import { lintPostmortem } from "../../src/domain/analysis/index.js";
import { settleBlame } from "../../src/domain/postmortem/blameless.js";
import {
  buildAgenda,
  buildDraft,
  HELD_BACK,
  lintPostmortemReport,
  type PostmortemDraft,
  readsAsBlame,
  renderMarkdown,
} from "../../src/domain/postmortem/index.js";
import { HANDBOOK_BAD_POSTMORTEM, HANDBOOK_GOOD_POSTMORTEM } from "../analysis/fixtures/handbook.js";
import { OWN_GOOD_POSTMORTEM } from "./fixtures.js";
import { deployIncident, markupIncident, openIncident, quietIncident, sev1Outage } from "./scenarios.js";

const blame = (md: string) => lintPostmortem(md).findings.filter((f) => f.rule.startsWith("blame."));

describe("every draft is blameless", () => {
  it.each([
    ["a resolved SEV-1", sev1Outage],
    ["a person's deploy, told in blaming words", deployIncident],
    ["an open incident", openIncident],
    ["a quiet SEV-4", quietIncident],
    ["markup in the log", markupIncident],
  ])("%s: no blame finding in the draft or the agenda", (_name, scenario) => {
    const h = scenario();
    const md = renderMarkdown(buildDraft(h.source, h.now));
    expect(blame(md)).toEqual([]);
    const agenda = buildAgenda(h.source, h.now);
    const text = agenda.items.flatMap((i) => [i.title, ...i.aims, ...i.facts]).join("\n");
    expect(blame(`${agenda.facilitation.join("\n")}\n${text}`)).toEqual([]);
  });
});

describe("a person's deploy started it", () => {
  const h = deployIncident();
  const draft = buildDraft(h.source, h.now);
  const md = renderMarkdown(draft);

  it("the log itself blames: each of those lines would fail the lint", () => {
    for (const logged of [
      "Mike broke prod with an untested config change",
      "Mike's change caused the outage, so undo it",
      "Mike to receive additional training",
      "Rolled back; human error by the engineer who should have tested it",
    ]) {
      expect(readsAsBlame(logged), logged).toBe(true);
    }
  });

  it("holds the blaming wording back and says so, keeping the facts around it", () => {
    expect(md).not.toMatch(/broke prod|caused the outage|additional training|human error|should have/i);
    // the status note, the rationale, an action item, and the resolution in three places
    expect(draft.heldBack).toBe(6);
    expect(md).toContain(`- 10:08 UTC (T+8m) — Status investigating → identified: ${HELD_BACK}`);
    expect(md).toContain(`Rationale: ${HELD_BACK}. Fallback: restore the previous config by hand.`);
    expect(md).toContain(`- [ ] AI-1: ${HELD_BACK} — owner @lee, due 2026-03-10`);
    expect(md).toContain(`Resolution: ${HELD_BACK}.`);
    expect(md).toContain(`- 10:25 UTC (T+25m) — Resolved: ${HELD_BACK}`);
    expect(md).toContain(`Temporary fix, from the log: ${HELD_BACK}. Lasting fix: (to fill in).`);
  });

  it("still names people for what they did on the timeline", () => {
    expect(md).toContain("- 10:02 UTC (T+2m) — mike is tech-lead");
    expect(md).toContain("- 10:12 UTC (T+12m) — Decision D1 (technical): Roll back 2.15");
    expect(md).toContain("(technical, by mike)");
    expect(md).toContain("Checkout down after Mike's deploy");
  });

  it("keeps wording that does not blame", () => {
    expect(md).toContain("- [ ] AI-2: Block config changes that skip the staging soak — owner @lee, due 2026-03-20");
  });
});

describe("the last check on the whole document", () => {
  it("holds back a line that still reads as blame, whatever put it there", () => {
    const h = sev1Outage();
    const clean = buildDraft(h.source, h.now);
    const tampered: PostmortemDraft = {
      ...clean,
      heldBack: 0,
      sections: clean.sections.map((s) =>
        s.id === "went-poorly"
          ? { ...s, blocks: [{ kind: "list", items: ["Human error by the on-call engineer.", "Rollback was slow."] }] }
          : s,
      ),
    };
    expect(blame(renderMarkdown(tampered)).length).toBeGreaterThan(0);
    const settled = settleBlame(tampered);
    expect(blame(renderMarkdown(settled))).toEqual([]);
    expect(settled.heldBack).toBe(1);
    expect(settled.sections.find((s) => s.id === "went-poorly")?.blocks[0]).toEqual({
      kind: "list",
      items: [HELD_BACK, "Rollback was slow."],
    });
    expect(settleBlame(clean)).toEqual(clean);
  });
});

describe("the postmortem lint, as every edge reports it", () => {
  it("finds blame in the handbook's blame-focused example, and is not ok", () => {
    const report = lintPostmortemReport(HANDBOOK_BAD_POSTMORTEM);
    expect(report.ok).toBe(false);
    const rules = new Set(report.findings.map((f) => f.rule));
    for (const rule of ["blame.person", "blame.human-error", "blame.punishment"]) expect(rules).toContain(rule);
    expect(rules).toContain("postmortem.section-missing");
    expect(report.findings.find((f) => f.rule === "blame.punishment" && /training/.test(f.excerpt))).toBeDefined();
    expect(report.findings.find((f) => f.rule === "action-item.vague")?.excerpt).toBe("Add more approval gates");
    for (const f of report.findings) expect(Object.keys(f).sort()).toEqual(["excerpt", "message", "rule", "severity"]);
  });

  it("passes our own good postmortem with no finding, and the handbook's good one with no blame", () => {
    expect(lintPostmortemReport(OWN_GOOD_POSTMORTEM)).toEqual({ ok: true, findings: [] });
    expect(blame(HANDBOOK_GOOD_POSTMORTEM)).toEqual([]);
  });
});
