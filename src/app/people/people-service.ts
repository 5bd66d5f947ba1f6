/**
 * The people directory on the app: `app.people`. Reads answer from the folded
 * directory (no store read); writes go through the DIR-people stream. The CLI
 * (`warroom people …`), the HTTP API (`/api/people`) and roster imports all use this.
 *
 * For roster imports: `importPeople(rows, { actor })` validates every row first, then
 * adds the new people and updates the changed ones in ONE append (all or nothing), and
 * answers which handles were added, updated or unchanged. It never removes anyone.
 */
import {
  addPerson,
  type Directory,
  evolveDirectory,
  handleKey,
  PEOPLE_STREAM,
  type PeopleEvent,
  type Person,
  peopleEventSchema,
  removePerson,
  requirePerson,
  updatePerson,
} from "../../domain/people/index.js";
import { type Clock, isoNow } from "../../domain/shared/clock.js";
import { fail, WarroomError } from "../../domain/shared/errors.js";
import type { StoredEvent } from "../../store/event-store.js";
import { DirectoryStream, type FeedAccess } from "../directory-stream.js";

export interface ActingAs {
  /** Who is making the change (a handle); recorded on the event. */
  actor: string;
}

export interface ImportResult {
  added: string[];
  updated: string[];
  unchanged: string[];
}

const ACTOR = /^[\p{L}\p{N}._-]{1,100}$/u;

export class PeopleService {
  private readonly directory: Directory = new Map();
  private readonly stream: DirectoryStream;

  constructor(
    feed: FeedAccess,
    private readonly clock: Clock,
  ) {
    this.stream = new DirectoryStream(feed, PEOPLE_STREAM);
  }

  /** Called by the live feed for every stored event, in position order. */
  apply(stored: StoredEvent): void {
    if (stored.streamId !== PEOPLE_STREAM) return;
    this.stream.version = stored.version;
    const parsed = peopleEventSchema.safeParse(stored.data);
    if (parsed.success) evolveDirectory(this.directory, parsed.data);
  }

  /** Everyone, by handle. */
  list(): Person[] {
    return [...this.directory.values()].sort((a, b) => handleKey(a.handle).localeCompare(handleKey(b.handle)));
  }

  /** The person, or undefined; the handle is matched without regard to case, `@` allowed. */
  get(handle: string): Person | undefined {
    return this.directory.get(handleKey(handle));
  }

  /** The person, or `person.not_found` (and `validation.failed` for a malformed handle). */
  require(handle: string): Person {
    return requirePerson(handle, this.directory);
  }

  get size(): number {
    return this.directory.size;
  }

  add(input: unknown, acting: ActingAs): Promise<Person> {
    const actor = checkActor(acting);
    return this.stream.write(() => {
      const event = addPerson(input, this.directory, this.context(actor));
      return { events: [event], result: (event as Extract<PeopleEvent, { type: "PersonAdded" }>).person };
    });
  }

  /** Changes some fields; answers the person as changed (unchanged values append nothing). */
  async update(handle: string, changes: unknown, acting: ActingAs): Promise<Person> {
    const actor = checkActor(acting);
    await this.stream.write(() => {
      const event = updatePerson(handle, changes, this.directory, this.context(actor));
      return { events: event ? [event] : [], result: null };
    });
    return this.require(handle);
  }

  /** Removes the person; their API tokens stop working with them. */
  remove(handle: string, acting: ActingAs): Promise<Person> {
    const actor = checkActor(acting);
    return this.stream.write(() => {
      const person = this.require(handle);
      return { events: [removePerson(handle, this.directory, this.context(actor))], result: person };
    });
  }

  /** Adds and updates many people in one append; refuses the whole batch naming the bad row. */
  importPeople(rows: readonly unknown[], acting: ActingAs): Promise<ImportResult> {
    const actor = checkActor(acting);
    return this.stream.write(() => {
      const scratch: Directory = new Map(this.directory);
      const events: PeopleEvent[] = [];
      const result: ImportResult = { added: [], updated: [], unchanged: [] };
      rows.forEach((row, index) => {
        try {
          const handle = typeof row === "object" && row !== null ? (row as { handle?: unknown }).handle : undefined;
          const existing = typeof handle === "string" ? scratch.get(handleKey(handle)) : undefined;
          let event: PeopleEvent | null;
          if (existing) {
            const { handle: _same, ...changes } = row as Record<string, unknown>;
            event =
              Object.keys(changes).length === 0
                ? null
                : updatePerson(existing.handle, changes, scratch, this.context(actor));
          } else {
            event = addPerson(row, scratch, this.context(actor));
          }
          if (event) {
            evolveDirectory(scratch, event);
            events.push(event);
          }
          const name = event?.type === "PersonAdded" ? event.person.handle : (existing?.handle ?? String(handle));
          (event === null ? result.unchanged : existing ? result.updated : result.added).push(name);
        } catch (error) {
          if (error instanceof WarroomError) {
            throw new WarroomError(
              error.code,
              `row ${index + 1}: ${error.message}`,
              error.details.map((d) => ({ ...d, field: `[${index}].${d.field ?? ""}` })),
            );
          }
          throw error;
        }
      });
      return { events, result };
    });
  }

  private context(actor: string): { actor: string; now: string } {
    return { actor, now: isoNow(this.clock) };
  }
}

function checkActor({ actor }: ActingAs): string {
  const handle = (actor ?? "").trim().replace(/^@/, "");
  if (!ACTOR.test(handle))
    fail("actor.missing", "say who is making the change: a person handle such as alex-ic", "actor");
  return handle;
}
