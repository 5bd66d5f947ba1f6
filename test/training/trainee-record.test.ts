/** The trainee aggregate and its records in the store: decide/evolve, history, profile, certificates earned. */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/domain/shared/clock.js";
import { WarroomError } from "../../src/domain/shared/errors.js";
import {
  CERTIFICATE_PASS_PERCENT,
  certificateIdOf,
  earnsCertificate,
  judgeCertificate,
  oneYearAfter,
} from "../../src/domain/training/certificate.js";
import { type ScoreSummary, traineeEventSchema } from "../../src/domain/training/events.js";
import { decideTrainee, foldTrainee, type RecordDrill } from "../../src/domain/training/trainee.js";
import { openSqliteEventStore } from "../../src/store/sqlite/sqlite-event-store.js";
import { summariseScore, TrainingRecords } from "../../src/training/history.js";
import { parseScenario } from "../../src/training/scenario-loader.js";
import { parseTranscript } from "../../src/training/transcript.js";
import { scored } from "./helpers.js";

const FIXTURES = join(import.meta.dirname, "fixtures");
const scenario = parseScenario(readFileSync(join(FIXTURES, "certification-mini.yaml"), "utf8"), "certification-mini");
const transcript = (kind: string, trainee?: string) => {
  const text = readFileSync(join(FIXTURES, `certification-mini.${kind}.yaml`), "utf8");
  const edited = trainee ? text.replace("trainee: alex-ic", `trainee: ${trainee}`) : text;
  return { text: edited, parsed: parseTranscript(edited, `${kind}.yaml`) };
};

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function records(start = "2026-05-01T09:00:00.000Z") {
  const dir = mkdtempSync(join(tmpdir(), "warroom-trainee-"));
  dirs.push(dir);
  const clock = new ManualClock(start);
  const store = openSqliteEventStore(join(dir, "warroom.db"), { clock });
  return { records: new TrainingRecords(store, clock), store, clock };
}

async function run(kind: string, trainee?: string) {
  const t = transcript(kind, trainee);
  const { score } = await scored(scenario, t.parsed);
  return { score, text: t.text };
}

function summary(over: Partial<ScoreSummary> = {}): ScoreSummary {
  return {
    total: 90,
    max: 100,
    percent: 90,
    passed: true,
    passPercent: 80,
    criticalMissed: [],
    groups: [{ name: "Command", score: 90, max: 100 }],
    competencies: [
      { name: "technical", weight: 30, score: 27, percent: 90 },
      { name: "leadership", weight: 40, score: 36, percent: 90 },
      { name: "communication", weight: 30, score: null, percent: null },
    ],
    ...over,
  };
}

const command = (over: Partial<RecordDrill> = {}): RecordDrill => ({
  type: "record-drill",
  trainee: "alex-ic",
  scenario: "certification-mini",
  scenarioTitle: "A small certification exam",
  certifies: true,
  score: summary(),
  transcriptHash: "a".repeat(64),
  ...over,
});

describe("the trainee aggregate (pure)", () => {
  const now = "2026-05-01T09:00:00.000Z";

  it("records a run, and issues a certificate only for a certifying pass at 80% or more with no critical zero", () => {
    const passed = decideTrainee(command(), null, { now });
    expect(passed.map((e) => e.type)).toEqual(["DrillCompleted", "CertificateIssued"]);
    for (const event of passed) expect(traineeEventSchema.safeParse(event).success).toBe(true);
    const cert = passed[1];
    if (cert?.type !== "CertificateIssued") throw new Error("no certificate");
    expect(cert).toMatchObject({ run: 1, issuedAt: now, expiresAt: "2027-05-01T09:00:00.000Z" });
    expect(cert.certificateId).toMatch(/^CERT-[0-9A-F]{20}$/);
    expect(certificateIdOf(cert)).toBe(cert.certificateId);

    const types = (c: RecordDrill) => decideTrainee(c, null, { now }).map((e) => e.type);
    expect(types(command({ certifies: false }))).toEqual(["DrillCompleted"]);
    expect(types(command({ score: summary({ passed: false, criticalMissed: ["fallback-trigger"] }) }))).toEqual([
      "DrillCompleted",
    ]);
    // A scenario with a lower pass mark still needs 80% for a certificate.
    expect(types(command({ score: summary({ percent: 75, total: 75, passPercent: 70 }) }))).toEqual(["DrillCompleted"]);
    expect(CERTIFICATE_PASS_PERCENT).toBe(80);
    expect(earnsCertificate(true, summary({ percent: 80, total: 80 }))).toBe(true);
  });

  it("cites the run's version, so the same run recorded twice gets two different ids", () => {
    const first = decideTrainee(command(), null, { now });
    const state = foldTrainee(first);
    const second = decideTrainee(command(), state, { now });
    const ids = [first[1], second[1]].map((e) => (e?.type === "CertificateIssued" ? e.certificateId : ""));
    expect(second[1]).toMatchObject({ run: 3 });
    expect(ids[0]).not.toBe(ids[1]);
    expect(foldTrainee([...first, ...second])).toMatchObject({ version: 4 });
  });

  it("refuses a trainee that is not a handle", () => {
    expect(() => decideTrainee(command({ trainee: "<b>x</b>" }), null, { now })).toThrow(WarroomError);
  });

  it("judges a stored certificate: valid, expired from its expiry on, tampered when content or run disagree", () => {
    const [drill, cert] = decideTrainee(command(), null, { now });
    if (drill?.type !== "DrillCompleted" || cert?.type !== "CertificateIssued") throw new Error("events");
    expect(judgeCertificate(cert, drill, now).status).toBe("valid");
    expect(judgeCertificate(cert, drill, "2027-05-01T08:59:59.999Z").status).toBe("valid");
    expect(judgeCertificate(cert, drill, cert.expiresAt).status).toBe("expired");
    const raised = { ...cert, scores: { ...cert.scores, percent: 99 } };
    expect(judgeCertificate(raised, drill, now)).toMatchObject({ status: "tampered" });
    const drillRaised = { ...drill, score: { ...drill.score, percent: 99 } };
    expect(judgeCertificate(cert, drillRaised, now).reasons.join()).toContain("does not agree with the drill run");
    expect(judgeCertificate(cert, undefined, now).reasons.join()).toContain("is missing");
    expect(oneYearAfter("2028-02-29T12:00:00.000Z")).toBe("2029-03-01T12:00:00.000Z");
  });
});

