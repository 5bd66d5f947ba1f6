/**
 * `warroom train … --record-history`, `train history`, `cert verify` and `cert list`
 * against a temp SQLite file with a ManualClock: certificates only for a certifying
 * pass, verify valid / expired / unknown / tampered, and clear errors that store nothing.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { buildConfig } from "../../src/app/config.js";
import { runCli } from "../../src/cli/run.js";
import { ManualClock } from "../../src/domain/shared/clock.js";
import { startServer } from "../../src/http/server.js";
import type { CertificateCheck } from "../../src/training/certificates.js";
import { transcriptDigest } from "../../src/training/history.js";
import type { TrainingHistory } from "../../src/training/history-view.js";
import { bound, Capture, tempDir } from "../cli/helpers.js";
import { transcriptPath } from "./helpers.js";

const FIXTURES = join(import.meta.dirname, "fixtures");
const EXAM = join(FIXTURES, "certification-mini.yaml");
const t = (kind: string) => join(FIXTURES, `certification-mini.${kind}.yaml`);
const START = "2026-05-01T09:00:00.000Z";
const DAY = 24 * 60 * 60 * 1000;

const tmp = tempDir("warroom-cert-");
afterAll(() => tmp.cleanup());
let dbCount = 0;

function setup() {
  const db = join(tmp.dir, `records-${++dbCount}.db`);
  const clock = new ManualClock(START);
  return { db, clock, cli: bound({ db }, { clock }) };
}

type Recorded = { percent: number; passed: boolean; history: { run: number; certificate: { id: string } | null } };

/** The stored events (none when the file was never created). */
function rows(db: string): { type: string; stream_id: string }[] {
  if (!existsSync(db)) return [];
  const sqlite = new Database(db, { readonly: true });
  try {
    return sqlite.prepare("SELECT stream_id, type FROM events ORDER BY position").all() as {
      type: string;
      stream_id: string;
    }[];
  } finally {
    sqlite.close();
  }
}

async function earn(cli: ReturnType<typeof setup>["cli"]): Promise<string> {
  const run = await cli(["train", EXAM, "--transcript", t("strong"), "--record-history", "--json"]);
  expect(run.code).toBe(0);
  const id = run.json<Recorded>().history.certificate?.id;
  if (!id) throw new Error("no certificate issued");
  return id;
}

