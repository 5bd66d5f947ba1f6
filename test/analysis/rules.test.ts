/** Rule by rule: what fires, where (exact excerpt and offsets), and how severe it is for each audience. */
import { describe, expect, it } from "vitest";
import { type Audience, analyse, type Finding, SEVERITY } from "../../src/domain/analysis/index.js";

const findings = (text: string, audience: Audience, rule: string): Finding[] =>
  analyse(text, audience).findings.filter((f) => f.rule === rule);
const excerpts = (text: string, audience: Audience, rule: string) =>
  findings(text, audience, rule).map((f) => f.excerpt);

describe("findings carry exact excerpts, offsets, a message and a suggestion", () => {
  it("points at the triggering words", () => {
    const text = "Checkout is down for all customers. Probably the cache. Next update 14:30.";
    const [f] = findings(text, "customer", "speculation");
    expect(f).toBeDefined();
    expect(f?.excerpt).toBe("Probably the cache");
    expect(text.slice(f?.start, f?.end)).toBe("Probably the cache");
    expect(f?.severity).toBe("error");
    expect(f?.message).toContain("Probably the cache");
    expect(f?.suggestion.length).toBeGreaterThan(10);
  });

  it("uses an empty excerpt at offset 0 for something missing", () => {
    const [f] = findings("We are looking into it.", "executive", "impact.missing");
    expect(f).toMatchObject({ excerpt: "", start: 0, end: 0, severity: "error" });
  });

  it("sorts findings by position", () => {
    const a = analyse("Probably the cache!!! Mike broke it. db-prod-03 is down for all users.", "customer");
    const starts = a.findings.map((f) => f.start);
    expect(starts).toEqual([...starts].sort((x, y) => x - y));
  });
});

describe("severity depends on the audience", () => {
  const jargon = "Checkout is failing for 10% of users since 10:00 because the connection pool is exhausted.";
  it.each([
    ["team", undefined],
    ["executive", "warning"],
    ["customer", "error"],
    ["legal", "warning"],
  ] as const)("jargon for %s: %s", (audience, severity) => {
    expect(findings(jargon, audience, "jargon")[0]?.severity).toBe(severity);
  });

  it("keeps borderline terms such as rollback at info", () => {
    const text = "Search fails for 20% of users since 11:05. We are doing a rollback now. Next update 11:40.";
    expect(findings(text, "executive", "jargon").map((f) => [f.excerpt, f.severity])).toEqual([["rollback", "info"]]);
  });

  it("blames are errors for every audience", () => {
    for (const audience of ["team", "executive", "customer", "legal"] as const) {
      expect(findings("Mike deployed bad code.", audience, "blame.person")[0]?.severity).toBe("error");
    }
  });

  it("speculation is an error for customers and legal, a warning for executives, silent for the team", () => {
    const text = "I think it's the network.";
    expect(findings(text, "customer", "speculation")[0]?.severity).toBe("error");
    expect(findings(text, "legal", "speculation")[0]?.severity).toBe("error");
    expect(findings(text, "executive", "speculation")[0]?.severity).toBe("warning");
    expect(findings(text, "team", "speculation")).toEqual([]);
  });

  it("the policy table lists every rule for at least one audience", () => {
    for (const [rule, table] of Object.entries(SEVERITY)) expect(Object.keys(table).length, rule).toBeGreaterThan(0);
  });
});

describe("uncertainty", () => {
  it.each([
    "We don't know why yet.",
    "We do not know why yet.",
    "We dont know why yet.",
    "We don’t know why yet.",
    "Not really sure what is going on.",
    "Honestly no idea.",
    "The cause is unclear.",
    "Still investigating.",
    "Could be the network, could be the database.",
    "idk tbh",
  ])("flags %j when nothing says how it will be found out", (text) => {
    expect(findings(text, "executive", "uncertainty.no-plan").length).toBeGreaterThan(0);
  });

  it.each([
    "We don't know why yet; we'll know more in 15 minutes.",
    "We don't know why yet. Next update 14:30.",
    "We don't know why yet. We are comparing the two regions to narrow it down.",
    "We don't know why yet, so we are rolling back the 10:00 release.",
    "Not sure yet. Give us 10 minutes.",
  ])("accepts %j", (text) => {
    expect(findings(text, "executive", "uncertainty.no-plan")).toEqual([]);
  });

  it("does not mistake 'make sure' or 'for sure' for doubt", () => {
    expect(
      findings("We'll make sure every order is kept. Next update 10:00.", "executive", "uncertainty.no-plan"),
    ).toEqual([]);
  });
});

