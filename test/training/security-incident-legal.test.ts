/**
 * security-incident-legal: a private declaration from a transcript, the decision-kind
 * evaluator (a business call with the executive and legal consulted), and the evidence of
 * the reference transcripts.
 */
import { describe, expect, it } from "vitest";
import { resolveScenario } from "../../src/training/scenario-loader.js";
import { parseTranscript } from "../../src/training/transcript.js";
import { actionsOf, evidenceActions, inline, item, referenceTranscript, scored, scoreReference } from "./helpers.js";

const ID = "security-incident-legal";
const scenario = resolveScenario(ID);
const SETUP = `  - { at: 0m, do: declare, title: Invoices exposed, severity: SEV-1, private: true }
  - { at: 0m, do: assign, role: exec-stakeholder, person: elena-coo }
  - { at: 1m, do: option, title: Notify now with the facts we have }
  - { at: 1m, do: option, title: Wait for full forensics }
`;

describe("private declarations", () => {
  it("declare takes private: true, as the CLI's --private does, and the record keeps it", async () => {
    const { run, score } = await scored(scenario, inline(SETUP));
    expect(run.events[0]).toMatchObject({ type: "IncidentDeclared", private: true, severity: "SEV-1" });
    expect(item(score, "declared-private").points).toBe(10);
    const { run: open, score: openScore } = await scored(
      scenario,
      inline("  - { at: 0m, do: declare, title: Invoices exposed, severity: SEV-1 }\n"),
    );
    expect(open.events[0]).toMatchObject({ private: false });
    expect(item(openScore, "declared-private").points).toBe(6.5);
    expect(item(openScore, "declared-private").advice).toContain("declare it private");
  });

  it("refuses a private flag that is not true or false, naming the action and the field", () => {
    expect(() =>
      parseTranscript(
        "trainee: a\nactions:\n  - { at: 0m, do: declare, title: X, severity: 1, private: yes }\n",
        "t.yaml",
      ),
    ).toThrow(/t\.yaml:3 actions\.0 \(declare\) private/);
  });
});

describe("decision-kind", () => {
  it("a business decision after asking the executive and legal, and listing them, earns it", async () => {
    const good = `${SETUP}  - { at: 3m, do: ask, to: elena-coo, text: "What matters most to you here?" }
  - { at: 4m, do: ask, to: hana-legal, text: "Which notification obligations apply?" }
  - { at: 5m, do: decide, kind: business, choose: A, rationale: Notify now, consulted: [elena-coo, hana-legal] }
`;
    const { score } = await scored(scenario, inline(good));
    expect(item(score, "executive-consulted").points).toBe(15);
    expect(evidenceActions(score, "executive-consulted")).toEqual([4, 5, 6]);
  });

  it("listing people without asking them earns half of the consultation; a trade-off kind loses the kind half", async () => {
    const listed = `${SETUP}  - { at: 5m, do: decide, kind: business, choose: A, rationale: Notify now, consulted: [elena-coo, hana-legal] }\n`;
    const { score: onlyListed } = await scored(scenario, inline(listed));
    expect(item(onlyListed, "executive-consulted").points).toBe(11.5);
    expect(item(onlyListed, "executive-consulted").advice).toContain("put the question to elena-coo and hana-legal");
    const tradeOff = `${SETUP}  - { at: 5m, do: decide, choose: A, rationale: Notify now }\n`;
    const { score: wrongKind, run } = await scored(scenario, inline(tradeOff));
    expect(run.errors).toEqual([]);
    const kind = item(wrongKind, "executive-consulted");
    expect(kind.points).toBe(0);
    expect(kind.advice).toContain("record it as one (kind business)");
    const { score: none } = await scored(scenario, inline(SETUP));
    expect(item(none, "executive-consulted").points).toBe(0);
  });
});

describe("security-incident-legal reference evidence", () => {
  it("credits the sizing, the legal questions and the refusal to speculate to the actions that did them", async () => {
    const t = referenceTranscript(ID, "strong");
    const { score } = await scoreReference(ID, "strong");
    expect(evidenceActions(score, "declared-private")).toEqual(actionsOf(t, "declare"));
    expect(evidenceActions(score, "legal-engaged")).toEqual([actionsOf(t, "say")[1]]);
    expect(evidenceActions(score, "legal-update-factual")).toEqual(actionsOf(t, "update", { audience: "legal" }));
    expect(evidenceActions(score, "speculation-declined")).toEqual([actionsOf(t, "say")[2]]);
  });

  it("names the weak commander's guesses in the legal update and the go-ahead to write them down", async () => {
    const t = referenceTranscript(ID, "weak");
    const { score } = await scoreReference(ID, "weak");
    const legal = item(score, "legal-update-factual");
    expect(legal.evidence[0]?.action).toBe(actionsOf(t, "update")[0]);
    expect(legal.evidence[0]?.words).toEqual(expect.arrayContaining(["We suspect a competitor"]));
    expect(item(score, "speculation-declined").evidence[0]).toMatchObject({ words: ["put that in"] });
  });
});
