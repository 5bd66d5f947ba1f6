/** Incidents for the postmortem tests, each a crafted history on a manual clock. */
import { History } from "./history.js";

/**
 * A SEV-1 with most of the response in it: roles at T+2/T+3, first update at T+4, one
 * update 12 min late, options then a decision under a deadline, a task past its
 * time-box, reminders, mitigation at T+35, resolved at T+70, action items.
 */
export function sev1Outage(): History {
  const h = new History();
  h.at(0).run("alex", {
    type: "declare",
    title: "Checkout failing for most users",
    severity: "SEV-1",
    impact: "Most card payments fail at checkout",
    usersAffectedPct: 60,
    services: ["checkout", "payments"],
  });
  h.at(2).run("alex", { type: "assign-role", role: "tech-lead", person: "sam" });
  h.at(3).run("alex", { type: "assign-role", role: "comms-lead", person: "ana" });
  h.at(4).run("ana", {
    type: "publish-update",
    audience: "team",
    text: "Checkout is failing. Sam leads the investigation.",
  });
  h.at(5).run("alex", {
    type: "assign-task",
    title: "Check the payment client error rates",
    assignee: "priya",
    timeboxMinutes: 10,
  });
  h.at(6).run("sam", { type: "add-note", channel: "tech", text: "connection pool at 100%" });
  h.at(8).run("sam", {
    type: "propose-option",
    title: "Roll back release 2.14",
    attributes: { timeToCompleteMinutes: 15, risk: "low", dataLoss: "none" },
  });
  h.at(10).run("sam", { type: "propose-option", title: "Raise the pool size", attributes: { risk: "medium" } });
  h.at(11).run("alex", { type: "set-decision-deadline", question: "Roll back or raise the pool?", inMinutes: 10 });
  h.at(17).run("priya", { type: "complete-task", taskId: "T1", outcome: "errors only on the 2.14 hosts" });
  h.at(18).run("sam", {
    type: "record-decision",
    kind: "technical",
    title: "Roll back 2.14",
    chosen: ["A"],
    rationale: "Low risk and fully reversible; the pool change is untested",
    fallback: "raise the pool size",
    deadlineId: "DL1",
  });
  h.at(19).run("alex", { type: "issue-reminders" });
  h.at(30).run("ana", {
    type: "publish-update",
    audience: "executive",
    text: "Rolling back the release; next update at 10:45.",
  });
  h.at(35).run("sam", { type: "change-status", status: "mitigating", note: "rollback started" });
  h.at(45).run("ana", {
    type: "publish-update",
    audience: "customer",
    text: "Payments are recovering for most customers.",
  });
  h.at(55).run("sam", { type: "change-status", status: "monitoring" });
  h.at(60).run("alex", {
    type: "add-action-item",
    title: "Alert when the payment connection pool passes 80%",
    owner: "sam",
    dueDate: "2026-03-06",
    horizon: "immediate",
  });
  h.at(61).run("alex", {
    type: "add-action-item",
    title: "Add load tests against a throttling payment mock to the pipeline",
    owner: "priya",
    dueDate: "2026-03-31",
    horizon: "short-term",
  });
  h.at(62).run("alex", {
    type: "add-action-item",
    title: "Canary analysis for every release",
    owner: "ana",
    horizon: "long-term",
  });
  h.at(70).run("alex", { type: "resolve", summary: "Release 2.14 rolled back; payments back to normal" });
  return h;
}

/**
 * A person's deploy started it, and the log says so in blaming words: the title, a
 * status note, the rationale, the resolution and an action item. The draft keeps the
 * facts (who deployed, when) and holds the blaming wording back.
 */
