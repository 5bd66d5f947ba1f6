/**
 * Transfer of command, judged from the record: handed over explicitly (not released, not
 * drifted), around the rotation mark, to the person lined up, and announced; a briefing
 * that gives the next commander what they need; and the old commander stepping back.
 */
import { parseOffset } from "../duration.js";
import { minutesText, quote, type RubricContext } from "./context.js";
import type { EvaluatorParams } from "./params.js";
import { conceptWords, listed, saidBy } from "./said.js";
import type { Evidence, ItemOutcome } from "./types.js";

/** Commands a commander issues; after handing over, the old commander should leave them to the new one. */
const COMMANDING = new Set([
  "assign-role",
  "release-role",
  "hand-over-role",
  "change-severity",
  "change-status",
  "publish-update",
  "start-workstream",
  "assign-task",
  "propose-option",
  "record-decision",
  "set-decision-deadline",
  "set-trigger",
  "set-cadence",
  "resolve",
]);

function handover(ctx: RubricContext) {
  return ctx.mine("CommandHandedOver").find((e) => e.from === ctx.trainee);
}

export function commandHandover(ctx: RubricContext, p: EvaluatorParams<"command-handover">): ItemOutcome {
  const event = handover(ctx);
  if (!event) {
    const released = ctx.mine("RoleReleased").find((e) => e.person === ctx.trainee);
    return {
      fraction: 0,
      evidence: [
        released
          ? ctx.event(released, `${released.role} released, not handed over`)
          : ctx.absent("command never handed over"),
      ],
      advice: `Hand command over explicitly (\`handover ${p.to ?? "<next commander>"} --briefing …\`) around the ${p.rotation} mark, and announce it.`,
    };
  }
  const declaredAt = ctx.incident?.declaredAt ?? ctx.run.startedAt;
  const age = (Date.parse(event.at) - Date.parse(declaredAt)) / 1000;
  const mark = parseOffset(p.rotation, "rotation");
  const window = parseOffset(p.window, "window");
  const onTime = Math.abs(age - mark) <= window;
  const rightPerson = p.to === undefined || event.to === p.to;
  const evidence: Evidence[] = [
    ctx.event(
      event,
      `command handed to ${event.to} ${minutesText(Math.round(age))} into the incident${onTime ? "" : ` (rotation mark ${p.rotation})`}`,
    ),
  ];
  const handedAt = ctx.offsetOf(event.at);
  const announcement = saidBy(ctx)
    .filter(
      (m) => Math.abs(m.offset - handedAt) <= window && (m.kind === "update" || m.kind === "say" || m.kind === "note"),
    )
    // The announcement at or after the handover counts first; one just before it ("Ben takes over at 11:55") next.
    .sort((a, b) => Number(a.offset < handedAt) - Number(b.offset < handedAt) || a.offset - b.offset)
    .map((m) => ({
      m,
      words: m.text.includes(event.to) || mentionsName(ctx, event.to, m.text) ? announces(p, m.text) : null,
    }))
    .find((x) => x.words);
  if (announcement) {
    evidence.push(
      ctx.action(announcement.m.action, `announced: ${quote(announcement.m.text, 70)}`, announcement.words ?? []),
    );
  }
  const fraction = 0.4 + 0.2 * (onTime ? 1 : 0) + 0.1 * (rightPerson ? 1 : 0) + 0.3 * (announcement ? 1 : 0);
  const gaps = [
    ...(onTime ? [] : [`hand over within ${p.window} of the ${p.rotation} mark`]),
    ...(rightPerson ? [] : [`hand over to ${p.to}, who was lined up for it`]),
    ...(announcement ? [] : [`announce to the room that ${event.to} now has command`]),
  ];
  return {
    fraction,
    evidence,
    advice:
      gaps.length === 0
        ? "The handover was explicit, on time and announced: keep transferring command that cleanly."
        : `${listed(gaps).replace(/^./, (s) => s.toUpperCase())}.`,
  };
}

function announces(p: EvaluatorParams<"command-handover">, text: string): string[] | null {
  for (const concept of p.announce) {
    const words = conceptWords(text, concept.match);
    if (words) return words;
  }
  return null;
}

function mentionsName(ctx: RubricContext, handle: string, text: string): boolean {
  const name = ctx.scenario.cast.find((c) => c.handle === handle)?.name;
  return name !== undefined && new RegExp(`\\b${name}\\b`, "i").test(text);
}

export function handoverBriefing(ctx: RubricContext, p: EvaluatorParams<"handover-briefing">): ItemOutcome {
  const event = handover(ctx);
  if (!event) {
    return {
      fraction: 0,
      evidence: [ctx.absent("no handover, so no briefing")],
      advice: `Brief the next commander as you hand over: ${listed(p.concepts.map((c) => c.name))}.`,
    };
  }
  const handedAt = ctx.offsetOf(event.at);
  const since = handedAt - parseOffset(p.before, "before");
  const texts: { text: string; evidence: (note: string, words: string[]) => Evidence }[] = [];
  if (event.briefing) texts.push({ text: event.briefing, evidence: (note, words) => ctx.event(event, note, words) });
  for (const m of saidBy(ctx)) {
    if (m.offset >= since && m.offset <= handedAt && m.to.has(event.to)) {
      texts.push({ text: m.text, evidence: (note, words) => ctx.action(m.action, note, words) });
    }
  }
  const evidence: Evidence[] = [];
  const absent: string[] = [];
  for (const concept of p.concepts) {
    const hit = texts.map((t) => ({ t, words: conceptWords(t.text, concept.match) })).find((x) => x.words);
    if (hit) evidence.push(hit.t.evidence(`briefing covers ${concept.name}`, hit.words ?? []));
    else absent.push(concept.name);
  }
  if (evidence.length === 0)
    evidence.push(
      ctx.event(event, event.briefing ? "the briefing misses what matters" : "handed over without a briefing"),
    );
  return {
    fraction: (p.concepts.length - absent.length) / p.concepts.length,
    evidence,
    advice:
      absent.length === 0
        ? "The next commander got the whole picture in one briefing: keep briefing that completely."
        : `In the handover briefing, also cover ${listed(absent)}.`,
  };
}

export function commandRelinquished(ctx: RubricContext, p: EvaluatorParams<"command-relinquished">): ItemOutcome {
  const event = handover(ctx);
  if (!event) {
    return {
      fraction: 0,
      evidence: [ctx.absent("command was never handed over")],
      advice: "Hand command over, then step back: answer questions, but leave the commands to the new commander.",
    };
  }
  const from = ctx.offsetOf(event.at) + parseOffset(p.grace, "grace");
  const after = ctx.run.actions.filter(
    (a) => a.ok && a.offset > from && a.command !== null && COMMANDING.has(a.command),
  );
  const evidence: Evidence[] = [ctx.event(event, `handed command to ${event.to}`)];
  for (const a of after) evidence.push(ctx.action(a.index, `still commanding after the handover: ${a.command}`));
  return {
    fraction: 0.5 ** Math.min(3, after.length),
    evidence,
    advice:
      after.length === 0
        ? "After handing over you stepped back and let the new commander run it: keep doing that."
        : `Once ${event.to} has command, stop issuing commands yourself: pass what you know to them instead.`,
  };
}
