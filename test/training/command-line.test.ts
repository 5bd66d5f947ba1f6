import { describe, expect, it } from "vitest";
import { parseCommandLine, splitArgs } from "../../src/training/command-line.js";
import { checkAction } from "../../src/training/transcript.js";

describe("typed commands in an interactive drill", () => {
  it("splits like a shell", () => {
    expect(splitArgs(`say "one voice" at a 'time, please' \\"ok\\"`)).toEqual([
      "say",
      "one voice",
      "at",
      "a",
      "time, please",
      '"ok"',
    ]);
    expect(splitArgs(`note ""`)).toEqual(["note", ""]);
    expect(() => splitArgs(`say "unclosed`)).toThrow('unclosed " quote');
  });

  it("reads the CLI's commands and flags into transcript fields", () => {
    const cases: [string, Record<string, unknown>][] = [
      [
        `declare "Sign-in failing" --sev 1 --impact "5% of users" --service auth --service users-db`,
        { do: "declare", title: "Sign-in failing", sev: "1", impact: "5% of users", service: ["auth", "users-db"] },
      ],
      ["assign INC-1 tech-lead sarah-db", { do: "assign", role: "tech-lead", person: "sarah-db" }],
      [
        "task add Size the restore --to sarah-db --timebox 5m",
        { do: "task", action: "add", title: "Size the restore", to: "sarah-db", timebox: "5m" },
      ],
      ["task Size the restore --to sarah-db", { do: "task", action: "add", title: "Size the restore", to: "sarah-db" }],
      ["task done T1 sized at four hours", { do: "task", action: "done", task: "T1", outcome: "sized at four hours" }],
      [
        "option add Fail over --time 10m --data-loss=2h --user-impact 'short outage' --proposed-by lisa-sre",
        {
          do: "option",
          title: "Fail over",
          time: "10m",
          dataLoss: "2h",
          userImpact: "short outage",
          proposedBy: "lisa-sre",
        },
      ],
      [
        "decide --choose C --choose A --rationale 'fast, no loss' --consulted sarah-db,mike-app",
        { do: "decide", choose: ["C", "A"], rationale: "fast, no loss", consulted: ["sarah-db", "mike-app"] },
      ],
      [
        "update --audience executive Impact first. --next 02:30 --strict",
        { do: "update", audience: "executive", text: "Impact first.", next: "02:30", strict: true },
      ],
      ["deadline Which way out? --by 02:20", { do: "deadline", question: "Which way out?", by: "02:20" }],
      ["deadline close DL1", { do: "deadline", close: "DL1" }],
      [
        "trigger --if 'restore below 50%' --by +30m --then 'fail over'",
        { do: "trigger", condition: "restore below 50%", by: "+30m", action: "fail over" },
      ],
      ["trigger close TR1 --outcome averted", { do: "trigger", close: "TR1", outcome: "averted" }],
      ["ask sarah-db how long is a restore?", { do: "ask", to: "sarah-db", text: "how long is a restore?" }],
      ["sev 2 --reason contained", { do: "sev", severity: "2", reason: "contained" }],
      [
        "workstream add Data repair --lead sarah-db --goal 'repair rows' --timebox 1h",
        { do: "workstream", name: "Data repair", lead: "sarah-db", goal: "repair rows", timebox: "1h" },
      ],
      ["resolve --summary back to normal", { do: "resolve", summary: "back" }],
    ];
    for (const [line, expected] of cases.slice(0, -1)) expect(parseCommandLine(line), line).toEqual(expected);
    expect(() => parseCommandLine(cases.at(-1)?.[0] ?? "")).toThrow("resolve: unexpected 'to normal'");
  });

  it("hands its result to the same validation as a transcript", () => {
    const ok = checkAction(parseCommandLine("trigger --if 'restore below 50%' --by +30m --then 'fail over'"), 0, 60);
    expect(ok).toMatchObject({
      action: { verb: "trigger", fields: { condition: "restore below 50%", action: "fail over", by: "+30m" } },
    });
    const bad = checkAction(parseCommandLine("decide --choose D"), 3, 60);
    expect(bad).toEqual({ problems: [{ field: "rationale", message: "required" }] });
  });

  it("names what is wrong with a typed line", () => {
    expect(() => parseCommandLine("")).toThrow("type a command");
    expect(() => parseCommandLine("teleport now")).toThrow("unknown command 'teleport'");
    expect(() => parseCommandLine("assign tech-lead")).toThrow("assign: missing <person>");
    expect(() => parseCommandLine("update --audience")).toThrow("--audience needs a value");
    expect(() => parseCommandLine("decide --rationale a --rationale b")).toThrow("--rationale given twice");
  });
});
