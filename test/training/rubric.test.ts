/** The rubric engine: score shape, roll-ups, and each evaluator's judgement on small runs. */
import { describe, expect, it } from "vitest";
import { resolveScenario } from "../../src/training/scenario-loader.js";
import { inline, item, referenceTranscript, scenarioVariant, scored } from "./helpers.js";

const scenario = resolveScenario("multi-team-coordination");
const DECLARE = "  - { at: 1m, do: declare, title: Sign-in failing, severity: SEV-1 }\n";

describe("score object", () => {
  it("has exactly the documented shape, with groups and total adding up", async () => {
    const { score } = await scored(scenario, inline(DECLARE));
    expect(Object.keys(score)).toEqual([
      "scenario",
      "trainee",
      "total",
      "max",
      "percent",
      "passed",
      "groups",
      "items",
      "competencies",
    ]);
    for (const i of score.items) expect(Object.keys(i)).toEqual(["id", "group", "points", "max", "evidence", "advice"]);
    for (const g of score.groups) expect(Object.keys(g)).toEqual(["name", "score", "max"]);
    expect(score.max).toBe(100);
    expect(score.total).toBe(score.items.reduce((sum, i) => sum + i.points, 0));
    for (const g of score.groups) {
      expect(g.score).toBe(score.items.filter((i) => i.group === g.name).reduce((sum, i) => sum + i.points, 0));
    }
    expect(score.percent).toBe(Math.round((1000 * score.total) / score.max) / 10);
    for (const i of score.items) {
      expect(i.advice).toMatch(/^[A-Z].*[.:a-z)]$/);
      expect(i.advice.split(/(?<=\.) [A-Z]/).length).toBe(1);
      expect(i.evidence.length).toBeGreaterThan(0);
    }
  });

  it("rolls every run up into the competencies: technical 30, leadership 40, communication 30", async () => {
    const { score } = await scored(scenario, referenceTranscript("multi-team-coordination", "weak"));
    expect(score.competencies.map((c) => [c.name, c.weight])).toEqual([
      ["technical", 30],
      ["leadership", 40],
      ["communication", 30],
    ]);
    for (const c of score.competencies) {
      const items = score.items.filter((i) => c.items.includes(i.id));
      const share = items.reduce((s, i) => s + i.points, 0) / items.reduce((s, i) => s + i.max, 0);
      expect(c.score).toBe(Math.round(share * c.weight * 10) / 10);
    }
    expect(score.competencies[0]?.items).toEqual([
      "technical-discussion-organised",
      "options-gathered-quickly",
      "trade-offs-assessed",
    ]);
  });

  it("fails a run with a critical item at zero whatever the total", async () => {
    const lenient = scenarioVariant("multi-team-coordination", (y) =>
      y
        .replace("passPercent: 80", "passPercent: 40")
        .replace("evaluator: update-clarity\n", "evaluator: update-clarity\n          critical: true\n"),
    );
    const strong = referenceTranscript("multi-team-coordination", "strong");
    const silent = { ...strong, actions: strong.actions.filter((a) => a.verb !== "update") };
    const { score } = await scored(lenient, silent);
    expect(score.percent).toBeGreaterThanOrEqual(40);
    expect(item(score, "clear-concise-updates").points).toBe(0);
    expect(score.passed).toBe(false);
    const { score: full } = await scored(lenient, strong);
    expect(full.passed).toBe(true);
  });
});

