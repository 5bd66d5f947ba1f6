/** Reading scenarios: from YAML text, from a file, or by id from the built-in `scenarios/` folder. */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { WarroomError } from "../domain/shared/errors.js";
import { type Scenario, scenarioSchema } from "./scenario-schema.js";
import { loadYaml } from "./yaml-load.js";

/** `scenarios/` at the package root: two levels above both src/training and dist/training. */
export const SCENARIOS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../../scenarios");

export function parseScenario(text: string, source = "scenario"): Scenario {
  return loadYaml(scenarioSchema, text, source, "scenario");
}

export function readScenarioFile(path: string): Scenario {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new WarroomError("validation.failed", `cannot read scenario ${path}: ${(error as Error).message}`, [
      { field: "scenario", message: `cannot read ${path}` },
    ]);
  }
  return parseScenario(text, path);
}

/** The built-in scenario ids, sorted. */
export function builtInScenarioIds(dir = SCENARIOS_DIR): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith(".yaml"))
    .map((name) => basename(name, ".yaml"))
    .sort();
}

/** A built-in id (`multi-team-coordination`) or a path to a YAML file. */
export function resolveScenario(nameOrPath: string, dir = SCENARIOS_DIR): Scenario {
  const looksLikePath = /[/\\]/.test(nameOrPath) || /\.ya?ml$/i.test(nameOrPath);
  if (looksLikePath) return readScenarioFile(nameOrPath);
  const path = join(dir, `${nameOrPath}.yaml`);
  if (!/^[a-z0-9][a-z0-9-]*$/.test(nameOrPath) || !existsSync(path)) {
    const known = builtInScenarioIds(dir);
    const message = `no scenario named '${nameOrPath}'${known.length > 0 ? ` (built in: ${known.join(", ")})` : ""}`;
    throw new WarroomError("validation.failed", message, [{ field: "scenario", message }]);
  }
  const scenario = readScenarioFile(path);
  if (scenario.id !== nameOrPath) {
    const message = `${path} declares id '${scenario.id}', expected '${nameOrPath}'`;
    throw new WarroomError("validation.failed", message, [{ field: "id", message }]);
  }
  return scenario;
}
