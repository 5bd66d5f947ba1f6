import { describe, expect, it } from "vitest";
import { COMMAND_TYPES } from "../../src/domain/incident/commands.js";
import { DEFAULT_POLICY, SEVERITIES } from "../../src/domain/incident/policy.js";
import {
  at,
  type CommandInputAny,
  DEFAULT_NOW,
  DEV,
  declared,
  ev,
  given,
  IC,
  INCIDENT_ID,
  policyWith,
  resolved,
  T0,
} from "./helpers.js";

describe("declare", () => {
  it("declares with the actor as commander and the policy cadence, applying the edge defaults", () => {
    given()
      .when({ type: "declare", title: "  Checkout failing  ", severity: "SEV-2" }, { actor: IC, now: T0 })
      .emits([
        {
          type: "IncidentDeclared",
          at: T0,
          by: IC,
          incidentId: INCIDENT_ID,
          title: "Checkout failing",
          severity: "SEV-2",
          impact: "",
          usersAffectedPct: null,
          services: [],
          mode: "live",
          private: false,
          commander: IC,
          cadenceMinutes: 30,
        },
      ]);
  });

  it("keeps every given field, names a commander other than the actor and de-duplicates services", () => {
    given()
      .when(
        {
          type: "declare",
          title: "Payments down",
          severity: "SEV-1",
          impact: " EU card payments fail ",
          usersAffectedPct: 40,
          services: ["payments", "checkout", "payments"],
          mode: "drill",
          private: true,
          commander: "@sarah-db",
        },
        { actor: DEV, now: T0, incidentId: "INC-42" },
      )
      .emits([
        {
          type: "IncidentDeclared",
          at: T0,
          by: DEV,
          incidentId: "INC-42",
          title: "Payments down",
          severity: "SEV-1",
          impact: "EU card payments fail",
          usersAffectedPct: 40,
          services: ["payments", "checkout"],
          mode: "drill",
          private: true,
          commander: "sarah-db",
          cadenceMinutes: 15,
        },
      ]);
  });

  it.each([
    ["SEV-1", 15],
    ["SEV-2", 30],
    ["SEV-3", 60],
    ["SEV-4", null],
  ] as const)("takes the cadence of %s from the policy (%s)", (severity, cadence) => {
    given()
      .when({ type: "declare", title: "x", severity }, { now: T0 })
      .emitsOne("IncidentDeclared", { severity, cadenceMinutes: cadence });
  });

  it("takes the cadence from a configured policy, not a constant", () => {
    const policy = policyWith({
      severities: {
        ...DEFAULT_POLICY.severities,
        "SEV-3": { ...DEFAULT_POLICY.severities["SEV-3"], cadenceMinutes: 45 },
      },
    });
    given()
      .when({ type: "declare", title: "x", severity: "SEV-3" }, { policy })
      .emitsOne("IncidentDeclared", { cadenceMinutes: 45 });
  });

  it("starts the incident investigating with the commander in role and the update clock at declaration", () => {
    const after = given().when({ type: "declare", title: "x", severity: "SEV-3" }, { actor: IC, now: T0 }).after;
    expect(after).toMatchObject({
      id: INCIDENT_ID,
      status: "investigating",
      declaredBy: IC,
      declaredAt: T0,
      roles: { "incident-commander": { person: IC, since: T0 } },
      cadenceMinutes: 60,
      cadenceFollowsSeverity: true,
      lastUpdateAt: T0,
      promisedNextUpdateAt: null,
      version: 1,
      lastEventAt: T0,
    });
  });

  it("refuses to declare over an existing stream", () => {
    given(declared())
      .when({ type: "declare", title: "again", severity: "SEV-1" })
      .throws("stream.version_conflict", "incidentId");
  });

  it.each(["", "   ", "\n\t"])("refuses an empty title %j", (title) => {
    given().when({ type: "declare", title, severity: "SEV-2" }).throws("text.empty", "title");
  });

  it.each(["someone", "team", "here", "tbd"])("refuses a commander who names nobody (%s)", (commander) => {
    given().when({ type: "declare", title: "x", severity: "SEV-2", commander }).throws("task.unassigned", "commander");
  });

  it("keeps a title to 200 characters (letters, not bytes), naming it", () => {
    given()
      .when({ type: "declare", title: "é".repeat(200), severity: "SEV-2" })
      .emitsOne("IncidentDeclared");
    given()
      .when({ type: "declare", title: "x".repeat(201), severity: "SEV-2" })
      .throws("text.too_long", "title");
  });

  it("refuses an over-long impact", () => {
    given()
      .when(
        { type: "declare", title: "x", severity: "SEV-2", impact: "é".repeat(6) },
        { policy: policyWith({ maxTextBytes: 11 }) },
      )
      .throws("text.too_long", "impact");
  });

  it("refuses every other command before the incident exists", () => {
    const samples: Record<Exclude<(typeof COMMAND_TYPES)[number], "declare">, CommandInputAny> = {
      "change-severity": { type: "change-severity", severity: "SEV-1", reason: "r" },
      "assign-role": { type: "assign-role", role: "scribe", person: DEV },
      "release-role": { type: "release-role", role: "scribe" },
      "hand-over-role": { type: "hand-over-role", role: "incident-commander", to: DEV },
      "change-status": { type: "change-status", status: "identified" },
      "add-note": { type: "add-note", text: "hello" },
      "set-cadence": { type: "set-cadence", minutes: 10 },
      "publish-update": { type: "publish-update", audience: "team", text: "hi" },
      "start-workstream": { type: "start-workstream", name: "n", lead: DEV, goal: "g" },
      "close-workstream": { type: "close-workstream", workstreamId: "W1" },
      "assign-task": { type: "assign-task", title: "t", assignee: DEV },
      "acknowledge-task": { type: "acknowledge-task", taskId: "T1" },
      "complete-task": { type: "complete-task", taskId: "T1" },
      "cancel-task": { type: "cancel-task", taskId: "T1" },
      "propose-option": { type: "propose-option", title: "o" },
      "record-decision": { type: "record-decision", kind: "trade-off", chosen: ["A"], rationale: "r" },
      "add-action-item": { type: "add-action-item", title: "a", owner: DEV },
      "complete-action-item": { type: "complete-action-item", actionId: "AI-1" },
      "issue-reminders": { type: "issue-reminders" },
      "set-decision-deadline": { type: "set-decision-deadline", question: "q", inMinutes: 5 },
      "close-decision-deadline": { type: "close-decision-deadline", deadlineId: "DL1" },
      "set-trigger": { type: "set-trigger", condition: "c", action: "a", inMinutes: 5 },
      "close-trigger": { type: "close-trigger", triggerId: "TR1", outcome: "fired" },
      "save-postmortem": { type: "save-postmortem", markdown: "# PM" },
      "publish-postmortem": { type: "publish-postmortem" },
      "set-impact-estimate": { type: "set-impact-estimate", revenueAtRiskPerHourUsd: 1000 },
      "set-skill-needs": { type: "set-skill-needs", needs: [{ skill: "database", count: 1 }] },
      resolve: { type: "resolve", summary: "s" },
      reopen: { type: "reopen", reason: "r" },
    };
    expect(Object.keys(samples).sort()).toEqual(COMMAND_TYPES.filter((t) => t !== "declare").sort());
    for (const input of Object.values(samples)) {
      given().when(input, { incidentId: "INC-9" }).throws("incident.not_found", "INC-9");
    }
  });
});

