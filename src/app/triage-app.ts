/** The triage sources of a running app: its open incidents, its people directory, its clock. */
import { isoNow } from "../domain/shared/clock.js";
import type { TriageSources } from "./triage.js";
import type { WarroomApp } from "./warroom-app.js";

export function triageSources(app: WarroomApp): TriageSources {
  return {
    openIncidents: () => app.openIncidentStates(),
    people: () =>
      app.people.list().map((p) => ({
        handle: p.handle,
        skills: p.skills,
        icQualified: p.icQualified,
        available: p.available,
      })),
    now: () => isoNow(app.clock),
  };
}
