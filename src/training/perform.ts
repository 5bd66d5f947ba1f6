/**
 * The trainee's action, done: `say` becomes a note on the drill incident (chat only before
 * the declaration), `ask` goes to a persona, and every other verb is the domain command
 * the CLI would send, run through the app as the trainee. The first `declare` creates the
 * drill incident; anything else before it is refused, as a live incident would be.
 */
import type { WarroomApp } from "../app/warroom-app.js";
import { WarroomError } from "../domain/shared/errors.js";
import type { ActionRecord } from "./run-record.js";
import type { DrillSession } from "./session.js";
import type { Intent } from "./verbs.js";

export async function perform(session: DrillSession, intent: Intent, record: ActionRecord): Promise<void> {
  const actor = { actor: session.trainee };
  if (intent.kind === "ask") {
    await session.reactions.ask(intent.to, intent.text, record);
    return;
  }
  if (intent.kind === "say") {
    const events: number[] = [];
    if (session.incidentId !== null) {
      const done = await session.app.execute(
        session.incidentId,
        { type: "add-note", channel: intent.channel, text: intent.text },
        actor,
      );
      events.push(...done.appended.map((e) => e.version));
    }
    record.events = events;
    session.say({
      kind: "trainee",
      from: session.trainee,
      channel: intent.channel,
      text: intent.text,
      action: record.index,
      ...(events.length > 0 ? { events } : {}),
    });
    session.reactions.said(intent.text, record);
    return;
  }
  const { type, ...body } = intent.command;
  let result: Awaited<ReturnType<WarroomApp["execute"]>>;
  if (type === "declare") {
    // A drill with fronts declares an incident per front; any other drill has one.
    if (session.incidentId !== null && !session.incidents.multi) {
      throw new WarroomError("validation.failed", `this drill already has its incident, ${session.incidentId}`, [
        { field: "do", message: "declare once per drill" },
      ]);
    }
    result = await session.app.declare(body, actor);
    session.incidentId = result.incident.id;
  } else {
    if (session.incidentId === null) {
      throw new WarroomError("incident.not_found", "no incident yet: declare it first (declare <title> --sev …)");
    }
    result = await session.app.execute(session.incidentId, intent.command, actor);
  }
  record.events = result.appended.map((e) => e.version);
  session.say({
    kind: "trainee",
    from: session.trainee,
    channel: result.appended[0]?.channel ?? "command",
    text: result.appended.map((e) => e.text).join("; "),
    action: record.index,
    events: record.events,
  });
  await session.reactions.commanded(intent.command, record);
}
