import { describe, expect, it } from "vitest";
import { COMMAND_TYPES, commandSchemas, incidentCommandSchema } from "../../src/domain/incident/commands.js";
import { EVENT_TYPES, eventSchemas, incidentEventSchema } from "../../src/domain/incident/events.js";
import { DEFAULT_POLICY, isSeverity, roleDefinition, severityRank } from "../../src/domain/incident/policy.js";
import { ERROR_CODES, fail, isWarroomError, WarroomError } from "../../src/domain/shared/errors.js";
import { declared, ev } from "./helpers.js";

const issuePaths = (input: unknown) => {
  const result = incidentCommandSchema.safeParse(input);
  expect(result.success, `expected ${JSON.stringify(input)} to be refused`).toBe(false);
  return result.error?.issues.map((i) => i.path.join(".")) ?? [];
};

describe("command schemas", () => {
  it("the union accepts every command type", () => {
    expect(Object.keys(commandSchemas).sort()).toEqual([...COMMAND_TYPES].sort());
    const minimal: Record<string, object> = {
      declare: { title: "t", severity: "SEV-1" },
      "change-severity": { severity: "SEV-1", reason: "r" },
      "assign-role": { role: "scribe", person: "dave" },
      "release-role": { role: "scribe" },
      "hand-over-role": { role: "scribe", to: "dave" },
      "change-status": { status: "identified" },
      "add-note": { text: "t" },
      "set-cadence": {},
      "publish-update": { audience: "team", text: "t" },
      "start-workstream": { name: "n", lead: "dave", goal: "g" },
      "close-workstream": { workstreamId: "W1" },
      "assign-task": { title: "t", assignee: "dave" },
      "acknowledge-task": { taskId: "T1" },
      "complete-task": { taskId: "T1" },
      "cancel-task": { taskId: "T1" },
      "propose-option": { title: "t" },
      "record-decision": { kind: "technical", chosen: ["A"], rationale: "r" },
      "add-action-item": { title: "t", owner: "dave" },
      "complete-action-item": { actionId: "AI-1" },
      "issue-reminders": {},
      "set-decision-deadline": { question: "q", inMinutes: 5 },
      "close-decision-deadline": { deadlineId: "DL1" },
      "set-trigger": { condition: "c", action: "a", inMinutes: 5 },
      "close-trigger": { triggerId: "TR1", outcome: "averted" },
      "save-postmortem": { markdown: "# PM" },
      "publish-postmortem": {},
      "set-impact-estimate": { revenueAtRiskPerHourUsd: 1000 },
      "set-skill-needs": { needs: [{ skill: "database", count: 2 }] },
      resolve: { summary: "s" },
      reopen: { reason: "r" },
    };
    for (const type of COMMAND_TYPES) {
      expect(incidentCommandSchema.parse({ type, ...minimal[type] }).type).toBe(type);
    }
  });

  it("applies the defaults of declare", () => {
    expect(incidentCommandSchema.parse({ type: "declare", title: "t", severity: "SEV-3" })).toEqual({
      type: "declare",
      title: "t",
      severity: "SEV-3",
      impact: "",
      services: [],
      mode: "live",
      private: false,
    });
  });

  it("applies the other defaults", () => {
    expect(incidentCommandSchema.parse({ type: "add-note", text: "t" })).toMatchObject({ channel: "command" });
    expect(incidentCommandSchema.parse({ type: "set-cadence" })).toEqual({
      type: "set-cadence",
      followSeverity: false,
    });
    expect(incidentCommandSchema.parse({ type: "propose-option", title: "t" })).toMatchObject({ attributes: {} });
    expect(
      incidentCommandSchema.parse({ type: "record-decision", kind: "business", chosen: ["A"], rationale: "r" }),
    ).toMatchObject({ consulted: [] });
    expect(incidentCommandSchema.parse({ type: "add-action-item", title: "t", owner: "o" })).toMatchObject({
      horizon: "short-term",
    });
  });

  it("strips the @ from handles and trims them", () => {
    expect(incidentCommandSchema.parse({ type: "assign-role", role: "scribe", person: " @sarah-db " })).toMatchObject({
      person: "sarah-db",
    });
    expect(
      incidentCommandSchema.parse({
        type: "record-decision",
        kind: "business",
        chosen: ["A"],
        rationale: "r",
        consulted: ["@vp.eng"],
      }),
    ).toMatchObject({ consulted: ["vp.eng"] });
  });

  it.each(["two words", "", "@", "a/b", "x".repeat(101)])("refuses the handle %j", (person) => {
    expect(issuePaths({ type: "assign-role", role: "scribe", person })).toContain("person");
  });

  it("accepts non-Latin letters in handles", () => {
    expect(incidentCommandSchema.parse({ type: "assign-role", role: "scribe", person: "zoë_Ω" })).toMatchObject({
      person: "zoë_Ω",
    });
  });

  it.each(["Tech-Lead", "tech lead", "-lead", ""])("refuses the role id %j", (role) => {
    expect(issuePaths({ type: "assign-role", role, person: "dave" })).toContain("role");
  });

  it("refuses an unknown severity with the list of severities", () => {
    const result = incidentCommandSchema.safeParse({ type: "declare", title: "t", severity: "SEV-5" });
    expect(result.error?.issues[0]?.message).toBe("severity must be one of SEV-1, SEV-2, SEV-3, SEV-4");
  });

  it("refuses an unknown command type", () => {
    expect(incidentCommandSchema.safeParse({ type: "delete-incident" }).success).toBe(false);
  });

  it.each([0, -5, 1.5, 7 * 24 * 60 + 1])("refuses %d minutes", (minutes) => {
    expect(issuePaths({ type: "set-cadence", minutes })).toContain("minutes");
    expect(issuePaths({ type: "assign-task", title: "t", assignee: "d", timeboxMinutes: minutes })).toContain(
      "timeboxMinutes",
    );
  });

  it("accepts a week of minutes and null to turn the cadence off", () => {
    expect(incidentCommandSchema.parse({ type: "set-cadence", minutes: 7 * 24 * 60 })).toMatchObject({
      minutes: 10080,
    });
    expect(incidentCommandSchema.parse({ type: "set-cadence", minutes: null })).toMatchObject({ minutes: null });
  });

  it.each(["tomorrow", "2026-03-01", "2026-02-30T10:00:00Z", "2026-03-01 10:00:00Z"])(
    "refuses nextUpdateAt %j",
    (nextUpdateAt) => {
      expect(issuePaths({ type: "publish-update", audience: "team", text: "t", nextUpdateAt })).toContain(
        "nextUpdateAt",
      );
    },
  );

  it("accepts nextUpdateAt with an offset", () => {
    expect(
      incidentCommandSchema.safeParse({
        type: "publish-update",
        audience: "team",
        text: "t",
        nextUpdateAt: "2026-03-01T11:00:00+01:00",
      }).success,
    ).toBe(true);
  });

  it.each(["01/04/2026", "2026-13-01", "2026-04-01T00:00:00Z"])("refuses the dueDate %j", (dueDate) => {
    expect(issuePaths({ type: "add-action-item", title: "t", owner: "o", dueDate })).toContain("dueDate");
  });

  it("refuses resolved as a status only in decide, not at the edge", () => {
    expect(incidentCommandSchema.parse({ type: "change-status", status: "resolved" })).toMatchObject({
      status: "resolved",
    });
    expect(issuePaths({ type: "change-status", status: "closed" })).toContain("status");
  });

  it("refuses a decision with no chosen option", () => {
    expect(issuePaths({ type: "record-decision", kind: "technical", chosen: [], rationale: "r" })).toContain("chosen");
  });

  it("refuses an unknown decision kind, audience, channel, horizon and mode", () => {
    expect(issuePaths({ type: "record-decision", kind: "political", chosen: ["A"], rationale: "r" })).toContain("kind");
    expect(issuePaths({ type: "publish-update", audience: "press", text: "t" })).toContain("audience");
    expect(issuePaths({ type: "add-note", channel: "random", text: "t" })).toContain("channel");
    expect(issuePaths({ type: "add-action-item", title: "t", owner: "o", horizon: "someday" })).toContain("horizon");
    expect(issuePaths({ type: "declare", title: "t", severity: "SEV-1", mode: "test" })).toContain("mode");
  });

  it("checks option attributes strictly", () => {
    expect(issuePaths({ type: "propose-option", title: "t", attributes: { colour: "red" } })).toEqual(["attributes"]);
    expect(issuePaths({ type: "propose-option", title: "t", attributes: { likelihoodOfSuccess: 101 } })).toContain(
      "attributes.likelihoodOfSuccess",
    );
    expect(issuePaths({ type: "propose-option", title: "t", attributes: { risk: "extreme" } })).toContain(
      "attributes.risk",
    );
    expect(issuePaths({ type: "propose-option", title: "t", attributes: { timeToCompleteMinutes: -1 } })).toContain(
      "attributes.timeToCompleteMinutes",
    );
  });

  it("refuses usersAffectedPct outside 0–100 and accepts null", () => {
    expect(issuePaths({ type: "declare", title: "t", severity: "SEV-1", usersAffectedPct: 101 })).toContain(
      "usersAffectedPct",
    );
    expect(
      incidentCommandSchema.parse({ type: "declare", title: "t", severity: "SEV-1", usersAffectedPct: null }),
    ).toMatchObject({ usersAffectedPct: null });
  });

  it("refuses an assignee longer than 100 characters", () => {
    expect(issuePaths({ type: "assign-task", title: "t", assignee: "x".repeat(101) })).toContain("assignee");
  });
});

