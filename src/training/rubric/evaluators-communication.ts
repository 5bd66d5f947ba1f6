/**
 * Communication, judged by the same text analyser that lints live updates: the findings
 * stored with each published update (clarity, concision, blame), the detail rules for
 * each audience (jargon, host names, speculation, length), and what the stakeholder was
 * told (impact, timeline, plan, next update time), how early and on what cadence.
 */
import { analyse } from "../../domain/analysis/index.js";
import { composeUpdate } from "../../domain/incident/decide-comms.js";
import { parseOffset } from "../duration.js";
import type { RunEvent } from "../run-record.js";
import { quote, type RubricContext } from "./context.js";
import type { EvaluatorParams } from "./params.js";
import type { Evidence, ItemOutcome } from "./types.js";

type Update = Extract<RunEvent, { type: "UpdatePublished" }>;

function findingsOf(update: Update) {
  return (update.findings ?? []).filter((f) => f.severity !== "info");
}

const NO_UPDATES: ItemOutcome["advice"] =
  "Publish updates (warroom update … --audience executive): impact first, then timeline, plan and the next update time.";

export function updateClarity(ctx: RubricContext): ItemOutcome {
  const updates = ctx.mine("UpdatePublished");
  if (updates.length === 0)
    return { fraction: 0, evidence: [ctx.absent("no update was published")], advice: NO_UPDATES };
  const evidence: Evidence[] = [];
  const rules = new Set<string>();
  let sum = 0;
  for (const u of updates) {
    const findings = findingsOf(u);
    const errors = findings.filter((f) => f.severity === "error").length;
    const warnings = findings.length - errors;
    sum += Math.max(0, 1 - 0.34 * errors - 0.12 * warnings);
    for (const f of findings) rules.add(f.rule);
    const what = findings.length === 0 ? "clean" : findings.map((f) => `${f.severity} ${f.rule}`).join(", ");
    evidence.push(
      ctx.event(u, `update ${u.updateId} to ${u.audience}: ${what}`, findings.map((f) => f.excerpt).filter(Boolean)),
    );
  }
  const fraction = sum / updates.length;
  return {
    fraction,
    evidence,
    advice:
      rules.size === 0
        ? "Updates were clear and short with nothing for the analyser to flag: keep writing them that way."
        : `Tighten the updates: the analyser flagged ${[...rules].slice(0, 4).join(", ")}.`,
  };
}

const DETAIL_RULES = new Set(["jargon", "internal-hostname", "speculation", "length", "sentence.long", "tone.panic"]);

export function updateDetail(ctx: RubricContext, p: EvaluatorParams<"update-detail">): ItemOutcome {
  const updates = ctx.mine("UpdatePublished").filter((u) => p.audiences.includes(u.audience));
  if (updates.length === 0) {
    return {
      fraction: 0,
      evidence: [ctx.absent(`no update to ${p.audiences.join(" or ")}`)],
      advice: `Write for each audience: the ${p.audiences.join(" and ")} update${p.audiences.length > 1 ? "s" : ""} never went out.`,
    };
  }
  const evidence: Evidence[] = [];
  const problems = new Set<string>();
  let sum = 0;
  for (const u of updates) {
    const hits = findingsOf(u).filter((f) => DETAIL_RULES.has(f.rule));
    sum += Math.max(0, 1 - 0.34 * hits.length);
    for (const h of hits) problems.add(h.rule);
    evidence.push(
      ctx.event(
        u,
        `${u.audience} update ${u.updateId}: ${hits.length === 0 ? "right level of detail" : hits.map((h) => h.rule).join(", ")}`,
        hits.map((h) => h.excerpt).filter(Boolean),
      ),
    );
  }
  return {
    fraction: sum / updates.length,
    evidence,
    advice:
      problems.size === 0
        ? "Each audience got its level of detail, no jargon where it does not belong: keep translating for the reader."
        : `Say it in the reader's terms: drop ${[...problems].join(", ")} from ${p.audiences.join("/")} updates.`,
  };
}

const PARTS = ["impact", "timeline", "plan", "next update"] as const;

/** Which of impact, timeline, plan and next update time an update gives its reader. */
function partsOf(u: Update): (typeof PARTS)[number][] {
  const text = composeUpdate({
    text: u.text,
    impact: u.impact,
    timeline: u.timeline,
    plan: u.plan,
    nextUpdateAt: u.nextUpdateAt,
  });
  const x = analyse(text, "executive").extracted;
  const timeline = x.timeline.start !== null || x.timeline.elapsed !== null || x.timeline.eta !== null;
  return PARTS.filter((part) =>
    part === "impact"
      ? x.impact !== null
      : part === "timeline"
        ? timeline
        : part === "plan"
          ? x.plan !== null
          : x.nextUpdate !== null,
  );
}

export function expectationsManaged(ctx: RubricContext, p: EvaluatorParams<"expectations-managed">): ItemOutcome {
  const updates = ctx.mine("UpdatePublished").filter((u) => u.audience === p.audience);
  if (updates.length === 0) {
    return {
      fraction: 0,
      evidence: [ctx.absent(`no update to the ${p.audience} audience`)],
      advice: `Tell the ${p.audience} early what is affected, when it should be better, the plan and when they will hear next.`,
    };
  }
  const evidence: Evidence[] = [];
  const first = updates[0] as Update;
  const firstWithin = parseOffset(p.firstWithin, "firstWithin");
  const early = ctx.offsetOf(first.at) <= firstWithin;
  evidence.push(
    ctx.event(first, `first ${p.audience} update ${early ? "in time" : "late"} (due within ${p.firstWithin})`),
  );
  const lacking = new Set<string>();
  let content = 0;
  for (const u of updates) {
    const parts = partsOf(u);
    content += parts.length / PARTS.length;
    for (const part of PARTS) if (!parts.includes(part)) lacking.add(part);
    evidence.push(
      ctx.event(
        u,
        `update ${u.updateId} gives ${parts.join(", ") || "none of impact, timeline, plan, next update"}: ${quote(u.text, 60)}`,
        parts,
      ),
    );
  }
  const overdue = ctx.all("ReminderIssued").filter((r) => r.kind === "update-overdue");
  for (const r of overdue) evidence.push(ctx.event(r, r.message));
  const cadence = Math.max(0, 1 - 0.5 * overdue.length);
  const fraction = 0.3 * (early ? 1 : 0.5) + 0.4 * (content / updates.length) + 0.3 * cadence;
  return {
    fraction,
    evidence,
    advice: !early
      ? `Send the first ${p.audience} update within ${p.firstWithin}, even if it only says what you know and when you will know more.`
      : lacking.size > 0
        ? `Every ${p.audience} update should give ${[...lacking].join(", ")}.`
        : overdue.length > 0
          ? "Keep the promised cadence: an update went overdue."
          : `The ${p.audience} always knew the impact, the plan and when to expect the next word: keep it up.`,
  };
}
