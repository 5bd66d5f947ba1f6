/** Blameless postmortems drafted from the log, their renderings, figures, the review agenda and lint. */
export { type AgendaItem, buildAgenda, FACILITATION, type PostmortemAgenda } from "./agenda.js";
export { HELD_BACK, readsAsBlame } from "./blameless.js";
export { buildDraft } from "./draft.js";
export { responseFigures } from "./figures.js";
export { DRAFT_FORMATS, type DraftFormat, type RenderedDraft, renderDraft } from "./formats.js";
export { escapeHtml, renderHtml } from "./html.js";
export { postmortemText } from "./input.js";
export { type LintReport, lintPostmortemReport } from "./lint-report.js";
export { renderMarkdown } from "./markdown.js";
export { type PostmortemRecord, postmortemRecord } from "./record.js";
export * from "./types.js";
