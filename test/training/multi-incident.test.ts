/**
 * Multi-incident drills: actions land on the incident they name (a front key or an id),
 * by default on the one declared last; declarations bind to fronts by key or by their
 * words; injects and deadlines target a front; the run record keeps each incident's events;
 * bad references are refused with the field named and nothing changed; single-incident
 * drills read and record exactly as before.
 */
import { describe, expect, it } from "vitest";
import { isWarroomError, type WarroomError } from "../../src/domain/shared/errors.js";
import { parseCommandLine } from "../../src/training/command-line.js";
import type { DrillRun } from "../../src/training/run-record.js";
import { runDrill } from "../../src/training/runner.js";
import { parseScenario, resolveScenario } from "../../src/training/scenario-loader.js";
import { checkAction, parseTranscript } from "../../src/training/transcript.js";
import { TINY_SCENARIO } from "./fixtures.js";
import { actionsOf, inline, referenceTranscript, scoreReference } from "./helpers.js";

const CERT = resolveScenario("certification");

const OPEN_TWO = `  - { at: 1m, do: declare, incident: payments, title: Card payments failing, severity: SEV-1 }
  - { at: 1m, do: declare, incident: database, title: Slow pages, severity: SEV-2, commander: riley-ic }
`;

function incidentOf(run: DrillRun, front: string): string {
  const found = run.incidents?.find((i) => i.front === front);
  if (!found) throw new Error(`no incident for ${front}`);
  return found.id;
}

function notesOn(run: DrillRun, front: string): string[] {
  const events = run.incidents?.find((i) => i.front === front)?.events ?? [];
  return events.flatMap((e) => (e.type === "NoteAdded" ? [e.text] : []));
}

async function rejected(promise: Promise<unknown>): Promise<WarroomError> {
  try {
    await promise;
  } catch (error) {
    if (isWarroomError(error)) return error;
    throw error;
  }
  throw new Error("expected the run to be refused");
}

describe("multi-incident drills", () => {
  it("acts on the incident an action names, by front key or id, else the one declared last", async () => {
    const t = inline(`${OPEN_TWO}  - { at: 2m, do: note, text: goes to the latest }
  - { at: 2m, do: note, incident: payments, text: named by its front }
  - { at: 2m, do: note, incident: INC-1, text: named by its id }
  - { at: 3m, do: note, incident: inc-2, text: ids in any case }
`);
    const run = await runDrill(CERT, t);
    expect(run.errors).toEqual([]);
    expect(incidentOf(run, "payments")).toBe("INC-1");
    expect(incidentOf(run, "database")).toBe("INC-2");
    expect(notesOn(run, "payments")).toEqual(["named by its front", "named by its id"]);
    expect(notesOn(run, "database")).toEqual(["goes to the latest", "ids in any case"]);
    expect(run.actions.map((a) => a.incident)).toEqual(["INC-1", "INC-2", "INC-2", "INC-1", "INC-1", "INC-2"]);
    // The feed says which incident each trainee line concerns.
    const lines = run.feed.filter((f) => f.kind === "trainee");
    expect(lines.map((f) => f.incident)).toEqual(["INC-1", "INC-2", "INC-2", "INC-1", "INC-1", "INC-2"]);
  });

  it("keeps every incident's own events in the run record, the primary front's as run.events", async () => {
    const { run } = await scoreReference("certification", "strong");
    expect(run.incidents?.map((i) => [i.id, i.front])).toEqual([
      ["INC-1", "payments"],
      ["INC-2", "database"],
      ["INC-3", "certificate"],
    ]);
    for (const incident of run.incidents ?? []) {
      expect(incident.events[0]).toMatchObject({ type: "IncidentDeclared", incidentId: incident.id, version: 1 });
    }
    expect(run.incidentId).toBe("INC-1");
    expect(run.events).toEqual(run.incidents?.[0]?.events);
    const db = run.incidents?.[1]?.events ?? [];
    expect(db.filter((e) => e.type === "TaskAssigned").map((e) => e.assignee)).toEqual([
      "omar-db",
      "wei-db",
      "omar-db",
    ]);
    expect(db[0]).toMatchObject({ commander: "riley-ic" });
  });

  it("puts every strong transcript action on the incident it names", async () => {
    const t = referenceTranscript("certification", "strong");
    const { run } = await scoreReference("certification", "strong");
    for (const action of t.actions) {
      if (action.incident === undefined) continue;
      expect(run.actions[action.index]?.incident).toBe(incidentOf(run, action.incident));
    }
  });

  it("binds a declaration to a front by its words when it names none (the paraphrased transcript)", async () => {
    const t = referenceTranscript("certification", "paraphrased");
    expect(actionsOf(t, "declare").every((i) => t.actions[i]?.incident === undefined)).toBe(true);
    const { run } = await scoreReference("certification", "paraphrased");
    expect(run.incidents?.map((i) => i.front)).toEqual(["payments", "database", "certificate"]);
  });

  it("fires front injects only about their front, and the deadline only when it is missed", async () => {
    const strong = (await scoreReference("certification", "strong")).run;
    const weak = (await scoreReference("certification", "weak")).run;
    const fired = (run: DrillRun, id: string) => run.feed.filter((f) => f.inject === id);
    expect(fired(strong, "cert-untouched")).toEqual([]);
    expect(fired(weak, "cert-untouched")).toHaveLength(1);
    expect(fired(strong, "certificate-deadline")).toEqual([]);
    expect(fired(weak, "certificate-deadline")[0]).toMatchObject({ from: "kai-infra", offset: 10800 });
    expect(strong.deadlines?.[0]?.met).toBe(true);
    expect(weak.deadlines?.[0]?.met).toBe(false);
    // The rollback report follows the decision on payments, and says which incident it is about.
    expect(fired(strong, "rollback-done")[0]).toMatchObject({ incident: "INC-1", offset: 1500 });
    expect(fired(strong, "db-failover-request")[0]?.incident).toBe("INC-2");
  });

  it("a front inject waiting for an action waits for one on its own front", async () => {
    const t = inline(`${OPEN_TWO}  - { at: 2m, do: option, incident: database, title: Roll back the gateway }
  - { at: 2m, do: decide, incident: database, choose: A, rationale: testing, override: drill test }
  - { at: 3m, do: option, incident: payments, title: Roll back the gateway }
  - { at: 4m, do: decide, incident: payments, choose: A, rationale: rollback is safest }
`);
    const run = await runDrill(CERT, t);
    expect(run.errors).toEqual([]);
    const done = run.feed.filter((f) => f.inject === "rollback-done");
    expect(done.map((f) => f.offset)).toEqual([4 * 60 + 15 * 60]);
  });

  it("refuses an unknown front before the drill starts, naming the action and the field", async () => {
    const t = inline(`${OPEN_TWO}  - { at: 2m, do: note, incident: paymnts, text: typo }\n`);
    const error = await rejected(runDrill(CERT, t));
    expect(error.code).toBe("validation.failed");
    expect(error.details[0]).toMatchObject({ field: "actions.2 (note) incident" });
    expect(error.message).toContain("no front called 'paymnts' (fronts: payments, database, certificate)");
  });

  it("refuses, as the trainee's error, an undeclared front, a foreign id and a second declaration of a front", async () => {
    const t = inline(`  - { at: 1m, do: note, incident: payments, text: too early }
${OPEN_TWO}  - { at: 2m, do: note, incident: INC-9, text: nowhere }
  - { at: 2m, do: declare, incident: payments, title: Payments again, severity: SEV-1 }
  - { at: 3m, do: task, incident: certificate, title: Renew it, to: kai-infra }
`);
    const run = await runDrill(CERT, t);
    expect(run.errors.map((e) => [e.action, e.code])).toEqual([
      [0, "incident.not_found"],
      [3, "incident.not_found"],
      [4, "validation.failed"],
      [5, "incident.not_found"],
    ]);
    expect(run.errors[1]?.message).toBe("INC-9 is not an incident of this drill (INC-1, INC-2)");
    expect(run.errors[2]?.message).toBe("payments is already INC-1: act on it with incident: payments");
    expect(run.errors[3]?.message).toContain("certificate has no incident yet");
    // Nothing was appended by the refused actions.
    expect(run.incidents).toHaveLength(2);
    expect(notesOn(run, "payments")).toEqual([]);
    expect(run.incidents?.flatMap((i) => i.events).filter((e) => e.type === "TaskAssigned")).toEqual([]);
  });

  it("takes --incident on a typed line, as the interactive drill and its recording do", () => {
    const typed = parseCommandLine('task add "Roll back the gateway" --to priya-pay --timebox 15m --incident payments');
    const checked = checkAction(typed, 0, 60);
    expect("action" in checked && checked.action).toMatchObject({ verb: "task", incident: "payments" });
    const declared = checkAction(
      parseCommandLine('declare "Slow pages" --sev 2 --incident database --commander riley-ic'),
      1,
      60,
    );
    expect("action" in declared && declared.action).toMatchObject({
      incident: "database",
      fields: { commander: "riley-ic" },
    });
  });

  it("reads a bad incident reference in a transcript as a shape error with its line", () => {
    const text = "trainee: alex-ic\nactions:\n  - { at: 1m, do: note, text: hi, incident: 42 }\n";
    expect(() => parseTranscript(text, "t.yaml")).toThrow(/t\.yaml:3 actions\.0 \(note\) incident: name a front/);
  });
});

