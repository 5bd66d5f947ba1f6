/** app.people over the store: roster import all-or-nothing, two processes on one file, events in DIR-people. */
import { afterEach, describe, expect, it } from "vitest";
import { isWarroomError } from "../../src/domain/shared/errors.js";
import { type AppFixture, appFixture } from "../app/helpers.js";

let f: AppFixture;
afterEach(async () => {
  await f.cleanup();
});

const acting = { actor: "alex-ic" };

describe("app.people", () => {
  it("imports a roster in one append: adds, updates, leaves the rest; a bad row refuses the whole batch", async () => {
    f = await appFixture();
    const { app } = f;
    await app.people.add({ handle: "lisa-sre", name: "Lisa", skills: ["k8s"] }, acting);
    const head = await app.store.headPosition();
    const result = await app.people.importPeople(
      [
        { handle: "lisa-sre", name: "Lisa", skills: ["k8s", "networking"] },
        { handle: "sarah-db", name: "Sarah", skills: ["postgres"], icQualified: true },
        { handle: "mike-app", name: "Mike" },
      ],
      acting,
    );
    expect(result).toEqual({ added: ["sarah-db", "mike-app"], updated: ["lisa-sre"], unchanged: [] });
    const events = await app.store.readAll(head);
    expect(events.map((e) => [e.streamId, e.type])).toEqual([
      ["DIR-people", "PersonUpdated"],
      ["DIR-people", "PersonAdded"],
      ["DIR-people", "PersonAdded"],
    ]);
    expect(app.people.get("LISA-SRE")?.skills).toEqual(["k8s", "networking"]);
    const again = await app.people.importPeople([{ handle: "mike-app", name: "Mike" }], acting);
    expect(again).toEqual({ added: [], updated: [], unchanged: ["mike-app"] });

    const before = await app.store.headPosition();
    let refusal: unknown;
    try {
      await app.people.importPeople(
        [
          { handle: "new-one", name: "New" },
          { handle: "bad handle!", name: "X" },
        ],
        acting,
      );
    } catch (error) {
      refusal = error;
    }
    expect(isWarroomError(refusal) && refusal.code).toBe("validation.failed");
    expect(isWarroomError(refusal) && refusal.details[0]?.field).toBe("[1].handle");
    expect(await app.store.headPosition()).toBe(before);
    expect(app.people.get("new-one")).toBeUndefined();
  });

  it("two processes on one file: both see each other's changes, and a stale writer retries instead of losing one", async () => {
    f = await appFixture();
    const other = await f.second();
    await Promise.all([
      f.app.people.add({ handle: "a", name: "A" }, acting),
      other.people.add({ handle: "b", name: "B" }, acting),
    ]);
    await f.app.refresh();
    await other.refresh();
    expect(f.app.people.list().map((p) => p.handle)).toEqual(["a", "b"]);
    expect(other.people.list().map((p) => p.handle)).toEqual(["a", "b"]);
    const { token } = await f.app.tokens.create({ person: "b", role: "viewer" }, acting);
    await other.refresh();
    expect(other.tokens.authenticate(token)).toMatchObject({ person: "b", role: "viewer" });
    await other.people.remove("b", acting);
    await f.app.refresh();
    expect(() => f.app.tokens.authenticate(token)).toThrow(/no longer in the directory/);
  });

  it("writes a token's last use at most once per interval, however many requests", async () => {
    f = await appFixture();
    const { app, clock } = f;
    await app.people.add({ handle: "c", name: "C" }, acting);
    const { token } = await app.tokens.create({ person: "c", role: "viewer" }, acting);
    const used = async () => (await app.store.readAll(0)).filter((e) => e.type === "TokenUsed").length;
    for (let i = 0; i < 50; i++) app.tokens.authenticate(token);
    await app.tokens.flushUses();
    expect(await used()).toBe(1);
    clock.advance(4 * 60_000);
    for (let i = 0; i < 50; i++) app.tokens.authenticate(token);
    await app.tokens.flushUses();
    expect(await used()).toBe(1);
    clock.advance(2 * 60_000);
    app.tokens.authenticate(token);
    await app.tokens.flushUses();
    expect(await used()).toBe(2);
    expect(app.tokens.list()[0]?.lastUsedAt).toBe(new Date(clock.now()).toISOString());
  });
});
