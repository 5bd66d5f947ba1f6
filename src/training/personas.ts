/**
 * How personas respond, deterministically: answers from the facts a question matches,
 * a pointer to whoever knows when they do not, and which trainee actions count as
 * answering a persona who asked the commander something.
 */

import type { Fact, Persona, Scenario } from "./scenario-schema.js";
import { matchGroups, mentions } from "./text-match.js";

export interface Answer {
  text: string;
  facts: string[];
}

/** The facts of `handle` that `question` matches, in scenario order. */
export function factsMatching(scenario: Scenario, handle: string, question: string): Fact[] {
  return scenario.facts.filter((fact) => fact.from === handle && matchGroups(question, fact.match).matched);
}

/** Matching facts, the ones the trainee has not heard yet first; known ones only when nothing is new. */
export function freshFirst(facts: Fact[], known: ReadonlySet<string>): Fact[] {
  const fresh = facts.filter((f) => !known.has(f.id));
  return fresh.length > 0 ? fresh : facts;
}

/** The persona's reply to a direct question; `known` are facts already revealed. */
export function answer(
  scenario: Scenario,
  persona: Persona,
  question: string,
  known: ReadonlySet<string> = new Set(),
): Answer {
  const facts = freshFirst(factsMatching(scenario, persona.handle, question), known);
  if (facts.length > 0) return { text: facts.map((f) => f.answer).join(" "), facts: facts.map((f) => f.id) };
  if (persona.behaviour.unknown !== undefined) return { text: persona.behaviour.unknown, facts: [] };
  const elsewhere = scenario.cast.find(
    (p) => p.handle !== persona.handle && factsMatching(scenario, p.handle, question).length > 0,
  );
  return {
    text: elsewhere ? `Not me: ask ${elsewhere.handle}.` : "I don't know that yet; I'll say when I do.",
    facts: [],
  };
}

/**
 * The part of a message addressed to each persona it mentions: from the mention to the
 * next mention of someone else. "@sarah-db restore time? @lisa-sre failover?" gives each
 * their own question.
 */
export function addressedSegments(scenario: Scenario, text: string): { handle: string; text: string }[] {
  const marks: { handle: string; index: number }[] = [];
  for (const persona of scenario.cast) {
    const names = [persona.handle, ...(persona.name ? [persona.name] : [])];
    let first = -1;
    for (const name of names) {
      if (!mentions(text, name)) continue;
      const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      const found = new RegExp(`(?<![\\p{L}\\p{N}_-])@?${escaped}(?![\\p{L}\\p{N}_-])`, "iu").exec(text);
      if (found && (first < 0 || found.index < first)) first = found.index;
    }
    if (first >= 0) marks.push({ handle: persona.handle, index: first });
  }
  marks.sort((a, b) => a.index - b.index);
  return marks.map((mark, i) => ({ handle: mark.handle, text: text.slice(mark.index, marks[i + 1]?.index) }));
}

/** The questions in a text: its sentences that end with a question mark. */
export function questionsIn(text: string): string {
  return (text.match(/[^.!?\n]*\?/g) ?? []).join(" ").trim();
}

/** Does this text speak to the persona (by handle or by name)? */
export function speaksTo(persona: Persona, text: string): boolean {
  return mentions(text, persona.handle) || (persona.name !== undefined && mentions(text, persona.name));
}
