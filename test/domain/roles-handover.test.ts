import { describe, expect, it } from "vitest";
import type { CommandInput } from "../../src/domain/incident/commands.js";
import { commanderOf } from "../../src/domain/incident/derived.js";
import { DEFAULT_POLICY } from "../../src/domain/incident/policy.js";
import {
  at,
  DEFAULT_NOW,
  DEV,
  declared,
  EXEC,
  ev,
  given,
  IC,
  OTHER,
  optionProposed,
  policyWith,
  resolved,
  roleAssigned,
  staffed,
  TECH,
} from "./helpers.js";

describe("assign-role", () => {
  it("assigns a free role to a named person", () => {
    const outcome = given(declared()).when({ type: "assign-role", role: "tech-lead", person: "@bob" }, { actor: IC });
    outcome.emits([{ type: "RoleAssigned", at: DEFAULT_NOW, by: IC, role: "tech-lead", person: TECH }]);
    expect(outcome.after.roles["tech-lead"]).toEqual({ person: TECH, since: DEFAULT_NOW });
  });

  it.each(DEFAULT_POLICY.roles.filter((r) => r.id !== "incident-commander").map((r) => r.id))(
    "accepts catalogue role %s",
    (role) => {
      given(declared())
        .when({ type: "assign-role", role, person: DEV })
        .emitsOne("RoleAssigned", { role, person: DEV });
    },
  );

  it("refuses a role outside the catalogue, listing the known ones", () => {
    given(declared()).when({ type: "assign-role", role: "janitor", person: DEV }).throws("role.unknown", "tech-lead");
  });

  it("uses the configured catalogue", () => {
    const policy = policyWith({
      roles: [...DEFAULT_POLICY.roles, { id: "janitor", title: "Janitor", duty: "Sweeps" }],
    });
    given(declared()).when({ type: "assign-role", role: "janitor", person: DEV }, { policy }).emitsOne("RoleAssigned");
  });

  it("refuses a role the same person already holds", () => {
    given(declared(), roleAssigned("tech-lead", TECH))
      .when({ type: "assign-role", role: "tech-lead", person: TECH })
      .throws("role.already_held", "person");
  });

  it("refuses a role held by someone else: hand it over instead", () => {
    given(declared(), roleAssigned("tech-lead", TECH))
      .when({ type: "assign-role", role: "tech-lead", person: DEV })
      .throws("role.already_held", "hand it over");
  });

  it("refuses assigning the commander role: it is always held", () => {
    given(declared())
      .when({ type: "assign-role", role: "incident-commander", person: DEV })
      .throws("role.already_held", "role");
  });

  it.each(["someone", "team", "here", "everyone", "tbd"])("refuses a role for a non-person (%s)", (person) => {
    given(declared()).when({ type: "assign-role", role: "scribe", person }).throws("task.unassigned", "person");
  });

  it("lets one person hold several roles (flagged, not refused)", () => {
    given(declared(), roleAssigned("scribe", DEV))
      .when({ type: "assign-role", role: "deputy", person: DEV })
      .emitsOne("RoleAssigned", { role: "deputy", person: DEV });
  });
});

describe("release-role", () => {
  it("releases a held role, naming its holder and the reason", () => {
    const outcome = given(declared(), roleAssigned("scribe", DEV)).when(
      { type: "release-role", role: "scribe", reason: " shift over " },
      { actor: IC },
    );
    outcome.emits([
      { type: "RoleReleased", at: DEFAULT_NOW, by: IC, role: "scribe", person: DEV, reason: "shift over" },
    ]);
    expect(outcome.after.roles).not.toHaveProperty("scribe");
  });

  it("stores no reason as null", () => {
    given(declared(), roleAssigned("scribe", DEV))
      .when({ type: "release-role", role: "scribe" })
      .emitsOne("RoleReleased", { reason: null });
  });

  it("refuses a role nobody holds", () => {
    given(declared()).when({ type: "release-role", role: "scribe" }).throws("role.not_held", "role");
  });

  it("refuses an unknown role", () => {
    given(declared()).when({ type: "release-role", role: "janitor" }).throws("role.unknown", "role");
  });

  it("never releases the commander", () => {
    given(declared())
      .when({ type: "release-role", role: "incident-commander" }, { actor: IC })
      .throws("role.commander_required", "role");
  });

  it("lets a released role be assigned again", () => {
    given(declared(), roleAssigned("scribe", DEV), ev("RoleReleased", { role: "scribe", person: DEV, reason: null }))
      .when({ type: "assign-role", role: "scribe", person: OTHER })
      .emitsOne("RoleAssigned", { role: "scribe", person: OTHER });
  });
});

