import { describe, expect, it } from "vitest";
import {
  actionItemAdded,
  at,
  DEFAULT_NOW,
  DEV,
  declared,
  ev,
  given,
  IC,
  OTHER,
  policyWith,
  resolved,
  roleAssigned,
  TECH,
  taskAssigned,
  workstreamStarted,
} from "./helpers.js";

describe("start-workstream", () => {
  it("starts W1 with the default time-box", () => {
    const outcome = given(declared()).when(
      { type: "start-workstream", name: " DB recovery ", lead: "@dave", goal: " restore replica " },
      { actor: IC },
    );
    outcome.emits([
      {
        type: "WorkstreamStarted",
        at: DEFAULT_NOW,
        by: IC,
        workstreamId: "W1",
        name: "DB recovery",
        lead: DEV,
        goal: "restore replica",
        timeboxMinutes: 15,
        dueAt: at(25),
      },
    ]);
    expect(outcome.after.workstreams).toEqual([
      {
        id: "W1",
        name: "DB recovery",
        lead: DEV,
        goal: "restore replica",
        timeboxMinutes: 15,
        startedAt: DEFAULT_NOW,
        dueAt: at(25),
        status: "open",
        outcome: null,
      },
    ]);
  });

  it("numbers the next one W2 and honours a stated time-box", () => {
    given(declared(), workstreamStarted("W1"))
      .when({ type: "start-workstream", name: "Comms", lead: OTHER, goal: "draft status page", timeboxMinutes: 45 })
      .emitsOne("WorkstreamStarted", { workstreamId: "W2", timeboxMinutes: 45, dueAt: at(55) });
  });

  it("uses the policy's default time-box", () => {
    given(declared())
      .when(
        { type: "start-workstream", name: "n", lead: DEV, goal: "g" },
        { policy: policyWith({ defaultTimeboxMinutes: 20 }) },
      )
      .emitsOne("WorkstreamStarted", { timeboxMinutes: 20, dueAt: at(30) });
  });

  it.each(["someone", "team", "anybody"])("refuses a lead who names nobody (%s)", (lead) => {
    given(declared()).when({ type: "start-workstream", name: "n", lead, goal: "g" }).throws("task.unassigned", "lead");
  });

  it.each([
    ["name", { name: " ", goal: "g" }],
    ["goal", { name: "n", goal: "" }],
  ] as const)("refuses an empty %s", (field, texts) => {
    given(declared())
      .when({ type: "start-workstream", lead: DEV, ...texts })
      .throws("text.empty", field);
  });

  it("refuses on a resolved incident", () => {
    given(declared(), resolved())
      .when({ type: "start-workstream", name: "n", lead: DEV, goal: "g" })
      .throws("incident.resolved");
  });
});

describe("close-workstream", () => {
  it("closes an open workstream with its outcome, matching the id in any case", () => {
    const outcome = given(declared(), workstreamStarted("W1")).when(
      { type: "close-workstream", workstreamId: "w1", outcome: " replica restored " },
      { actor: DEV },
    );
    outcome.emits([
      { type: "WorkstreamClosed", at: DEFAULT_NOW, by: DEV, workstreamId: "W1", outcome: "replica restored" },
    ]);
    expect(outcome.after.workstreams[0]).toMatchObject({ status: "closed", outcome: "replica restored" });
  });

  it("refuses an unknown workstream", () => {
    given(declared(), workstreamStarted("W1"))
      .when({ type: "close-workstream", workstreamId: "W2" })
      .throws("workstream.not_found", "workstreamId");
  });

  it("refuses a closed workstream", () => {
    given(declared(), workstreamStarted("W1"), ev("WorkstreamClosed", { workstreamId: "W1", outcome: null, at: at(3) }))
      .when({ type: "close-workstream", workstreamId: "W1" })
      .throws("workstream.closed", "workstreamId");
  });

  it("may close a workstream after resolution", () => {
    given(declared(), workstreamStarted("W1"), resolved())
      .when({ type: "close-workstream", workstreamId: "W1" })
      .emitsOne("WorkstreamClosed", { outcome: null });
  });
});

