/**
 * The draft as one self-contained HTML page. Every piece of text is escaped, logged
 * wording included: a title of `<script>` shows as text and never runs.
 */
import { preamble } from "./markdown.js";
import type { Block, PostmortemDraft } from "./types.js";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

const STYLE = [
  "body{font:16px/1.5 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}",
  "h1{font-size:1.6rem}h2{margin-top:2rem;border-bottom:1px solid #ddd}",
  ".note{color:#555}li{margin:.2rem 0}.done{color:#666;text-decoration:line-through}",
].join("");

export function renderHtml(draft: PostmortemDraft): string {
  const body: string[] = [`<h1>${escapeHtml(draft.title)}</h1>`, `<p class="note">${escapeHtml(preamble(draft))}</p>`];
  for (const section of draft.sections) {
    body.push(`<section id="${escapeHtml(section.id)}">`, `<h2>${escapeHtml(section.title)}</h2>`);
    for (const block of section.blocks) body.push(blockHtml(block));
    body.push("</section>");
  }
  return [
    "<!doctype html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(draft.title)}</title>`,
    `<style>${STYLE}</style>`,
    "</head>",
    "<body>",
    "<article>",
    ...body,
    "</article>",
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

function blockHtml(block: Block): string {
  const li = (text: string, cls = "") => `<li${cls ? ` class="${cls}"` : ""}>${escapeHtml(text)}</li>`;
  switch (block.kind) {
    case "paragraph":
      return `<p>${escapeHtml(block.text)}</p>`;
    case "list":
      return `<ul>${block.items.map((i) => li(i)).join("")}</ul>`;
    case "numbered":
      return `<ol>${block.items.map((i) => li(i)).join("")}</ol>`;
    case "checklist":
      return `<ul>${block.items.map((i) => li(`${i.done ? "☑" : "☐"} ${i.text}`, i.done ? "done" : "")).join("")}</ul>`;
    case "subheading":
      return `<h3>${escapeHtml(block.text)}</h3>`;
    default:
      return assertNever(block);
  }
}

function assertNever(value: never): never {
  throw new Error(`unhandled block: ${JSON.stringify(value)}`);
}
