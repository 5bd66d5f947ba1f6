/**
 * The allocation evaluator on crafted certification runs: full points for two commanders
 * with one incident each and every engineer on their own front; points withheld for a
 * double-booked engineer, a commander holding two incidents, and the certificate front
 * left uncovered until after it expired.
 */
import { describe, expect, it } from "vitest";
import { resolveScenario } from "../../src/training/scenario-loader.js";
import { inline, item, scored } from "./helpers.js";

const CERT = resolveScenario("certification");

const DECLARE = {
  payments:
    "{ at: 1m, do: declare, incident: payments, title: Card payments failing, severity: SEV-1, impact: every card payment fails }",
  database:
    "{ at: 1m, do: declare, incident: database, title: Slow pages, severity: SEV-2, commander: riley-ic, impact: a fifth of users see slow pages }",
  certificate:
    "{ at: 1m, do: declare, incident: certificate, title: CDN certificate expiring, severity: SEV-2, commander: kai-infra, impact: every visitor refused at 21:00 }",
};

const STAFF = [
  "{ at: 2m, do: task, incident: payments, title: Roll back the gateway, to: priya-pay, timebox: 15m }",
  "{ at: 2m, do: task, incident: payments, title: Check the payment tables, to: tom-pay, timebox: 15m }",
  "{ at: 2m, do: task, incident: database, title: Pause the report job, to: dana-db, timebox: 15m }",
  "{ at: 2m, do: task, incident: database, title: Find the heavy queries, to: omar-db, timebox: 15m }",
  "{ at: 2m, do: task, incident: database, title: Map what writes to the primary, to: wei-db, timebox: 15m }",
];
const CERT_TASK =
  "{ at: 2m, do: task, incident: certificate, title: Renew the certificate, to: kai-infra, timebox: 60m }";

function transcript(lines: string[]) {
  return inline(lines.map((l) => `  - ${l}`).join("\n"));
}

async function allocation(lines: string[]) {
  const { run, score } = await scored(CERT, transcript(lines));
  expect(run.errors).toEqual([]);
  return { run, score, alloc: item(score, "resources-allocated") };
}

describe("resource-allocation", () => {
  const good = [DECLARE.payments, DECLARE.database, DECLARE.certificate, ...STAFF, CERT_TASK];

  it("awards full points: one incident per commander, every engineer on their own front, nobody on two", async () => {
    const { alloc } = await allocation(good);
    expect(alloc.points).toBe(20);
    const notes = alloc.evidence.map((e) => e.note).join("\n");
    expect(notes).toContain("alex-ic commands payments");
    expect(notes).toContain("riley-ic commands database");
    expect(notes).toContain("kai-infra on certificate");
    expect(notes).not.toContain("double-booked");
  });

  it("withholds points for an engineer booked on two fronts at once, naming them and the action", async () => {
    const borrow =
      "{ at: 3m, do: task, incident: payments, title: Check the payment tables with us, to: dana-db, timebox: 20m }";
    const t = transcript([...good, borrow]);
    const { score } = await scored(CERT, t);
    const alloc = item(score, "resources-allocated");
    expect(alloc.points).toBe(18);
    const booked = alloc.evidence.find((e) => e.note.includes("dana-db double-booked"));
    expect(booked?.action).toBe(t.actions.length - 1);
    expect(alloc.advice).toContain("dana-db");
  });

  it("does not count someone moved to another front once theirs is resolved", async () => {
    const moved = [
      ...good,
      "{ at: 20m, do: resolve, incident: payments, summary: Card payments restored by rolling the gateway back to the previous release }",
      "{ at: 25m, do: task, incident: database, title: Help move the report job to the replica, to: tom-pay, timebox: 15m }",
    ];
    const { alloc } = await allocation(moved);
    expect(alloc.points).toBe(20);
  });

  it("withholds points when one commander holds two incidents", async () => {
    const keepsCertificate = DECLARE.certificate.replace(", commander: kai-infra", "");
    const { alloc } = await allocation([DECLARE.payments, DECLARE.database, keepsCertificate, ...STAFF, CERT_TASK]);
    expect(alloc.points).toBe(16);
    expect(alloc.evidence.some((e) => e.note.includes("alex-ic commands payments and certificate at once"))).toBe(true);
    expect(alloc.advice).toContain("its own commander");
  });

  it("a handover right after declaring is not holding two commands", async () => {
    const handedOver = [
      DECLARE.payments,
      DECLARE.database,
      DECLARE.certificate.replace(", commander: kai-infra", ""),
      "{ at: 2m, do: handover, incident: certificate, to: kai-infra, briefing: The renewal is yours end to end }",
      ...STAFF,
      CERT_TASK.replace("at: 2m", "at: 2m30s"),
    ];
    const { alloc } = await allocation(handedOver);
    expect(alloc.points).toBe(20);
  });

  it("withholds points when the certificate front is left uncovered past its deadline", async () => {
    const lateDeclare = DECLARE.certificate.replace("at: 1m", "at: 3h05m");
    const lateTask = CERT_TASK.replace("at: 2m", "at: 3h05m");
    const { run, score, alloc } = await allocation([
      DECLARE.payments,
      DECLARE.database,
      ...STAFF,
      lateDeclare,
      lateTask,
    ]);
    // Staffed, but only after the certificate expired: the deadline part is lost and kai-infra counts late.
    expect(alloc.points).toBe(15.5);
    expect(alloc.evidence.some((e) => e.note.startsWith("certificate: nobody on it before"))).toBe(true);
    expect(run.deadlines).toEqual([
      { front: "certificate", offset: 10800, what: "the CDN certificate expires", met: false },
    ]);
    expect(run.feed.some((f) => f.inject === "certificate-deadline" && f.from === "kai-infra")).toBe(true);
    expect(item(score, "deadline-kept").points).toBe(0);
    expect(score.passed).toBe(false);
  });

  it("gives nothing for splitting commanders when the second commander never runs a front", async () => {
    const alone = [
      DECLARE.payments,
      DECLARE.database.replace(", commander: riley-ic", ""),
      DECLARE.certificate,
      ...STAFF,
      CERT_TASK,
    ];
    const { alloc } = await allocation(alone);
    // riley-ic idle (half the split) and alex-ic on payments and database at once.
    expect(alloc.points).toBe(15);
    expect(alloc.advice).toContain("riley-ic commanded nothing");
  });
});
