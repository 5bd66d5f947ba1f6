/** The HTML draft: one self-contained page where everything typed into the log is text, never markup. */
import { describe, expect, it } from "vitest";
import { buildDraft, escapeHtml, renderHtml, renderMarkdown } from "../../src/domain/postmortem/index.js";
import { markupIncident, SCRIPT, sev1Outage } from "./scenarios.js";

describe("HTML rendering", () => {
  const h = markupIncident();
  const draft = buildDraft(h.source, h.now);
  const html = renderHtml(draft);

  it("escapes markup from titles, impact, status notes, rationales, action items and the resolution", () => {
    expect(html).not.toMatch(/<script|<img|onerror=alert\(1\)>/i);
    expect(html).toContain("Login page &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; blank");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(html).toContain("Known good &amp; quick &quot;&lt;script&gt;");
    expect(html).toContain("Escape &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; in error pages");
    // the only tags are ours
    const tags = new Set([...html.matchAll(/<\/?([a-z0-9]+)/gi)].map((m) => m[1]?.toLowerCase()));
    expect([...tags].sort()).toEqual(
      [
        "!doctype",
        "article",
        "body",
        "h1",
        "h2",
        "h3",
        "head",
        "html",
        "li",
        "meta",
        "ol",
        "p",
        "section",
        "style",
        "title",
        "ul",
      ]
        .filter((t) => t !== "!doctype")
        .sort(),
    );
  });

  it("is the same document as the markdown: every section and every line of text", () => {
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html.match(/<h2>/g)).toHaveLength(draft.sections.length);
    expect(html).toContain(`<title>${escapeHtml(draft.title)}</title>`);
    for (const section of draft.sections) {
      expect(html).toContain(`<section id="${section.id}">`);
      for (const block of section.blocks) {
        const texts =
          block.kind === "paragraph" || block.kind === "subheading"
            ? [block.text]
            : block.kind === "checklist"
              ? block.items.map((i) => i.text)
              : block.items;
        for (const text of texts) expect(html).toContain(escapeHtml(text));
      }
    }
  });

  it("keeps the markdown raw but on one line per item, so logged text cannot open a section", () => {
    const md = renderMarkdown(draft);
    expect(md).toContain(SCRIPT);
    expect(md.match(/^## /gm)).toHaveLength(draft.sections.length);
  });

  it("marks done action items and ticks", () => {
    const s = sev1Outage();
    s.run("sam", { type: "complete-action-item", actionId: "AI-1" });
    const page = renderHtml(buildDraft(s.source, s.now));
    expect(page).toContain('<li class="done">☑ AI-1: Alert when');
    expect(page).toContain("<li>☐ AI-2:");
  });

  it("escapes the five characters that matter", () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;",
    );
  });
});
