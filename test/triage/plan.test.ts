/**
 * The staffing plan on the handbook's Friday evening and on bad input: the SEV-1 commanded
 * first, nobody twice, priorities with their reasons, what stays uncovered and what would
 * cover it, people kept in place on a re-plan unless a move is clearly better, and the
 * greedy fallback labelled when the solver fails or runs out of time.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { highsSolver } from "../../src/app/triage-solver.js";
import {
  buildInstance,
  DEFAULT_SETTINGS,
  type LpSolver,
  planStaffing,
  planViolations,
} from "../../src/domain/triage/index.js";
import { fridayEvening, ic, incident, NOW, person } from "./fixtures.js";

let highs: LpSolver;
beforeAll(async () => {
  highs = await highsSolver();
});

const placementsOf = (plan: ReturnType<typeof planStaffing>) =>
  plan.assignments.flatMap((a) => [
    ...(a.commander ? [{ person: a.commander, incident: a.incident, as: "commander" as const, skill: null }] : []),
    ...a.reasons
      .filter((r) => r.as === "engineer")
      .map((r) => ({ person: r.person, incident: a.incident, as: "engineer" as const, skill: r.skill })),
  ]);

describe("priority", () => {
  it("ranks the SEV-1, then the certificate due in 3 h above the slow database, each with its reasons", () => {
    const plan = planStaffing(fridayEvening(), { solver: highs });
    expect(plan.incidents.map((i) => i.id)).toEqual(["INC-1", "INC-3", "INC-2"]);
    const [payments, certificate, database] = plan.incidents;
    expect(payments?.reasons.map((r) => r.text)).toEqual([
      "SEV-1: critical, many customers",
      "100% of users affected",
      "$540,000 an hour of revenue at risk",
    ]);
    expect(certificate?.reasons.find((r) => r.factor === "time-to-impact")).toMatchObject({
      value: 3,
      text: "impact starts in 3 h: it must be covered before then",
    });
    expect(database?.reasons.find((r) => r.factor === "trend")?.text).toBe("getting worse by 5% an hour");
    for (const i of plan.incidents) {
      expect(i.priority).toBeCloseTo(
        i.reasons.reduce((s, r) => s + r.points, 0),
        0,
      );
    }
  });

  it("says what is not known instead of guessing", () => {
    const plan = planStaffing({ now: NOW, incidents: [incident("INC-9")], people: [], current: [] });
    expect(plan.incidents[0]?.reasons.map((r) => r.text)).toEqual([
      "SEV-2: a core function impaired",
      "share of users affected not known",
      "revenue at risk not estimated",
    ]);
  });
});

describe("staffing plan", () => {
  it("commands the SEV-1 first, books nobody twice, and says what the database lacks", () => {
    const input = fridayEvening();
    const plan = planStaffing(input, { solver: highs });
    expect(plan.solver).toMatchObject({ status: "optimal", engine: "highs" });
    expect(plan.solver.objective).toBeGreaterThanOrEqual(plan.solver.greedyObjective);
    const payments = plan.assignments.find((a) => a.incident === "INC-1");
    expect(payments?.commander).toMatch(/-ic$/);
    expect(payments?.engineers.sort()).toEqual(["priya-pay", "tom-pay"]);
    expect(payments?.reasons[0]?.text).toContain("every SEV-1 gets a commander first");
    const instance = buildInstance(input, DEFAULT_SETTINGS);
    expect(planViolations(instance, placementsOf(plan))).toEqual([]);
    expect(plan.uncovered).toEqual([
      {
        incident: "INC-2",
        what: "commander",
        skill: null,
        missing: 1,
        reason: expect.stringContaining("all 2 available ICs are placed on higher-priority incidents"),
        wouldCover: "one more IC-qualified person",
      },
    ]);
    expect(plan.moves).toEqual([]);
  });

  it("matches the exact search's optimum on the same instance", () => {
    const viaHighs = planStaffing(fridayEvening(), { solver: highs });
    const exact = planStaffing(fridayEvening(), { solver: "exact" });
    expect(exact.solver.engine).toBe("exact");
    expect(viaHighs.solver.objective).toBeCloseTo(exact.solver.objective, 3);
  });

  it("keeps people where they are on a re-plan, and moves them only when it is clearly better", () => {
    const input = fridayEvening();
    input.current = [
      { person: "riley-ic", incident: "INC-1", as: "commander" },
      { person: "alex-ic", incident: "INC-3", as: "commander" },
    ];
    const kept = planStaffing(input, { solver: highs });
    expect(kept.assignments.find((a) => a.incident === "INC-1")?.commander).toBe("riley-ic");
    expect(kept.assignments.find((a) => a.incident === "INC-3")?.reasons[0]?.text).toContain(
      "already on it, kept in place",
    );
    expect(kept.moves).toEqual([]);

    // The database becomes a SEV-1 with every user hit: its commander must come from INC-3.
    const worse = fridayEvening();
    worse.current = input.current;
    const db = worse.incidents[1];
    if (db) Object.assign(db, { severity: "SEV-1", usersAffectedPct: 100, revenueAtRiskPerHourUsd: 900_000 });
    const moved = planStaffing(worse, { solver: highs });
    expect(moved.moves).toEqual([expect.objectContaining({ person: "alex-ic", from: "INC-3", to: "INC-2" })]);
    expect(moved.moves[0]?.reason).toContain("outweighs the cost of a move");
  });

  it("moves a commander only when the gain beats the cost of handing command over; greedy moves anyway", () => {
    const input = fridayEvening();
    input.current = [
      { person: "alex-ic", incident: "INC-1", as: "commander" },
      { person: "riley-ic", incident: "INC-2", as: "commander" },
    ];
    const cert = input.incidents[2];
    // Unknown users: the certificate ranks a little above the database, not enough to move riley.
    if (cert) cert.usersAffectedPct = null;
    const kept = planStaffing(input, { solver: highs });
    expect(kept.moves).toEqual([]);
    expect(kept.assignments.find((a) => a.incident === "INC-2")?.commander).toBe("riley-ic");
    expect(kept.uncovered).toContainEqual(expect.objectContaining({ incident: "INC-3", what: "commander" }));
    const greedy = planStaffing(input, { solver: null });
    expect(greedy.solver.status).toBe("greedy");
    expect(greedy.moves.map((m) => [m.person, m.from, m.to])).toEqual([["riley-ic", "INC-2", "INC-3"]]);
    expect(kept.solver.objective).toBeGreaterThan(greedy.solver.objective);

    // Every user refused in 3 h: now moving riley is clearly better.
    if (cert) cert.usersAffectedPct = 100;
    const moved = planStaffing(input, { solver: highs });
    expect(moved.moves.map((m) => [m.person, m.from, m.to])).toEqual([["riley-ic", "INC-2", "INC-3"]]);
  });

  it("holds the span of control: past seven engineers it asks for a sub-team", () => {
    const input = {
      now: NOW,
      incidents: [incident("INC-1", { needs: [{ skill: "database", count: 10 }] })],
      people: [ic("lead"), ...Array.from({ length: 12 }, (_, i) => person(`db${i}`, ["database"]))],
      current: [],
    };
    const plan = planStaffing(input, { solver: highs });
    expect(plan.assignments[0]?.engineers).toHaveLength(7);
    expect(plan.uncovered).toEqual([
      expect.objectContaining({
        skill: "database",
        missing: 3,
        wouldCover: "a sub-team with its own lead for the other 3",
      }),
    ]);
  });
});

describe("bad input", () => {
  it("names a skill nobody has and what would cover it", () => {
    const input = fridayEvening();
    input.incidents.push(incident("INC-4", { severity: "SEV-3", needs: [{ skill: "mainframe", count: 2 }] }));
    const plan = planStaffing(input, { solver: highs });
    expect(plan.uncovered).toContainEqual(
      expect.objectContaining({
        incident: "INC-4",
        skill: "mainframe",
        missing: 2,
        reason: "nobody in the roster has mainframe",
        wouldCover: "2 more mainframe engineers",
      }),
    );
  });

  it("with more SEV-1s than ICs, commands the highest-priority ones and says the rest lack an IC", () => {
    const input = {
      now: NOW,
      incidents: [
        incident("INC-1", { severity: "SEV-1", usersAffectedPct: 10 }),
        incident("INC-2", { severity: "SEV-1", usersAffectedPct: 90 }),
        incident("INC-3", { severity: "SEV-1", usersAffectedPct: 50 }),
      ],
      people: [ic("a-ic"), ic("b-ic"), person("e1"), person("e2")],
      current: [],
    };
    const plan = planStaffing(input, { solver: highs });
    const commanded = plan.assignments.filter((a) => a.commander !== null).map((a) => a.incident);
    expect(commanded.sort()).toEqual(["INC-2", "INC-3"]);
    expect(plan.uncovered.find((u) => u.what === "commander")).toMatchObject({
      incident: "INC-1",
      wouldCover: "one more IC-qualified person",
    });
  });

  it("with an empty roster, leaves everything uncovered and says why", () => {
    const input = { ...fridayEvening(), people: [] };
    const plan = planStaffing(input, { solver: highs });
    expect(plan.assignments).toEqual([]);
    expect(plan.uncovered.filter((u) => u.what === "commander").map((u) => u.reason)).toEqual([
      "nobody in the roster is qualified as IC",
      "nobody in the roster is qualified as IC; nobody is on it and its impact starts in 3 h",
      "nobody in the roster is qualified as IC",
    ]);
    expect(plan.uncovered.find((u) => u.skill === "payments")?.wouldCover).toBe("2 more payments engineers");
  });

  it("with no open incident, answers an empty plan", () => {
    const plan = planStaffing({ ...fridayEvening(), incidents: [] }, { solver: highs });
    expect(plan).toMatchObject({
      incidents: [],
      assignments: [],
      uncovered: [],
      moves: [],
      solver: { status: "empty" },
    });
  });

  it("skips unavailable people and says so when that is why a need is open", () => {
    const input = fridayEvening();
    input.people = input.people.map((p) => (p.skills.includes("payments") ? { ...p, available: false } : p));
    const plan = planStaffing(input, { solver: highs });
    expect(plan.uncovered).toContainEqual(
      expect.objectContaining({ skill: "payments", reason: "the 2 people with payments are all unavailable" }),
    );
  });
});

describe("solver fallback", () => {
  const failing = (answer: ReturnType<LpSolver["solve"]> | Error): LpSolver => ({
    name: "stub",
    solve: () => {
      if (answer instanceof Error) throw answer;
      return answer;
    },
  });

  it("uses the greedy plan, labelled, when the solver runs out of time, throws or breaks a rule", () => {
    const timeout = planStaffing(fridayEvening(), { solver: failing({ status: "time-limit", values: {} }) });
    expect(timeout.solver).toMatchObject({ status: "fallback-greedy", engine: "greedy" });
    expect(timeout.solver.note).toContain(`no answer within ${DEFAULT_SETTINGS.timeLimitMs} ms`);
    expect(timeout.solver.objective).toBe(timeout.solver.greedyObjective);
    expect(timeout.assignments.length).toBeGreaterThan(0);

    const thrown = planStaffing(fridayEvening(), { solver: failing(new Error("out of memory")) });
    expect(thrown.solver.note).toContain("out of memory");

    // Everyone on everything: the guard refuses it rather than print a double booking.
    const everything = planStaffing(fridayEvening(), {
      solver: {
        name: "liar",
        solve: (lp) => ({
          status: "optimal",
          values: Object.fromEntries([...lp.matchAll(/\b[cx]_[\d_]+/g)].map((m) => [m[0], 1])),
        }),
      },
    });
    expect(everything.solver.status).toBe("fallback-greedy");
    expect(everything.solver.note).toContain("broke a rule");
  });

  it("a real time limit too short for a large model still answers with a plan", async () => {
    const { randomInput } = await import("./fixtures.js");
    const plan = planStaffing(randomInput(7, 60, 600), { solver: highs, settings: { timeLimitMs: 1 } });
    expect(["optimal", "feasible", "fallback-greedy"]).toContain(plan.solver.status);
    expect(plan.solver.objective).toBeGreaterThanOrEqual(plan.solver.greedyObjective);
  });
});