describe("hand-over-role (not command)", () => {
  it("hands a role over with a briefing", () => {
    const outcome = given(declared(), roleAssigned("tech-lead", TECH)).when(
      { type: "hand-over-role", role: "tech-lead", to: DEV, briefing: " replica 2 is suspect " },
      { actor: TECH },
    );
    outcome.emits([
      {
        type: "RoleHandedOver",
        at: DEFAULT_NOW,
        by: TECH,
        role: "tech-lead",
        from: TECH,
        to: DEV,
        briefing: "replica 2 is suspect",
      },
    ]);
    expect(outcome.after.roles["tech-lead"]).toEqual({ person: DEV, since: DEFAULT_NOW });
  });

  it("refuses a role nobody holds: assign it instead", () => {
    given(declared()).when({ type: "hand-over-role", role: "tech-lead", to: DEV }).throws("role.not_held", "assign");
  });

  it("refuses handing a role to its holder", () => {
    given(declared(), roleAssigned("tech-lead", TECH))
      .when({ type: "hand-over-role", role: "tech-lead", to: TECH })
      .throws("role.already_held", "to");
  });

  it("refuses an unknown role", () => {
    given(declared()).when({ type: "hand-over-role", role: "janitor", to: DEV }).throws("role.unknown");
  });

  it("refuses handing a role to nobody in particular", () => {
    given(declared(), roleAssigned("tech-lead", TECH))
      .when({ type: "hand-over-role", role: "tech-lead", to: "someone" })
      .throws("task.unassigned", "to");
  });
});

describe("hand-over of command", () => {
  it("by the current IC emits CommandHandedOver and moves command", () => {
    const outcome = given(declared()).when(
      { type: "hand-over-role", role: "incident-commander", to: "@dave", briefing: "SEV-2, rollback running" },
      { actor: IC },
    );
    outcome.emits([
      {
        type: "CommandHandedOver",
        at: DEFAULT_NOW,
        by: IC,
        from: IC,
        to: DEV,
        briefing: "SEV-2, rollback running",
        overrideReason: null,
      },
    ]);
    expect(outcome.after.roles["incident-commander"]).toEqual({ person: DEV, since: DEFAULT_NOW });
    expect(commanderOf(outcome.after)).toBe(DEV);
  });

  it("by someone else is refused", () => {
    given(declared())
      .when({ type: "hand-over-role", role: "incident-commander", to: DEV }, { actor: OTHER })
      .throws("role.not_authorised", "actor");
  });

  it("by someone else with a blank override reason is still refused", () => {
    given(declared())
      .when({ type: "hand-over-role", role: "incident-commander", to: OTHER, overrideReason: "   " }, { actor: OTHER })
      .throws("role.not_authorised", IC);
  });

  it("by someone else with an override reason is accepted and keeps the reason", () => {
    given(declared())
      .when(
        { type: "hand-over-role", role: "incident-commander", to: OTHER, overrideReason: " alice unreachable " },
        { actor: OTHER },
      )
      .emitsOne("CommandHandedOver", {
        by: OTHER,
        from: IC,
        to: OTHER,
        briefing: null,
        overrideReason: "alice unreachable",
      });
  });

  it("to the current IC is refused", () => {
    given(declared())
      .when({ type: "hand-over-role", role: "incident-commander", to: IC }, { actor: IC })
      .throws("role.already_held", "to");
  });

  it("to nobody in particular is refused", () => {
    given(declared())
      .when({ type: "hand-over-role", role: "incident-commander", to: "@here" }, { actor: IC })
      .throws("task.unassigned", "to");
  });

  it("refuses an over-long briefing", () => {
    given(declared())
      .when(
        { type: "hand-over-role", role: "incident-commander", to: DEV, briefing: "123456" },
        { policy: policyWith({ maxTextBytes: 5 }) },
      )
      .throws("text.too_long", "briefing");
  });

  it("is allowed on a resolved incident (the postmortem needs an owner)", () => {
    given(declared(), resolved())
      .when({ type: "hand-over-role", role: "incident-commander", to: DEV }, { actor: IC })
      .emitsOne("CommandHandedOver", { to: DEV });
  });

  it("gives the new IC authority for trade-off decisions and takes it from the old one", () => {
    const afterHandover = given(staffed(), optionProposed("A"), optionProposed("B")).and(
      { type: "hand-over-role", role: "incident-commander", to: DEV },
      { actor: IC, now: at(5) },
    );
    const decision: CommandInput<"record-decision"> = {
      type: "record-decision",
      kind: "trade-off",
      chosen: ["A"],
      rationale: "fastest",
    };
    afterHandover.when(decision, { actor: DEV }).emitsOne("DecisionRecorded", { by: DEV, chosen: ["A"] });
    afterHandover.when(decision, { actor: IC }).throws("decision.not_authorised", DEV);
  });

  it("gives the new IC the right to hand command over, and not the old one", () => {
    const afterHandover = given(declared()).and(
      { type: "hand-over-role", role: "incident-commander", to: DEV },
      { actor: IC, now: at(5) },
    );
    afterHandover
      .when({ type: "hand-over-role", role: "incident-commander", to: OTHER }, { actor: IC })
      .throws("role.not_authorised");
    afterHandover
      .when({ type: "hand-over-role", role: "incident-commander", to: IC }, { actor: DEV })
      .emitsOne("CommandHandedOver", { from: DEV, to: IC });
  });

  it("moves business authority to the new IC too", () => {
    const afterHandover = given(staffed(), optionProposed("A")).and(
      { type: "hand-over-role", role: "incident-commander", to: TECH },
      { actor: IC },
    );
    const decision: CommandInput<"record-decision"> = {
      type: "record-decision",
      kind: "business",
      chosen: ["A"],
      rationale: "r",
      consulted: [EXEC],
    };
    afterHandover.when(decision, { actor: TECH }).emitsOne("DecisionRecorded", { kind: "business" });
    afterHandover.when(decision, { actor: IC }).throws("decision.not_authorised");
  });
});