describe("change-severity", () => {
  it("raises the severity and recomputes the cadence when it follows severity", () => {
    given(declared({ severity: "SEV-3", cadenceMinutes: 60 }))
      .when({ type: "change-severity", severity: "SEV-1", reason: " EU checkout down too " }, { actor: IC })
      .emits([
        {
          type: "SeverityChanged",
          at: DEFAULT_NOW,
          by: IC,
          from: "SEV-3",
          to: "SEV-1",
          reason: "EU checkout down too",
          cadenceMinutes: 15,
        },
      ]);
  });

  it("turns the cadence off when lowered to SEV-4 and it follows severity", () => {
    const outcome = given(declared()).when({ type: "change-severity", severity: "SEV-4", reason: "internal only" });
    outcome.emitsOne("SeverityChanged", { from: "SEV-2", to: "SEV-4", cadenceMinutes: null });
    expect(outcome.after).toMatchObject({ severity: "SEV-4", cadenceMinutes: null, cadenceFollowsSeverity: true });
  });

  it("keeps a manual cadence", () => {
    const outcome = given(declared(), ev("CadenceSet", { cadenceMinutes: 10, followsSeverity: false })).when({
      type: "change-severity",
      severity: "SEV-3",
      reason: "contained",
    });
    outcome.emitsOne("SeverityChanged", { to: "SEV-3", cadenceMinutes: 10 });
    expect(outcome.after).toMatchObject({ severity: "SEV-3", cadenceMinutes: 10, cadenceFollowsSeverity: false });
  });

  it("keeps a manual cadence that was turned off", () => {
    given(declared(), ev("CadenceSet", { cadenceMinutes: null, followsSeverity: false }))
      .when({ type: "change-severity", severity: "SEV-1", reason: "worse" })
      .emitsOne("SeverityChanged", { cadenceMinutes: null });
  });

  it("follows severity again once the cadence is set back to follow it", () => {
    given(
      declared(),
      ev("CadenceSet", { cadenceMinutes: 10, followsSeverity: false }),
      ev("CadenceSet", { cadenceMinutes: 30, followsSeverity: true, at: at(2) }),
    )
      .when({ type: "change-severity", severity: "SEV-3", reason: "contained" })
      .emitsOne("SeverityChanged", { cadenceMinutes: 60 });
  });

  it("refuses the same severity", () => {
    given(declared({ severity: "SEV-2" }))
      .when({ type: "change-severity", severity: "SEV-2", reason: "same" })
      .throws("severity.unchanged", "severity");
  });

  it.each(["", "  "])("refuses an empty reason %j", (reason) => {
    given(declared()).when({ type: "change-severity", severity: "SEV-1", reason }).throws("text.empty", "reason");
  });

  it("refuses on a resolved incident", () => {
    given(declared(), resolved())
      .when({ type: "change-severity", severity: "SEV-1", reason: "r" })
      .throws("incident.resolved", INCIDENT_ID);
  });

  it("can walk through every severity, each step emitting the policy cadence", () => {
    let scenario = given(declared({ severity: "SEV-4", cadenceMinutes: null }));
    for (const severity of [...SEVERITIES].reverse().slice(1)) {
      const outcome = scenario.when({ type: "change-severity", severity, reason: "escalate" });
      outcome.emitsOne("SeverityChanged", {
        to: severity,
        cadenceMinutes: DEFAULT_POLICY.severities[severity].cadenceMinutes,
      });
      scenario = given(scenario.history, outcome.events);
    }
    expect(scenario.state).toMatchObject({ severity: "SEV-1", cadenceMinutes: 15, version: 4 });
  });
});

