/** Chat text as Slack sends it, made into words and plain text. */
import { describe, expect, it } from "vitest";
import { resolveMentions, splitWords, unescapeSlack } from "../../src/integrations/chat/command-text.js";

describe("command text", () => {
  it("keeps quoted words together, straight or curly; an apostrophe inside a word is a letter", () => {
    expect(splitWords(`declare "Checkout failing" --sev SEV-2`)).toEqual([
      "declare",
      "Checkout failing",
      "--sev",
      "SEV-2",
    ]);
    expect(splitWords("note “it’s the pool” now")).toEqual(["note", "it’s the pool", "now"]);
    expect(splitWords("don't   panic ")).toEqual(["don't", "panic"]);
    expect(splitWords(`x ""`)).toEqual(["x", ""]);
  });

  it("makes Slack's markup plain", () => {
    expect(unescapeSlack("see <https://status.example.com|the status page> &amp; <https://x.example/a>")).toBe(
      "see the status page (https://status.example.com) & https://x.example/a",
    );
    expect(unescapeSlack("in <#C024BE7LR|ops> <!here> a &lt; b &gt; c")).toBe("in #ops @here a < b > c");
  });

  it("turns linked mentions into handles and leaves others for the command to name", async () => {
    const handles: Record<string, string> = { U1: "sarah-db" };
    const text = await resolveMentions("assign <@U1|sarah> and <@U2>", async (id) => handles[id] ?? null);
    expect(text).toBe("assign @sarah-db and <@U2>");
  });
});
