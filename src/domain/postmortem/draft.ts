/**
 * `buildDraft(source, now)`: the blameless postmortem drafted from the log — summary,
 * impact, detection and response figures, key timeline, decisions, a five-whys scaffold,
 * what went well and poorly, action items by horizon, lessons, an external message.
 * Pure; `now` only matters while the incident is open and for overdue action items.
 */

import type { EventType } from "../incident/events.js";
import { COMMANDER_ROLE, DEFAULT_POLICY, type IncidentPolicy } from "../incident/policy.js";
import type { TimelineEntry } from "../incident/timeline.js";
import { HELD_BACK, settleBlame, Wording } from "./blameless.js";
import { reviewSections } from "./draft-review.js";
import { responseFacts } from "./facts.js";
import { responseFigures } from "./figures.js";
import { minutesText, stamp, tPlus } from "./log.js";
import type {
  Block,
  DraftActionItem,
  DraftSection,
  PostmortemDraft,
  PostmortemSource,
  ResponseFigures,
} from "./types.js";

/** Timeline entries worth walking through at the review; notes and task chatter stay in the log. */
const KEY_EVENTS: Partial<Record<EventType, string>> = {
  IncidentDeclared: "Declared",
  SeverityChanged: "Severity changed",
  RoleAssigned: "Role filled",
  RoleHandedOver: "Role handed over",
  CommandHandedOver: "Command handed over",
  StatusChanged: "Status changed",
  UpdatePublished: "Update published",
  DecisionDeadlineSet: "Decision deadline set",
  DecisionRecorded: "Decision recorded",
  TriggerClosed: "Trigger closed",
  IncidentResolved: "Resolved",
  IncidentReopened: "Reopened",
};

export function buildDraft(
  source: PostmortemSource,
  now: string,
  policy: IncidentPolicy = DEFAULT_POLICY,
): PostmortemDraft {
  const wording = new Wording();
  const figures = responseFigures(source, now, policy);
  const facts = responseFacts(source, figures, policy);
  const today = now.slice(0, 10);
  const actionItems: DraftActionItem[] = source.actionItems.map((a) => ({
    id: a.id,
    title: a.title,
    owner: a.owner,
    dueDate: a.dueDate,
    horizon: a.horizon,
    status: a.status,
    overdue: a.status === "open" && a.dueDate !== null && a.dueDate < today,
  }));
  const sections: DraftSection[] = [
    { id: "summary", title: "Summary", blocks: [summary(source, figures, now, wording)] },
    { id: "impact", title: "Impact", blocks: [{ kind: "list", items: impact(source, figures, wording) }] },
    { id: "detection", title: "Detection and response", blocks: [{ kind: "list", items: detection(figures) }] },
    { id: "timeline", title: "Timeline", blocks: timeline(source, wording) },
    { id: "decisions", title: "Decisions", blocks: decisions(source, wording) },
    ...reviewSections(source, figures, facts, actionItems, wording),
  ];
  return settleBlame({
    incidentId: source.id,
    title: wording.line(`Postmortem: ${source.id} — `, source.title),
    generatedAt: now,
    sections,
    figures,
    wentWell: facts.wentWell,
    wentPoorly: facts.wentPoorly,
    actionItems,
    heldBack: wording.heldBack,
  });
}

function summary(source: PostmortemSource, f: ResponseFigures, now: string, wording: Wording): Block {
  const day = source.declaredAt;
  const sentences = [
    wording.line(`${source.id} (${source.severity}${source.mode === "drill" ? ", a drill" : ""}): `, source.title, "."),
    `Declared ${source.declaredAt.slice(0, 10)} at ${stamp(source.declaredAt, day)} by ${source.declaredBy}; Incident Commander at the end: ${source.roles[COMMANDER_ROLE]?.person ?? source.declaredBy}.`,
    f.ongoing
      ? `Still open when this draft was made (${stamp(now, day)}), ${minutesText(f.durationMinutes)} after declaring.`
      : `Resolved at ${stamp(f.endAt, day)}, ${minutesText(f.durationMinutes)} after declaring.`,
  ];
  if (source.impact) sentences.push(wording.line("Impact as recorded: ", source.impact, "."));
  if (source.resolutionSummary) sentences.push(wording.line("Resolution: ", source.resolutionSummary, "."));
  return { kind: "paragraph", text: sentences.join(" ") };
}

function impact(source: PostmortemSource, f: ResponseFigures, wording: Wording): string[] {
  const day = source.declaredAt;
  const items = [
    `${f.ongoing ? "Duration so far" : "Duration"}: ${minutesText(f.durationMinutes)} (${stamp(f.declaredAt, day)} to ${stamp(f.endAt, day)})`,
    source.usersAffectedPct === null
      ? "Users affected: (to fill in: the share or number of users affected)"
      : `Users affected: ${source.usersAffectedPct}% (as recorded when declared; confirm the final figure)`,
    source.services.length > 0
      ? `Services: ${source.services.join(", ")}`
      : "Services: (to fill in: none were recorded)",
  ];
  if (source.impact) items.push(wording.line("As described during the incident: ", source.impact));
  items.push("Revenue impact: (to fill in: not in the log)");
  items.push("Support tickets: (to fill in: not in the log)");
  const estimates = source.decisions
    .flatMap((d) => d.chosen)
    .map((id) => source.options.find((o) => o.id === id))
    .filter((o) => o?.attributes.dataLoss !== undefined);
  items.push(
    estimates.length === 0
      ? "Data loss: (to fill in: say plainly whether any data was lost)"
      : wording.line(
          "Data loss: (to confirm; estimated when deciding: ",
          estimates.map((o) => `option ${o?.id} ${o?.attributes.dataLoss}`).join(", "),
          ")",
        ),
  );
  return items;
}