describe("speculation", () => {
  it.each([
    ["Probably the cache.", "Probably the cache"],
    ["It might be a DNS issue.", "might be a DNS"],
    ["I think it's the load balancer.", "I think it's the load"],
    ["maybe the cache again", "maybe the cache"],
    ["Looks like it could be the vendor.", "Looks like it could be the vendor"],
    ["We suspect a bad config push.", "We suspect a bad"],
    ["Most likely caused by the new release.", "Most likely caused by"],
  ])("flags %j", (text, excerpt) => {
    expect(excerpts(text, "customer", "speculation")).toEqual([excerpt]);
  });

  it.each([
    "Some customers may be unable to log in.",
    "Users might see slower pages.",
    "I think we should roll back.",
    "We believe the issue is resolved.",
    "Looks like traffic is recovering.",
    "Payments are likely to recover once the switch finishes.",
    "The cause is a bad certificate.",
  ])("does not flag %j", (text) => {
    expect(findings(text, "customer", "speculation")).toEqual([]);
  });
});

describe("blame", () => {
  it.each([
    ["Mike deployed bad code.", "Mike deployed bad code"],
    ["It was caused by Sarah's change.", "Sarah's change"],
    ["X broke it.", "X broke it"],
    ["mike broke prod", "mike broke prod"],
    ["Human error.", "Human error"],
    ["Operator error again.", "Operator error"],
    ["He didn't follow the checklist.", "He didn't follow"],
    ["Someone on the team pushed a bad config.", "Someone on the team pushed a bad config"],
    ["They should have known better.", "They should have known"],
    ["That was careless.", "careless"],
  ])("flags %j", (text, excerpt) => {
    expect(excerpts(text, "team", "blame.person")).toContain(excerpt);
  });

  it.each([
    "Mike deployed the release at 14:03.",
    "Sarah rolled back the change.",
    "Deployment initiated by Engineer Mike.",
    "The deploy broke checkout.",
    "Kafka broke under the load.",
    "No one is to blame.",
    "This was not human error; the tool allowed it.",
    "We don't blame anyone.",
    "Redis caused the incident.",
  ])("does not flag %j", (text) => {
    expect(findings(text, "team", "blame.person")).toEqual([]);
  });
});

describe("internal host names", () => {
  it.each([
    ["Errors on db-prod-03 since 10:00.", "db-prod-03"],
    ["Traffic to api-7f9c.internal fails.", "api-7f9c.internal"],
    ["Connect to 10.2.3.4 failed.", "10.2.3.4"],
    ["See build.corp for details.", "build.corp"],
    ["printer.local is down", "printer.local"],
    ["search.default.svc.cluster.local is unreachable", "search.default.svc.cluster.local"],
    ["pod api-5d8f7c9b6-x2kqz restarted", "api-5d8f7c9b6-x2kqz"],
    ["the payments-api is slow", "payments-api"],
    ["see http://localhost:8080/debug", "http://localhost:8080/debug"],
  ])("flags %j", (text, excerpt) => {
    expect(excerpts(text, "customer", "internal-hostname")).toEqual([excerpt]);
  });

  it.each([
    "Visit status.example.com for updates.",
    "See https://status.example.com/incidents/42 for details.",
    "This is a SEV-1 incident.",
    "Our sign-in and check-out pages are slow.",
    "@lisa-sre is leading.",
    "Affected since 2024-05-01.",
  ])("does not flag %j", (text) => {
    expect(findings(text, "customer", "internal-hostname")).toEqual([]);
  });
});

