/**
 * The procedure evaluators on small runs of false-alarm-stand-down: the declaration, checks
 * before escalating, the severity revised with its reason, people stood down by name, the
 * resolution summary and follow-ups on the record. Each awards and withholds its points.
 */
import { describe, expect, it } from "vitest";
import { resolveScenario } from "../../src/training/scenario-loader.js";
import { actionsOf, evidenceActions, inline, item, referenceTranscript, scored, scoreReference } from "./helpers.js";

const ID = "false-alarm-stand-down";
const scenario = resolveScenario(ID);
const DECLARE = "  - { at: 1m, do: declare, title: Checkout alerts, severity: SEV-2 }\n";
const CHECKS = `  - { at: 1m, do: ask, to: nora-oncall, text: "What does real traffic show, and which monitor is paging?" }
  - { at: 1m, do: ask, to: leo-payments, text: "What does the processor show for payments?" }
  - { at: 2m, do: ask, to: mia-support, text: "Any customer tickets?" }
`;

describe("procedure evaluators", () => {
  it("declaration: in time at a fitting severity earns it; late or too low loses a share each", async () => {
    const { score: good } = await scored(scenario, inline(DECLARE));
    expect(item(good, "prompt-declaration").points).toBe(5);
    const { score: low } = await scored(
      scenario,
      inline("  - { at: 5m, do: declare, title: Alerts, severity: SEV-4 }\n"),
    );
    const declared = item(low, "prompt-declaration");
    expect(declared.points).toBe(0);
    expect(declared.advice).toBe("When declaring, declare within 3m and use SEV-1 or SEV-2.");
    const { score: raised } = await scored(
      scenario,
      inline(
        "  - { at: 1m, do: declare, title: Alerts, severity: SEV-4 }\n  - { at: 2m, do: sev, severity: SEV-2, reason: Alerts claim checkout is down }\n",
      ),
    );
    expect(item(raised, "prompt-declaration").points).toBe(5);
    const { score: none } = await scored(scenario, inline("  - { at: 1m, do: say, text: hello }\n"));
    expect(item(none, "prompt-declaration").points).toBe(0);
  });

  it("verified-first: checks before telling executives or customers earn it; checks after count for nothing", async () => {
    const { score: good } = await scored(scenario, inline(DECLARE + CHECKS));
    expect(item(good, "verified-before-escalating").points).toBe(15);
    const early = `${DECLARE}  - { at: 1m, do: update, audience: customer, text: Checkout is down for everyone. }\n${CHECKS.replaceAll("at: 1m", "at: 2m")}`;
    const { score: bad } = await scored(scenario, inline(early));
    const verified = item(bad, "verified-before-escalating");
    expect(verified.points).toBe(0);
    expect(verified.evidence.find((e) => e.note.startsWith("escalation"))?.action).toBe(1);
    expect(verified.evidence.filter((e) => e.note.includes("only after escalating"))).toHaveLength(4);
  });

  it("severity-revised: lowered after the evidence with a reason earns it; a bare change earns less", async () => {
    const reasoned = `${DECLARE}${CHECKS}  - { at: 4m, do: sev, severity: SEV-4, reason: "No customer impact: the synthetic probe is at fault" }\n`;
    const { score: good } = await scored(scenario, inline(reasoned));
    expect(item(good, "severity-lowered").points).toBe(10);
    const bare = `${DECLARE}  - { at: 2m, do: sev, severity: SEV-4, reason: quiet now }\n`;
    const { score: bad } = await scored(scenario, inline(bare));
    const lowered = item(bad, "severity-lowered");
    expect(lowered.points).toBe(4);
    expect(lowered.evidence.map((e) => e.note)).toContain("changed before checking real-traffic and probe-source");
    const { score: none } = await scored(scenario, inline(DECLARE));
    expect(item(none, "severity-lowered").points).toBe(0);
  });

  it("stood-down: each woken person told by name earns a share; open tasks left behind cost a quarter", async () => {
    const both = `${DECLARE}  - { at: 5m, do: say, text: "@leo-payments @mia-support thanks, you can stand down." }\n`;
    const { score: good } = await scored(scenario, inline(both));
    expect(item(good, "people-stood-down").points).toBe(10);
    const one = `${DECLARE}  - { at: 2m, do: task, title: Check tickets, to: mia-support, timebox: 5m }\n  - { at: 5m, do: say, text: "@leo-payments go back to bed, thanks." }\n`;
    const { score: half } = await scored(scenario, inline(one));
    const stood = item(half, "people-stood-down");
    expect(stood.points).toBe(4);
    expect(stood.advice).toContain("Stand down mia-support by name");
    expect(stood.evidence.map((e) => e.note)).toContain("task T1 for mia-support was left open");
  });

  it("resolution-summary: cause, impact, fix and follow-up each count; a bare resolve earns the floor", async () => {
    const full = `${DECLARE}  - { at: 9m, do: resolve, summary: "Synthetic probe fault, no customer impact, token renewed, postmortem booked." }\n`;
    const { score: good } = await scored(scenario, inline(full));
    expect(item(good, "clear-resolution").points).toBe(10);
    const { score: bare } = await scored(scenario, inline(`${DECLARE}  - { at: 9m, do: resolve, summary: done }\n`));
    expect(item(bare, "clear-resolution").points).toBe(3);
  });

  it("action-items-added: an owned, dated item earns it; undated earns half; an owner who is nobody is refused", async () => {
    const dated = `${DECLARE}  - { at: 9m, do: action, title: Postmortem of the false page, owner: alex-ic, due: "2026-07-21" }\n`;
    const { score: good } = await scored(scenario, inline(dated));
    expect(item(good, "postmortem-scheduled").points).toBe(10);
    const undated = `${DECLARE}  - { at: 9m, do: action, title: Postmortem of the false page, owner: alex-ic }\n`;
    const { score: half } = await scored(scenario, inline(undated));
    expect(item(half, "postmortem-scheduled").points).toBe(5);
    expect(item(half, "postmortem-scheduled").evidence[0]?.note).toContain("no date");
    const team = `${DECLARE}  - { at: 9m, do: action, title: Postmortem of the false page, owner: team, due: "2026-07-21" }\n`;
    const { score: vague, run } = await scored(scenario, inline(team));
    expect(run.errors).toHaveLength(1);
    expect(item(vague, "postmortem-scheduled").points).toBe(0);
  });
});