function detection(f: ResponseFigures): string[] {
  const audiences = Object.entries(f.firstUpdateByAudience)
    .map(([audience, minutes]) => `${audience} ${minutesText(minutes)}`)
    .join(", ");
  const items = [
    "Time to declare: (to fill in: when the first signal appeared — an alert, a ticket, a report — is not in the log)",
    f.timeToFirstRoleMinutes === null
      ? "Time to first role: no role beyond the Incident Commander was filled"
      : `Time to first role: ${minutesText(f.timeToFirstRoleMinutes)}`,
    f.timeToFirstUpdateMinutes === null
      ? "Time to first update: no update was published"
      : `Time to first update: ${minutesText(f.timeToFirstUpdateMinutes)} (first by audience: ${audiences})`,
    `Updates: ${f.updatesPublished} published; cadence ${f.cadenceMinutes === null ? "off" : `${f.cadenceMinutes} min`}; longest gap ${f.longestUpdateGapMinutes === null ? "-" : minutesText(f.longestUpdateGapMinutes)}; ${f.lateUpdates} late`,
    f.timeToMitigateMinutes === null || f.mitigatedAt === null
      ? "Time to mitigate: no mitigating or monitoring status was recorded"
      : `Time to mitigate: ${minutesText(f.timeToMitigateMinutes)} (first mitigating or monitoring status at ${stamp(f.mitigatedAt, f.declaredAt)})`,
  ];
  for (const d of f.decisions) {
    const parts = [
      d.minutesFromOptions === null
        ? "no option recorded before it"
        : `${minutesText(d.minutesFromOptions)} from the first option`,
    ];
    if (d.deadlineId !== null && d.minutesFromDeadlineSet !== null) {
      parts.push(
        `${minutesText(d.minutesFromDeadlineSet)} from setting deadline ${d.deadlineId} (${d.metDeadline ? "met" : "missed"})`,
      );
    }
    items.push(`Decision latency, ${d.id}: ${parts.join("; ")}`);
  }
  const overran = f.tasks.overran.map((t) => `${t.id} by ${minutesText(t.overranMinutes)}`).join(", ");
  items.push(
    `Tasks past their time-box: ${f.tasks.overran.length} of ${f.tasks.total}${overran ? ` (${overran})` : ""}`,
  );
  const kinds = Object.entries(f.reminders.byKind)
    .map(([kind, n]) => `${kind} ${n}`)
    .join(", ");
  items.push(`Reminders issued: ${f.reminders.total}${kinds ? ` (${kinds})` : ""}`);
  return items;
}

function timeline(source: PostmortemSource, wording: Wording): Block[] {
  const items = source.timeline.filter(keyEvent).map((e) => {
    const before = `${stamp(e.at, source.declaredAt)} (${tPlus(e.at, source.declaredAt)}) — `;
    const [fixed, logged] = splitEntry(source, e);
    const line = wording.line(`${before}${fixed}`, logged);
    return line === `${before}${HELD_BACK}` ? `${before}${KEY_EVENTS[e.type]}: ${HELD_BACK}` : line;
  });
  return [
    { kind: "paragraph", text: "Key events from the log (notes and task chatter are left out; times are UTC)." },
    { kind: "list", items },
  ];
}

/** The entry as our fixed words and the logged words after them, so only the latter can be held back. */
function splitEntry(source: PostmortemSource, entry: TimelineEntry): [fixed: string, logged: string] {
  if (entry.type === "StatusChanged") {
    const m = /^(Status \w+ → \w+)(?:: ([\s\S]*))?$/.exec(entry.text);
    if (m?.[1]) return m[2] ? [`${m[1]}: `, m[2]] : [m[1], ""];
  }
  if (entry.type === "DecisionRecorded") {
    const id = /^Decision (\S+) /.exec(entry.text)?.[1];
    const decision = source.decisions.find((d) => d.id === id);
    if (decision) return [`Decision ${decision.id} (${decision.kind}): `, decision.title];
  }
  return ["", entry.text];
}

function keyEvent(entry: TimelineEntry): boolean {
  if (KEY_EVENTS[entry.type] === undefined) return false;
  return entry.type !== "TriggerClosed" || / fired\b/.test(entry.text);
}

function decisions(source: PostmortemSource, wording: Wording): Block[] {
  if (source.decisions.length === 0) return [{ kind: "paragraph", text: "No decisions were recorded in the log." }];
  const items = source.decisions.map((d) => {
    const parts = [
      wording.line(`${d.id} at ${stamp(d.at, source.declaredAt)} (${d.kind}, by ${d.decidedBy}): `, d.title, "."),
      `Chose ${d.chosen.join(" then ")}.`,
      wording.line("Rationale: ", d.rationale, "."),
    ];
    if (d.alternatives.length > 0) parts.push(wording.line("Alternatives: ", d.alternatives.join(", "), "."));
    if (d.fallback) parts.push(wording.line("Fallback: ", d.fallback, "."));
    if (d.consulted.length > 0) parts.push(`Consulted: ${d.consulted.join(", ")}.`);
    return parts.join(" ");
  });
  return [{ kind: "list", items }];
}
