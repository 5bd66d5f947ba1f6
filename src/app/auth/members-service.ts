/**
 * People added explicitly to a private incident (beyond its declarer, role holders and
 * assignees), in the DIR-members stream: `app.members`. Adding someone lets them see
 * the incident; removing them takes that away unless they hold a role or a task.
 */

import { z } from "zod";
import { PEOPLE_STREAM } from "../../domain/people/events.js";
import { handleKey, handleSchema, PERSON_HANDLE } from "../../domain/people/person.js";
import { type Clock, isoNow } from "../../domain/shared/clock.js";
import { fail } from "../../domain/shared/errors.js";
import type { StoredEvent } from "../../store/event-store.js";
import { DirectoryStream, type FeedAccess } from "../directory-stream.js";
import { parseOrFail } from "../validation.js";

export const MEMBERS_STREAM = "DIR-members";

const memberEvent = z.discriminatedUnion("type", [
  z
    .object({
      type: z.literal("MemberAdded"),
      incidentId: z.string(),
      person: z.string().regex(PERSON_HANDLE),
      by: z.string(),
      at: z.iso.datetime(),
    })
    .strict(),
  z
    .object({
      type: z.literal("MemberRemoved"),
      incidentId: z.string(),
      person: z.string().regex(PERSON_HANDLE),
      by: z.string(),
      at: z.iso.datetime(),
    })
    .strict(),
]);
type MemberEvent = z.infer<typeof memberEvent>;

export const memberBody = z.object({ person: handleSchema }).strict();

export class MembersService {
  private readonly added = new Map<string, Set<string>>();
  private readonly stream: DirectoryStream;

  constructor(
    feed: FeedAccess,
    private readonly clock: Clock,
  ) {
    this.stream = new DirectoryStream(feed, MEMBERS_STREAM);
  }

  apply(stored: StoredEvent): void {
    // Someone removed from the directory is no longer anyone's member: the same handle
    // added again later (perhaps another person) starts with no access.
    if (stored.streamId === PEOPLE_STREAM) {
      const removed = stored.data as { type?: unknown; handle?: unknown };
      if (removed.type === "PersonRemoved" && typeof removed.handle === "string") {
        const key = handleKey(removed.handle);
        for (const set of this.added.values()) set.delete(key);
      }
      return;
    }
    if (stored.streamId !== MEMBERS_STREAM) return;
    this.stream.version = stored.version;
    const parsed = memberEvent.safeParse(stored.data);
    if (!parsed.success) return;
    const { incidentId, person } = parsed.data;
    const set = this.added.get(incidentId) ?? new Set<string>();
    if (parsed.data.type === "MemberAdded") set.add(handleKey(person));
    else set.delete(handleKey(person));
    this.added.set(incidentId, set);
  }

  /** Lower-cased handles added explicitly to the incident. */
  of(incidentId: string): ReadonlySet<string> {
    return this.added.get(incidentId) ?? EMPTY;
  }

  /** The caller has already checked that the incident exists and is visible to the actor. */
  change(kind: "add" | "remove", incidentId: string, input: unknown, actor: string): Promise<string[]> {
    const { person } = parseOrFail(memberBody, input, "member");
    return this.stream.write(() => {
      const present = this.of(incidentId).has(handleKey(person));
      if (kind === "remove" && !present) fail("person.not_found", `${person} was not added to ${incidentId}`, "person");
      const events: MemberEvent[] =
        (kind === "add") === present
          ? []
          : [
              {
                type: kind === "add" ? "MemberAdded" : "MemberRemoved",
                incidentId,
                person,
                by: actor,
                at: isoNow(this.clock),
              },
            ];
      const after = new Set(this.of(incidentId));
      if (kind === "add") after.add(handleKey(person));
      else after.delete(handleKey(person));
      return { events, result: [...after].sort() };
    });
  }
}

const EMPTY: ReadonlySet<string> = new Set();
