/** Extraction: impact, timeline parts, plan or trigger, next update, owners and roles, with exact spans. */
import { describe, expect, it } from "vitest";
import { analyse, type Span } from "../../src/domain/analysis/index.js";

/** The span of `part` inside `text` (its first occurrence). */
function at(text: string, part: string): Span {
  const start = text.indexOf(part);
  if (start === -1) throw new Error(`"${part}" is not in "${text}"`);
  return { text: part, start, end: start + part.length };
}

const extract = (text: string) => analyse(text, "executive").extracted;

describe("impact", () => {
  it.each([
    ["5% of users cannot log in. Started 14:03 UTC.", "5% of users cannot log in"],
    ["Checkout is down for all customers.", "Checkout is down for all customers"],
    ["Payments failing (100% error rate). We are 8 minutes in.", "Payments failing (100% error rate)"],
    ["IMPACT: Product page not loading. 100% of users affected.", "Product page not loading"],
    ["Impact: 3 regions degraded. Plan: shift traffic.", "3 regions degraded"],
    ["Hello Jane, the checkout is not working for many customer.", "the checkout is not working for many customer"],
    [
      "We are restoring the database; about 2,000 merchants can't see payouts.",
      "about 2,000 merchants can't see payouts",
    ],
    ["hi all, some customers are having trouble logging in", "some customers are having trouble logging in"],
  ])("%s", (text, part) => {
    expect(extract(text).impact).toEqual(at(text, part));
  });

  it.each([
    "Impact: unknown.",
    "We are still assessing the impact on customers.",
    "The team is seeing errors in the logs.",
    "We will update all customers every 30 minutes.",
    "",
  ])("finds no impact in %j", (text) => {
    expect(extract(text).impact).toBeNull();
  });
});

describe("timeline", () => {
  it.each([
    ["Issue started 14:03. Currently 8 minutes in.", "start", "started 14:03"],
    ["Issue started 14:03. Currently 8 minutes in.", "elapsed", "Currently 8 minutes in"],
    ["Checkout is down since 2:25 PM.", "start", "since 2:25 PM"],
    ["Outage started at 2024-05-01T14:03:00Z, ongoing.", "start", "started at 2024-05-01T14:03:00Z"],
    ["Errors began about 20 minutes ago.", "start", "began about 20 minutes ago"],
    ["At 09:40 UTC checkout began failing for EU shoppers.", "start", "09:40 UTC checkout began"],
    ["Login has been down for 40 minutes.", "elapsed", "for 40 minutes"],
    ["Elapsed: 45 min. ETA: 16:00.", "elapsed", "Elapsed: 45 min"],
    ["Elapsed: 45 min. ETA: 16:00.", "eta", "ETA: 16:00"],
    ["Service should be back by 15:00.", "eta", "back by 15:00"],
    ["We expect recovery within 30 minutes.", "eta", "recovery within 30 minutes"],
    ["The restore will take about 4 hours.", "eta", "restore will take about 4 hours"],
    ["It is T+25 and errors continue.", "elapsed", "T+25"],
    ["Bookings fail since 13h50.", "start", "since 13h50"],
  ] as const)("%s → %s", (text, part, phrase) => {
    expect(extract(text).timeline[part]).toEqual(at(text, phrase));
  });

  it("keeps trigger times and past fixes out of the ETA", () => {
    expect(extract("If we have no cause by 14:25 we roll back.").timeline.eta).toBeNull();
    expect(extract("The defect was fixed at 06:40 UTC.").timeline.eta).toBeNull();
  });
});