describe("change-status", () => {
  it("moves the status on with an optional note", () => {
    given(declared())
      .when({ type: "change-status", status: "identified", note: " bad migration " }, { actor: IC })
      .emits([
        {
          type: "StatusChanged",
          at: DEFAULT_NOW,
          by: IC,
          from: "investigating",
          to: "identified",
          note: "bad migration",
        },
      ]);
  });

  it("stores a blank note as null and folds the new status", () => {
    const outcome = given(declared()).when({ type: "change-status", status: "mitigating", note: "  " });
    outcome.emitsOne("StatusChanged", { to: "mitigating", note: null });
    expect(outcome.after.status).toBe("mitigating");
  });

  it("may move backwards (monitoring → investigating)", () => {
    given(declared(), ev("StatusChanged", { from: "investigating", to: "monitoring", note: null }))
      .when({ type: "change-status", status: "investigating" })
      .emitsOne("StatusChanged", { from: "monitoring", to: "investigating" });
  });

  it("refuses the current status", () => {
    given(declared()).when({ type: "change-status", status: "investigating" }).throws("status.unchanged", "status");
  });

  it("refuses resolved: that is the resolve command", () => {
    given(declared()).when({ type: "change-status", status: "resolved" }).throws("status.use_resolve", "status");
  });

  it("refuses resolved even on a resolved incident, pointing at resolve", () => {
    given(declared(), resolved()).when({ type: "change-status", status: "resolved" }).throws("status.use_resolve");
  });

  it("refuses on a resolved incident", () => {
    given(declared(), resolved()).when({ type: "change-status", status: "monitoring" }).throws("incident.resolved");
  });

  it("refuses an over-long note", () => {
    given(declared())
      .when(
        { type: "change-status", status: "identified", note: "abcdef" },
        { policy: policyWith({ maxTextBytes: 5 }) },
      )
      .throws("text.too_long", "note");
  });
});
