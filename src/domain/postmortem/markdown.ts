/**
 * The draft as markdown. Every block renders to whole lines, and logged wording was
 * already flattened to one line, so nothing typed into the log can open a section.
 */
import type { Block, PostmortemDraft } from "./types.js";

export function renderMarkdown(draft: PostmortemDraft): string {
  const out: string[] = [`# ${draft.title}`, "", preamble(draft)];
  for (const section of draft.sections) {
    out.push("", `## ${section.title}`);
    for (const block of section.blocks) out.push("", ...blockLines(block));
  }
  return `${out.join("\n")}\n`;
}

export function preamble(draft: PostmortemDraft): string {
  return `Drafted from the incident log at ${draft.generatedAt.slice(0, 16).replace("T", " ")} UTC. Times are UTC. Parts marked "(to fill in" are for the review; keep it blameless: describe what the system and the process allowed.`;
}

function blockLines(block: Block): string[] {
  switch (block.kind) {
    case "paragraph":
      return [block.text];
    case "list":
      return block.items.map((item) => `- ${item}`);
    case "numbered":
      return block.items.map((item, i) => `${i + 1}. ${item}`);
    case "checklist":
      return block.items.map((item) => `- [${item.done ? "x" : " "}] ${item.text}`);
    case "subheading":
      return [`### ${block.text}`];
    default:
      return assertNever(block);
  }
}

function assertNever(value: never): never {
  throw new Error(`unhandled block: ${JSON.stringify(value)}`);
}
