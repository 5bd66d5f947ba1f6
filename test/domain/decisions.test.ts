import { describe, expect, it } from "vitest";
import type { CommandInput } from "../../src/domain/incident/commands.js";
import { authorityProblem } from "../../src/domain/incident/decide-decision.js";
import { optionLetter } from "../../src/domain/incident/guards.js";
import {
  DEFAULT_NOW,
  DEV,
  declared,
  EXEC,
  ev,
  given,
  IC,
  incidentOf,
  OTHER,
  optionProposed,
  policyWith,
  resolved,
  roleAssigned,
  staffed,
  TECH,
} from "./helpers.js";

const threeOptions = [
  optionProposed("A", "Restore from backup"),
  optionProposed("B", "Failover"),
  optionProposed("C", "Patch forward"),
];

describe("propose-option", () => {
  it("proposes option A with its attributes, proposed by the actor", () => {
    const outcome = given(declared()).when(
      {
        type: "propose-option",
        title: " Immediate shutdown ",
        description: " stop writes now ",
        attributes: { timeToCompleteMinutes: 5, dataLoss: "none", risk: "low", likelihoodOfSuccess: 95, cost: "$8M" },
      },
      { actor: TECH },
    );
    outcome.emits([
      {
        type: "OptionProposed",
        at: DEFAULT_NOW,
        by: TECH,
        optionId: "A",
        title: "Immediate shutdown",
        description: "stop writes now",
        attributes: { timeToCompleteMinutes: 5, dataLoss: "none", risk: "low", likelihoodOfSuccess: 95, cost: "$8M" },
        proposedBy: TECH,
      },
    ]);
    expect(outcome.after.options[0]).toEqual({
      id: "A",
      title: "Immediate shutdown",
      description: "stop writes now",
      attributes: { timeToCompleteMinutes: 5, dataLoss: "none", risk: "low", likelihoodOfSuccess: 95, cost: "$8M" },
      proposedBy: TECH,
      proposedAt: DEFAULT_NOW,
    });
  });

  it("records someone else as proposer and defaults attributes to none", () => {
    given(declared(), optionProposed("A"))
      .when({ type: "propose-option", title: "Failover", proposedBy: "@dave" }, { actor: IC })
      .emitsOne("OptionProposed", { optionId: "B", by: IC, proposedBy: DEV, attributes: {}, description: null });
  });

  it("keeps extra attributes and drops an empty extras object", () => {
    given(declared())
      .when({ type: "propose-option", title: "x", attributes: { extras: { region: "eu", hosts: 3, safe: true } } })
      .emitsOne("OptionProposed", { attributes: { extras: { region: "eu", hosts: 3, safe: true } } });
    const event = given(declared())
      .when({ type: "propose-option", title: "x", attributes: { risk: "high", extras: {} } })
      .emitsOne("OptionProposed");
    expect(event.attributes.risk).toBe("high");
    expect(event.attributes.extras).toBeUndefined();
    expect(JSON.parse(JSON.stringify(event)).attributes).toStrictEqual({ risk: "high" });
  });

  it("letters options A … Z, then AA", () => {
    const history = [declared(), ...Array.from({ length: 26 }, (_, i) => optionProposed(optionLetter(i)))];
    expect(incidentOf(history).options.at(-1)?.id).toBe("Z");
    given(history).when({ type: "propose-option", title: "27th" }).emitsOne("OptionProposed", { optionId: "AA" });
  });

  it.each([
    [0, "A"],
    [1, "B"],
    [25, "Z"],
    [26, "AA"],
    [27, "AB"],
    [51, "AZ"],
    [52, "BA"],
    [701, "ZZ"],
    [702, "AAA"],
  ])("optionLetter(%i) is %s", (index, letter) => {
    expect(optionLetter(index)).toBe(letter);
  });

  it("refuses an empty title", () => {
    given(declared()).when({ type: "propose-option", title: "  " }).throws("text.empty", "title");
  });

  it("refuses an over-long description", () => {
    given(declared())
      .when({ type: "propose-option", title: "ok", description: "123456" }, { policy: policyWith({ maxTextBytes: 5 }) })
      .throws("text.too_long", "description");
  });

  it("refuses on a resolved incident", () => {
    given(declared(), resolved()).when({ type: "propose-option", title: "x" }).throws("incident.resolved");
  });

  it("holds free-text attributes and extras to the text limit", () => {
    const policy = policyWith({ maxTextBytes: 5 });
    given(declared())
      .when({ type: "propose-option", title: "ok", attributes: { dataLoss: "2 hours" } }, { policy })
      .throws("text.too_long", "attributes.dataLoss");
    given(declared())
      .when({ type: "propose-option", title: "ok", attributes: { extras: { region: "eu-west-1" } } }, { policy })
      .throws("text.too_long", "attributes.extras.region");
  });
});

