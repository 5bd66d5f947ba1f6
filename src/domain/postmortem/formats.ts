/** The draft in each format an edge can ask for, with its media type. */
import type { IncidentPolicy } from "../incident/policy.js";
import { buildDraft } from "./draft.js";
import { renderHtml } from "./html.js";
import { renderMarkdown } from "./markdown.js";
import type { PostmortemDraft, PostmortemSource } from "./types.js";

export const DRAFT_FORMATS = ["md", "html", "json"] as const;
export type DraftFormat = (typeof DRAFT_FORMATS)[number];

export interface RenderedDraft {
  draft: PostmortemDraft;
  contentType: string;
  body: string;
}

export function renderDraft(
  source: PostmortemSource,
  now: string,
  policy: IncidentPolicy,
  format: DraftFormat,
): RenderedDraft {
  const draft = buildDraft(source, now, policy);
  switch (format) {
    case "md":
      return { draft, contentType: "text/markdown; charset=utf-8", body: renderMarkdown(draft) };
    case "html":
      return { draft, contentType: "text/html; charset=utf-8", body: renderHtml(draft) };
    case "json":
      return {
        draft,
        contentType: "application/json; charset=utf-8",
        body: `${JSON.stringify({ ...draft, markdown: renderMarkdown(draft) }, null, 2)}\n`,
      };
  }
}