describe("event schemas (the stored contract)", () => {
  it("has one schema per event type in the union", () => {
    expect(Object.keys(eventSchemas).sort()).toEqual([...EVENT_TYPES].sort());
    expect(incidentEventSchema.options.map((o) => o.shape.type.value).sort()).toEqual([...EVENT_TYPES].sort());
  });

  it("round-trips a declared event through JSON", () => {
    const event = declared();
    expect(incidentEventSchema.parse(JSON.parse(JSON.stringify(event)))).toEqual(event);
  });

  it("refuses a stored event without its stamp", () => {
    const { at: _at, ...noTime } = declared();
    expect(incidentEventSchema.safeParse(noTime).success).toBe(false);
    expect(incidentEventSchema.safeParse({ ...declared(), by: "" }).success).toBe(false);
    expect(incidentEventSchema.safeParse({ ...declared(), at: "yesterday" }).success).toBe(false);
  });

  it("refuses a status change to resolved (that is IncidentResolved)", () => {
    const event = ev("StatusChanged", { from: "investigating", to: "identified", note: null });
    expect(incidentEventSchema.safeParse(event).success).toBe(true);
    expect(incidentEventSchema.safeParse({ ...event, to: "resolved" }).success).toBe(false);
  });

  it("refuses an unknown event type", () => {
    expect(incidentEventSchema.safeParse({ ...declared(), type: "IncidentDeleted" }).success).toBe(false);
  });
});

