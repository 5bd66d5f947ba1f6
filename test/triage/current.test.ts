/** Who is on what now, from incident state: roles held and open tasks; drills and resolved incidents hold nobody. */
import { describe, expect, it } from "vitest";
import { currentAssignments, liveIncidents, loadsOf, toTriageIncident } from "../../src/domain/triage/index.js";
import { openIncident, quietIncident } from "../postmortem/scenarios.js";

describe("current work from incidents", () => {
  const open = openIncident().incident; // INC-3: kim commands, lou's T1 open, max's T2 cancelled

  it("counts the commander role as command, open tasks as engineering, cancelled tasks not at all", () => {
    expect(currentAssignments([open])).toEqual([
      { person: "kim", incident: "INC-3", as: "commander" },
      { person: "lou", incident: "INC-3", as: "engineer" },
    ]);
  });

  it("gives each person's load: roles, open tasks, the incidents they are on", () => {
    const loads = loadsOf([open]);
    expect(loads.get("kim")).toEqual({
      roles: [{ incident: "INC-3", role: "incident-commander" }],
      openTasks: [],
      incidents: ["INC-3"],
    });
    expect(loads.get("lou")).toEqual({
      roles: [],
      openTasks: [{ incident: "INC-3", task: "T1" }],
      incidents: ["INC-3"],
    });
    expect(loads.has("max")).toBe(false);
  });

  it("plans only live incidents that are not resolved", () => {
    const resolved = quietIncident().incident;
    const drill = { ...open, id: "INC-9", mode: "drill" as const };
    expect(liveIncidents([open, resolved, drill]).map((i) => i.id)).toEqual(["INC-3"]);
  });

  it("reads severity and users for the planner, with no estimate or needs when none were set", () => {
    expect(toTriageIncident(open)).toMatchObject({
      id: "INC-3",
      severity: "SEV-2",
      revenueAtRiskPerHourUsd: null,
      impactStartsAt: null,
      worseningPctPerHour: null,
      needs: [],
    });
  });
});
