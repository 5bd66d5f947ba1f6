/**
 * YAML at the edge: parse, validate with a zod schema, and fail with every problem named
 * by its path in the file and, when the YAML says where it is, its line:
 *   scenarios/x.yaml:42 injects.3.lines.0.from: sarah is not in the cast
 */
import { isNode, LineCounter, parseDocument } from "yaml";
import type { z } from "zod";
import { type ErrorDetail, WarroomError } from "../domain/shared/errors.js";

export interface Located {
  /** Dotted path, e.g. `injects.3.lines.0.from`; `(root)` for the whole document. */
  path: string;
  line: number | null;
  message: string;
}

export function formatLocated(source: string, problem: Located): string {
  return `${source}${problem.line === null ? "" : `:${problem.line}`} ${problem.path}: ${problem.message}`;
}

/** Parses `text` as YAML and validates it; throws `validation.failed` listing each problem. */
export function loadYaml<S extends z.ZodType>(schema: S, text: string, source: string, what: string): z.output<S> {
  return loadYamlLocated(schema, text, source, what).data;
}

export interface LoadedYaml<T> {
  data: T;
  /** The line of the node at a path (or its nearest ancestor), for later checks' messages. */
  lineAt(path: PropertyKey[]): number | null;
}

export function loadYamlLocated<S extends z.ZodType>(
  schema: S,
  text: string,
  source: string,
  what: string,
): LoadedYaml<z.output<S>> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((error) => ({
      path: "(yaml)",
      line: error.linePos?.[0]?.line ?? null,
      message: (error.message.split("\n")[0] ?? error.message).replace(/ at line \d+, column \d+:?$/, ""),
    }));
    throw invalid(source, what, problems);
  }
  const result = schema.safeParse(doc.toJS({ maxAliasCount: 100 }));
  if (result.success) return { data: result.data, lineAt: (path) => lineOf(doc, lineCounter, path) };
  const problems = result.error.issues.map((issue) => {
    const path = issue.path.map(String);
    return { path: path.join(".") || "(root)", line: lineOf(doc, lineCounter, issue.path), message: issue.message };
  });
  throw invalid(source, what, problems);
}

export function invalid(source: string, what: string, problems: Located[]): WarroomError {
  const details: ErrorDetail[] = problems.map((p) => ({
    field: p.line === null ? p.path : `${p.path} (line ${p.line})`,
    message: p.message,
  }));
  const list = problems.map((p) => `  - ${formatLocated(source, p)}`).join("\n");
  return new WarroomError("validation.failed", `invalid ${what} ${source}:\n${list}`, details);
}

/** The line of the node at `path`, or of its nearest ancestor present in the file. */
function lineOf(doc: ReturnType<typeof parseDocument>, counter: LineCounter, path: PropertyKey[]): number | null {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = doc.getIn(path.slice(0, depth) as unknown[], true);
    if (isNode(node) && node.range) return counter.linePos(node.range[0]).line;
  }
  return null;
}
