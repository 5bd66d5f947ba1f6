/**
 * A drill that starts in the middle of a story: the scenario's prelude (the incident as it
 * stood before the drill), played before the trainee's first action as the personas' own commands on the drill's engine, at the
 * wall-clock times the scenario gives. A postmortem drill starts from a resolved outage;
 * a handover drill from a long incident the trainee already commands.
 *
 *   prelude:
 *     date: 2026-03-03             # optional: the scenario's date
 *     actions:
 *       - { at: "14:12", actor: lee-oncall, do: declare, title: Checkout down, severity: SEV-1 }
 *       - { at: "14:15", actor: lee-oncall, do: handover, to: $trainee, briefing: "…" }
 *       - { at: "18:10", actor: priya-ic, do: resolve, summary: "…" }
 *
 * Each action is a transcript action (the same verbs and fields, `ask` excepted; `say` is a
 * note) done by its `actor`, someone other than the trainee, so the rubric's "what the trainee did"
 * never includes it. `$trainee` in a field stands for the trainee's handle. Every prelude
 * step also appears in the feed, at its own time, as a system line.
 */
import { z } from "zod";
import { WarroomError } from "../domain/shared/errors.js";
import type { DrillSession } from "./session.js";
import { checkAction } from "./transcript.js";
import { intentOf } from "./verbs.js";

const TIME = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/;
/** Stands for the trainee's handle in a prelude field: `to: $trainee`. */
export const TRAINEE_TOKEN = "$trainee";

export const preludeActionSchema = z
  .object({
    /** Wall-clock time on the prelude's date (UTC): "14:03" or "14:03:30". */
    at: z.string().regex(TIME, "a time like 14:03 or 14:03:30"),
    /** Who did it: a persona, or someone who was there before the drill (never the trainee). */
    actor: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, "a person's handle"),
    /** A transcript verb (not ask); its fields follow, as in a transcript. */
    do: z.string().min(1),
  })
  .catchall(z.unknown());

export const preludeSchema = z
  .object({
    /** The day it happened; the scenario's date when left out. */
    date: z.iso.date().optional(),
    actions: z.array(preludeActionSchema).min(1),
  })
  .strict();

export type Prelude = z.output<typeof preludeSchema>;

/** Seconds into the day of "14:03" / "14:03:30". */
function secondsOf(time: string): number {
  const m = TIME.exec(time);
  return m ? Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3] ?? 0) : 0;
}

function instant(date: string, time: string): number {
  return Date.parse(`${date}T00:00:00.000Z`) + secondsOf(time) * 1000;
}

/** Problems with a scenario's prelude, each with its path (checked with the scenario). */
export function preludeIssues(
  prelude: Prelude,
  scenario: { date: string; startsAt: string },
): { path: (string | number)[]; message: string }[] {
  const out: { path: (string | number)[]; message: string }[] = [];
  const date = prelude.date ?? scenario.date;
  const start = instant(scenario.date, scenario.startsAt);
  let previous = Number.NEGATIVE_INFINITY;
  prelude.actions.forEach((raw, i) => {
    const at = instant(date, raw.at);
    if (at < previous) out.push({ path: ["prelude", "actions", i, "at"], message: "keep the prelude in time order" });
    if (at >= start) {
      out.push({ path: ["prelude", "actions", i, "at"], message: "the prelude happens before the drill starts" });
    }
    previous = Math.max(previous, at);
    if (i === 0 && raw.do !== "declare") {
      out.push({ path: ["prelude", "actions", 0, "do"], message: "the prelude starts with the declaration" });
    }
    if (i > 0 && raw.do === "declare") {
      out.push({ path: ["prelude", "actions", i, "do"], message: "a drill has one incident: declare it once" });
    }
    if (raw.do === "ask") {
      out.push({ path: ["prelude", "actions", i, "do"], message: "the prelude holds what was done: use say or note" });
      return;
    }
    const { actor: _actor, ...action } = raw;
    const checked = checkAction({ ...action, at: "0m" }, i, 0);
    if ("problems" in checked) {
      for (const p of checked.problems) out.push({ path: ["prelude", "actions", i, p.field], message: p.message });
    }
  });
  return out;
}

function withTrainee(value: unknown, trainee: string): unknown {
  if (typeof value === "string") return value.split(TRAINEE_TOKEN).join(trainee);
  if (Array.isArray(value)) return value.map((v) => withTrainee(v, trainee));
  return value;
}

/**
 * Plays the scenario's prelude on the session's engine, each step at its own time, then
 * sets the clock back to the drill's start. Returns the session (for `open`).
 */
export async function playPrelude(session: DrillSession): Promise<DrillSession> {
  const prelude = session.scenario.prelude;
  if (prelude === undefined) return session;
  const start = session.clock.now();
  const date = prelude.date ?? session.scenario.date;
  try {
    for (const [i, raw] of prelude.actions.entries()) {
      const { actor, ...rest } = raw;
      const fields = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, withTrainee(v, session.trainee)]));
      const checked = checkAction({ ...fields, at: "0m" }, i, 0);
      if ("problems" in checked) {
        const p = checked.problems[0];
        throw new WarroomError("validation.failed", `prelude.actions.${i} ${p?.field}: ${p?.message}`);
      }
      session.clock.set(new Date(instant(date, raw.at)).toISOString());
      const { verb } = checked.action;
      const intent = intentOf(verb, checked.action.fields, session.clock.now());
      const command =
        intent.kind === "command"
          ? intent.command
          : { type: "add-note", channel: intent.kind === "say" ? intent.channel : "command", text: intent.text };
      const as = { actor };
      try {
        const result =
          command.type === "declare"
            ? await session.app.declare(command, as)
            : await session.app.execute(session.incidentId ?? "", command, as);
        if (command.type === "declare") session.incidentId = result.incident.id;
        session.say({
          kind: "system",
          from: actor,
          channel: result.appended[0]?.channel ?? null,
          text: result.appended.map((e) => e.text).join("; "),
          events: result.appended.map((e) => e.version),
        });
      } catch (error) {
        if (!(error instanceof WarroomError)) throw error;
        const message = `prelude.actions.${i} (${verb} by ${actor}) was refused [${error.code}]: ${error.message}`;
        throw new WarroomError("validation.failed", message, [{ field: `prelude.actions.${i}`, message }]);
      }
    }
  } catch (error) {
    await session.close();
    throw error;
  } finally {
    session.clock.set(new Date(start).toISOString());
  }
  return session;
}
