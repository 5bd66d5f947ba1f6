/**
 * What the trainee said, for the scenario evaluators: every say, ask and note (and each
 * published update, composed as its readers get it), with the personas it speaks to; the
 * questions in it; and concept matching over it. Rubric concepts are the scenario's data,
 * matched by stemmed phrase groups, so a good answer in other words still counts.
 */
import { composeUpdate } from "../../domain/incident/decide-comms.js";
import type { Audience } from "../../domain/incident/events.js";
import { questionsIn, speaksTo } from "../personas.js";
import { matchGroups } from "../text-match.js";
import type { RubricContext } from "./context.js";

export interface Said {
  offset: number;
  action: number;
  text: string;
  /** Personas it speaks to (by handle or name, by `ask`, or through their audience). */
  to: Set<string>;
  audience: Audience | null;
  kind: "say" | "ask" | "note" | "update";
}

/** A concept's match: any alternative will do; within one, every phrase group must match. */
export type ConceptMatch = readonly (readonly (readonly string[])[])[];
export interface Concept {
  name: string;
  match: ConceptMatch;
}

/** The words that made the concept match, or null. */
export function conceptWords(text: string, match: ConceptMatch): string[] | null {
  for (const alternative of match) {
    const hit = matchGroups(text, alternative);
    if (hit.matched) return hit.words;
  }
  return null;
}

/** Everything the trainee said, in order. */
export function saidBy(ctx: RubricContext): Said[] {
  const out: Said[] = [];
  const cast = ctx.scenario.cast;
  for (const a of ctx.run.actions) {
    if (!a.ok || (a.verb !== "say" && a.verb !== "ask" && a.verb !== "note")) continue;
    const text = String(a.fields.text ?? "");
    const to = new Set(cast.filter((p) => speaksTo(p, text)).map((p) => p.handle));
    if (a.verb === "ask") to.add(String(a.fields.to ?? "").replace(/^@/, ""));
    out.push({ offset: a.offset, action: a.index, text, to, audience: null, kind: a.verb });
  }
  for (const u of ctx.mine("UpdatePublished")) {
    const text = composeUpdate({
      text: u.text,
      impact: u.impact,
      timeline: u.timeline,
      plan: u.plan,
      nextUpdateAt: u.nextUpdateAt,
    });
    const to = new Set(cast.filter((p) => p.audience === u.audience || speaksTo(p, u.text)).map((p) => p.handle));
    // Versions repeat across a drill's incidents: match the action on this incident.
    const action =
      ctx.run.actions.find(
        (a) => a.events.includes(u.version) && (a.incident === undefined || a.incident === ctx.run.incidentId),
      )?.index ?? -1;
    out.push({ offset: ctx.offsetOf(u.at), action, text, to, audience: u.audience, kind: "update" });
  }
  return out.sort((a, b) => a.offset - b.offset || a.action - b.action);
}

/** The questions in a message: its sentences ending with "?", or the whole of an `ask`. */
export function questionsOf(message: Said): string[] {
  const marked = (message.text.match(/[^.!?\n]*\?/g) ?? []).map((q) => q.trim()).filter(Boolean);
  if (marked.length > 0) return marked;
  return message.kind === "ask" ? [message.text.trim()] : [];
}

export { questionsIn };

/** "a, b and c" (or "a, b or c") for advice. */
export function listed(items: readonly string[], last: "and" | "or" = "and"): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} ${last} ${items.at(-1)}`;
}
