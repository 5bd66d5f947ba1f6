/**
 * The review meeting: 60 minutes in the handbook's shape (introduction 5, timeline 10,
 * root cause 20, what went well 10, action items 15), each part with its aims and the
 * incident's own facts, plus when to hold it. Built on the draft, so it is blameless too.
 */
import { DEFAULT_POLICY, type IncidentPolicy } from "../incident/policy.js";
import { buildDraft } from "./draft.js";
import { minutesText } from "./log.js";
import type { PostmortemDraft, PostmortemSource } from "./types.js";

export interface AgendaItem {
  title: string;
  minutes: number;
  /** Minutes into the meeting this part starts. */
  startsAt: number;
  aims: string[];
  facts: string[];
}

export interface PostmortemAgenda {
  incidentId: string;
  title: string;
  totalMinutes: number;
  /** The last day to hold the review (UTC date), or null when no target applies. */
  holdBy: string | null;
  /** The day the draft should reach the attendees: a day before `holdBy`. */
  draftOutBy: string | null;
  timing: string;
  facilitation: string[];
  items: AgendaItem[];
}

export const FACILITATION = [
  "The facilitator was not part of the response and stays neutral: they guide the discussion and do not judge.",
  "Ask how rather than why: how did it look at the time, what did you see, what did you expect? It draws out detail instead of defence.",
  "Walk the whole timeline before anyone proposes a fix.",
  "The meeting worked if someone leaves knowing something that changes how they work, and people would come to the next one.",
];

export function buildAgenda(
  source: PostmortemSource,
  now: string,
  policy: IncidentPolicy = DEFAULT_POLICY,
): PostmortemAgenda {
  const draft = buildDraft(source, now, policy);
  const f = draft.figures;
  const subject = draft.title.replace(/^Postmortem: /, "");
  const keyEvents = draft.sections.find((s) => s.id === "timeline")?.blocks.flatMap(listItems) ?? [];
  const open = draft.actionItems.filter((a) => a.status === "open");
  const items: Omit<AgendaItem, "startsAt">[] = [
    {
      title: "Introduction",
      minutes: 5,
      aims: [
        "Set the tone: blameless and about learning.",
        "State the goal: fewer repeats of this kind of incident, not a culprit.",
        "Ground rules: one person speaks at a time; assume everyone acted in good faith on what they knew then.",
      ],
      facts: [
        `${subject} (${source.severity})`,
        `${f.ongoing ? "Open for" : "Lasted"} ${minutesText(f.durationMinutes)}${source.usersAffectedPct === null ? "" : `; ${source.usersAffectedPct}% of users affected`}`,
        `People in the log: ${participants(source).join(", ")}`,
      ],
    },
    {
      title: "Timeline review",
      minutes: 10,
      aims: [
        "Walk through the events in order, facts only.",
        "Let the people who were there correct and add details.",
        "Note where stress or confusion showed.",
      ],
      facts: [
        `${keyEvents.length} key events, from the declaration to ${f.ongoing ? "now" : "the resolution"}`,
        ...keyEvents.slice(0, 3),
        ...(keyEvents.length > 3 ? [`… ${keyEvents.length - 3} more in the draft`] : []),
        ...stressPoints(draft),
      ],
    },
    {
      title: "Root cause analysis",
      minutes: 20,
      aims: [
        "Use the five whys, from the impact back to causes in the system and the process.",
        "Invite several perspectives; expect more than one contributing cause.",
        "Look for what the tooling or process allowed, and ask people how things unfolded.",
      ],
      facts: [
        ...(draft.sections
          .find((s) => s.id === "root-cause")
          ?.blocks.flatMap(listItems)
          .slice(0, 1) ?? []),
        ...f.decisions.map(
          (d) =>
            `Decision ${d.id}: ${d.minutesFromOptions === null ? "no earlier option recorded" : `${minutesText(d.minutesFromOptions)} from the first option`}`,
        ),
        f.timeToMitigateMinutes === null
          ? "No mitigation status was recorded"
          : `Mitigation began ${minutesText(f.timeToMitigateMinutes)} after declaring`,
      ],
    },
    {
      title: "What went well",
      minutes: 10,
      aims: ["Recognise the responses that helped.", "Name the strengths to keep.", "Praise specific actions."],
      facts: draft.wentWell.length > 0 ? draft.wentWell : ["Nothing in the log stood out; ask the room."],
    },
    {
      title: "Action items",
      minutes: 15,
      aims: [
        "Brainstorm changes to the system and the process.",
        "Rank them by impact.",
        "Give each one owner and a due date, and keep the commitments realistic.",
      ],
      facts: [
        `${open.length} open action item${open.length === 1 ? "" : "s"} already recorded${countNote(open)}`,
        ...draft.wentPoorly.map((p) => `Candidate: ${p}`),
      ],
    },
  ];
  let startsAt = 0;
  const timed = items.map((item) => {
    const withStart = { ...item, startsAt };
    startsAt += item.minutes;
    return withStart;
  });
  const { holdBy, timing } = holdByDate(source);
  return {
    incidentId: source.id,
    title: `Postmortem review: ${subject}`,
    totalMinutes: startsAt,
    holdBy,
    draftOutBy: holdBy === null ? null : addDays(holdBy, -1),
    timing,
    facilitation: FACILITATION,
    items: timed,
  };
}

