/**
 * What the drill will do and when: a queue ordered by time, then phase (timed lines 0,
 * the trainee's action 1, checks and pushbacks 2), then the order things were scheduled.
 */
import type { Channel } from "../domain/incident/events.js";
import type { PersonaAsk } from "./run-record.js";
import type { Inject, InjectLine } from "./scenario-schema.js";

export type Phase = 0 | 2;

export type AgendaItem = { at: number; phase: Phase; seq: number } & (
  | { kind: "lines"; inject: string; lines: InjectLine[]; action?: number }
  | { kind: "check"; inject: Inject }
  | { kind: "pushback"; ask: PersonaAsk }
  | { kind: "say"; from: string; text: string; channel: Channel; facts: string[]; action: number }
);

export type NewAgendaItem = AgendaItem extends infer T ? (T extends AgendaItem ? Omit<T, "seq"> : never) : never;

export class Agenda {
  private readonly items: AgendaItem[] = [];
  private seq = 0;

  add(item: NewAgendaItem): void {
    const full = { ...item, seq: ++this.seq } as AgendaItem;
    const index = this.items.findIndex((o) => o.at > full.at || (o.at === full.at && o.phase > full.phase));
    if (index < 0) this.items.push(full);
    else this.items.splice(index, 0, full);
  }

  /** The next item if it is due by `target` (at `target` itself only up to `maxPhase`). */
  nextDue(target: number, maxPhase: Phase): AgendaItem | undefined {
    const item = this.items[0];
    return item !== undefined && (item.at < target || (item.at === target && item.phase <= maxPhase))
      ? item
      : undefined;
  }

  shift(): void {
    this.items.shift();
  }
}
