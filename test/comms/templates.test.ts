/**
 * Drafts per audience over incidents of different shapes: each passes the analyser for
 * its audience with no error, says what its readers need, leaves out what they must not
 * see, and marks what nobody has said yet with a placeholder.
 */
import { describe, expect, it } from "vitest";
import { analyse } from "../../src/domain/analysis/index.js";
import { attentionOf } from "../../src/domain/comms/attention.js";
import { placeholdersIn, render, Slot } from "../../src/domain/comms/compose.js";
import { draftUpdate } from "../../src/domain/comms/templates.js";
import { AUDIENCES } from "../../src/domain/incident/events.js";
import {
  at,
  bare,
  exerciseOne,
  History,
  jargonHeavy,
  quietButLate,
  resolvedNoLoss,
  resolvedUnknownData,
  SHAPES,
} from "./shapes.js";

describe("every audience × every shape", () => {
  for (const [name, build, minute] of SHAPES) {
    for (const audience of AUDIENCES) {
      it(`${audience} draft of "${name}" has no error for its audience`, () => {
        const now = at(minute);
        const draft = draftUpdate(build().incident, audience, now);
        const errors = analyse(draft.text, audience, { now }).findings.filter((f) => f.severity === "error");
        expect(errors, draft.text).toEqual([]);
        expect(draft).toMatchObject({ incidentId: "INC-1", audience });
        expect(draft.placeholders).toEqual(placeholdersIn(draft.text));
        expect(draft.text).toBe(draft.text.trim());
      });
    }
  }
});

describe("executive", () => {
  it("leads with impact, says how long, where things stand, the plan, its trigger and the next update", () => {
    const draft = draftUpdate(exerciseOne().incident, "executive", at(15));
    expect(draft.text.split("\n")).toEqual([
      "Impact: 5% of users cannot log in.",
      "Status: a fix is under way (SEV-1). It started at 02:05 UTC, 15 minutes ago.",
      "Plan: we are going with the workaround first, then a full restore.",
      "Why: the workaround restores logins within half an hour and the restore keeps every record.",
      "Fallback: switch to the old cluster if the restore fails.",
      "If logins still fail by 02:46 UTC, we will switch to the old cluster.",
      "Next update at 02:35 UTC.",
    ]);
    expect(draft.parts).toEqual({
      impact: "5% of users cannot log in",
      timeline: "started 02:05 UTC, 15 minutes ago",
      plan: "we are going with the workaround first, then a full restore",
      nextUpdateAt: "2026-03-07T02:35:00.000Z",
    });
    expect(draft.placeholders).toEqual([]);
  });

  it("keeps engineering words and guesses out, even where the analyser only warns", () => {
    const draft = draftUpdate(jargonHeavy().incident, "executive", at(8));
    expect(draft.text).not.toMatch(/redis|p99|prod\.internal|502|probably|load balancer/i);
    expect(draft.placeholders).toEqual([
      "[to confirm: who is affected and how, in business terms]",
      "[to confirm: the question]",
    ]);
    const warnings = analyse(draft.text, "executive", { now: at(8) }).findings.filter((f) => f.severity !== "info");
    expect(warnings).toEqual([]);
  });

  it("an impact recorded as 'unknown' is asked for, not repeated", () => {
    const incident = new History().run(0, "alex-ic", {
      type: "declare",
      title: "Errors",
      severity: "SEV-2",
      impact: "TBD",
    }).incident;
    const draft = draftUpdate(incident, "executive", at(3));
    expect(draft.text.split("\n")[0]).toBe("Impact: [to confirm: who is affected and how, in business terms].");
  });

  it("once resolved: when it was restored, how long it lasted, the summary and the data, no next update", () => {
    const draft = draftUpdate(resolvedNoLoss().incident, "executive", at(260));
    expect(draft.text).toContain(
      "Resolved: service was restored at 06:20 UTC, 4 hours 15 minutes after it started at 02:05 UTC.",
    );
    expect(draft.text).toContain("Summary: the restore finished and every record was checked.");
    expect(draft.text).toContain("Data: no data was lost.");
    expect(draft.text).not.toMatch(/next update/i);
    expect(draft.parts.nextUpdateAt).toBeNull();
  });
});

describe("customer / status page", () => {
  it("what customers notice, an apology, what we are doing, the next update; no internal names, no fix time", () => {
    const incident = exerciseOne().incident;
    const draft = draftUpdate(incident, "customer", at(15));
    expect(draft.text.split("\n")).toEqual([
      "5% of users cannot log in. We are sorry for the disruption.",
      "We are putting a fix in place.",
      "We will post the next update by 02:35 UTC.",
    ]);
    for (const internal of [incident.id, incident.title, "alex-ic", "users-db", "SEV-1", "cluster", "restore"]) {
      expect(draft.text).not.toContain(internal);
    }
    expect(analyse(draft.text, "customer", { now: at(15) }).findings.map((f) => f.rule)).not.toContain("eta.promise");
  });

  it("internal wording gives way to a placeholder for what customers notice", () => {
    const draft = draftUpdate(jargonHeavy().incident, "customer", at(8));
    expect(draft.text).not.toMatch(/redis|p99|prod\.internal|502|probably|kubectl/i);
    expect(draft.text.startsWith("[to confirm: what customers notice, in their words].")).toBe(true);
    expect(draft.placeholders).toEqual(["[to confirm: what customers notice, in their words]"]);
  });

  it("resolved: the resolution says no data was lost when the chosen options lose none", () => {
    const draft = draftUpdate(resolvedNoLoss().incident, "customer", at(260));
    expect(draft.text.split("\n")).toEqual([
      "Resolved: the issue is fixed, and the service has been working normally since 06:20 UTC.",
      "What you may have noticed: 5% of users cannot log in.",
      "No data was lost.",
      "We are sorry for the disruption, and thank you for your patience.",
    ]);
    expect(draft.placeholders).toEqual([]);
  });

  it("resolved with nothing known about data: a clearly marked placeholder asks", () => {
    const draft = draftUpdate(resolvedUnknownData().incident, "customer", at(40));
    expect(draft.placeholders).toEqual([
      "[to confirm: was any customer data lost? Say what was lost, or that nothing was]",
    ]);
    expect(draft.text).toContain("since 02:35 UTC");
  });
});

