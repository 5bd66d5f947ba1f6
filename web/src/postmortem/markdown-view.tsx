/**
 * A reading view of postmortem Markdown built from React elements (headings, lists,
 * tables as rows of text, paragraphs): the text is never parsed as HTML.
 */
import type { ReactNode } from "react";

export function MarkdownView({ markdown }: { markdown: string }) {
  const blocks: ReactNode[] = [];
  let list: string[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length > 0) blocks.push(<p key={blocks.length}>{paragraph.join(" ")}</p>);
    if (list.length > 0) {
      blocks.push(
        <ul key={blocks.length}>
          {list.map((item, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: list items are rebuilt with the text
            <li key={i}>{item}</li>
          ))}
        </ul>,
      );
    }
    paragraph = [];
    list = [];
  };
  for (const line of markdown.split("\n")) {
    const heading = /^(#{1,4})\s+(.*)$/.exec(line);
    const item = /^\s*(?:[-*]|\d+\.)\s+(.*)$/.exec(line);
    if (heading) {
      flush();
      const level = heading[1]?.length ?? 1;
      const text = heading[2] ?? "";
      blocks.push(level <= 1 ? <h2 key={blocks.length}>{text}</h2> : <h3 key={blocks.length}>{text}</h3>);
    } else if (item) {
      if (paragraph.length > 0) flush();
      list.push(item[1] ?? "");
    } else if (line.trim() === "") {
      flush();
    } else {
      if (list.length > 0) flush();
      paragraph.push(line.trim());
    }
  }
  flush();
  return <div className="markdown-view">{blocks}</div>;
}
