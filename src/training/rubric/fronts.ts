/**
 * The run seen front by front, for the multi-incident evaluators: each front's incident and
 * events, who commanded what and when, who was given work on which front and for how long,
 * what the trainee said, and evidence that points at the action behind any incident's event.
 */
import { composeUpdate } from "../../domain/incident/decide-comms.js";
import { fold } from "../../domain/incident/evolve.js";
import { COMMANDER_ROLE, SEVERITIES, type Severity } from "../../domain/incident/policy.js";
import type { Incident } from "../../domain/incident/state.js";
import { formatOffset, wallClock } from "../duration.js";
import type { Front } from "../fronts-schema.js";
import { speaksTo } from "../personas.js";
import type { RunEvent } from "../run-record.js";
import { matchGroups, mentions } from "../text-match.js";
import type { RubricContext } from "./context.js";
import type { Evidence } from "./types.js";

export interface FrontRun {
  front: Front;
  /** Its incident, or null when it was never declared. */
  id: string | null;
  events: RunEvent[];
  incident: Incident | null;
  /** Offsets from the start. */
  declaredAt: number | null;
  resolvedAt: number | null;
}

export function frontRuns(ctx: RubricContext): FrontRun[] {
  const incidents = ctx.run.incidents ?? [];
  return (ctx.scenario.fronts ?? []).map((front) => {
    const found = incidents.find((i) => i.front === front.key);
    const events = found?.events ?? [];
    const incident = events.length > 0 ? fold(events) : null;
    const resolved =
      incident?.status === "resolved" ? events.findLast((e) => e.type === "IncidentResolved") : undefined;
    return {
      front,
      id: found?.id ?? null,
      events,
      incident,
      declaredAt: found ? found.declaredAt : null,
      resolvedAt: resolved ? ctx.offsetOf(resolved.at) : null,
    };
  });
}

/** End of a front's open time: its resolution, or the end of the drill. */
export function openUntil(ctx: RubricContext, f: FrontRun): number {
  return f.resolvedAt ?? ctx.offsetOf(ctx.run.endedAt);
}

/** Evidence for an event of any incident of the drill, pointing at the action that appended it. */
export function eventEvidence(
  ctx: RubricContext,
  f: FrontRun,
  event: RunEvent,
  note: string,
  words?: string[],
): Evidence {
  const action = ctx.run.actions.find((a) => a.incident === f.id && a.events.includes(event.version));
  return {
    at: wallClock(event.at),
    offset: formatOffset(ctx.offsetOf(event.at)),
    ...(action === undefined ? {} : { action: action.index }),
    event: event.version,
    note: `${f.front.key} (${f.id}): ${note}`,
    ...(words && words.length > 0 ? { words } : {}),
  };
}

export type WorkKind = "command" | "role" | "task" | "workstream";

/** A person given something to do on a front, from `from` until `to` (offsets). */
export interface Work {
  person: string;
  kind: WorkKind;
  what: string;
  front: FrontRun;
  from: number;
  to: number;
  event: RunEvent;
}

