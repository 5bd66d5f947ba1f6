/**
 * Drafts for readers outside the response. Executive: impact and users first, how long,
 * where things stand, what is being done and what happens if it fails, when they hear
 * next; no engineering talk. Customer / status page: what customers notice, an apology,
 * no internal names and no promised fix time, the next update; once resolved, whether
 * any data was lost (a placeholder when nobody has said).
 */
import type { Status } from "../incident/events.js";
import { lowerFirst, placeholder, type Segment, Slot, sentence, upperFirst, when } from "./compose.js";
import type { Facts } from "./facts.js";
import type { Template } from "./template.js";

const EXEC_STATUS: Record<Status, string> = {
  investigating: "the team is working to find the cause",
  identified: "the cause is identified and a fix is being prepared",
  mitigating: "a fix is under way",
  monitoring: "a fix is in place and the team is checking that it holds",
  resolved: "resolved",
};

/** What the team is doing when no decision has been recorded yet. */
export const PLAN_BY_STATUS: Record<Status, string> = {
  investigating: "the team is narrowing down the cause and preparing the fastest safe way to restore service",
  identified: "the team is preparing the fix",
  mitigating: "the team is applying the fix and checking its effect",
  monitoring: "the team is watching the fix and will confirm when the service is stable",
  resolved: "none",
};

const CUSTOMER_STATUS: Record<Status, string> = {
  investigating: "We are investigating and working to restore normal service as quickly as we safely can.",
  identified: "We have found the cause and are working on a fix.",
  mitigating: "We are putting a fix in place.",
  monitoring: "A fix is in place, and we are watching closely to make sure it holds.",
  resolved: "",
};

/** The impact as the recorded text, with the share of users when known. */
function impactSlot(f: Facts, fallback: string): { slot: Slot; share: string } {
  if (f.impact === "" && f.usersPct !== null) {
    return { slot: new Slot(`about ${f.usersPct}% of users are affected`, fallback), share: "" };
  }
  const share = f.usersPct === null || f.impact.includes(`${f.usersPct}%`) ? "" : ` (about ${f.usersPct}% of users)`;
  return { slot: new Slot(f.impact, fallback), share };
}

/** "If no root cause by 14:25 UTC, we will roll back." for each open trigger. */
export function triggerSentences(f: Facts): Segment[] {
  return f.triggers.flatMap((t) => [
    "If ",
    new Slot(t.condition, placeholder("the condition")),
    ` by ${when(t.dueAt, f.now)}, we will `,
    new Slot(t.action, placeholder("the action")),
    ".\n",
  ]);
}

export function executiveTemplate(f: Facts): Template {
  const { slot: impact, share } = impactSlot(f, placeholder("who is affected and how, in business terms"));
  const d = f.decision;
  const plan: Segment = d
    ? new Slot(`we are going with ${d.title}`, placeholder("what the team is doing now"))
    : PLAN_BY_STATUS[f.incident.status];
  const why = d ? new Slot(d.rationale, placeholder("why this course of action")) : null;
  const fallback = d?.fallback ? new Slot(d.fallback, placeholder("what happens if it does not work")) : null;
  const summary = new Slot(f.incident.resolutionSummary ?? "", placeholder("how service was restored"));
  const data = dataSegments(f, "Data: no data was lost.", "Data: ", placeholder("was any data lost, and whose"));
  const timeline = f.resolved
    ? `${f.started} to ${f.ended ?? ""} (${f.elapsed})`
    : `started ${f.started}, ${f.elapsed} ago`;
  const segments = ((): Segment[] => {
    const head: Segment[] = ["Impact: ", impact, `${share}.\n`];
    if (f.resolved) {
      return [
        ...head,
        `Resolved: service was restored at ${f.ended ?? ""}, ${f.elapsed} after it started at ${f.started}.\n`,
        "Summary: ",
        summary,
        ".\n",
        ...data,
        "Next: the team will write a blameless review and share the follow-up actions.",
      ];
    }
    return [
      ...head,
      `Status: ${EXEC_STATUS[f.incident.status]} (${f.incident.severity}). It started at ${f.started}, ${f.elapsed} ago.\n`,
      "Plan: ",
      plan,
      ".\n",
      ...(why ? ["Why: ", why, ".\n"] : []),
      ...(fallback ? ["Fallback: ", fallback, ".\n"] : []),
      ...triggerSentences(f),
      ...f.deadlines.flatMap((dl) => [
        `We will decide by ${when(dl.dueAt, f.now)}: `,
        new Slot(lowerFirst(sentence(dl.question)), `${placeholder("the question")}.`),
        "\n",
      ]),
      `Next update at ${when(f.nextUpdateAt ?? f.now, f.now)}.`,
    ];
  })();
  return {
    segments,
    parts: () => ({
      impact: impact.text + share,
      timeline,
      plan: f.resolved ? summary.text : typeof plan === "string" ? plan : plan.text,
      nextUpdateAt: f.nextUpdateAt,
    }),
  };
}

export function customerTemplate(f: Facts): Template {
  const fallback = placeholder("what customers notice, in their words");
  const impact = new Slot(f.resolved ? f.impact : upperFirst(f.impact), fallback);
  const data = dataSegments(
    f,
    "No data was lost.\n",
    "",
    placeholder("was any customer data lost? Say what was lost, or that nothing was"),
  );
  const status = CUSTOMER_STATUS[f.incident.status];
  const segments = ((): Segment[] => {
    if (f.resolved) {
      return [
        `Resolved: the issue is fixed, and the service has been working normally since ${f.ended ?? ""}.\n`,
        "What you may have noticed: ",
        impact,
        ".\n",
        ...data,
        "We are sorry for the disruption, and thank you for your patience.",
      ];
    }
    return [
      impact,
      ". We are sorry for the disruption.\n",
      `${status}\n`,
      `We will post the next update by ${when(f.nextUpdateAt ?? f.now, f.now)}.`,
    ];
  })();
  return {
    segments,
    parts: () => ({
      impact: impact.text,
      timeline: f.resolved ? `${f.started} to ${f.ended ?? ""}` : `started ${f.started}`,
      plan: f.resolved ? "none: the issue is resolved" : status,
      nextUpdateAt: f.nextUpdateAt,
    }),
  };
}

/** What is known about lost data, as segments: a known "none", the recorded loss, or a placeholder. */
export function dataSegments(f: Facts, none: string, label: string, unknown: string): Segment[] {
  if (f.dataLoss.state === "none") return [`${none}${none.endsWith("\n") ? "" : "\n"}`];
  if (f.dataLoss.state === "some" && label !== "") {
    return [label, new Slot(`recorded for the chosen course, ${f.dataLoss.detail.join("; ")}`, unknown), ".\n"];
  }
  return [label, `${unknown}\n`];
}
