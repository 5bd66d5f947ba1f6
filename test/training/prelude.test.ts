/**
 * A scenario's prelude: the incident as it stood before the drill, played as other people's
 * commands at their own times. The trainee starts on it, none of it counts as theirs, and a
 * bad prelude is refused with its path before anything runs.
 */
import { describe, expect, it } from "vitest";
import { RubricContext } from "../../src/training/rubric/context.js";
import { runDrill } from "../../src/training/runner.js";
import { parseScenario, resolveScenario } from "../../src/training/scenario-loader.js";
import { TINY_SCENARIO } from "./fixtures.js";
import { inline } from "./helpers.js";

const PRELUDE = `prelude:
  date: "2026-03-06"
  actions:
    - { at: "23:40", actor: lee-oncall, do: declare, title: Cache refusing connections, severity: SEV-2 }
    - { at: "23:45", actor: lee-oncall, do: handover, to: $trainee, briefing: Cache down since 23:38 }
    - { at: "23:50", actor: sam-db, do: say, text: Restart looks likely }
`;
const withPrelude = (prelude = PRELUDE) =>
  parseScenario(TINY_SCENARIO.replace("facts:\n", `${prelude}facts:\n`), "tiny");

describe("prelude", () => {
  it("starts the drill on the incident as it stood, with the trainee handed command by name", async () => {
    const run = await runDrill(withPrelude(), inline("  - { at: 1m, do: assign, role: tech-lead, person: sam-db }\n"));
    expect(run.errors).toEqual([]);
    const mine = run.events.filter((e) => e.type !== "ReminderIssued");
    expect(mine.map((e) => [e.type, e.by, e.at.slice(11, 16)])).toEqual([
      ["IncidentDeclared", "lee-oncall", "23:40"],
      ["CommandHandedOver", "lee-oncall", "23:45"],
      ["NoteAdded", "sam-db", "23:50"],
      ["RoleAssigned", "alex-ic", "02:01"],
    ]);
    expect(run.events[1]).toMatchObject({ from: "lee-oncall", to: "alex-ic" });
    const prelude = run.feed.filter((f) => f.kind === "system");
    expect(prelude.map((f) => [f.clock, f.from])).toEqual([
      ["23:40", "lee-oncall"],
      ["23:45", "lee-oncall"],
      ["23:50", "sam-db"],
    ]);
    expect(run.startedAt).toBe("2026-03-07T02:00:00.000Z");
    const ctx = new RubricContext(withPrelude(), run);
    expect(ctx.mine("IncidentDeclared")).toEqual([]);
    expect(ctx.mine("RoleAssigned")).toHaveLength(1);
  });

  it("refuses a second declaration: the drill already has its incident", async () => {
    const run = await runDrill(withPrelude(), inline("  - { at: 1m, do: declare, title: Again, severity: SEV-1 }\n"));
    expect(run.errors.map((e) => e.message)).toEqual(["this drill already has its incident, INC-1"]);
  });

  it("refuses a prelude out of order, after the start, without a declaration first, or with bad fields", () => {
    const bad = `prelude:
  actions:
    - { at: "01:50", actor: lee-oncall, do: note, text: first }
    - { at: "01:40", actor: lee-oncall, do: declare, title: Late, severity: SEV-9 }
    - { at: "02:10", actor: lee-oncall, do: ask, to: sam-db, text: hello }
    - { at: "01:55", actor: lee-oncall, do: assign, role: tech-lead }
`;
    let message = "";
    try {
      withPrelude(bad);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain("prelude.actions.0.do: the prelude starts with the declaration");
    expect(message).toContain("prelude.actions.1.at: keep the prelude in time order");
    expect(message).toContain("prelude.actions.1.do: a drill has one incident: declare it once");
    expect(message).toContain("prelude.actions.2.at: the prelude happens before the drill starts");
    expect(message).toContain("prelude.actions.2.do: the prelude holds what was done");
    expect(message).toContain("prelude.actions.3.person");
  });

  it("stops with the step and the engine's reason when a prelude command is refused", async () => {
    const refused = `prelude:
  date: "2026-03-06"
  actions:
    - { at: "23:40", actor: lee-oncall, do: declare, title: Cache down, severity: SEV-2 }
    - { at: "23:41", actor: sam-db, do: handover, to: vic-vp }
`;
    await expect(runDrill(withPrelude(refused), inline("  - { at: 1m, do: say, text: hi }\n"))).rejects.toThrow(
      /prelude\.actions\.1 \(handover by sam-db\) was refused \[role\.not_authorised\]/,
    );
  });

  it("the postmortem drill starts from the resolved outage", async () => {
    const run = await runDrill(
      resolveScenario("postmortem-leadership"),
      inline("  - { at: 1m, do: say, text: hello }\n"),
    );
    const resolved = run.events.find((e) => e.type === "IncidentResolved");
    expect(resolved?.at).toBe("2026-03-03T18:10:00.000Z");
    expect(run.events.find((e) => e.type === "IncidentDeclared")?.at).toBe("2026-03-03T14:12:00.000Z");
    expect(run.feed.filter((f) => f.kind === "reminder")).toEqual([]);
  });
});
