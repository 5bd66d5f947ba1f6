/**
 * Writes the scenario JSON Schema to docs/scenario.schema.json (run with
 * `npx tsx src/training/export-schema.ts`; `--check` exits 1 when the file is stale).
 * Scenario files point at it with `$schema` so editors complete and check them.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { scenarioSchema } from "./scenario-schema.js";

export const SCHEMA_PATH = resolve(dirname(fileURLToPath(import.meta.url)), "../../docs/scenario.schema.json");

export function scenarioJsonSchema(): string {
  const schema = z.toJSONSchema(scenarioSchema, { io: "input", target: "draft-2020-12" });
  const document = {
    ...schema,
    $id: "https://warroom.dev/schemas/scenario.schema.json",
    title: "Warroom drill scenario",
    description:
      "A scripted war room: briefing, cast, facts revealed on the right question, injects, options and rubric.",
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

const invokedDirectly = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  const text = scenarioJsonSchema();
  if (process.argv.includes("--check")) {
    const current = (() => {
      try {
        return readFileSync(SCHEMA_PATH, "utf8");
      } catch {
        return "";
      }
    })();
    if (current !== text) {
      process.stderr.write(`${SCHEMA_PATH} is stale: run npx tsx src/training/export-schema.ts\n`);
      process.exit(1);
    }
  } else {
    writeFileSync(SCHEMA_PATH, text);
    process.stdout.write(`wrote ${SCHEMA_PATH}\n`);
  }
}