export function deployIncident(): History {
  const h = new History("INC-2");
  h.at(0).run("jo", {
    type: "declare",
    title: "Checkout down after Mike's deploy",
    severity: "SEV-2",
    impact: "Checkout returns errors for all users",
    usersAffectedPct: 100,
    services: ["checkout"],
  });
  h.at(1).run("jo", { type: "add-note", text: "Deployment of 2.15 started by mike at 09:58" });
  h.at(2).run("jo", { type: "assign-role", role: "tech-lead", person: "mike" });
  h.at(6).run("jo", {
    type: "publish-update",
    audience: "team",
    text: "Checkout is down; rolling back 2.15 is the first option.",
  });
  h.at(8).run("mike", {
    type: "change-status",
    status: "identified",
    note: "Mike broke prod with an untested config change",
  });
  h.at(9).run("mike", { type: "propose-option", title: "Roll back 2.15" });
  h.at(12).run("mike", {
    type: "record-decision",
    kind: "technical",
    title: "Roll back 2.15",
    chosen: ["A"],
    rationale: "Mike's change caused the outage, so undo it",
    fallback: "restore the previous config by hand",
  });
  h.at(14).run("mike", { type: "change-status", status: "mitigating" });
  h.at(20).run("jo", {
    type: "add-action-item",
    title: "Mike to receive additional training",
    owner: "lee",
    dueDate: "2026-03-10",
    horizon: "immediate",
  });
  h.at(21).run("jo", {
    type: "add-action-item",
    title: "Block config changes that skip the staging soak",
    owner: "lee",
    dueDate: "2026-03-20",
  });
  h.at(25).run("jo", {
    type: "resolve",
    summary: "Rolled back; human error by the engineer who should have tested it",
  });
  return h;
}

/**
 * Still open at T+50: a promised next-update time (T+20) missed, a decision deadline
 * passed with no decision, a task still open past its box, a cancelled one that does not
 * count, and an update published after a long silence.
 */
export function openIncident(): History {
  const h = new History("INC-3");
  h.at(0).run("kim", { type: "declare", title: "Search results empty", severity: "SEV-2", services: ["search"] });
  h.at(5).run("kim", {
    type: "publish-update",
    audience: "team",
    text: "Search returns nothing; investigating the index.",
    nextUpdateAt: "2026-03-01T10:20:00.000Z",
  });
  h.at(6).run("kim", { type: "assign-task", title: "Check the index build job", assignee: "lou", timeboxMinutes: 15 });
  h.at(7).run("kim", { type: "assign-task", title: "Look at the query logs", assignee: "max", timeboxMinutes: 5 });
  h.at(8).run("kim", { type: "cancel-task", taskId: "T2", reason: "covered by T1" });
  h.at(9).run("kim", { type: "set-decision-deadline", question: "Rebuild the index now?", inMinutes: 10 });
  h.at(32).run("kim", {
    type: "publish-update",
    audience: "executive",
    text: "Search is down for all users. We are rebuilding the index. Next update in 30 minutes.",
  });
  h.at(50);
  return h;
}

/** A SEV-4 with no cadence and nothing but a declaration and a resolution. */
export function quietIncident(): History {
  const h = new History("INC-4");
  h.at(0).run("pat", { type: "declare", title: "Typo on the status page footer", severity: "SEV-4" });
  h.at(30).run("pat", { type: "resolve", summary: "Footer text corrected" });
  return h;
}

/** Markup typed into the log: it must come out of the HTML draft as text. */
export const SCRIPT = "<script>alert('x')</script>";

export function markupIncident(): History {
  const h = new History("INC-5");
  h.at(0).run("ro", {
    type: "declare",
    title: `Login page ${SCRIPT} blank`,
    severity: "SEV-3",
    impact: `Users see ${SCRIPT}`,
  });
  h.at(2).run("ro", { type: "add-note", text: `pasted ${SCRIPT} from the browser console` });
  h.at(3).run("ro", {
    type: "change-status",
    status: "identified",
    note: `the bundle <img src=x onerror=alert(1)> fails`,
  });
  h.at(4).run("ro", { type: "propose-option", title: "Serve the previous bundle" });
  h.at(5).run("ro", {
    type: "record-decision",
    kind: "trade-off",
    title: "Serve the previous bundle",
    chosen: ["A"],
    rationale: `Known good & quick "${SCRIPT}"`,
  });
  h.at(6).run("ro", {
    type: "add-action-item",
    title: `Escape ${SCRIPT} in error pages`,
    owner: "ro",
    dueDate: "2026-03-09",
  });
  h.at(9).run("ro", { type: "resolve", summary: `Previous bundle served ${SCRIPT}` });
  return h;
}