describe("evaluators", () => {
  it("roles: early and named earns the points; the commander holding a role halves them", async () => {
    const roles = `${DECLARE}  - { at: 2m, do: assign, role: tech-lead, person: sarah-db }\n  - { at: 2m, do: assign, role: infra-lead, person: lisa-sre }\n  - { at: 3m, do: assign, role: app-lead, person: mike-app }\n`;
    const { score: good } = await scored(scenario, inline(roles));
    expect(item(good, "clear-roles").points).toBe(5);
    const { score: self } = await scored(
      scenario,
      inline(`${roles}  - { at: 3m, do: assign, role: scribe, person: alex-ic }\n`),
    );
    expect(item(self, "clear-roles").points).toBeLessThanOrEqual(3);
    expect(item(self, "clear-roles").advice).toContain("Keep command free");
    expect(item(self, "clear-roles").evidence.some((e) => e.action === 4)).toBe(true);
    const late = roles
      .replaceAll("at: 2m, do: assign", "at: 12m, do: assign")
      .replace("at: 3m, do: assign", "at: 12m, do: assign");
    const { score: slow } = await scored(scenario, inline(late));
    expect(item(slow, "clear-roles").points).toBeLessThan(4);
    expect(item(slow, "clear-roles").evidence.map((e) => e.note)).toContain("sarah-db is tech-lead (late)");
  });

  it("chaos: over-long time-boxes, overlapping tasks and 'can someone' cost points", async () => {
    const tasks = `${DECLARE}  - { at: 2m, do: task, title: Size the restore, to: sarah-db, timebox: 5m }\n  - { at: 2m, do: task, title: Size the failover, to: lisa-sre, timebox: 5m }\n  - { at: 2m, do: task, title: Size the workaround, to: mike-app, timebox: 5m }\n`;
    const { score: clean } = await scored(scenario, inline(tasks));
    expect(item(clean, "chaos-prevented").points).toBe(5);
    const { score: long } = await scored(
      scenario,
      inline(
        tasks.replace(
          "timebox: 5m }\n  - { at: 2m, do: task, title: Size the failover",
          "timebox: 2h }\n  - { at: 2m, do: task, title: Size the failover",
        ),
      ),
    );
    expect(item(long, "chaos-prevented").points).toBe(4.5);
    expect(item(long, "chaos-prevented").evidence[0]?.note).toContain("time-box 120 min");
    const { score: overlap } = await scored(
      scenario,
      inline(`${tasks}  - { at: 3m, do: task, title: Size the restore, to: lisa-sre, timebox: 5m }\n`),
    );
    expect(item(overlap, "chaos-prevented").advice).toContain("T1/T4 overlap");
    const { score: vague } = await scored(
      scenario,
      inline(`${tasks}  - { at: 3m, do: say, text: Could somebody check the backups? }\n`),
    );
    expect(item(vague, "chaos-prevented").points).toBe(4);
    expect(item(vague, "chaos-prevented").evidence.at(-1)).toMatchObject({ action: 4, words: ["Could somebody"] });
  });

  it("timely decision: full before the deadline, nothing long after it, half without options first", async () => {
    const options = `${DECLARE}  - { at: 2m, do: option, title: Restore from backup, time: 4h }\n  - { at: 2m, do: option, title: Fail over to the old cluster, time: 10m }\n  - { at: 2m, do: option, title: App workaround, time: 30m }\n`;
    const decide = (at: string) => `  - { at: ${at}, do: decide, choose: C, rationale: quick and nothing lost }\n`;
    expect(item((await scored(scenario, inline(options + decide("14m")))).score, "timely-decision").points).toBe(10);
    expect(item((await scored(scenario, inline(options + decide("20m")))).score, "timely-decision").points).toBe(5);
    expect(item((await scored(scenario, inline(options + decide("26m")))).score, "timely-decision").points).toBe(0);
    const rushed = `${DECLARE}  - { at: 2m, do: option, title: App workaround, time: 30m }\n${decide("3m").replace("choose: C", "choose: A")}`;
    const { score } = await scored(scenario, inline(rushed));
    expect(item(score, "timely-decision").points).toBe(5);
    expect(item(score, "timely-decision").advice).toContain("before deciding");
  });

  it("trade-offs: wrong figures are named against what the teams said", async () => {
    const run = `${DECLARE}  - { at: 2m, do: option, title: Restore from backup, time: 4h, dataLoss: none, risk: medium, userImpact: locked out 4h }\n  - { at: 2m, do: option, title: Fail over to the old cluster, time: 10m, dataLoss: none, risk: low, userImpact: 10 min down }\n`;
    const { score } = await scored(scenario, inline(run));
    const tradeOffs = item(score, "trade-offs-assessed");
    expect(tradeOffs.points).toBe(9.5);
    expect(tradeOffs.advice).toContain("B.dataLoss");
  });

  it("updates: the analyser's findings for the audience decide clarity and detail", async () => {
    const run = `${DECLARE}  - { at: 3m, do: update, audience: executive, text: "Sarah broke the migration and the sstables on cass-prod-07 are toast!!!" }\n  - { at: 4m, do: update, audience: executive, text: "About 5% of users cannot sign in since 02:00. We are rolling out a fix that should have them back by 02:45. Next update 02:30." }\n`;
    const { score } = await scored(scenario, inline(run));
    const clarity = item(score, "clear-concise-updates");
    expect(clarity.evidence[0]?.note).toContain("error blame.person");
    expect(clarity.evidence[0]?.words).toEqual(expect.arrayContaining(["Sarah broke the migration"]));
    expect(clarity.evidence[1]?.note).toBe("update U2 to executive: clean");
    expect(clarity.points).toBeGreaterThan(0);
    expect(clarity.points).toBeLessThan(10);
    const detail = item(score, "appropriate-detail");
    expect(detail.evidence[0]?.words).toEqual(expect.arrayContaining(["cass-prod-07"]));
    const expectations = item(score, "stakeholder-expectations");
    expect(expectations.evidence.find((e) => e.action === 2)?.words).toEqual([
      "impact",
      "timeline",
      "plan",
      "next update",
    ]);
  });

  it("voices heard: each question a persona asked is answered by name or through the right audience", async () => {
    const run = `${DECLARE}  - { at: 2m, do: say, text: "David, about 5% of users are hit and they see a login error." }\n  - { at: 3m, do: update, audience: executive, text: "About 5% of users cannot sign in. Plan: options by 02:15. Next update 02:20." }\n  - { at: 4m30s, do: say, text: "Sarah, hold the restore for now." }\n`;
    const { score, run: record } = await scored(scenario, inline(run));
    expect(record.asks.map((a) => [a.from, a.answeredBy])).toEqual([
      ["david-product", 1],
      ["jane-vp", 2],
      ["sarah-db", 3],
      ["david-product", null],
    ]);
    expect(item(score, "all-voices-heard").points).toBe(4);
  });
});
