/**
 * The parts of the draft the review completes: the five-whys scaffold, what went well
 * and poorly (prefilled from the facts), where we got lucky, action items by horizon,
 * lessons, and an external message with an apology.
 */
import { HORIZONS, type Horizon } from "../incident/events.js";
import type { Wording } from "./blameless.js";
import type { ResponseFacts } from "./facts.js";
import { stamp } from "./log.js";
import type { Block, DraftActionItem, DraftSection, PostmortemSource, ResponseFigures } from "./types.js";

const HORIZON_TITLES: Record<Horizon, string> = {
  immediate: "Immediate (this week)",
  "short-term": "Short-term (this month)",
  "long-term": "Long-term (this quarter)",
};

export function reviewSections(
  source: PostmortemSource,
  figures: ResponseFigures,
  facts: ResponseFacts,
  actionItems: DraftActionItem[],
  wording: Wording,
): DraftSection[] {
  return [
    { id: "root-cause", title: "Root cause analysis (five whys)", blocks: fiveWhys(source, wording) },
    { id: "went-well", title: "What went well", blocks: factList(facts.wentWell, "what helped") },
    { id: "went-poorly", title: "What went poorly", blocks: factList(facts.wentPoorly, "what got in the way") },
    {
      id: "lucky",
      title: "Where we got lucky",
      blocks: [{ kind: "paragraph", text: "(to fill in: what limited the damage by chance rather than by design?)" }],
    },
    { id: "action-items", title: "Action items", blocks: actionBlocks(actionItems, wording) },
    {
      id: "lessons",
      title: "Lessons learned",
      blocks: [
        {
          kind: "paragraph",
          text: "(to fill in at the review: what did this incident teach us that changes how we build, test or respond? Name the safeguards we are adding, not the people involved.)",
        },
      ],
    },
    { id: "external-message", title: "External message (draft)", blocks: externalMessage(source, figures) },
  ];
}

function fiveWhys(source: PostmortemSource, wording: Wording): Block[] {
  const subject = source.impact || source.title;
  const whys = [
    wording.line("Why were users affected (", subject, ")? → (to fill in)"),
    "Why did that happen? → (to fill in)",
    "Why did that happen? → (to fill in)",
    "Why was it not caught earlier? → (to fill in)",
    "Why does our process or tooling allow that? → (to fill in)",
  ];
  const blocks: Block[] = [
    {
      kind: "paragraph",
      text: "Work back from the impact to causes in the system and the process. Each answer is a fact someone can point to; stop at something we can change (a safeguard, a check, a default), and list every contributing cause, not only the first.",
    },
    { kind: "numbered", items: whys },
  ];
  blocks.push({
    kind: "paragraph",
    text: source.resolutionSummary
      ? wording.line("Temporary fix, from the log: ", source.resolutionSummary, ". Lasting fix: (to fill in).")
      : "Temporary fix: (to fill in; the incident is not resolved yet). Lasting fix: (to fill in).",
  });
  return blocks;
}

function factList(facts: string[], what: string): Block[] {
  const more: Block = { kind: "paragraph", text: `(to fill in: add ${what} that the log cannot show.)` };
  return facts.length === 0 ? [more] : [{ kind: "list", items: facts }, more];
}

function actionBlocks(items: DraftActionItem[], wording: Wording): Block[] {
  const blocks: Block[] = [];
  for (const horizon of HORIZONS) {
    blocks.push({ kind: "subheading", text: HORIZON_TITLES[horizon] });
    const mine = items.filter((a) => a.horizon === horizon);
    if (mine.length === 0) {
      blocks.push({ kind: "paragraph", text: "None recorded yet." });
      continue;
    }
    blocks.push({
      kind: "checklist",
      items: mine.map((a) => ({
        done: a.status === "done",
        text: wording.line(
          `${a.id}: `,
          a.title,
          ` — owner @${a.owner}, ${a.dueDate === null ? "due date not set" : `due ${a.dueDate}`}${a.overdue ? " (overdue)" : ""}`,
        ),
      })),
    });
  }
  return blocks;
}

function externalMessage(source: PostmortemSource, f: ResponseFigures): Block[] {
  const day = source.declaredAt.slice(0, 10);
  const window = f.ongoing
    ? `Since ${stamp(f.declaredAt, day)} on ${day}`
    : `On ${day}, between ${stamp(f.declaredAt, day)} and ${stamp(f.endAt, day)}`;
  const share =
    source.usersAffectedPct === null
      ? "(to fill in: how many customers were affected)"
      : source.usersAffectedPct === 100
        ? "All of our users were affected."
        : `About ${source.usersAffectedPct}% of our users were affected.`;
  return [
    {
      kind: "paragraph",
      text: `${window}, (to fill in: what customers could not do, in their terms, without internal system names). ${share}`,
    },
    {
      kind: "paragraph",
      text: "We are sorry. You count on us to be there when you need us, and for that time we were not. (to fill in: one or two plain sentences on what happened.)",
    },
    {
      kind: "paragraph",
      text: "What we have done: (to fill in: the fix now in place). What we are changing so it does not happen again: (to fill in: the main action items, in plain words). (to fill in: say plainly whether any data was lost.)",
    },
  ];
}
