import { describe, expect, it } from "vitest";
import { isWarroomError, type WarroomError } from "../../src/domain/shared/errors.js";
import { formatOffset, parseOffset } from "../../src/training/duration.js";
import { parseTranscript } from "../../src/training/transcript.js";
import { intentOf } from "../../src/training/verbs.js";

function failure(fn: () => unknown): WarroomError {
  try {
    fn();
  } catch (error) {
    if (isWarroomError(error)) return error;
    throw error;
  }
  throw new Error("expected a validation failure");
}

const START = Date.parse("2026-03-07T02:05:00.000Z");

describe("durations on the virtual clock", () => {
  it("reads offsets like the CLI, plus seconds", () => {
    expect(parseOffset("2m", "at")).toBe(120);
    expect(parseOffset("1h05m", "at")).toBe(3900);
    expect(parseOffset("45s", "at")).toBe(45);
    expect(parseOffset("2m30s", "at")).toBe(150);
    expect(parseOffset("90", "at")).toBe(5400);
    expect(formatOffset(150)).toBe("T+2m30s");
    expect(formatOffset(3900)).toBe("T+1h05m");
    expect(failure(() => parseOffset("soon", "actions.2.at")).message).toContain("actions.2.at: 'soon' is not");
  });
});

describe("transcripts", () => {
  it("parses actions, applying aliases and defaults", () => {
    const t = parseTranscript(
      `trainee: "@alex"
actions:
  - { at: 0m, do: declare, title: Sign-in failing, sev: 1, usersPct: "5%" }
  - { at: 1m, do: say, text: "Everyone, I am the incident commander." }
  - { at: 1m, do: decide, options: "C,A", rationale: fast and no data lost }
  - { at: 2m, do: task, title: Size the restore, person: sarah-db, timebox: 5m }
`,
      "t.yaml",
    );
    expect(t.trainee).toBe("alex");
    expect(t.actions.map((a) => [a.index, a.at, a.verb])).toEqual([
      [0, 0, "declare"],
      [1, 60, "say"],
      [2, 60, "decide"],
      [3, 120, "task"],
    ]);
    expect(t.actions[1]?.fields).toEqual({ text: "Everyone, I am the incident commander.", channel: "command" });
    const declare = intentOf("declare", t.actions[0]?.fields ?? {}, START);
    expect(declare).toEqual({
      kind: "command",
      command: { type: "declare", title: "Sign-in failing", severity: "SEV-1", usersAffectedPct: 5, mode: "drill" },
    });
    expect(intentOf("decide", t.actions[2]?.fields ?? {}, START)).toMatchObject({
      command: { type: "record-decision", kind: "trade-off", chosen: ["C", "A"] },
    });
    expect(intentOf("task", t.actions[3]?.fields ?? {}, START)).toMatchObject({
      command: { type: "assign-task", assignee: "sarah-db", timeboxMinutes: 5 },
    });
  });

  it("maps every CLI verb to the domain command the CLI would send", () => {
    const cases: [Parameters<typeof intentOf>[0], Record<string, unknown>, Record<string, unknown>][] = [
      ["sev", { severity: "sev2", reason: "contained" }, { type: "change-severity", severity: "SEV-2" }],
      ["status", { status: "mitigating" }, { type: "change-status", status: "mitigating" }],
      ["assign", { role: "scribe", person: "ann" }, { type: "assign-role", role: "scribe", person: "ann" }],
      ["handover", { to: "bo", briefing: "all yours" }, { type: "hand-over-role", role: "incident-commander" }],
      ["note", { text: "x", channel: "tech" }, { type: "add-note", channel: "tech" }],
      ["cadence", { cadence: "30m" }, { type: "set-cadence", minutes: 30 }],
      ["cadence", { cadence: "off" }, { type: "set-cadence", minutes: null }],
      ["workstream", { name: "Restore", lead: "sarah-db", goal: "restore", timebox: "1h" }, { timeboxMinutes: 60 }],
      ["workstream", { close: "W1" }, { type: "close-workstream", workstreamId: "W1" }],
      ["task", { action: "done", task: "T1", outcome: "sized" }, { type: "complete-task", taskId: "T1" }],
      [
        "option",
        { title: "Restore", time: "4h", dataLoss: "none", risk: "moderate", success: "80%", recovery: "8 hours" },
        {
          type: "propose-option",
          attributes: {
            timeToCompleteMinutes: 240,
            dataLoss: "none",
            risk: "medium",
            likelihoodOfSuccess: 80,
            recoveryTimeMinutes: 480,
          },
        },
      ],
      ["deadline", { question: "Which way?", by: "+10m" }, { type: "set-decision-deadline", inMinutes: 10 }],
      ["deadline", { question: "Which way?", by: "02:20" }, { by: "2026-03-07T02:20:00.000Z" }],
      [
        "trigger",
        { condition: "restore below 50%", by: "30m", action: "fail over" },
        { type: "set-trigger", inMinutes: 30 },
      ],
      ["trigger", { close: "TR1", outcome: "averted" }, { type: "close-trigger", triggerId: "TR1" }],
      ["update", { audience: "executive", text: "x", next: "+15m" }, { nextUpdateAt: "2026-03-07T02:20:00.000Z" }],
      ["update", { audience: "executive", text: "x", next: "02:30" }, { nextUpdateAt: "2026-03-07T02:30:00.000Z" }],
      ["action", { title: "Add checks", owner: "sarah-db" }, { type: "add-action-item", owner: "sarah-db" }],
      ["resolve", { summary: "done" }, { type: "resolve", summary: "done" }],
    ];
    for (const [verb, fields, expected] of cases) {
      expect(intentOf(verb, fields, START), verb).toMatchObject({ kind: "command", command: expected });
    }
    expect(intentOf("ask", { to: "@sarah-db", text: "how long?" }, START)).toEqual({
      kind: "ask",
      to: "sarah-db",
      text: "how long?",
    });
  });

  it("names the action index, the field and the line of each problem", () => {
    const text = `trainee: alex
actions:
  - { at: 0m, do: declare, title: X, severity: SEV-1 }
  - at: 1m
    do: fly
  - at: 2m
    do: decide
    choose: D
  - at: 3m
    do: task
    title: Size it
    to: sarah-db
    timebox: later
  - at: 4m
    do: say
    text: hi
    colour: red
`;
    const error = failure(() => parseTranscript(text, "t.yaml"));
    expect(error.code).toBe("validation.failed");
    expect(error.message).toContain("t.yaml:5 actions.1 (fly) do: unknown action 'fly'");
    expect(error.message).toContain("t.yaml:6 actions.2 (decide) rationale: required");
    expect(error.message).toContain("t.yaml:13 actions.3 (task) timebox: 'later' is not a duration");
    expect(error.message).toContain("actions.4 (say) colour: not a field of say: colour");
  });

  it("wants actions in time order", () => {
    const error = failure(() =>
      parseTranscript(
        "trainee: alex\nactions:\n  - { at: 5m, do: say, text: a }\n  - { at: 2m, do: say, text: b }\n",
        "t.yaml",
      ),
    );
    expect(error.message).toContain("t.yaml:4 actions.1.at: 2m is earlier than the action before it");
  });

  it("refuses a file without a trainee or with a bad offset", () => {
    const error = failure(() => parseTranscript("actions:\n  - { at: soon, do: say, text: a }\n", "t.yaml"));
    expect(error.message).toContain("trainee");
    expect(error.message).toContain("t.yaml:2 actions.0.at:");
  });
});