describe("single-incident drills are unchanged", () => {
  const tiny = parseScenario(TINY_SCENARIO, "tiny.yaml");

  it("records no per-incident extras and still declares once", async () => {
    const t = inline(`  - { at: 1m, do: declare, title: Cache down, severity: SEV-2 }
  - { at: 2m, do: declare, title: Cache down again, severity: SEV-2 }
  - { at: 3m, do: note, incident: INC-1, text: by id still works }
`);
    const run = await runDrill(tiny, t);
    expect(run.errors.map((e) => [e.action, e.message])).toEqual([[1, "this drill already has its incident, INC-1"]]);
    expect(run.incidents).toBeUndefined();
    expect(run.deadlines).toBeUndefined();
    expect(run.actions.some((a) => a.incident !== undefined)).toBe(false);
    expect(run.feed.some((f) => f.incident !== undefined)).toBe(false);
    expect(run.events.filter((e) => e.type === "NoteAdded").map((e) => e.text)).toEqual(["by id still works"]);
  });

  it("refuses a front key in a scenario without fronts", async () => {
    const t = inline("  - { at: 1m, do: declare, incident: payments, title: Cache down, severity: SEV-2 }\n");
    const error = await rejected(runDrill(tiny, t));
    expect(error.details[0]?.field).toBe("actions.0 (declare) incident");
    expect(error.message).toContain("this scenario has no fronts");
    const note = inline("  - { at: 1m, do: note, incident: payments, text: hi }\n");
    expect((await rejected(runDrill(tiny, note))).message).toContain("this scenario has no fronts");
  });

  it("replays the multi-team-coordination reference exactly as a single-incident run", async () => {
    const { run, score } = await scoreReference("multi-team-coordination", "strong");
    expect(run.incidents).toBeUndefined();
    expect(run.incidentId).toBe("INC-1");
    expect(score.percent).toBeGreaterThanOrEqual(80);
    expect(run.actions.some((a) => a.incident !== undefined)).toBe(false);
  });
});