function listItems(block: PostmortemDraft["sections"][number]["blocks"][number]): string[] {
  return block.kind === "list" || block.kind === "numbered" ? block.items : [];
}

function participants(source: PostmortemSource): string[] {
  const people = new Set<string>([source.declaredBy, ...Object.values(source.roles).map((r) => r.person)]);
  for (const entry of source.timeline) people.add(entry.by);
  return [...people].sort();
}

function stressPoints(draft: PostmortemDraft): string[] {
  const f = draft.figures;
  const out: string[] = [];
  if (f.lateUpdates > 0)
    out.push(`Stress point: ${f.lateUpdates} update${f.lateUpdates === 1 ? "" : "s"} went out late`);
  if (f.tasks.overran.length > 0) out.push(`Stress point: ${f.tasks.overran.length} task(s) ran past their time-box`);
  if (f.missedDeadlines.length > 0) out.push(`Stress point: ${f.missedDeadlines.length} decision deadline(s) passed`);
  return out;
}

function countNote(open: PostmortemDraft["actionItems"]): string {
  const undated = open.filter((a) => a.dueDate === null).length;
  const overdue = open.filter((a) => a.overdue).length;
  const notes = [undated > 0 ? `${undated} without a due date` : "", overdue > 0 ? `${overdue} overdue` : ""];
  const text = notes.filter(Boolean).join(", ");
  return text ? ` (${text})` : "";
}

/** SEV-1: within 3 calendar days of resolving; SEV-2: within 5 business days; others: no fixed target. */
function holdByDate(source: PostmortemSource): { holdBy: string | null; timing: string } {
  if (source.resolvedAt === null) {
    return { holdBy: null, timing: "Schedule the review once the incident is resolved." };
  }
  const resolvedDay = source.resolvedAt.slice(0, 10);
  if (source.severity === "SEV-1") {
    return { holdBy: addDays(resolvedDay, 3), timing: "SEV-1: hold the review within 3 calendar days of resolving." };
  }
  if (source.severity === "SEV-2") {
    let day = resolvedDay;
    for (let left = 5; left > 0; ) {
      day = addDays(day, 1);
      const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
      if (weekday !== 0 && weekday !== 6) left -= 1;
    }
    return { holdBy: day, timing: "SEV-2: hold the review within 5 business days of resolving." };
  }
  return { holdBy: null, timing: `${source.severity}: no fixed target; hold it while memories are fresh.` };
}

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
