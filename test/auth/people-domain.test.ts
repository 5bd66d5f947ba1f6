import { describe, expect, it } from "vitest";
import {
  addPerson,
  type Directory,
  evolveDirectory,
  type PeopleEvent,
  peopleEventSchema,
  removePerson,
  updatePerson,
} from "../../src/domain/people/index.js";
import { isWarroomError } from "../../src/domain/shared/errors.js";

const context = { actor: "admin", now: "2026-11-27T10:00:00.000Z" };

function apply(directory: Directory, event: PeopleEvent | null): void {
  if (event) evolveDirectory(directory, peopleEventSchema.parse(event));
}

function refusal(run: () => unknown): { code: string; fields: string[] } {
  try {
    run();
  } catch (error) {
    if (isWarroomError(error)) return { code: error.code, fields: error.details.map((d) => d.field ?? "") };
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("people directory (pure)", () => {
  it("adds with defaults, updates only what changed, removes", () => {
    const directory: Directory = new Map();
    apply(
      directory,
      addPerson({ handle: "@Sarah-DB", name: " Sarah ", skills: ["Postgres", "postgres"] }, directory, context),
    );
    expect(directory.get("sarah-db")).toEqual({
      handle: "Sarah-DB",
      name: "Sarah",
      contact: "",
      skills: ["postgres"],
      icQualified: false,
      available: true,
    });
    const update = updatePerson("sarah-db", { name: "Sarah", available: false }, directory, context);
    expect(update).toMatchObject({ type: "PersonUpdated", handle: "Sarah-DB", changes: { available: false } });
    apply(directory, update);
    expect(directory.get("sarah-db")?.available).toBe(false);
    expect(updatePerson("sarah-db", { available: false }, directory, context)).toBeNull();
    apply(directory, updatePerson("sarah-db", { chat: { slack: "U1" } }, directory, context));
    expect(directory.get("sarah-db")?.chat).toEqual({ slack: "U1" });
    apply(directory, updatePerson("sarah-db", { chat: {} }, directory, context));
    expect(directory.get("sarah-db")?.chat).toBeUndefined();
    apply(directory, removePerson("SARAH-db", directory, context));
    expect(directory.size).toBe(0);
  });

  it("refuses bad handles, duplicates (any case), unknown people and unknown fields, naming the field", () => {
    const directory: Directory = new Map();
    apply(directory, addPerson({ handle: "lisa", name: "Lisa" }, directory, context));
    expect(refusal(() => addPerson({ handle: "two words", name: "X" }, directory, context))).toEqual({
      code: "validation.failed",
      fields: ["handle"],
    });
    expect(refusal(() => addPerson({ handle: "LISA", name: "Lisa again" }, directory, context)).code).toBe(
      "person.exists",
    );
    expect(refusal(() => addPerson({ handle: "x", name: "X", role: "admin" }, directory, context)).code).toBe(
      "validation.failed",
    );
    expect(refusal(() => addPerson({ handle: "y", name: "" }, directory, context)).fields).toEqual(["name"]);
    expect(refusal(() => updatePerson("nobody", { name: "N" }, directory, context)).code).toBe("person.not_found");
    expect(refusal(() => updatePerson("lisa", {}, directory, context)).code).toBe("validation.failed");
    expect(refusal(() => updatePerson("lisa", { skills: "sql" }, directory, context)).fields).toEqual(["skills"]);
    expect(refusal(() => removePerson("../etc", directory, context)).fields).toEqual(["handle"]);
  });
});