describe("certificates", () => {
  it("are issued only for a pass at 80%+ with no critical item at zero on a certifying scenario", async () => {
    const { db, cli } = setup();
    const weak = (await cli(["train", EXAM, "--transcript", t("weak"), "--record-history", "--json"])).json<Recorded>();
    expect(weak).toMatchObject({ passed: false, history: { run: 1, certificate: null } });
    const noTrigger = await cli(["train", EXAM, "--transcript", t("no-trigger"), "--record-history", "--json"]);
    // 80% on the nose, but the critical trigger item is at zero: no certificate.
    expect(noTrigger.json<Recorded>()).toMatchObject({ percent: 80, passed: false, history: { certificate: null } });
    const mtc = transcriptPath("multi-team-coordination", "strong");
    const practice = await cli(["train", "multi-team-coordination", "--transcript", mtc, "--record-history", "--json"]);
    // Passed, but not a certifying scenario.
    expect(practice.json<Recorded>()).toMatchObject({ passed: true, history: { certificate: null } });
    expect(rows(db).filter((r) => r.type === "CertificateIssued")).toHaveLength(0);

    const strong = await cli(["train", EXAM, "--transcript", t("strong"), "--record-history"]);
    expect(strong.code).toBe(0);
    expect(strong.stdout).toMatch(/Recorded as run #4 of alex-ic\./);
    expect(strong.stdout).toMatch(/Certificate CERT-[0-9A-F]{20} valid until 2027-05-01: warroom cert verify CERT-/);
    expect(rows(db).map((r) => `${r.stream_id} ${r.type}`)).toEqual([
      "TRN-alex-ic DrillCompleted",
      "TRN-alex-ic DrillCompleted",
      "TRN-alex-ic DrillCompleted",
      "TRN-alex-ic DrillCompleted",
      "TRN-alex-ic CertificateIssued",
    ]);
  });

  it("does not record anything without --record-history, but says the run would earn one", async () => {
    const { db, cli } = setup();
    const run = await cli(["train", EXAM, "--transcript", t("strong")]);
    expect(run.stdout).toContain("This run earns a certificate: replay it with --record-history");
    expect(rows(db)).toEqual([]);
  });

  it("verify: valid, then expired one year and a day later (exit 4)", async () => {
    const { cli, clock } = setup();
    const id = await earn(cli);
    const valid = await cli(["cert", "verify", id]);
    expect(valid.code).toBe(0);
    expect(valid.stdout).toMatch(new RegExp(`^${id} {2}VALID\\n {2}alex-ic passed certification-mini with 100/100`));
    expect(valid.stdout).toContain("expires 2027-05-01 09:00 UTC");
    const json = (await cli(["cert", "verify", id.toLowerCase(), "--json"])).json<CertificateCheck>();
    expect(json).toMatchObject({
      id,
      status: "valid",
      certificate: { trainee: "alex-ic", scenario: "certification-mini" },
    });

    clock.advance(365 * DAY + DAY);
    const expired = await cli(["cert", "verify", id, "--json"]);
    expect(expired.code).toBe(4);
    expect(JSON.parse(expired.stdout)).toMatchObject({ status: "expired", reasons: ["it expired on 2027-05-01"] });
    expect(expired.problem()).toMatchObject({ code: "certificate.invalid", status: 422 });
    const list = await cli(["cert", "list", "--trainee", "alex-ic"]);
    expect(list.stdout).toMatch(
      new RegExp(`${id} +certification-mini +100% +issued 2026-05-01 +expires 2027-05-01 +expired`),
    );
  });

  it("verify: unknown id exit 3, a malformed id exit 2, nothing written", async () => {
    const { db, cli } = setup();
    await earn(cli);
    const before = rows(db).length;
    const unknown = await cli(["cert", "verify", "CERT-0123456789ABCDEF0123", "--json"]);
    expect(unknown.code).toBe(3);
    expect(unknown.stdout).toBe("");
    expect(unknown.problem()).toMatchObject({ code: "certificate.not_found", status: 404 });
    expect(unknown.problem().detail).toContain("CERT-0123456789ABCDEF0123 is unknown");
    const bad = await cli(["cert", "verify", "CERT-nope"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("'CERT-nope' is not a certificate id: expected CERT- and 20 hex digits");
    expect(rows(db)).toHaveLength(before);
  });

  it("verify: a certificate edited in the SQLite file is tampered (exit 4), and so is one whose run was edited", async () => {
    const { db, cli } = setup();
    const id = await earn(cli);
    const second = await earn(cli);
    const sqlite = new Database(db);
    try {
      sqlite
        .prepare(
          "UPDATE events SET data = json_set(data, '$.trainee', 'mallory') WHERE type = 'CertificateIssued' AND json_extract(data, '$.certificateId') = ?",
        )
        .run(id);
      sqlite
        .prepare(
          "UPDATE events SET data = json_set(data, '$.score.percent', 99.5) WHERE stream_id = 'TRN-alex-ic' AND version = 3",
        )
        .run();
    } finally {
      sqlite.close();
    }
    const tampered = await cli(["cert", "verify", id, "--json"]);
    expect(tampered.code).toBe(4);
    expect(JSON.parse(tampered.stdout)).toMatchObject({
      status: "tampered",
      reasons: expect.arrayContaining(["its content no longer matches its id"]),
    });
    expect(tampered.problem().detail).toContain(`${id} is tampered`);
    const human = await cli(["cert", "verify", second]);
    expect(human.code).toBe(4);
    expect(human.stdout).toMatch(new RegExp(`^${second} {2}TAMPERED`));
    expect(human.stdout).toContain("it does not agree with the drill run it cites (#3)");
  });
});

describe("warroom train history", () => {
  it("lists the runs with dates, scores, pass/fail and the competency profile, the same every time", async () => {
    const { cli, clock } = setup();
    await cli(["train", EXAM, "--transcript", t("weak"), "--record-history"]);
    clock.advanceMinutes(90);
    const id = await earn(cli);
    const human = await cli(["train", "history", "--trainee", "alex-ic"]);
    expect(human.code).toBe(0);
    const lines = human.stdout.split("\n");
    expect(lines[0]).toBe("alex-ic  2 runs, 1 passed");
    expect(lines[1]).toMatch(/^profile: technical 50% · leadership 55% · communication 50% {2}overall 52%/);
    expect(lines[3]).toMatch(/^# +DATE \(UTC\) +SCENARIO +SCORE +% +RESULT +TECH +LEAD +COMM +CERTIFICATE$/);
    expect(lines[4]).toMatch(/^1 +2026-05-01 09:00 +certification-mini +4\/100 +4% +failed \(critical\) +0% +10% +0%$/);
    expect(lines[5]).toMatch(
      new RegExp(`^2 +2026-05-01 10:30 +certification-mini +100/100 +100% +passed +100% +100% +100% +${id}$`),
    );
    expect(human.stdout).toContain("Certificates 1");
    const again = await cli(["train", "history", "--trainee", "alex-ic"]);
    expect(again.stdout).toBe(human.stdout);
    const json = (await cli(["train", "history", "--trainee", "alex-ic", "--json"])).json<TrainingHistory>();
    expect(json.profile.overTime.map((p) => p.leadership)).toEqual([10, 55]);
    expect(json.profile.overall).toBe(52);
  });

  it("names the problem: no --trainee, a bad handle, an unknown trainee, --trainee elsewhere", async () => {
    const { db, cli } = setup();
    const missing = await cli(["train", "history"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("--trainee: say whose history to show");
    const bad = await cli(["train", "history", "--trainee", "<b>"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--trainee: '<b>' is not a person handle");
    const unknown = await cli(["train", "history", "--trainee", "nobody", "--json"]);
    expect(unknown.code).toBe(3);
    expect(unknown.problem()).toMatchObject({ code: "trainee.not_found" });
    expect(unknown.problem().detail).toContain("no drill runs are recorded for 'nobody'");
    const misplaced = await cli(["train", EXAM, "--transcript", t("strong"), "--trainee", "x", "--record-history"]);
    expect(misplaced.code).toBe(2);
    expect(misplaced.stderr).toContain("--trainee: goes with `warroom train history`");
    expect((await cli(["cert", "list", "--trainee", "nobody"])).code).toBe(3);
    expect(rows(db)).toEqual([]);
    const remote = bound({ server: "http://127.0.0.1:9" });
    const over = await remote(["train", EXAM, "--transcript", t("strong"), "--record-history"]);
    expect(over.code).toBe(2);
    expect(over.stderr).toContain("--record-history: records go to the local store; run without --server");
  });
});

describe("reading records from a server (--server)", () => {
  it("train history, cert list and cert verify answer as on the file; an unknown certificate exits 3", async () => {
    const { db, cli } = setup();
    const id = await earn(cli);
    const local = {
      history: (await cli(["train", "history", "--trainee", "alex-ic", "--json"])).json<TrainingHistory>(),
      list: (await cli(["cert", "list", "--trainee", "alex-ic", "--json"])).json<unknown[]>(),
    };
    const server = await startServer({
      config: buildConfig({ dbPath: db, host: "127.0.0.1", port: 0, auth: "off", logLevel: "silent" }),
    });
    try {
      const remote = bound({ server: server.url }, { env: { NO_COLOR: "1", WARROOM_USER: "alex-ic" } });
      const history = await remote(["train", "history", "--trainee", "alex-ic", "--json"]);
      expect(history.code, history.stderr).toBe(0);
      expect(history.json<TrainingHistory>()).toEqual(local.history);
      const list = await remote(["cert", "list", "--trainee", "@alex-ic", "--json"]);
      expect(list.json<unknown[]>()).toEqual(local.list);
      const verified = await remote(["cert", "verify", id]);
      expect(verified.code).toBe(0);
      expect(verified.stdout).toMatch(new RegExp(`^${id} {2}VALID`));
      const unknown = await remote(["cert", "verify", "CERT-0123456789ABCDEF0123"]);
      expect(unknown.code).toBe(3);
      expect(unknown.stderr).toContain("is unknown");
      const nobody = await remote(["train", "history", "--trainee", "nobody", "--json"]);
      expect(nobody.code).toBe(3);
      expect(nobody.problem()).toMatchObject({ code: "trainee.not_found" });
    } finally {
      await server.close();
    }
  });
});

describe("an interactive drill with --record-history", () => {
  it("records the run for the acting trainee, with the digest of the actions as a transcript", async () => {
    const db = join(tmp.dir, "interactive.db");
    const record = join(tmp.dir, "interactive-run.yaml");
    const stdout = new Capture();
    const stderr = new Capture();
    const code = await runCli(["--db", db, "train", EXAM, "--record-history", "--record", record], {
      stdout,
      stderr,
      env: { NO_COLOR: "1", WARROOM_USER: "kim" },
      clock: new ManualClock(START),
      stdin: Readable.from(["declare Cache down --sev 2\n", "assign tech-lead sam-db\n", "end\n"]),
    } as Parameters<typeof runCli>[1]);
    expect(stderr.text).toBe("");
    expect(code).toBe(0);
    expect(stdout.text).toContain("Recorded as run #1 of kim.");
    const history = (await bound({ db })(["train", "history", "--trainee", "kim", "--json"])).json<TrainingHistory>();
    expect(history.runs).toHaveLength(1);
    const sqlite = new Database(db, { readonly: true });
    try {
      const row = sqlite.prepare("SELECT data FROM events WHERE stream_id = 'TRN-kim'").get() as { data: string };
      expect(JSON.parse(row.data).transcriptHash).toBe(transcriptDigest(readFileSync(record, "utf8")));
    } finally {
      sqlite.close();
    }
  });
});
