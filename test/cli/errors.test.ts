/**
 * Failures: each class of error exits with its code from the error table, prints
 * `error [code]: message` and the field details on stderr (plus the problem JSON with
 * --json), and writes nothing. Also --expect-version and --idempotency-key.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CommandResult } from "../../src/app/api.js";
import type { IncidentDetail, IncidentView } from "../../src/app/views.js";
import { ManualClock } from "../../src/domain/shared/clock.js";
import { bound, Capture, tempDir } from "./helpers.js";

const tmp = tempDir();
const clock = new ManualClock("2026-03-07T02:05:00.000Z");
const warroom = bound({ db: tmp.db }, { clock, env: { WARROOM_USER: "alex-ic" } });

async function version(id = "INC-1"): Promise<number> {
  const run = await warroom(["show", id, "--json"]);
  return run.json<IncidentDetail>().version;
}

describe("CLI errors and exit codes", () => {
  beforeAll(async () => {
    const run = await warroom(["declare", "Checkout failing", "--sev", "SEV-2", "--json"]);
    expect(run.json<IncidentView>().id).toBe("INC-1");
    expect((await warroom(["assign", "INC-1", "tech-lead", "sarah-db"])).code).toBe(0);
  });
  afterAll(() => tmp.cleanup());

  it("not found exits 3 with the code, the field and a hint", async () => {
    const run = await warroom(["show", "INC-404"]);
    expect(run.code).toBe(3);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(
      "error [incident.not_found]: incident INC-404 does not exist\n" +
        "  field: incidentId\n" +
        "  hint: see the incidents with `warroom list --all`\n",
    );
    expect((await warroom(["task", "INC-1", "done", "T9"])).code).toBe(3);
  });

  it("with --json the problem object follows on stderr", async () => {
    const run = await warroom(["show", "INC-404", "--json"]);
    expect(run.code).toBe(3);
    expect(run.stdout).toBe("");
    expect(run.problem()).toEqual({
      type: "urn:warroom:error:incident.not_found",
      title: "No such incident",
      status: 404,
      detail: "incident INC-404 does not exist",
      code: "incident.not_found",
      errors: [{ field: "incidentId", message: "incident INC-404 does not exist" }],
    });
  });

  it("validation exits 2 and names each field", async () => {
    const run = await warroom(["declare", "Bad one", "--sev", "SEV-9", "--users-pct", "250"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error \[validation\.failed\]: invalid declare command: /);
    expect(run.stderr).toContain("  - severity: severity must be one of SEV-1, SEV-2, SEV-3, SEV-4\n");
    expect(run.stderr).toMatch(/ {2}- usersAffectedPct: /);
    // With --json, stderr is the problem document alone: it parses whole.
    const json = await warroom(["declare", "Bad one", "--sev", "SEV-9", "--users-pct", "250", "--json"]);
    expect(json.code).toBe(2);
    const problem = JSON.parse(json.stderr) as { errors: { field: string }[] };
    expect(problem.errors.map((e) => e.field)).toEqual(["severity", "usersAffectedPct"]);
    expect((await warroom(["list", "--all", "--json"])).json<unknown[]>()).toHaveLength(1);
  });

  it("bad flag values exit 2 before anything is sent", async () => {
    const time = await warroom(["option", "INC-1", "add", "Restore", "--time", "soon"]);
    expect(time.code).toBe(2);
    expect(time.stderr).toContain("error [validation.failed]: --time: 'soon' is not a duration");
    const next = await warroom(["update", "INC-1", "--audience", "team", "text", "--next", "whenever"]);
    expect(next.code).toBe(2);
    expect(next.stderr).toContain("--next: 'whenever' is not a time");
    const expect_ = await warroom(["note", "INC-1", "hello", "--expect-version", "latest"]);
    expect(expect_.code).toBe(2);
  });

  it("filters from a closed set are checked before asking (exit 2)", async () => {
    const sev = await warroom(["list", "--sev", "SEV-9"]);
    expect(sev.code).toBe(2);
    expect(sev.stderr).toContain("--sev: 'SEV-9' is not one of SEV-1, SEV-2, SEV-3, SEV-4");
    const channel = await warroom(["timeline", "INC-1", "--channel", "chat"]);
    expect(channel.code).toBe(2);
    const type = await warroom(["timeline", "INC-1", "--type", "NoteAdded,Gossip"]);
    expect(type.code).toBe(2);
    expect(type.stderr).toContain("--type: 'Gossip' is not one of");
    expect((await warroom(["list", "--sev", "2", "--json"])).json<unknown[]>()).toHaveLength(1);
  });

  it("colours only on a terminal and never with NO_COLOR", async () => {
    const tty = new Capture();
    tty.isTTY = true;
    await warroom(["list"], { stdout: tty, env: { NO_COLOR: undefined } });
    expect(tty.text).toContain("\u001b[");
    const noColor = new Capture();
    noColor.isTTY = true;
    await warroom(["list"], { stdout: noColor, env: { NO_COLOR: "1" } });
    expect(noColor.text).not.toContain("\u001b[");
    expect(noColor.text).toContain("INC-1");
    const piped = await warroom(["list"], { env: { NO_COLOR: undefined } });
    expect(piped.stdout).not.toContain("\u001b[");
  });

  it("a task for nobody in particular is refused (exit 4)", async () => {
    const run = await warroom(["task", "INC-1", "add", "Look into it", "--to", "someone"]);
    expect(run.code).toBe(4);
    expect(run.stderr).toContain("error [task.unassigned]:");
  });

  it("commander usage errors exit 2; --help exits 0", async () => {
    const missing = await warroom(["sev", "INC-1", "SEV-1"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("required option '--reason <text>' not specified");
    const unknown = await warroom(["frobnicate"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'frobnicate'");
    const json = await warroom(["assign", "INC-1", "--json"]);
    expect(json.code).toBe(2);
    expect(json.problem()).toMatchObject({ code: "validation.failed", status: 400 });
    const help = await warroom(["task", "add", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("--to <person>");
    expect((await warroom([])).code).toBe(2);
  });

  it("conflicts exit 4: a role already held, a resolved incident", async () => {
    const held = await warroom(["assign", "INC-1", "tech-lead", "mike-app"]);
    expect(held.code).toBe(4);
    expect(held.stderr).toContain("error [role.already_held]: tech-lead is held by sarah-db; hand it over instead");
    const same = await warroom(["sev", "INC-1", "2", "--reason", "no change"]);
    expect(same.code).toBe(4);
    expect(same.stderr).toContain("error [severity.unchanged]");
  });

  it("not authorised exits 5: taking command without being the commander", async () => {
    const run = await warroom(["--as", "mike-app", "handover", "INC-1", "mike-app"]);
    expect(run.code).toBe(5);
    expect(run.stderr).toContain(
      "error [role.not_authorised]: only the current commander (alex-ic) can hand over command",
    );
    const forced = await warroom([
      "--as",
      "mike-app",
      "handover",
      "INC-1",
      "mike-app",
      "--override",
      "alex-ic unreachable",
    ]);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain("INC-1  SEV-2  investigating  IC mike-app");
    const back = await warroom(["--as", "mike-app", "handover", "INC-1", "alex-ic", "--briefing", "all yours"]);
    expect(back.code).toBe(0);
  });

  it("an actor that is not a handle is refused (exit 2)", async () => {
    const run = await warroom(["--as", "two words", "note", "INC-1", "hi"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("error [actor.missing]");
  });

  it("--expect-version: the current version succeeds; a stale one exits 4 and appends nothing", async () => {
    const before = await version();
    const stale = await warroom(["note", "INC-1", "late news", "--expect-version", String(before - 1)]);
    expect(stale.code).toBe(4);
    expect(stale.stderr).toContain(`error [stream.version_conflict]: INC-1 is at version ${before}, not ${before - 1}`);
    expect(await version()).toBe(before);
    const fresh = await warroom(["note", "INC-1", "fresh news", "--expect-version", String(before), "--json"]);
    expect(fresh.code).toBe(0);
    expect(fresh.json<CommandResult>().incident.version).toBe(before + 1);
  });

  it("--idempotency-key: a retry reports the first result and appends nothing", async () => {
    const argv = [
      "task",
      "INC-1",
      "add",
      "Roll back the deploy",
      "--to",
      "sarah-db",
      "--idempotency-key",
      "k-rollback",
    ];
    const first = await warroom([...argv, "--json"]);
    expect(first.code).toBe(0);
    const firstResult = first.json<CommandResult>();
    expect(firstResult.duplicate).toBe(false);
    const after = await version();
    const retry = await warroom([...argv, "--json"]);
    expect(retry.code).toBe(0);
    const retried = retry.json<CommandResult>();
    expect(retried.duplicate).toBe(true);
    expect(retried.appended).toEqual(firstResult.appended);
    expect(await version()).toBe(after);
    const human = await warroom(argv);
    expect(human.stdout.split("\n")[0]).toBe(
      `= INC-1 already recorded (same idempotency key; nothing new): ${firstResult.appended[0]?.text}`,
    );
    const reused = await warroom(["note", "INC-1", "other", "--idempotency-key", "k-rollback"]);
    expect(reused.code).toBe(4);
    expect(reused.stderr).toContain("error [idempotency.key_reused]");
    expect(await version()).toBe(after);
  });

  it("a database that cannot be opened exits 6", async () => {
    // A command that writes opens (and would create) the file; here its "directory" is a file.
    const run = await warroom(["--db", `${tmp.db}/not-a-dir/x.db`, "declare", "x", "--sev", "SEV-4"]);
    expect(run.code).toBe(6);
    expect(run.stderr).toMatch(/^error \[store\.unavailable\]: The event store could not open/);
  });
});
