/** A saved postmortem as the reader asks for it: the latest revision, or one published version. */
import type { Incident } from "../incident/state.js";
import { fail } from "../shared/errors.js";

export interface PostmortemRecord {
  incidentId: string;
  /** `revision`: the latest saved text; `published`: a frozen published version. */
  kind: "revision" | "published";
  revision: number;
  /** The published version shown, or null for the latest revision. */
  version: number | null;
  markdown: string;
  at: string;
  by: string;
  latestRevision: number;
  published: { version: number; revision: number; at: string; by: string }[];
  /** The latest revision has changes no published version carries yet. */
  unpublishedChanges: boolean;
}

export function postmortemRecord(incident: Pick<Incident, "id" | "postmortem">, version?: number): PostmortemRecord {
  const pm = incident.postmortem;
  if (pm === null) fail("postmortem.not_found", `no postmortem has been saved for ${incident.id} yet`);
  const published = pm.published.map(({ version: v, revision, at, by }) => ({ version: v, revision, at, by }));
  const common = {
    incidentId: incident.id,
    latestRevision: pm.revision,
    published,
    unpublishedChanges: pm.published.at(-1)?.revision !== pm.revision,
  };
  if (version === undefined) {
    return {
      ...common,
      kind: "revision",
      revision: pm.revision,
      version: null,
      markdown: pm.markdown,
      at: pm.savedAt,
      by: pm.savedBy,
    };
  }
  const found = pm.published.find((p) => p.version === version);
  if (!found) {
    const have =
      pm.published.length === 0
        ? "nothing is published yet"
        : `published: ${pm.published.map((p) => p.version).join(", ")}`;
    fail("postmortem.not_found", `${incident.id} has no published version ${version} (${have})`, "version");
  }
  return {
    ...common,
    kind: "published",
    revision: found.revision,
    version: found.version,
    markdown: found.markdown,
    at: found.at,
    by: found.by,
  };
}