describe("record-decision", () => {
  it("records D1 by the IC, defaulting title and alternatives", () => {
    const outcome = given(staffed(), threeOptions).when(
      {
        type: "record-decision",
        kind: "trade-off",
        chosen: [" b "],
        rationale: " fastest with no data loss ",
        fallback: " restore from backup ",
      },
      { actor: IC },
    );
    outcome.emits([
      {
        type: "DecisionRecorded",
        at: DEFAULT_NOW,
        by: IC,
        decisionId: "D1",
        kind: "trade-off",
        title: "Failover",
        chosen: ["B"],
        rationale: "fastest with no data loss",
        alternatives: ["A", "C"],
        consulted: [],
        fallback: "restore from backup",
        overrideReason: null,
      },
    ]);
    expect(outcome.after.decisions[0]).toEqual({
      id: "D1",
      kind: "trade-off",
      title: "Failover",
      chosen: ["B"],
      rationale: "fastest with no data loss",
      alternatives: ["A", "C"],
      consulted: [],
      fallback: "restore from backup",
      decidedBy: IC,
      at: DEFAULT_NOW,
      overrideReason: null,
    });
  });

  it("keeps the order of a hybrid and names it in that order", () => {
    given(staffed(), threeOptions)
      .when({ type: "record-decision", kind: "trade-off", chosen: ["C", "A"], rationale: "patch, then restore" })
      .emitsOne("DecisionRecorded", {
        chosen: ["C", "A"],
        title: "Patch forward, then Restore from backup",
        alternatives: ["B"],
      });
  });

  it("keeps stated alternatives and title, de-duplicates consulted", () => {
    given(staffed(), threeOptions)
      .when({
        type: "record-decision",
        kind: "trade-off",
        title: "Go with failover",
        chosen: ["B"],
        rationale: "r",
        alternatives: ["A", "wait it out"],
        consulted: ["@carol", EXEC, TECH],
      })
      .emitsOne("DecisionRecorded", {
        title: "Go with failover",
        alternatives: ["A", "wait it out"],
        consulted: [EXEC, TECH],
      });
  });

  it("refuses a blank alternative, naming its index", () => {
    given(staffed(), threeOptions)
      .when(
        { type: "record-decision", kind: "trade-off", chosen: ["B"], rationale: "r", alternatives: ["A", "  "] },
        { actor: IC },
      )
      .throws("text.empty", "alternatives.1");
  });

  it("numbers decisions D1, D2", () => {
    given(staffed(), threeOptions)
      .and({ type: "record-decision", kind: "trade-off", chosen: ["A"], rationale: "r" }, { actor: IC })
      .when({ type: "record-decision", kind: "trade-off", chosen: ["B"], rationale: "r" }, { actor: IC })
      .emitsOne("DecisionRecorded", { decisionId: "D2" });
  });

  it("refuses a decision before any option exists", () => {
    given(staffed())
      .when({ type: "record-decision", kind: "trade-off", chosen: ["A"], rationale: "r" })
      .throws("decision.no_options", "chosen");
  });

  it("refuses an option that does not exist, listing those that do", () => {
    given(staffed(), threeOptions)
      .when({ type: "record-decision", kind: "trade-off", chosen: ["B", "D"], rationale: "r" })
      .throws("option.not_found", "A, B, C");
  });

  it.each([[["A", "A"]], [["A", "a"]], [["B", " b", "C"]]])("refuses the same option twice (%j)", (chosen) => {
    given(staffed(), threeOptions)
      .when({ type: "record-decision", kind: "trade-off", chosen, rationale: "r" })
      .throws("decision.invalid", "chosen");
  });

  it.each(["", "  "])("refuses an empty rationale %j", (rationale) => {
    given(staffed(), threeOptions)
      .when({ type: "record-decision", kind: "trade-off", chosen: ["A"], rationale })
      .throws("text.empty", "rationale");
  });

  it("refuses on a resolved incident", () => {
    given(staffed(), threeOptions, resolved())
      .when({ type: "record-decision", kind: "trade-off", chosen: ["A"], rationale: "r" })
      .throws("incident.resolved");
  });
});

