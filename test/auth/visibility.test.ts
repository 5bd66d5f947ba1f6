/** Who may see a private incident: the rule itself, without HTTP (the routes are in private-incidents.test.ts). */
import { describe, expect, it } from "vitest";
import type { Principal } from "../../src/app/auth/principal.js";
import { ANONYMOUS } from "../../src/app/auth/principal.js";
import { canSee } from "../../src/app/auth/visibility.js";
import type { Incident } from "../../src/domain/incident/state.js";

const incident = (isPrivate: boolean) =>
  ({
    private: isPrivate,
    declaredBy: "Dana",
    roles: { scribe: { person: "Sam" } },
    tasks: [{ assignee: "Tia" }],
    workstreams: [{ lead: "Wes" }],
  }) as unknown as Incident;

const as = (person: string, role: Principal["role"] = "responder"): Principal => ({ person, role, tokenId: "TOK-1" });

describe("canSee", () => {
  it("lets everyone see an incident that is not private, and everything with no principal", () => {
    expect(canSee(incident(false), as("nobody"))).toBe(true);
    expect(canSee(incident(false), ANONYMOUS)).toBe(true);
    expect(canSee(incident(true), undefined)).toBe(true);
  });

  it("shows a private incident to its declarer, role holders, assignees, workstream leads and added people, in any case", () => {
    for (const person of ["dana", "SAM", "Tia", "wes", "Ada"]) {
      expect(canSee(incident(true), as(person), new Set(["ada"])), person).toBe(true);
    }
  });

  it("hides a private incident from anyone else and from the anonymous principal; an admin sees it", () => {
    expect(canSee(incident(true), as("eve"), new Set(["ada"]))).toBe(false);
    expect(canSee(incident(true), as("eve", "commander"))).toBe(false);
    expect(canSee(incident(true), ANONYMOUS)).toBe(false);
    expect(canSee(incident(true), as("eve", "admin"))).toBe(true);
  });
});