describe("assign-task", () => {
  it("assigns T1 to a named person with the default time-box", () => {
    const outcome = given(declared()).when(
      { type: "assign-task", title: " check replica lag ", assignee: " @bob " },
      { actor: IC },
    );
    outcome.emits([
      {
        type: "TaskAssigned",
        at: DEFAULT_NOW,
        by: IC,
        taskId: "T1",
        title: "check replica lag",
        assignee: TECH,
        timeboxMinutes: 15,
        dueAt: at(25),
        workstreamId: null,
      },
    ]);
    expect(outcome.after.tasks[0]).toEqual({
      id: "T1",
      title: "check replica lag",
      assignee: TECH,
      assignedBy: IC,
      assignedAt: DEFAULT_NOW,
      timeboxMinutes: 15,
      dueAt: at(25),
      workstreamId: null,
      status: "assigned",
      acknowledgedAt: null,
      closedAt: null,
      outcome: null,
    });
  });

  it("numbers tasks T1, T2, … and places one in a workstream (id in any case)", () => {
    given(declared(), workstreamStarted("W1"), taskAssigned("T1", DEV))
      .when({ type: "assign-task", title: "t", assignee: OTHER, timeboxMinutes: 5, workstreamId: "w1" })
      .emitsOne("TaskAssigned", { taskId: "T2", workstreamId: "W1", timeboxMinutes: 5, dueAt: at(15) });
  });

  it("keeps numbering after tasks close", () => {
    given(declared(), taskAssigned("T1", DEV), ev("TaskCancelled", { taskId: "T1", reason: null, at: at(3) }))
      .when({ type: "assign-task", title: "t", assignee: DEV })
      .emitsOne("TaskAssigned", { taskId: "T2" });
  });

  it.each([
    "someone",
    "@here",
    "can someone look",
    "",
    "   ",
    "team",
    "Someone",
    "@",
    "everyone",
    "tbd",
    "could you",
    "bob and dave",
  ])("refuses %j: the task has no owner", (assignee) => {
    given(declared())
      .when({ type: "assign-task", title: "check logs", assignee })
      .throws("task.unassigned", "assignee");
  });

  it.each(["bob!", "dave/ops", "#ops"])("refuses a handle that is not one (%s)", (assignee) => {
    given(declared()).when({ type: "assign-task", title: "t", assignee }).throws("validation.failed", "assignee");
  });

  it("refuses an unknown workstream", () => {
    given(declared())
      .when({ type: "assign-task", title: "t", assignee: DEV, workstreamId: "W1" })
      .throws("workstream.not_found", "workstreamId");
  });

  it("refuses a closed workstream", () => {
    given(declared(), workstreamStarted("W1"), ev("WorkstreamClosed", { workstreamId: "W1", outcome: null, at: at(3) }))
      .when({ type: "assign-task", title: "t", assignee: DEV, workstreamId: "W1" })
      .throws("workstream.closed", "workstreamId");
  });

  it("refuses an empty title", () => {
    given(declared()).when({ type: "assign-task", title: " ", assignee: DEV }).throws("text.empty", "title");
  });

  it("refuses on a resolved incident", () => {
    given(declared(), resolved()).when({ type: "assign-task", title: "t", assignee: DEV }).throws("incident.resolved");
  });
});

