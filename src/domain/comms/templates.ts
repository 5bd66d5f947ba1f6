/**
 * `draftUpdate(incident, audience, now)`: a first draft of an update, filled from the
 * incident's state, for a person to edit and publish. Pure: the same incident, audience
 * and `now` give the same draft. Every draft is checked with the analyser for its
 * audience; wording taken from the incident that breaks an error rule there is replaced
 * by a `[to confirm: …]` placeholder, listed in `placeholders`.
 */
import type { Finding } from "../analysis/index.js";
import type { Audience } from "../incident/events.js";
import type { Incident } from "../incident/state.js";
import { isError, placeholdersIn, render } from "./compose.js";
import { customerTemplate, executiveTemplate } from "./external-templates.js";
import { type DraftOptions, factsOf } from "./facts.js";
import { legalTemplate, teamTemplate } from "./internal-templates.js";
import type { DraftParts, Template } from "./template.js";

export type { DraftOptions } from "./facts.js";
export type { DraftParts } from "./template.js";

export interface UpdateDraft {
  incidentId: string;
  audience: Audience;
  /** The whole message, ready to edit. */
  text: string;
  parts: DraftParts;
  /** The `[to confirm: …]` spots left for a person to fill before publishing. */
  placeholders: string[];
}

const TEMPLATES: Record<Audience, (facts: ReturnType<typeof factsOf>) => Template> = {
  executive: executiveTemplate,
  customer: customerTemplate,
  team: teamTemplate,
  legal: legalTemplate,
};

/** Executives get no engineering talk and no guesses, even where the analyser only warns. */
const EXECUTIVE_AVOIDS = new Set(["jargon", "internal-hostname", "speculation"]);

const SWAP_ON: Record<Audience, (finding: Finding) => boolean> = {
  executive: (f) => isError(f) || (f.severity === "warning" && EXECUTIVE_AVOIDS.has(f.rule)),
  customer: isError,
  team: isError,
  legal: isError,
};

export function draftUpdate(
  incident: Incident,
  audience: Audience,
  now: string,
  options: DraftOptions = {},
): UpdateDraft {
  const template = TEMPLATES[audience](factsOf(incident, now, options));
  const text = render(template.segments, audience, now, SWAP_ON[audience]);
  return { incidentId: incident.id, audience, text, parts: template.parts(), placeholders: placeholdersIn(text) };
}