describe("plan", () => {
  it.each([
    ["If no root cause by 14:25 we roll back. Next update 14:25.", "If no root cause by 14:25 we roll back"],
    ["We are restoring from backup. I'll update you in 15 minutes.", "We are restoring from backup"],
    ["Next step: fail over. We will post again by 3pm UTC.", "fail over"],
    [
      "MITIGATION: If we don't identify cause by 14:25, we'll execute emergency rollback to previous version.",
      "If we don't identify cause by 14:25, we'll execute emergency rollback to previous version",
    ],
    ["Rolling back now, eta 10m.", "Rolling back now, eta 10m"],
    ["@mike-app: deploy the workaround now.", "@mike-app: deploy the workaround now"],
    ["A fix is being deployed to all regions.", "is being deployed to all regions"],
    ["We're going with option B.", "We're going with option B"],
  ])("%s", (text, part) => {
    expect(extract(text).plan).toEqual(at(text, part));
  });

  it.each([
    "We're looking into it.",
    "The engineers are investigating.",
    "We will keep you posted.",
    "If you have questions, contact support.",
    "We're still trying to figure out what happened.",
  ])("finds no plan in %j", (text) => {
    expect(extract(text).plan).toBeNull();
  });
});

describe("next update", () => {
  it.each([
    ["Next update 14:25.", "Next update 14:25"],
    ["Next update: 14:25.", "Next update: 14:25"],
    ["I'll update you in 15 minutes.", "I'll update you in 15 minutes"],
    ["We will post again by 3pm UTC.", "will post again by 3pm UTC"],
    ["ill update u in 15", "ill update u in 15"],
    ["I'll update you every 15 minutes.", "I'll update you every 15 minutes"],
    ["Next update at the top of the hour.", "Next update at the top of the hour"],
    ["We'll share another update by 16:00 UTC.", "another update by 16:00 UTC"],
    ["Expect the next update within half an hour.", "next update within half an hour"],
    ["Updates: every 30 minutes.", "Updates: every 30 minutes"],
    ["We regroup at 10:40.", "regroup at 10:40"],
    ["Next update at 2:25 PM.", "Next update at 2:25 PM"],
  ])("%s", (text, part) => {
    expect(extract(text).nextUpdate).toEqual(at(text, part));
  });

  it.each([
    "Updated 14:20 UTC: card payments are failing.",
    "We will keep you posted.",
    "We'll update you shortly.",
    "The last update was at 14:00.",
  ])("finds no next update in %j", (text) => {
    expect(extract(text).nextUpdate).toBeNull();
  });
});

describe("owners and roles", () => {
  it("finds handles, 'X is leading' and 'owner: X'", () => {
    const text = "@sarah-db: start the restore. lisa-sre is leading the failover. owner: mike.";
    expect(extract(text).owners).toEqual([
      { person: "sarah-db", span: at(text, "@sarah-db") },
      { person: "lisa-sre", span: at(text, "lisa-sre is leading") },
      { person: "mike", span: at(text, "owner: mike") },
    ]);
  });

  it("does not treat an addressee or the team as an owner", () => {
    expect(extract("@ceo Understood. The team is investigating.").owners).toEqual([]);
  });

  it("finds roles written both ways, and the writer's own role", () => {
    const text =
      "I am the Incident Commander. IC deputy: Ravi. Tech Lead: sarah. @lisa-sre - Infrastructure Lead. Scribe: TBD.";
    expect(extract(text).roles).toEqual([
      { role: "Incident Commander", person: null, span: at(text, "I am the Incident Commander") },
      { role: "IC deputy", person: "Ravi", span: at(text, "IC deputy: Ravi") },
      { role: "Tech Lead", person: "sarah", span: at(text, "Tech Lead: sarah") },
      { role: "Infrastructure Lead", person: "lisa-sre", span: at(text, "@lisa-sre - Infrastructure Lead") },
      { role: "Scribe", person: null, span: at(text, "Scribe: TBD") },
    ]);
  });

  it("reads 'IC: alex' and 'alex is IC'", () => {
    const text = "IC: alex. Later: Priya is IC.";
    const roles = extract(text).roles;
    expect(roles.map((r) => [r.role, r.person])).toEqual([
      ["IC", "alex"],
      ["IC", "Priya"],
    ]);
  });

  it("does not read 'Tech lead is investigating' as a person", () => {
    expect(extract("Tech lead is investigating.").roles).toEqual([]);
  });
});
