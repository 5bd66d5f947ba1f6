import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isWarroomError, type WarroomError } from "../../src/domain/shared/errors.js";
import { SCHEMA_PATH, scenarioJsonSchema } from "../../src/training/export-schema.js";
import {
  builtInScenarioIds,
  parseScenario,
  resolveScenario,
  SCENARIOS_DIR,
} from "../../src/training/scenario-loader.js";
import { TINY_SCENARIO } from "./fixtures.js";

function failure(fn: () => unknown): WarroomError {
  try {
    fn();
  } catch (error) {
    if (isWarroomError(error)) return error;
    throw error;
  }
  throw new Error("expected a validation failure");
}

describe("scenario schema and loader", () => {
  it("parses a valid scenario and fills the defaults", () => {
    const s = parseScenario(TINY_SCENARIO, "tiny.yaml");
    expect(s.id).toBe("tiny-drill");
    expect(s.date).toBe("2026-03-07");
    expect(s.cast[1]?.behaviour).toEqual({ patience: "5m", pushback: [], acknowledge: "On it." });
    expect(s.injects[0]?.lines[0]?.channel).toBe("command");
    expect(s.rubric.passPercent).toBe(80);
    expect(s.rubric.groups[0]?.items[1]?.params).toEqual({ grace: "10m", minOptionsFirst: 2 });
  });

  it("names the path and the line of a bad field", () => {
    const bad = TINY_SCENARIO.replace(
      "    owner: sam-db\n    attributes: { timeToCompleteMinutes: 10",
      "    owner: sam-db\n    attributes: { timeToCompleteMinutes: -1",
    );
    const error = failure(() => parseScenario(bad, "tiny.yaml"));
    expect(error.code).toBe("validation.failed");
    const line = bad.split("\n").findIndex((l) => l.includes("timeToCompleteMinutes: -1")) + 1;
    expect(error.message).toContain(`tiny.yaml:${line} options.0.attributes.timeToCompleteMinutes:`);
  });

  it("refuses cross-references to people, options and facts that do not exist", () => {
    const bad = TINY_SCENARIO.replace(
      "      - from: vic-vp\n        text: Is anyone",
      "      - from: nobody\n        text: Is anyone",
    ).replace("    option: A\n", "    option: Z\n");
    const error = failure(() => parseScenario(bad, "tiny.yaml"));
    expect(error.message).toContain("injects.1.lines.0.from: nobody is not in the cast");
    expect(error.message).toContain("facts.0.option: option Z is not among the options");
    expect(error.details.map((d) => d.field)).toContain(
      `injects.1.lines.0.from (line ${bad.split("\n").findIndex((l) => l.includes("from: nobody")) + 1})`,
    );
  });

  it("wants exactly one timing per inject and group points that add up", () => {
    const bad = TINY_SCENARIO.replace(
      "    at: 1m\n",
      "    at: 1m\n    when: { by: 2m, condition: { kind: no-tasks } }\n",
    ).replace("      points: 10\n", "      points: 30\n");
    const error = failure(() => parseScenario(bad, "tiny.yaml"));
    expect(error.message).toContain("injects.0: give exactly one of at, when or after");
    expect(error.message).toContain("rubric.groups.0.points: Command is worth 30 but its items add up to 10");
  });

  it("refuses unknown keys, evaluators and bad durations", () => {
    const bad = TINY_SCENARIO.replace("duration: 20m", "duration: twenty")
      .replace("evaluator: timely-decision", "evaluator: mind-reading")
      .replace("difficulty: beginner", "difficulty: beginner\ncolour: red");
    const error = failure(() => parseScenario(bad, "tiny.yaml"));
    expect(error.message).toMatch(/tiny\.yaml:\d+ duration: .*not a duration|duration like/);
    expect(error.message).toContain("rubric.groups.0.items.1");
    expect(error.message).toMatch(/colour/);
  });

  it("reports YAML syntax errors with their line", () => {
    const error = failure(() => parseScenario("id: x\ntitle: [unclosed\n", "broken.yaml"));
    expect(error.message).toMatch(/broken\.yaml:\d+ \(yaml\):/);
  });

  it("resolves built-in scenarios by id and refuses unknown names listing the known ones", () => {
    const ids = builtInScenarioIds();
    expect(ids).toContain("multi-team-coordination");
    expect(resolveScenario("multi-team-coordination").id).toBe("multi-team-coordination");
    const error = failure(() => resolveScenario("no-such-drill"));
    expect(error.message).toContain("no scenario named 'no-such-drill'");
    expect(error.message).toContain("multi-team-coordination");
  });

  it("every built-in scenario validates", () => {
    for (const id of builtInScenarioIds()) expect(resolveScenario(id).id).toBe(id);
  });

  it("checks that rubric parameters name real facts, people and injects", () => {
    const text = readFileSync(join(SCENARIOS_DIR, "impossible-decision.yaml"), "utf8")
      .replace("facts: [spread-certainty, option-c,", "facts: [spread-certainty, option-z,")
      .replace("handles: [nina-product, omar-legal]", "handles: [nina-product, saul-legal]")
      .replace(
        "after: outcome\n            within: 10m\n            concepts:\n              - name: own",
        "after: epilogue\n            within: 10m\n            concepts:\n              - name: own",
      );
    const error = failure(() => parseScenario(text, "id.yaml"));
    expect(error.message).toContain("rubric.groups.0.items.0.params.facts.1: fact option-z is not among the facts");
    expect(error.message).toContain("rubric.groups.0.items.1.params.handles.1: saul-legal is not in the cast");
    expect(error.message).toContain("rubric.groups.2.items.0.params.after: inject epilogue is not among the injects");
  });

  it("the committed JSON Schema equals the generated one", () => {
    expect(readFileSync(SCHEMA_PATH, "utf8")).toBe(scenarioJsonSchema());
    const schema = JSON.parse(readFileSync(SCHEMA_PATH, "utf8")) as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(["cast", "facts", "injects", "rubric"]));
  });
});