describe("acknowledge-task", () => {
  it("is acknowledged by its assignee", () => {
    const outcome = given(declared(), taskAssigned("T1", DEV)).when(
      { type: "acknowledge-task", taskId: "t1" },
      { actor: DEV },
    );
    outcome.emits([{ type: "TaskAcknowledged", at: DEFAULT_NOW, by: DEV, taskId: "T1" }]);
    expect(outcome.after.tasks[0]).toMatchObject({ status: "acknowledged", acknowledgedAt: DEFAULT_NOW });
  });

  it.each([
    ["the commander", IC, []],
    ["the deputy", OTHER, [roleAssigned("deputy", OTHER)]],
    ["the scribe", OTHER, [roleAssigned("scribe", OTHER)]],
  ] as const)("may be recorded by %s", (_who, actor, roles) => {
    given(declared(), ...roles, taskAssigned("T1", DEV))
      .when({ type: "acknowledge-task", taskId: "T1" }, { actor })
      .emitsOne("TaskAcknowledged", { by: actor });
  });

  it("is refused for anyone else", () => {
    given(declared(), roleAssigned("tech-lead", TECH), taskAssigned("T1", DEV))
      .when({ type: "acknowledge-task", taskId: "T1" }, { actor: TECH })
      .throws("role.not_authorised", "actor");
  });

  it("is refused twice", () => {
    given(declared(), taskAssigned("T1", DEV), ev("TaskAcknowledged", { taskId: "T1", by: DEV, at: at(3) }))
      .when({ type: "acknowledge-task", taskId: "T1" }, { actor: DEV })
      .throws("task.closed", "acknowledged");
  });

  it("refuses an unknown task", () => {
    given(declared()).when({ type: "acknowledge-task", taskId: "T9" }).throws("task.not_found", "taskId");
  });

  it.each([
    ["done", ev("TaskCompleted", { taskId: "T1", outcome: null, at: at(3) })],
    ["cancelled", ev("TaskCancelled", { taskId: "T1", reason: null, at: at(3) })],
  ] as const)("refuses a %s task", (status, closing) => {
    given(declared(), taskAssigned("T1", DEV), closing)
      .when({ type: "acknowledge-task", taskId: "T1" }, { actor: DEV })
      .throws("task.closed", status);
  });
});

describe("who may close a task", () => {
  it("marks it done: its assignee or the commander's side, nobody else", () => {
    given(declared(), roleAssigned("tech-lead", TECH), taskAssigned("T1", DEV))
      .when({ type: "complete-task", taskId: "T1" }, { actor: TECH })
      .throws("role.not_authorised", "actor");
    given(declared(), taskAssigned("T1", DEV))
      .when({ type: "complete-task", taskId: "T1" }, { actor: IC })
      .emitsOne("TaskCompleted", { by: IC });
  });

  it("cancels it: whoever assigned it or the commander's side, not the assignee alone", () => {
    given(declared(), taskAssigned("T1", DEV))
      .when({ type: "cancel-task", taskId: "T1" }, { actor: DEV })
      .throws("role.not_authorised", "actor");
    given(declared(), roleAssigned("deputy", OTHER), taskAssigned("T1", DEV))
      .when({ type: "cancel-task", taskId: "T1" }, { actor: OTHER })
      .emitsOne("TaskCancelled", { by: OTHER });
  });
});