describe("jargon patterns", () => {
  it.each([
    ["The submitOrder call fails.", "submitOrder"],
    ["max_connections was reached.", "max_connections"],
    ["Check /var/log/nginx/error.log for details.", "/var/log/nginx/error.log"],
    ["Run `kubectl get pods`.", "`kubectl get pods`"],
    ["Commit 3f9a2c7d broke it.", "3f9a2c7d"],
    ["Users get HTTP 503 errors.", "HTTP 503"],
    ["Lots of 500s on checkout.", "500s"],
    ["The OrderService throws.", "OrderService"],
    ["Failover to us-east-1 started.", "us-east-1"],
  ])("finds %j", (text, excerpt) => {
    expect(excerpts(text, "customer", "jargon")).toContain(excerpt);
  });

  it.each([
    "We commit to an update every 30 minutes.",
    "With the exception of Canada, all regions work.",
    "About 500 customers were affected.",
    "Our iPhone app is unaffected.",
    "PayPal payments still work.",
  ])("does not flag %j", (text) => {
    expect(findings(text, "customer", "jargon")).toEqual([]);
  });
});

describe("ETA promises", () => {
  it.each([
    ["It will be fixed by 3pm.", "fixed by 3pm"],
    ["Everything will be resolved within the hour.", "resolved within the hour"],
    ["We'll be back in 10 minutes.", "back in 10 minutes"],
    ["Service should be restored by 15:00 UTC.", "restored by 15:00 UTC"],
    ["ETA: 16:30.", "ETA: 16:30"],
  ])("customer: %j is an error", (text, excerpt) => {
    const f = findings(text, "customer", "eta.promise");
    expect(f.map((x) => [x.excerpt, x.severity])).toEqual([[excerpt, "error"]]);
  });

  it("executive: an unqualified promise is info, an estimate is fine", () => {
    expect(findings("It will be fixed by 3pm.", "executive", "eta.promise")[0]?.severity).toBe("info");
    expect(findings("We estimate it will be fixed around 3pm.", "executive", "eta.promise")).toEqual([]);
  });

  it.each([
    "Next update within the hour.",
    "We'll know more in 10 minutes.",
    "If it is not fixed by 14:25 we roll back.",
    "The defect was fixed at 06:40 UTC.",
    "We will roll back in 10 minutes.",
  ])("customer: %j is not a resolution promise", (text) => {
    expect(findings(text, "customer", "eta.promise")).toEqual([]);
  });
});

describe("next update and the clock", () => {
  it.each([
    "Next update 14:25.",
    "Next update at 2:25 PM.",
    "Next update 2pm.",
    "next update 14h25",
    "I'll update you in 15 minutes.",
    "Next update in half an hour.",
    "We will post again by 3pm UTC.",
    "Next update within the hour.",
    "Next update at the top of the hour.",
    "Next update by 2025-06-01T15:00:00Z.",
    "We'll send the next update at noon.",
  ])("accepts %j", (text) => {
    expect(findings(`Checkout is down for all users. ${text}`, "customer", "next-update.missing")).toEqual([]);
  });

  it("flags a next-update time already past when `now` is given", () => {
    const text = "Checkout is down for all users since 13:50. We are rolling back. Next update 14:25.";
    expect(findings(text, "executive", "next-update.past")).toEqual([]);
    expect(
      analyse(text, "executive", { now: "2025-01-01T14:10:00Z" }).findings.some((f) => f.rule === "next-update.past"),
    ).toBe(false);
    const late = analyse(text, "executive", { now: "2025-01-01T14:40:00Z" }).findings.find(
      (f) => f.rule === "next-update.past",
    );
    expect(late?.excerpt).toBe("14:25");
    // an unmarked time is read in the writer's offset, a UTC time in UTC
    const local = { now: "2025-01-01T14:40:00+02:00" };
    expect(analyse(text, "executive", local).findings.find((f) => f.rule === "next-update.past")?.excerpt).toBe(
      "14:25",
    );
    const utcText = text.replace("Next update 14:25.", "Next update 14:25 UTC.");
    expect(analyse(utcText, "executive", local).findings.some((f) => f.rule === "next-update.past")).toBe(false);
  });

  it("does not ask a resolution message for a next update or a plan", () => {
    const text = "Resolved: payments failed for 5% of customers from 10:02 to 10:40 UTC and are now working normally.";
    expect(findings(text, "executive", "next-update.missing")).toEqual([]);
    expect(findings(text, "executive", "plan.missing")).toEqual([]);
  });
});

