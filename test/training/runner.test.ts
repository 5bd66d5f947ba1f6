import { describe, expect, it } from "vitest";
import { ManualClock } from "../../src/domain/shared/clock.js";
import { runDrill } from "../../src/training/runner.js";
import { parseScenario } from "../../src/training/scenario-loader.js";
import { parseTranscript } from "../../src/training/transcript.js";
import { TINY_SCENARIO } from "./fixtures.js";

const scenario = parseScenario(TINY_SCENARIO, "tiny.yaml");
const drill = (actions: string, trainee = "alex") =>
  runDrill(scenario, parseTranscript(`trainee: ${trainee}\nactions:\n${actions}`, "t.yaml"));

const DECLARE = "  - { at: 2m, do: declare, title: Cache down, severity: SEV-1 }\n";

describe("the drill runner", () => {
  it("runs the trainee's actions as domain commands on a drill incident, on the virtual clock", async () => {
    const clock = new ManualClock();
    const run = await runDrill(
      scenario,
      parseTranscript(
        `trainee: alex\nactions:\n${DECLARE}  - { at: 2m, do: assign, role: tech-lead, person: sam-db }\n  - { at: 3m, do: say, text: Restart first. }\n`,
        "t.yaml",
      ),
      { clock },
    );
    expect(run.incidentId).toBe("INC-1");
    expect(run.startedAt).toBe("2026-03-07T02:00:00.000Z");
    expect(run.endedAt).toBe("2026-03-07T02:20:00.000Z");
    expect(clock.now()).toBe(Date.parse(run.endedAt));
    const [declared, role, note] = run.events;
    expect(declared).toMatchObject({ type: "IncidentDeclared", mode: "drill", commander: "alex", by: "alex" });
    expect(declared?.at).toBe("2026-03-07T02:02:00.000Z");
    expect(role).toMatchObject({ type: "RoleAssigned", role: "tech-lead", person: "sam-db", version: 2 });
    expect(note).toMatchObject({
      type: "NoteAdded",
      channel: "command",
      text: "Restart first.",
      at: "2026-03-07T02:03:00.000Z",
    });
    expect(run.actions.map((a) => [a.index, a.command, a.ok, a.events])).toEqual([
      [0, "declare", true, [1]],
      [1, "assign-role", true, [2]],
      [2, null, true, [3]],
    ]);
  });

  it("plays timed injects before an action at the same instant, condition checks after it", async () => {
    const onTime = await drill("  - { at: 5m, do: declare, title: Cache down, severity: SEV-1 }\n");
    expect(onTime.feed.some((f) => f.inject === "nobody-in-charge")).toBe(false);
    const late = await drill("  - { at: 5m1s, do: declare, title: Cache down, severity: SEV-1 }\n");
    const nag = late.feed.find((f) => f.inject === "nobody-in-charge");
    expect(nag).toMatchObject({ kind: "persona", from: "vic-vp", clock: "02:05", text: "Is anyone running this?" });
    const opening = onTime.feed.filter((f) => f.inject === "opening").map((f) => [f.offset, f.from]);
    expect(opening).toEqual([
      [60, "sam-db"],
      [60, "vic-vp"],
    ]);
  });

  it("say before the declaration is chat only; asks are answered from the facts that match", async () => {
    const run = await drill(
      `  - { at: 30s, do: say, text: "sam-db, how long would a reboot take?" }\n${DECLARE}  - { at: 3m, do: ask, to: sam-db, text: "What is the weather like?" }\n  - { at: 3m, do: ask, to: vic-vp, text: "How long does a restart take?" }\n`,
    );
    expect(run.actions[0]?.events).toEqual([]);
    const answer = run.feed.find((f) => f.kind === "persona" && f.action === 0);
    expect(answer).toMatchObject({
      from: "sam-db",
      text: "A restart takes about ten minutes.",
      facts: ["restart-time"],
    });
    expect(run.facts).toEqual([{ fact: "restart-time", from: "sam-db", offset: 30, action: 0 }]);
    const dunno = run.feed.filter((f) => f.kind === "persona" && (f.action === 2 || f.action === 3)).map((f) => f.text);
    expect(dunno).toEqual(["I don't know that yet; I'll say when I do.", "Not me: ask sam-db."]);
  });

  it("a persona who asked is answered when spoken to, and pushes back when ignored past their patience", async () => {
    const answered = await drill(
      `${DECLARE}  - { at: 3m, do: update, audience: executive, text: "Impact: cache down." }\n`,
    );
    expect(answered.asks).toEqual([expect.objectContaining({ from: "vic-vp", answeredAt: 180, answeredBy: 1 })]);
    const scenarioWithPushback = parseScenario(
      TINY_SCENARIO.replace(
        "    audience: executive\n",
        "    audience: executive\n    behaviour: { patience: 2m, pushback: [Hello? Anyone?] }\n",
      ),
    );
    const ignored = await runDrill(scenarioWithPushback, parseTranscript(`trainee: alex\nactions:\n${DECLARE}`));
    expect(ignored.asks[0]?.answeredAt).toBeNull();
    expect(ignored.feed.find((f) => f.text === "Hello? Anyone?")).toMatchObject({ from: "vic-vp", offset: 180 });
  });

  it("fires an inject after the trainee's action, once, after its delay", async () => {
    const run = await drill(
      `${DECLARE}  - { at: 3m, do: option, title: Restart the cache, time: 10m }\n  - { at: 4m, do: decide, choose: A, rationale: quick and safe }\n  - { at: 4m, do: decide, choose: A, rationale: again }\n`,
    );
    const reactions = run.feed.filter((f) => f.inject === "after-decision");
    expect(reactions).toEqual([expect.objectContaining({ offset: 300, text: "Restart under way.", action: 2 })]);
  });

  it("issues the same cadence reminders as a live incident, on the virtual clock", async () => {
    const run = await drill(DECLARE);
    const reminders = run.feed.filter((f) => f.kind === "reminder");
    // SEV-1: an update every 15 minutes after 02:02, so due at 02:17; "due" 2 minutes before.
    expect(reminders.map((r) => [r.clock, r.text])).toEqual([
      ["02:15", "Reminder: an update is due at 02:17 UTC"],
      ["02:17", "Reminder: the update due at 02:17 UTC is overdue"],
    ]);
    expect(run.events.filter((e) => e.type === "ReminderIssued").map((e) => e.by)).toEqual(["warroom", "warroom"]);
  });

  it("records the trainee's errors with what they were told, and carries on", async () => {
    const run = await drill(
      `  - { at: 1m, do: assign, role: tech-lead, person: sam-db }\n${DECLARE}  - { at: 3m, do: assign, role: wizard, person: sam-db }\n  - { at: 3m, do: declare, title: Again, severity: SEV-2 }\n  - { at: 4m, do: ask, to: ghost, text: hello? }\n  - { at: 5m, do: decide, choose: A, rationale: nothing to choose from }\n`,
    );
    expect(run.errors.map((e) => [e.action, e.code])).toEqual([
      [0, "incident.not_found"],
      [2, "role.unknown"],
      [3, "validation.failed"],
      [4, "validation.failed"],
      [5, "decision.no_options"],
    ]);
    expect(run.feed.filter((f) => f.kind === "error").map((f) => f.action)).toEqual([0, 2, 3, 4, 5]);
    expect(run.events.map((e) => e.type)).toEqual(["IncidentDeclared", "ReminderIssued", "ReminderIssued"]);
  });

  it("is deterministic: the same transcript gives the same record", async () => {
    const actions = `${DECLARE}  - { at: 3m, do: ask, to: sam-db, text: how long is a restart? }\n  - { at: 3m, do: option, title: Restart, time: 10m }\n  - { at: 4m, do: decide, choose: A, rationale: fast }\n`;
    expect(JSON.stringify(await drill(actions))).toBe(JSON.stringify(await drill(actions)));
  });

  it("refuses a transcript for another scenario, or a trainee who is a persona", async () => {
    await expect(runDrill(scenario, parseTranscript("trainee: alex\nscenario: other\nactions: []\n"))).rejects.toThrow(
      "recorded for other, not tiny-drill",
    );
    await expect(drill(DECLARE, "sam-db")).rejects.toThrow("sam-db is a persona in tiny-drill");
  });
});