describe("policy and errors", () => {
  it("knows its severities and ranks them", () => {
    expect(isSeverity("SEV-1")).toBe(true);
    expect(isSeverity("SEV-5")).toBe(false);
    expect(isSeverity("sev-1")).toBe(false);
    expect(["SEV-1", "SEV-2", "SEV-3", "SEV-4"].map((s) => severityRank(s as "SEV-1"))).toEqual([1, 2, 3, 4]);
  });

  it("has the handbook cadences and required roles", () => {
    const { severities } = DEFAULT_POLICY;
    expect(
      [severities["SEV-1"], severities["SEV-2"], severities["SEV-3"], severities["SEV-4"]].map((s) => s.cadenceMinutes),
    ).toEqual([15, 30, 60, null]);
    for (const severity of Object.values(severities)) {
      expect(severity.requiredRoles).toContain("incident-commander");
      for (const role of severity.requiredRoles) expect(roleDefinition(DEFAULT_POLICY, role)).toBeDefined();
    }
    expect(roleDefinition(DEFAULT_POLICY, "janitor")).toBeUndefined();
  });

  it("fail throws a WarroomError with the code and the field", () => {
    let caught: unknown;
    try {
      fail("text.empty", "title must not be empty", "title");
    } catch (error) {
      caught = error;
    }
    expect(isWarroomError(caught)).toBe(true);
    expect(caught).toBeInstanceOf(WarroomError);
    expect(caught).toMatchObject({
      name: "WarroomError",
      code: "text.empty",
      message: "title must not be empty",
      details: [{ field: "title", message: "title must not be empty" }],
    });
    expect(() => fail("internal", "boom")).toThrow(expect.objectContaining({ code: "internal", details: [] }));
    expect(isWarroomError(new Error("x"))).toBe(false);
  });

  it("has unique error codes, each dotted", () => {
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
    for (const code of ERROR_CODES) expect(code).toMatch(/^[a-z_]+(\.[a-z_]+)?$/);
  });
});
