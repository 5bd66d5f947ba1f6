/**
 * Who is who in chat: a Warroom handle ↔ a Slack member id or a Mattermost username.
 * The people directory (stream `DIR-people`, field `chat`) comes first; the config's
 * `chat.slack.users` / `chat.mattermost.users` maps fill the gaps. The directory stream is
 * read as plain data here, so chat only needs each person's handle and chat ids.
 */
import type { EventStore } from "../../store/event-store.js";

export const PEOPLE_STREAM = "DIR-people";

export type ChatPlatform = "slack" | "mattermost";

interface ChatIds {
  slack?: string;
  mattermost?: string;
}

export class ChatPeople {
  constructor(
    private readonly store: EventStore,
    private readonly configured: Record<ChatPlatform, Record<string, string>>,
  ) {}

  /** The handle of a chat user, or null when nobody is linked to that id. */
  async handleOf(platform: ChatPlatform, chatId: string): Promise<string | null> {
    for (const [handle, ids] of await this.directory()) if (ids[platform] === chatId) return handle;
    for (const [handle, id] of Object.entries(this.configured[platform])) if (id === chatId) return handle;
    return null;
  }

  /** The chat id of each handle that has one (handles without are left out). */
  async idsOf(platform: ChatPlatform, handles: readonly string[]): Promise<string[]> {
    const directory = await this.directory();
    const ids: string[] = [];
    for (const handle of handles) {
      const key = handle.toLowerCase();
      const id = directory.get(key)?.[platform] ?? configuredId(this.configured[platform], key);
      if (id !== undefined && !ids.includes(id)) ids.push(id);
    }
    return ids;
  }

  /** Folded on each call: the directory is small and changes rarely; no cache to go stale. */
  private async directory(): Promise<Map<string, ChatIds>> {
    const people = new Map<string, ChatIds>();
    for (const data of await this.store.readStreamData(PEOPLE_STREAM)) {
      const event = data as {
        type?: string;
        handle?: string;
        person?: { handle?: string; chat?: ChatIds };
        changes?: { chat?: ChatIds };
      };
      if (event.type === "PersonAdded" && event.person?.handle) {
        people.set(event.person.handle.toLowerCase(), { ...event.person.chat });
      } else if (event.type === "PersonUpdated" && event.handle && event.changes?.chat !== undefined) {
        people.set(event.handle.toLowerCase(), { ...event.changes.chat });
      } else if (event.type === "PersonRemoved" && event.handle) {
        people.delete(event.handle.toLowerCase());
      }
    }
    return people;
  }
}

function configuredId(map: Record<string, string>, key: string): string | undefined {
  for (const [handle, id] of Object.entries(map)) if (handle.toLowerCase() === key) return id;
  return undefined;
}