/** Everything handed out on every front: command, roles, tasks and workstream leads, with how long each lasted. */
export function workOf(ctx: RubricContext, fronts: FrontRun[]): Work[] {
  const out: Work[] = [];
  for (const f of fronts) {
    const end = openUntil(ctx, f);
    const open = new Map<string, Work>();
    const start = (key: string, w: Omit<Work, "to" | "front">) => {
      const work: Work = { ...w, front: f, to: end };
      open.set(key, work);
      out.push(work);
    };
    const stop = (key: string, e: RunEvent) => {
      const w = open.get(key);
      if (w) w.to = Math.min(w.to, ctx.offsetOf(e.at));
      open.delete(key);
    };
    for (const e of f.events) {
      const at = ctx.offsetOf(e.at);
      const base = { from: at, event: e };
      if (e.type === "IncidentDeclared")
        start(`role:${COMMANDER_ROLE}`, { ...base, person: e.commander, kind: "command", what: "command" });
      else if (e.type === "CommandHandedOver") {
        stop(`role:${COMMANDER_ROLE}`, e);
        start(`role:${COMMANDER_ROLE}`, { ...base, person: e.to, kind: "command", what: "command" });
      } else if (e.type === "RoleAssigned")
        start(`role:${e.role}`, { ...base, person: e.person, kind: "role", what: e.role });
      else if (e.type === "RoleHandedOver") {
        stop(`role:${e.role}`, e);
        start(`role:${e.role}`, { ...base, person: e.to, kind: "role", what: e.role });
      } else if (e.type === "RoleReleased") stop(`role:${e.role}`, e);
      else if (e.type === "TaskAssigned" && ctx.isPerson(e.assignee)) {
        start(`task:${e.taskId}`, { ...base, person: e.assignee, kind: "task", what: `task ${e.taskId} "${e.title}"` });
      } else if (e.type === "TaskCompleted" || e.type === "TaskCancelled") stop(`task:${e.taskId}`, e);
      else if (e.type === "WorkstreamStarted") {
        start(`ws:${e.workstreamId}`, { ...base, person: e.lead, kind: "workstream", what: `workstream "${e.name}"` });
      } else if (e.type === "WorkstreamClosed") stop(`ws:${e.workstreamId}`, e);
    }
  }
  return out;
}

export interface Said {
  action: number;
  offset: number;
  text: string;
  /** Personas it speaks to (by handle or name, or the one asked). */
  to: Set<string>;
  /** Personas it is addressed to: asked, `@handle`, or hailed ("riley-ic, …", "Riley, …"). */
  addressed: Set<string>;
  /** The fronts it names (by their words, title or incident id). */
  fronts: Set<string>;
}

/** What the trainee said, in order: say, ask and notes, and every update on every front. */
export function saidAcross(ctx: RubricContext, fronts: FrontRun[]): Said[] {
  const out: Said[] = [];
  for (const a of ctx.run.actions) {
    if (!a.ok) continue;
    let text = "";
    if (["say", "ask", "note"].includes(a.verb)) text = String(a.fields.text ?? "");
    else if (a.verb === "update") {
      const f = a.fields as Record<string, string | undefined>;
      text = composeUpdate({
        text: f.text ?? "",
        impact: f.impact ?? null,
        timeline: f.timeline ?? null,
        plan: f.plan ?? null,
        nextUpdateAt: null,
      });
    } else continue;
    const to = new Set(ctx.scenario.cast.filter((p) => speaksTo(p, text)).map((p) => p.handle));
    const addressed = new Set(ctx.scenario.cast.filter((p) => hails(text, p.handle, p.name)).map((p) => p.handle));
    if (a.verb === "ask") {
      const asked = String(a.fields.to ?? "").replace(/^@/, "");
      to.add(asked);
      addressed.add(asked);
    }
    out.push({ action: a.index, offset: a.offset, text, to, addressed, fronts: frontsNamed(text, fronts) });
  }
  return out;
}

/** "@riley-ic …" anywhere, or "riley-ic, …" / "Riley, …" as a hail. */
function hails(text: string, handle: string, name: string | undefined): boolean {
  const quoteRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const names = [handle, ...(name ? [name] : [])].map(quoteRe).join("|");
  return new RegExp(`@${quoteRe(handle)}(?![\\p{L}\\p{N}_-])|(?<![\\p{L}\\p{N}_@-])(?:${names}),`, "iu").test(text);
}

/** The fronts a text speaks of: their words (`match`), their incident id, or their key. */
export function frontsNamed(text: string, fronts: FrontRun[]): Set<string> {
  const named = new Set<string>();
  for (const f of fronts) {
    const byWords = f.front.match !== undefined && matchGroups(text, f.front.match).matched;
    const byId = f.id !== null && mentions(text, f.id);
    if (byWords || byId || mentions(text, f.front.key)) named.add(f.front.key);
  }
  return named;
}

/** SEV-1 is 0, SEV-4 is 3: lower is more severe. */
export function rank(severity: Severity | undefined): number {
  return severity === undefined ? SEVERITIES.length : SEVERITIES.indexOf(severity);
}
