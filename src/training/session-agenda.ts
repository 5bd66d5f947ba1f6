/**
 * What falls due on a drill's agenda: timed persona lines, condition checks (an inject with
 * a front reads that front's incident), pushbacks on unanswered questions, and persona
 * reports scheduled by reactions.
 */
import type { AgendaItem } from "./agenda.js";
import { conditionHolds } from "./conditions.js";
import type { DrillSession } from "./session.js";

export async function processAgendaItem(
  session: DrillSession,
  item: AgendaItem,
  pushbacksUsed: Map<string, number>,
): Promise<void> {
  switch (item.kind) {
    case "lines": {
      const incident = session.injectIncident(session.scenario.injects.find((i) => i.id === item.inject)?.front);
      for (const line of item.lines) {
        session.personaLine(line, {
          inject: item.inject,
          ...(item.action === undefined ? {} : { action: item.action }),
          ...incident,
        });
      }
      return;
    }
    case "check": {
      const front = item.inject.front;
      const incident = front === undefined ? await session.incident() : await session.frontIncident(front);
      if (conditionHolds(item.inject.when?.condition ?? { kind: "no-tasks" }, incident, session.nowIso())) {
        for (const line of item.inject.lines) {
          session.personaLine(line, { inject: item.inject.id, ...session.injectIncident(front) });
        }
      }
      return;
    }
    case "pushback": {
      if (item.ask.answeredAt !== null) return;
      const persona = session.scenario.cast.find((p) => p.handle === item.ask.from);
      const used = pushbacksUsed.get(item.ask.from) ?? 0;
      const text = persona?.behaviour.pushback[used];
      if (text === undefined) return;
      pushbacksUsed.set(item.ask.from, used + 1);
      session.say({ kind: "persona", from: item.ask.from, channel: "command", text });
      return;
    }
    case "say":
      session.say({
        kind: "persona",
        from: item.from,
        channel: item.channel,
        text: item.text,
        action: item.action,
        ...(item.facts.length > 0 ? { facts: item.facts } : {}),
        ...incidentOf(session, item.action),
      });
      session.reactions.revealed(item.facts, item.from, item.action);
      return;
    default: {
      const never: never = item;
      return never;
    }
  }
}

/** A persona's report concerns the incident of the action that asked for it. */
function incidentOf(session: DrillSession, action: number): { incident?: string } {
  const incident = session.actions.find((a) => a.index === action)?.incident;
  return incident === undefined ? {} : { incident };
}