describe("complete-task and cancel-task", () => {
  it("completes an assigned task with its outcome", () => {
    const outcome = given(declared(), taskAssigned("T1", DEV)).when(
      { type: "complete-task", taskId: "T1", outcome: " lag is 40s " },
      { actor: DEV },
    );
    outcome.emits([{ type: "TaskCompleted", at: DEFAULT_NOW, by: DEV, taskId: "T1", outcome: "lag is 40s" }]);
    expect(outcome.after.tasks[0]).toMatchObject({ status: "done", closedAt: DEFAULT_NOW, outcome: "lag is 40s" });
  });

  it("completes an acknowledged task", () => {
    given(declared(), taskAssigned("T1", DEV), ev("TaskAcknowledged", { taskId: "T1", at: at(3) }))
      .when({ type: "complete-task", taskId: "T1" })
      .emitsOne("TaskCompleted", { outcome: null });
  });

  it("cancels a task, keeping the reason as its outcome", () => {
    const outcome = given(declared(), taskAssigned("T1", DEV)).when(
      { type: "cancel-task", taskId: "t1", reason: "superseded by W1" },
      { actor: IC },
    );
    outcome.emits([{ type: "TaskCancelled", at: DEFAULT_NOW, by: IC, taskId: "T1", reason: "superseded by W1" }]);
    expect(outcome.after.tasks[0]).toMatchObject({
      status: "cancelled",
      closedAt: DEFAULT_NOW,
      outcome: "superseded by W1",
    });
  });

  it.each(["complete-task", "cancel-task"] as const)("%s refuses an unknown task", (type) => {
    given(declared(), taskAssigned("T1", DEV)).when({ type, taskId: "T2" }).throws("task.not_found", "T2");
  });

  it.each(["complete-task", "cancel-task"] as const)("%s refuses a closed task", (type) => {
    for (const closing of [
      ev("TaskCompleted", { taskId: "T1", outcome: null, at: at(3) }),
      ev("TaskCancelled", { taskId: "T1", reason: null, at: at(3) }),
    ]) {
      given(declared(), taskAssigned("T1", DEV), closing).when({ type, taskId: "T1" }).throws("task.closed", "taskId");
    }
  });

  it("may close tasks after resolution", () => {
    given(declared(), taskAssigned("T1", DEV), resolved())
      .when({ type: "complete-task", taskId: "T1" })
      .emitsOne("TaskCompleted");
  });
});

describe("action items", () => {
  it("adds AI-1 with the default horizon", () => {
    const outcome = given(declared()).when(
      { type: "add-action-item", title: " add replica lag alert ", owner: "@dave" },
      { actor: IC },
    );
    outcome.emits([
      {
        type: "ActionItemAdded",
        at: DEFAULT_NOW,
        by: IC,
        actionId: "AI-1",
        title: "add replica lag alert",
        owner: DEV,
        dueDate: null,
        horizon: "short-term",
      },
    ]);
    expect(outcome.after.actionItems[0]).toEqual({
      id: "AI-1",
      title: "add replica lag alert",
      owner: DEV,
      dueDate: null,
      horizon: "short-term",
      status: "open",
      createdAt: DEFAULT_NOW,
      completedAt: null,
    });
  });

  it("numbers the next AI-2 and keeps due date and horizon, also after resolution", () => {
    given(declared(), actionItemAdded("AI-1"), resolved())
      .when({ type: "add-action-item", title: "t", owner: OTHER, dueDate: "2026-04-01", horizon: "long-term" })
      .emitsOne("ActionItemAdded", { actionId: "AI-2", dueDate: "2026-04-01", horizon: "long-term" });
  });

  it.each(["someone", "team", "nobody"])("refuses an owner who names nobody (%s)", (owner) => {
    given(declared()).when({ type: "add-action-item", title: "t", owner }).throws("task.unassigned", "owner");
  });

  it("refuses an empty title", () => {
    given(declared()).when({ type: "add-action-item", title: "", owner: DEV }).throws("text.empty", "title");
  });

  it.each(["AI-1", "ai-1", "1"])("completes an action item named %s", (actionId) => {
    const outcome = given(declared(), actionItemAdded("AI-1")).when(
      { type: "complete-action-item", actionId },
      { actor: DEV },
    );
    outcome.emits([{ type: "ActionItemCompleted", at: DEFAULT_NOW, by: DEV, actionId: "AI-1" }]);
    expect(outcome.after.actionItems[0]).toMatchObject({ status: "done", completedAt: DEFAULT_NOW });
  });

  it("refuses an unknown action item", () => {
    given(declared(), actionItemAdded("AI-1"))
      .when({ type: "complete-action-item", actionId: "AI-2" })
      .throws("action.not_found", "actionId");
  });

  it("refuses an action item that is already done", () => {
    given(declared(), actionItemAdded("AI-1"), ev("ActionItemCompleted", { actionId: "AI-1", at: at(3) }))
      .when({ type: "complete-action-item", actionId: "AI-1" })
      .throws("action.already_done", "actionId");
  });
});