describe("length", () => {
  it("marks the words past the limit", () => {
    const text = Array.from({ length: 130 }, (_, i) => `w${i}`).join(" ");
    const [f] = findings(text, "customer", "length");
    expect(f?.excerpt.startsWith("w120 ")).toBe(true);
    expect(f?.excerpt.endsWith("w129")).toBe(true);
    expect(f?.message).toContain("130");
    expect(f?.message).toContain("120");
  });

  it("takes per-audience limits from options", () => {
    const text = "word ".repeat(60).trim();
    expect(analyse(text, "team", { maxWords: { team: 50 } }).findings.some((f) => f.rule === "length")).toBe(true);
    expect(analyse(text, "team").findings.some((f) => f.rule === "length")).toBe(false);
  });

  it("flags a very long sentence", () => {
    const sentence = `${"and then we checked another thing ".repeat(8)}end.`;
    expect(excerpts(sentence, "customer", "sentence.long")).toEqual([sentence]);
  });
});

describe("tone", () => {
  it.each([
    ["This is a DISASTER.", "DISASTER"],
    ["Everything is on fire.", "Everything is on fire"],
    ["GET ME ANSWERS NOW", "GET ME ANSWERS NOW"],
    ["omg the site is down", "omg"],
  ])("flags %j", (text, excerpt) => {
    expect(excerpts(text, "executive", "tone.panic")).toContain(excerpt);
  });

  it.each([
    "SEV-1: the API is down for EU customers; ETA unknown, next update 14:00 UTC.",
    "IMPACT: checkout unavailable\nTIMELINE: since 10:00",
    "PRESS STATEMENT (suggested):\nWe are working on it.",
    "## INCIDENT SUMMARY\nAll good.",
    "FYI the CEO and CFO are aware; the SLA and GDPR teams too.",
  ])("does not flag acronyms and labels in %j", (text) => {
    expect(findings(text, "executive", "tone.panic")).toEqual([]);
  });

  it("flags runs of exclamation marks and a third single one", () => {
    expect(excerpts("Down!!! Again?!", "executive", "tone.exclamation")).toEqual(["!!!", "?!"]);
    expect(excerpts("Up! Fast! Done! Yes!", "executive", "tone.exclamation")).toEqual(["!", "!"]);
    expect(findings("We are back!", "executive", "tone.exclamation")).toEqual([]);
  });
});

describe("customer and legal extras", () => {
  it("asks customers for an apology when something is broken", () => {
    expect(findings("Some customers cannot log in. Next update 10:00.", "customer", "apology.missing")).toHaveLength(1);
    expect(
      findings("Some customers cannot log in. We apologise. Next update 10:00.", "customer", "apology.missing"),
    ).toEqual([]);
    expect(findings("Some customers cannot log in. Sorry! Next update 10:00.", "customer", "apology.missing")).toEqual(
      [],
    );
  });

  it("asks a customer resolution message whether data was lost", () => {
    const [f] = findings("The issue has been resolved. We're sorry.", "customer", "data-loss.unstated");
    expect(f?.excerpt).toBe("has been resolved");
    expect(f?.severity).toBe("info");
    expect(
      findings("The issue has been resolved and no data was lost. We're sorry.", "customer", "data-loss.unstated"),
    ).toEqual([]);
    expect(findings("It will be resolved soon. We're sorry.", "customer", "data-loss.unstated")).toEqual([]);
  });

  it("asks legal what data was involved", () => {
    expect(findings("Checkout failed for 5% of users from 10:00 to 11:00 UTC.", "legal", "data.unstated")).toHaveLength(
      1,
    );
    expect(findings("5% of user records were exposed from 10:00 to 11:00 UTC.", "legal", "data.unstated")).toEqual([]);
  });

  it("requires facts and a timeline for legal", () => {
    const a = analyse("Something happened with the exports.", "legal");
    expect(a.ok).toBe(false);
    expect(a.findings.map((f) => f.rule)).toEqual(expect.arrayContaining(["impact.missing", "timeline.missing"]));
  });
});

describe("input handling", () => {
  it("rejects an unknown audience", () => {
    expect(() => analyse("hello", "board" as Audience)).toThrow(/unknown audience/);
  });

  it("counts words and sentences", () => {
    expect(analyse("One two three. Four five!", "team").stats).toEqual({ words: 5, sentences: 2 });
    expect(analyse("", "team").stats).toEqual({ words: 0, sentences: 0 });
  });
});
