/**
 * The trainee names options in their own words and letters them in their own order:
 * "Ship the app workaround" may be the incident's option A and the scenario's C. This
 * recognises each recorded option as one of the scenario's, by its match phrases (the
 * option matching the most groups wins, so a hybrid beats its parts), else by its time
 * to complete when exactly one scenario option has that time.
 */
import type { Option } from "../domain/incident/state.js";
import type { Scenario } from "./scenario-schema.js";
import { matchGroups } from "./text-match.js";

export type RecordedOption = Pick<Option, "id" | "title" | "description" | "attributes">;

export interface OptionMapping {
  /** Incident option id → scenario option id (absent when not recognised). */
  toScenario: Map<string, string>;
  /** The words that recognised it. */
  words: Map<string, string[]>;
}

export function mapOptions(scenario: Scenario, recorded: readonly RecordedOption[]): OptionMapping {
  const toScenario = new Map<string, string>();
  const words = new Map<string, string[]>();
  for (const option of recorded) {
    const text = `${option.title} ${option.description ?? ""}`;
    let best: { id: string; groups: number; words: string[] } | null = null;
    for (const candidate of scenario.options) {
      const match = matchGroups(text, candidate.match);
      if (match.matched && (best === null || match.groupsMatched > best.groups)) {
        best = { id: candidate.id, groups: match.groupsMatched, words: match.words };
      }
    }
    if (best === null) {
      const time = option.attributes.timeToCompleteMinutes;
      const same = scenario.options.filter((o) => time !== undefined && o.attributes.timeToCompleteMinutes === time);
      if (same.length === 1 && same[0]) best = { id: same[0].id, groups: 0, words: [`${time} min`] };
    }
    if (best !== null) {
      toScenario.set(option.id, best.id);
      words.set(option.id, best.words);
    }
  }
  return { toScenario, words };
}

/**
 * The scenario options a decision amounts to: the chosen ones (mapped), a hybrid's parts,
 * and a hybrid when its parts were chosen in its order.
 */
export function effectiveChoice(scenario: Scenario, mapping: OptionMapping, chosen: readonly string[]): Set<string> {
  const mapped = chosen.map((id) => mapping.toScenario.get(id.toUpperCase()) ?? `?${id}`);
  const out = new Set(mapped);
  for (const option of scenario.options) {
    const parts = option.hybridOf;
    if (!parts) continue;
    if (out.has(option.id)) for (const part of parts) out.add(part);
    if (parts.length === mapped.length && parts.every((p, i) => p === mapped[i])) out.add(option.id);
  }
  return out;
}
