import { describe, expect, it } from "vitest";
import { elapsedSeconds, updateClock } from "../../src/domain/incident/derived.js";
import {
  actionItemAdded,
  at,
  DEFAULT_NOW,
  DEV,
  declared,
  ev,
  given,
  IC,
  policyWith,
  resolved,
  T0,
  taskAssigned,
} from "./helpers.js";

describe("resolve", () => {
  it("resolves an open incident with a summary", () => {
    const outcome = given(declared()).when({ type: "resolve", summary: " rolled back the migration " }, { actor: IC });
    outcome.emits([{ type: "IncidentResolved", at: DEFAULT_NOW, by: IC, summary: "rolled back the migration" }]);
    expect(outcome.after).toMatchObject({
      status: "resolved",
      resolvedAt: DEFAULT_NOW,
      resolutionSummary: "rolled back the migration",
      version: 2,
    });
  });

  it("resolves from any open status", () => {
    for (const status of ["identified", "mitigating", "monitoring"] as const) {
      given(declared(), ev("StatusChanged", { from: "investigating", to: status, note: null }))
        .when({ type: "resolve", summary: "done" })
        .emitsOne("IncidentResolved");
    }
  });

  it("refuses to resolve twice", () => {
    given(declared(), resolved()).when({ type: "resolve", summary: "again" }).throws("incident.resolved", "reopen");
  });

  it.each(["", "  "])("refuses an empty summary %j", (summary) => {
    given(declared()).when({ type: "resolve", summary }).throws("text.empty", "summary");
  });

  it("refuses an over-long summary", () => {
    given(declared())
      .when({ type: "resolve", summary: "€€" }, { policy: policyWith({ maxTextBytes: 5 }) })
      .throws("text.too_long", "summary");
  });

  it("leaves open tasks open (they are still visible to close)", () => {
    const outcome = given(declared(), taskAssigned("T1", DEV)).when({ type: "resolve", summary: "done" });
    expect(outcome.after.tasks[0]?.status).toBe("assigned");
  });
});

describe("reopen", () => {
  it("reopens a resolved incident, investigating again", () => {
    const outcome = given(declared(), resolved(at(5))).when(
      { type: "reopen", reason: " errors are back " },
      { actor: IC },
    );
    outcome.emits([{ type: "IncidentReopened", at: DEFAULT_NOW, by: IC, reason: "errors are back" }]);
    expect(outcome.after).toMatchObject({
      status: "investigating",
      resolvedAt: null,
      resolutionSummary: null,
      lastUpdateAt: DEFAULT_NOW,
      promisedNextUpdateAt: null,
      version: 3,
    });
  });

  it("refuses an incident that is not resolved", () => {
    given(declared()).when({ type: "reopen", reason: "r" }).throws("incident.not_resolved", "investigating");
  });

  it.each(["", " "])("refuses an empty reason %j", (reason) => {
    given(declared(), resolved()).when({ type: "reopen", reason }).throws("text.empty", "reason");
  });

  it("allows work again after reopening", () => {
    given(declared(), resolved(), ev("IncidentReopened", { reason: "back", at: at(6) }))
      .when({ type: "assign-task", title: "check again", assignee: DEV })
      .emitsOne("TaskAssigned", { taskId: "T1" });
  });

  it("can be resolved again, with the new summary", () => {
    const outcome = given(declared(), resolved(at(5)), ev("IncidentReopened", { reason: "back", at: at(6) })).when({
      type: "resolve",
      summary: "fixed for real",
    });
    expect(outcome.after).toMatchObject({
      status: "resolved",
      resolvedAt: DEFAULT_NOW,
      resolutionSummary: "fixed for real",
    });
  });

  it("restarts the update clock and drops a promise made before resolution", () => {
    const history = [
      declared(),
      ev("UpdatePublished", {
        updateId: "U1",
        audience: "team",
        text: "t",
        impact: null,
        timeline: null,
        plan: null,
        nextUpdateAt: at(20),
      }),
      resolved(at(5)),
    ];
    const outcome = given(history).when({ type: "reopen", reason: "back" }, { now: at(40) });
    expect(updateClock(outcome.after, at(40))).toEqual({
      cadenceMinutes: 30,
      nextUpdateDue: at(70),
      overdueBySeconds: 0,
      overdue: false,
    });
  });

  it("counts elapsed time to resolution, then to now once reopened", () => {
    const resolvedState = given(declared(), resolved(at(5))).state;
    if (resolvedState === null) throw new Error("no incident");
    expect(elapsedSeconds(resolvedState, at(90))).toBe(300);
    const reopened = given(declared(), resolved(at(5))).when({ type: "reopen", reason: "back" }, { now: at(6) }).after;
    expect(elapsedSeconds(reopened, at(90))).toBe(90 * 60);
    expect(reopened.declaredAt).toBe(T0);
  });

  it("keeps action items across resolve and reopen", () => {
    const outcome = given(declared(), actionItemAdded("AI-1"), resolved()).when({ type: "reopen", reason: "back" });
    expect(outcome.after.actionItems.map((a) => a.id)).toEqual(["AI-1"]);
  });
});