describe("team", () => {
  it("actions with owners and time-boxes, the decision with rationale and fallback, triggers", () => {
    const draft = draftUpdate(exerciseOne().incident, "team", at(15));
    expect(draft.text.split("\n")).toEqual([
      "INC-1 · SEV-1 · mitigating · IC alex-ic · 15 minutes since it was declared at 02:05 UTC",
      "Impact: 5% of users cannot log in.",
      "Decision D1 (trade-off, by alex-ic): the workaround first, then a full restore.",
      "Rationale: the workaround restores logins within half an hour and the restore keeps every record.",
      "Fallback: switch to the old cluster if the restore fails.",
      "Triggers:",
      "- TR1: if logins still fail by 02:46 UTC, switch to the old cluster.",
      "Actions:",
      "- T1 mike-app: Deploy the login workaround (until 02:45 UTC, 25m00s left).",
      "- T2 sarah-db: Start the backup restore (until 06:15 UTC, 3h55m left).",
      "Next update at 02:35 UTC.",
    ]);
  });

  it("no decision yet: the options on the table, deadlines due, expired time-boxes, workstreams", () => {
    const draft = draftUpdate(quietButLate().incident, "team", at(30));
    expect(draft.text).toContain(
      "Decision: none recorded yet. Options on the table: A Rerun the export job; B Wait for the nightly run.",
    );
    expect(draft.text).toContain("- DL1 by 02:17 UTC: Rerun now or wait.");
    expect(draft.text).toContain("- T1 dana: Check the export queue (time-box passed at 02:12 UTC: check in).");
    expect(draft.text).toContain("- W1 Exports (lead dana, until 02:23 UTC): exports flowing again.");
    // SEV-4 has no cadence: the draft still promises a time, an hour out.
    expect(draft.parts.nextUpdateAt).toBe(at(90));
  });
});

describe("legal", () => {
  it("facts with dates and times, the data involved, and no guessing", () => {
    const draft = draftUpdate(resolvedNoLoss().incident, "legal", at(260));
    expect(draft.text).toContain("Impact: 5% of users cannot log in; share of users affected as recorded: 5%.");
    expect(draft.text).toContain("Data involved: no data loss is recorded for the chosen course of action.");
    expect(draft.text).toContain("Timeline (UTC):\n- 2026-03-07 02:05 UTC: declared at SEV-1 by alex-ic.");
    expect(draft.text).toContain("- 2026-03-07 02:46 UTC: trigger TR1 averted: switch to the old cluster.");
    expect(draft.text).toContain(
      "- 2026-03-07 06:20 UTC: resolved: the restore finished and every record was checked.",
    );
    const guessy = draftUpdate(jargonHeavy().incident, "legal", at(8));
    expect(guessy.text).not.toMatch(/probably/i);
    expect(guessy.placeholders).toContain("[to confirm: which data, if any, was lost, exposed or changed]");
  });
});

describe("drafting is pure", () => {
  it("same incident and time, same draft; the incident is not changed", () => {
    const incident = exerciseOne().incident;
    const before = structuredClone(incident);
    for (const audience of AUDIENCES) {
      expect(draftUpdate(incident, audience, at(15))).toEqual(draftUpdate(incident, audience, at(15)));
    }
    expect(incident).toEqual(before);
  });

  it("a next-update time given replaces the cadence's", () => {
    const draft = draftUpdate(bare().incident, "executive", at(2), { nextUpdateAt: at(20) });
    expect(draft.text).toContain("Next update at 02:25 UTC.");
    expect(draft.parts.nextUpdateAt).toBe(at(20));
  });

  it("a slot whose words break an error rule is swapped for its placeholder; fixed wording stays", () => {
    const blame = new Slot("Dave broke prod again", "[to confirm: what happened]");
    const fine = new Slot("Checkout is slow", "[to confirm: impact]");
    const text = render([fine, ". ", blame, ". We are sorry. Next update at 10:30 UTC."], "customer", at(0));
    expect(text).toBe("Checkout is slow. [to confirm: what happened]. We are sorry. Next update at 10:30 UTC.");
    expect([fine.replaced, blame.replaced]).toEqual([false, true]);
  });
});

describe("attention (what the list flags)", () => {
  it("names update, task, workstream, deadline and trigger clocks; nothing once resolved", () => {
    expect(attentionOf(exerciseOne().incident, at(12))).toEqual([]);
    expect(attentionOf(exerciseOne().incident, at(14))).toEqual(["update due soon"]);
    expect(attentionOf(exerciseOne().incident, at(47))).toEqual(["update overdue", "T1 expired", "TR1 due"]);
    expect(attentionOf(jargonHeavy().incident, at(13))).toEqual(["T1 expired", "DL1 due soon"]);
    expect(attentionOf(quietButLate().incident, at(30))).toEqual(["T1 expired", "W1 expired", "DL1 passed"]);
    expect(attentionOf(resolvedNoLoss().incident, at(300))).toEqual([]);
  });
});