describe("decision authority (the handbook's framework)", () => {
  const decision = (
    kind: "technical" | "trade-off" | "business",
    extra: { consulted?: string[]; overrideReason?: string } = {},
  ): CommandInput<"record-decision"> => ({
    type: "record-decision",
    kind,
    chosen: ["A"],
    rationale: "because",
    ...extra,
  });

  describe("technical", () => {
    it("is the tech lead's", () => {
      given(staffed(), threeOptions)
        .when(decision("technical"), { actor: TECH })
        .emitsOne("DecisionRecorded", { kind: "technical", by: TECH, overrideReason: null });
    });

    it("is refused to the IC", () => {
      given(staffed(), threeOptions).when(decision("technical"), { actor: IC }).throws("decision.not_authorised", TECH);
    });

    it("is refused to anyone else", () => {
      given(staffed(), threeOptions)
        .when(decision("technical"), { actor: DEV })
        .throws("decision.not_authorised", "actor");
    });

    it("is refused when nobody holds tech-lead", () => {
      given(declared(), threeOptions)
        .when(decision("technical"), { actor: IC })
        .throws("decision.not_authorised", "nobody holds tech-lead");
    });

    it("follows the tech-lead role when it is handed over", () => {
      const history = [
        ...staffed(),
        ev("RoleHandedOver", { role: "tech-lead", from: TECH, to: DEV, briefing: null }),
        ...threeOptions,
      ];
      given(history).when(decision("technical"), { actor: DEV }).emitsOne("DecisionRecorded", { by: DEV });
      given(history).when(decision("technical"), { actor: TECH }).throws("decision.not_authorised", DEV);
    });

    it("is the IC's when the IC also holds tech-lead", () => {
      given(declared(), roleAssigned("tech-lead", IC), threeOptions)
        .when(decision("technical"), { actor: IC })
        .emitsOne("DecisionRecorded", { kind: "technical" });
    });
  });

  describe("trade-off", () => {
    it("is the IC's", () => {
      given(staffed(), threeOptions).when(decision("trade-off"), { actor: IC }).emitsOne("DecisionRecorded");
    });

    it.each([TECH, EXEC, DEV])("is refused to %s", (actor) => {
      given(staffed(), threeOptions).when(decision("trade-off"), { actor }).throws("decision.not_authorised", IC);
    });
  });

  describe("business", () => {
    it("is the IC's with the exec-stakeholder consulted", () => {
      given(staffed(), threeOptions)
        .when(decision("business", { consulted: ["@carol"] }), { actor: IC })
        .emitsOne("DecisionRecorded", { kind: "business", consulted: [EXEC], overrideReason: null });
    });

    it("is refused when the exec-stakeholder was not consulted", () => {
      given(staffed(), threeOptions)
        .when(decision("business", { consulted: [TECH] }), { actor: IC })
        .throws("decision.not_authorised", EXEC);
    });

    it("is refused when nobody holds exec-stakeholder", () => {
      given(declared(), roleAssigned("tech-lead", TECH), threeOptions)
        .when(decision("business", { consulted: [EXEC] }), { actor: IC })
        .throws("decision.not_authorised", "nobody holds exec-stakeholder");
    });

    it.each([EXEC, TECH, DEV])("is refused to %s even with the exec consulted", (actor) => {
      given(staffed(), threeOptions)
        .when(decision("business", { consulted: [EXEC] }), { actor })
        .throws("decision.not_authorised", IC);
    });
  });

  describe("override", () => {
    const refused = [
      ["technical by the IC", staffed(), decision("technical"), IC],
      ["technical with no tech lead", [declared()], decision("technical"), IC],
      ["trade-off by the tech lead", staffed(), decision("trade-off"), TECH],
      ["business without the exec consulted", staffed(), decision("business"), IC],
      ["business with no exec assigned", [declared()], decision("business", { consulted: [EXEC] }), IC],
      ["business by someone else", staffed(), decision("business", { consulted: [EXEC] }), OTHER],
    ] as const;

    it.each(refused)("accepts %s with overrideReason and keeps the reason", (_name, history, cmd, actor) => {
      given(history, threeOptions).when(cmd, { actor }).throws("decision.not_authorised");
      const outcome = given(history, threeOptions).when(
        { ...cmd, overrideReason: "  tech lead unreachable; data loss grows each minute " },
        { actor },
      );
      outcome.emitsOne("DecisionRecorded", {
        by: actor,
        overrideReason: "tech lead unreachable; data loss grows each minute",
      });
      expect(outcome.after.decisions[0]?.overrideReason).toBe("tech lead unreachable; data loss grows each minute");
    });

    it("does not accept a blank override reason", () => {
      given(staffed(), threeOptions)
        .when({ ...decision("technical"), overrideReason: "   " }, { actor: IC })
        .throws("decision.not_authorised", "overrideReason");
    });

    it("keeps an override reason even when none was needed", () => {
      given(staffed(), threeOptions)
        .when({ ...decision("trade-off"), overrideReason: "noted" }, { actor: IC })
        .emitsOne("DecisionRecorded", { overrideReason: "noted" });
    });
  });

  it("authorityProblem answers null exactly for the authorised person", () => {
    const incident = incidentOf(staffed());
    expect(authorityProblem("technical", incident, TECH, [])).toBeNull();
    expect(authorityProblem("technical", incident, IC, [])).toContain(TECH);
    expect(authorityProblem("trade-off", incident, IC, [])).toBeNull();
    expect(authorityProblem("trade-off", incident, TECH, [])).toContain(IC);
    expect(authorityProblem("business", incident, IC, [EXEC])).toBeNull();
    expect(authorityProblem("business", incident, IC, [TECH])).toContain(EXEC);
  });
});