describe("training records in the store", () => {
  it("stores each run in the trainee's stream and lists it back with the competency profile", async () => {
    const { records: r, store, clock } = records();
    const weak = await run("weak");
    const strong = await run("strong");
    const first = await r.record({ scenario, score: weak.score, transcriptText: weak.text });
    expect(first).toMatchObject({ number: 1, certificate: null });
    clock.advanceMinutes(60);
    const second = await r.record({ scenario, score: strong.score, transcriptText: strong.text });
    expect(second.number).toBe(2);
    expect(second.certificate?.event.certificateId).toMatch(/^CERT-/);
    const stored = await store.readStream("TRN-alex-ic");
    expect(stored.map((e) => e.type)).toEqual(["DrillCompleted", "DrillCompleted", "CertificateIssued"]);

    const history = await r.history("alex-ic");
    expect(history.runs.map((x) => [x.run, x.at, x.percent, x.passed, x.certificate])).toEqual([
      [1, "2026-05-01T09:00:00.000Z", weak.score.percent, false, null],
      [2, "2026-05-01T10:00:00.000Z", 100, true, second.certificate?.event.certificateId],
    ]);
    expect(history.runs[0]?.criticalMissed).toEqual(["fallback-trigger"]);
    const byName = Object.fromEntries(history.profile.competencies.map((c) => [c.name, c]));
    const weakLead = weak.score.competencies.find((c) => c.name === "leadership")?.percent ?? -1;
    expect(byName.leadership).toMatchObject({
      weight: 40,
      runs: 2,
      percent: Math.round(((weakLead + 100) / 2) * 10) / 10,
    });
    expect(byName.technical).toMatchObject({ weight: 30, percent: 50 });
    expect(history.profile.overTime.map((p) => p.technical)).toEqual([0, 50]);
    expect(history.certificates).toEqual([
      expect.objectContaining({ id: second.certificate?.event.certificateId, status: "valid" }),
    ]);
    await store.close();
  });

  it("is deterministic: the same runs at the same times give the same history", async () => {
    const strong = await run("strong");
    const histories = [];
    for (let i = 0; i < 2; i++) {
      const { records: r, store } = records();
      await r.record({ scenario, score: strong.score, transcriptText: strong.text });
      histories.push(await r.history("ALEX-IC"));
      await store.close();
    }
    expect(histories[1]).toEqual(histories[0]);
  });

  it("appends with the version it read: concurrent records for one trainee both land, in order", async () => {
    const { records: r, store } = records();
    const strong = await run("strong");
    const weak = await run("weak");
    await Promise.all([
      r.record({ scenario, score: weak.score, transcriptText: weak.text }),
      r.record({ scenario, score: strong.score, transcriptText: strong.text }),
    ]);
    const versions = (await store.readStream("TRN-alex-ic")).map((e) => e.version);
    expect(versions).toEqual([1, 2, 3]);
    expect((await r.history("alex-ic")).runs).toHaveLength(2);
    await store.close();
  });

  it("names an unknown trainee or a bad handle clearly and stores nothing", async () => {
    const { records: r, store } = records();
    await expect(r.history("nobody")).rejects.toMatchObject({
      code: "trainee.not_found",
      message: expect.stringContaining("no drill runs are recorded for 'nobody'"),
    });
    await expect(r.history("not a handle")).rejects.toMatchObject({ code: "validation.failed" });
    const strong = await run("strong");
    const hostile = { ...strong.score, trainee: "<script>" };
    await expect(r.record({ scenario, score: hostile, transcriptText: strong.text })).rejects.toMatchObject({
      code: "validation.failed",
    });
    expect(await store.headPosition()).toBe(0);
    await store.close();
  });

  it("summarises a score with its pass mark and the critical items at zero", async () => {
    const { score } = await run("no-trigger");
    expect(score.percent).toBe(80);
    expect(summariseScore(scenario, score)).toMatchObject({
      percent: 80,
      passed: false,
      passPercent: 80,
      criticalMissed: ["fallback-trigger"],
    });
  });
});
