/**
 * Files for triage: a `--input` plan request (YAML or JSON) and a roster to import (YAML
 * or CSV). Every problem is named by its line and field, and a file with any problem is
 * refused whole: nothing is imported.
 */
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { personInputSchema } from "../domain/people/person.js";
import { WarroomError } from "../domain/shared/errors.js";
import { type TriageInputFile, triageInputSchema } from "../domain/triage/input-schema.js";
import { parseRosterCsv, type RosterProblem, type RosterRow } from "../domain/triage/roster-csv.js";
import { invalid, type Located, loadYamlLocated } from "../training/yaml-load.js";

export function parseTriageInputFile(text: string, source: string): TriageInputFile {
  return located(() => loadYamlLocated(triageInputSchema, text, source, "triage input").data, source, "triage input");
}

/** The YAML library can still throw after parsing (an alias to no anchor): named as bad input, never a crash. */
function located<T>(load: () => T, source: string, what: string): T {
  try {
    return load();
  } catch (error) {
    if (error instanceof WarroomError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw invalid(source, what, [{ path: "(yaml)", line: null, message }]);
  }
}

export type RosterFormat = "csv" | "yaml";

export function rosterFormat(name: string, text: string): RosterFormat {
  if (/\.csv$/i.test(name)) return "csv";
  if (/\.(ya?ml|json)$/i.test(name)) return "yaml";
  const first = text.split(/\r?\n/).find((l) => l.trim() !== "" && !l.trim().startsWith("#")) ?? "";
  return /^\s*handle\s*,/i.test(first) ? "csv" : "yaml";
}

/** The people in a roster file, validated as the directory validates them, each with its line. */
export function parseRosterFile(text: string, source: string, format = rosterFormat(source, text)): unknown[] {
  const rows = format === "csv" ? csvRows(text, source) : yamlRows(text, source);
  const problems: RosterProblem[] = [];
  const seen = new Map<string, number>();
  const people: unknown[] = [];
  for (const { line, row } of rows) {
    const parsed = personInputSchema.safeParse(row);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        problems.push({ line, field: issue.path.join(".") || "(row)", message: issue.message });
      }
      continue;
    }
    const key = parsed.data.handle.toLowerCase();
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      problems.push({ line, field: "handle", message: `${parsed.data.handle} is already on line ${earlier}` });
    }
    seen.set(key, line);
    people.push(parsed.data);
  }
  if (problems.length > 0) throw refusal(source, problems);
  if (people.length === 0) throw refusal(source, [{ line: 1, field: "(file)", message: "no people in the roster" }]);
  return people;
}

function csvRows(text: string, source: string): RosterRow[] {
  const { rows, problems } = parseRosterCsv(text);
  if (problems.length > 0) throw refusal(source, problems);
  return rows;
}

const person = z.record(z.string(), z.unknown(), { error: "each person is a mapping: handle, name, skills, …" });
const listShape = z.array(person, {
  error: "a roster is a list of people (handle, name, skills, icQualified, available), or people: [...]",
});
const wrappedShape = z.object({ people: z.array(person, { error: "people must be a list" }) }).strict();

function yamlRows(text: string, source: string): RosterRow[] {
  let shape: unknown;
  try {
    shape = parseYaml(text);
  } catch {
    shape = undefined; // the located loader below names the YAML error and its line
  }
  const wrapped = shape !== null && typeof shape === "object" && !Array.isArray(shape);
  if (wrapped) {
    const loaded = located(() => loadYamlLocated(wrappedShape, text, source, "roster"), source, "roster");
    return loaded.data.people.map((row, i) => ({ line: loaded.lineAt(["people", i]) ?? 1, row }));
  }
  const loaded = located(() => loadYamlLocated(listShape, text, source, "roster"), source, "roster");
  return loaded.data.map((row, i) => ({ line: loaded.lineAt([i]) ?? 1, row }));
}

function refusal(source: string, problems: RosterProblem[]): WarroomError {
  const located: Located[] = problems.map((p) => ({ path: p.field, line: p.line, message: p.message }));
  const error = invalid(source, "roster", located);
  return new WarroomError(error.code, `${error.message}\nnothing was imported`, error.details);
}
