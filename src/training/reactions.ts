/**
 * How the war room reacts to the trainee: personas answer questions from their facts,
 * acknowledge the roles and tasks they are given and report back on a task that asks
 * for something they know; the questions they asked count as answered when the trainee
 * speaks to them; and injects waiting on a trainee action are scheduled. Chat only: the
 * incident changes only through the trainee's own commands.
 */
import { WarroomError } from "../domain/shared/errors.js";
import { parseOffset } from "./duration.js";
import { effectiveChoice, mapOptions } from "./option-match.js";
import { addressedSegments, answer, factsMatching, freshFirst, questionsIn, speaksTo } from "./personas.js";
import type { ActionRecord } from "./run-record.js";
import type { Persona, Scenario } from "./scenario-schema.js";
import type { DrillSession } from "./session.js";

/** How long a persona takes to report on a task that asks for what they know (at most its time-box). */
const REPORT_AFTER_SECONDS = 120;

export class Reactions {
  private readonly firedAfter = new Set<string>();

  constructor(
    private readonly scenario: Scenario,
    private readonly session: DrillSession,
  ) {}

  async ask(to: string, text: string, record: ActionRecord): Promise<void> {
    const persona = this.persona(to);
    if (!persona) {
      const cast = this.scenario.cast.map((p) => p.handle).join(", ");
      throw new WarroomError("validation.failed", `nobody called ${to} is in this war room (cast: ${cast})`, [
        { field: "to", message: `${to} is not in the cast` },
      ]);
    }
    this.session.say({
      kind: "trainee",
      from: this.session.trainee,
      channel: "command",
      text: `@${persona.handle} ${text}`,
      action: record.index,
    });
    this.answered(persona.handle, record);
    const reply = answer(this.scenario, persona, text, this.known());
    this.session.say({
      kind: "persona",
      from: persona.handle,
      channel: "command",
      text: reply.text,
      action: record.index,
      ...(reply.facts.length > 0 ? { facts: reply.facts } : {}),
    });
    this.revealed(reply.facts, persona.handle, record.index);
    this.after("ask", record);
  }

  /** A `say`: everyone it speaks to is answered, and answers the questions it puts to them. */
  said(text: string, record: ActionRecord): void {
    for (const persona of this.scenario.cast) if (speaksTo(persona, text)) this.answered(persona.handle, record);
    for (const segment of addressedSegments(this.scenario, text)) {
      const questions = questionsIn(segment.text);
      if (questions === "") continue;
      const facts = freshFirst(factsMatching(this.scenario, segment.handle, questions), this.known());
      if (facts.length === 0) continue;
      this.session.say({
        kind: "persona",
        from: segment.handle,
        channel: "command",
        text: facts.map((f) => f.answer).join(" "),
        action: record.index,
        facts: facts.map((f) => f.id),
      });
      this.revealed(
        facts.map((f) => f.id),
        segment.handle,
        record.index,
      );
    }
    this.after("say", record);
  }

  /** A domain command went through. */
  async commanded(command: Record<string, unknown> & { type: string }, record: ActionRecord): Promise<void> {
    const str = (key: string) => (typeof command[key] === "string" ? (command[key] as string).replace(/^@/, "") : "");
    switch (command.type) {
      case "assign-role":
        this.acknowledge(str("person"), record);
        break;
      case "hand-over-role":
        this.answered(str("to"), record);
        break;
      case "assign-task": {
        const persona = this.acknowledge(str("assignee"), record);
        if (persona) this.reportLater(persona, str("title"), Number(command.timeboxMinutes ?? 15), record);
        break;
      }
      case "record-decision":
        for (const person of (command.consulted as string[] | undefined) ?? []) this.answered(person, record);
        break;
      case "publish-update":
        for (const persona of this.scenario.cast) {
          if (persona.audience === command.audience) this.answered(persona.handle, record);
        }
        break;
      case "add-note":
        for (const persona of this.scenario.cast)
          if (speaksTo(persona, str("text"))) this.answered(persona.handle, record);
        break;
      default:
        break;
    }
    let chosen: Set<string> | undefined;
    if (command.type === "record-decision") {
      const incident = await this.session.incident();
      const mapping = mapOptions(this.scenario, incident?.options ?? []);
      chosen = effectiveChoice(this.scenario, mapping, (command.chosen as string[] | undefined) ?? []);
    }
    this.after(command.type, record, chosen);
  }

  /** Facts revealed for the first time are recorded with the action that drew them out. */
  revealed(factIds: string[], from: string, action: number): void {
    for (const fact of factIds) {
      if (this.session.facts.some((f) => f.fact === fact)) continue;
      this.session.facts.push({ fact, from, offset: this.session.offset, action });
    }
  }

  private known(): Set<string> {
    return new Set(this.session.facts.map((f) => f.fact));
  }

  private persona(handle: string): Persona | undefined {
    return this.scenario.cast.find((p) => p.handle === handle);
  }

  /** Questions this persona asked, up to now, count as answered by this action. */
  private answered(handle: string, record: ActionRecord): void {
    for (const ask of this.session.asks) {
      if (ask.from === handle && ask.answeredAt === null && ask.offset <= record.offset) {
        ask.answeredAt = record.offset;
        ask.answeredBy = record.index;
      }
    }
  }

  private acknowledge(handle: string, record: ActionRecord): Persona | undefined {
    const persona = this.persona(handle);
    if (!persona) return undefined;
    this.answered(handle, record);
    this.session.say({
      kind: "persona",
      from: handle,
      channel: "command",
      text: persona.behaviour.acknowledge,
      action: record.index,
    });
    return persona;
  }

  /** A task asking for something the persona knows is answered when they have had time to look. */
  private reportLater(persona: Persona, title: string, timeboxMinutes: number, record: ActionRecord): void {
    // Only what the trainee has not heard yet: a task to act on known facts needs no report.
    const known = this.known();
    const facts = factsMatching(this.scenario, persona.handle, title).filter((f) => !known.has(f.id));
    if (facts.length === 0) return;
    const delay = Math.min(REPORT_AFTER_SECONDS, Math.max(30, Math.round(timeboxMinutes * 60)));
    this.session.schedule({
      at: this.session.offset + delay,
      phase: 0,
      kind: "say",
      from: persona.handle,
      text: facts.map((f) => f.answer).join(" "),
      channel: "command",
      facts: facts.map((f) => f.id),
      action: record.index,
    });
  }

  /** Injects waiting for this kind of action fire once, after their delay. */
  private after(kind: string, record: ActionRecord, chosen?: Set<string>): void {
    for (const inject of this.scenario.injects) {
      const after = inject.after;
      if (!after || after.do !== kind || this.firedAfter.has(inject.id)) continue;
      // An inject about one front waits for an action on that front's incident.
      if (inject.front !== undefined && this.session.incidents.frontOf(record.incident) !== inject.front) continue;
      if (after.chosen !== undefined && !after.chosen.some((id) => chosen?.has(id))) continue;
      this.firedAfter.add(inject.id);
      this.session.schedule({
        at: record.offset + parseOffset(after.delay, "after.delay"),
        phase: 0,
        kind: "lines",
        inject: inject.id,
        lines: inject.lines,
        action: record.index,
      });
    }
  }
}
