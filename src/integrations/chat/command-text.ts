/**
 * The text after `/incident`, as Slack and Mattermost send it, turned into words: quotes
 * (straight or the curly ones chat clients type) keep words together, Slack's escapes
 * (&amp; &lt; &gt;) are undone, and mentions (`<@U024BE7LH|sarah>`) become `@handle`
 * through the people lookup, or stay `<@U…>` when nobody is linked to them.
 */

const MENTION = /<@([A-Z0-9]+)(?:\|[^>]*)?>/g;

/** Replace each Slack mention by `@handle`; unknown ids are left for the command to refuse. */
export async function resolveMentions(
  text: string,
  handleOf: (userId: string) => Promise<string | null>,
): Promise<string> {
  const ids = [...new Set([...text.matchAll(MENTION)].map((m) => m[1] ?? ""))];
  const handles = new Map<string, string | null>();
  for (const id of ids) handles.set(id, await handleOf(id));
  return text.replace(MENTION, (whole, id: string) => {
    const handle = handles.get(id);
    return handle ? `@${handle}` : whole;
  });
}

/**
 * Slack's markup made plain: links `<https://x|label>` → `label (https://x)`, `<https://x>` → the
 * URL, channels `<#C1|ops>` → `#ops`, `<!here>` → `@here`; then &lt; &gt; &amp; undone. Mentions
 * still in `<@U…>` form (nobody linked) are kept so a command can name them.
 */
export function unescapeSlack(text: string): string {
  return text
    .replace(/<((?:https?|mailto):[^|>]+)\|([^>]+)>/g, "$2 ($1)")
    .replace(/<((?:https?|mailto):[^>]+)>/g, "$1")
    .replace(/<#[A-Z0-9]+\|([^>]+)>/g, "#$1")
    .replace(/<!(here|channel|everyone)(?:\|[^>]*)?>/g, "@$1")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

const QUOTES: Record<string, string> = { '"': '"', "'": "'", "“": "”", "‘": "’", "«": "»" };

/** Words separated by white space; a quoted run is one word (its quotes removed). */
export function splitWords(text: string): string[] {
  const words: string[] = [];
  let current = "";
  let inWord = false;
  let closing: string | null = null;
  for (const char of text) {
    if (closing !== null) {
      if (char === closing || (closing === "”" && char === '"')) closing = null;
      else current += char;
      continue;
    }
    const close = QUOTES[char];
    if (close !== undefined && (!inWord || current === "")) {
      closing = close;
      inWord = true;
      continue;
    }
    if (/\s/.test(char)) {
      if (inWord) words.push(current);
      current = "";
      inWord = false;
      continue;
    }
    current += char;
    inWord = true;
  }
  if (inWord) words.push(current);
  return words;
}