describe("false-alarm-stand-down reference evidence", () => {
  it("credits the checks, the hold, the stand-down and the follow-ups to the actions that did them", async () => {
    const t = referenceTranscript(ID, "strong");
    const { score } = await scoreReference(ID, "strong");
    const says = actionsOf(t, "say");
    expect(evidenceActions(score, "executive-held")).toEqual([says[1], says[3]]);
    expect(evidenceActions(score, "people-stood-down")).toEqual([says[2]]);
    expect(evidenceActions(score, "severity-lowered")).toEqual(actionsOf(t, "sev"));
    expect(evidenceActions(score, "clear-resolution")).toEqual(actionsOf(t, "resolve"));
    expect(evidenceActions(score, "monitoring-fix-owned")).toEqual([actionsOf(t, "action")[1]]);
  });

  it("names the weak commander's early escalation and the go-ahead to wake the CEO", async () => {
    const t = referenceTranscript(ID, "weak");
    const { score } = await scoreReference(ID, "weak");
    expect(score.passed).toBe(false);
    expect(item(score, "verified-before-escalating").evidence[0]?.action).toBe(actionsOf(t, "update")[0]);
    expect(item(score, "executive-held").evidence[0]).toMatchObject({
      action: actionsOf(t, "say")[1],
      words: ["go ahead and wake"],
    });
  });
});
