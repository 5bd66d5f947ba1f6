/**
 * Who is who in chat: a Warroom handle ↔ a Slack member id or a Mattermost user. The
 * people directory (each person's `chat` ids, `warroom people update … --slack U…`) comes
 * first; the config's `chat.slack.users` / `chat.mattermost.users` maps fill the gaps.
 */

export type ChatPlatform = "slack" | "mattermost";

/** What chat needs of the directory (the app's PeopleService). */
export interface PeopleDirectory {
  list(): readonly { handle: string; chat?: { slack?: string; mattermost?: string } }[];
}

export class ChatPeople {
  constructor(
    private readonly directory: PeopleDirectory,
    private readonly configured: Record<ChatPlatform, Record<string, string>>,
  ) {}

  /** The handle of a chat user, or null when nobody is linked to that id. */
  async handleOf(platform: ChatPlatform, chatId: string): Promise<string | null> {
    for (const person of this.directory.list()) if (person.chat?.[platform] === chatId) return person.handle;
    for (const [handle, id] of Object.entries(this.configured[platform])) if (id === chatId) return handle;
    return null;
  }

  /** The chat id of each handle that has one (handles without are left out). */
  async idsOf(platform: ChatPlatform, handles: readonly string[]): Promise<string[]> {
    const people = new Map(this.directory.list().map((p) => [p.handle.toLowerCase(), p.chat?.[platform]]));
    const ids: string[] = [];
    for (const handle of handles) {
      const key = handle.toLowerCase();
      const id = people.get(key) ?? configuredId(this.configured[platform], key);
      if (id !== undefined && !ids.includes(id)) ids.push(id);
    }
    return ids;
  }
}

function configuredId(map: Record<string, string>, key: string): string | undefined {
  for (const [handle, id] of Object.entries(map)) if (handle.toLowerCase() === key) return id;
  return undefined;
}
