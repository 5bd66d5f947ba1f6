/**
 * Every failure leaves the CLI the same way: `error [code]: message`, one line per field
 * detail, a hint where one helps, and the exit code from the shared ERROR_TABLE. With
 * --json the problem object (the same shape the HTTP API sends) follows on stderr.
 */
import { CommanderError } from "commander";
import { ERROR_TABLE } from "../app/error-table.js";
import { type ErrorCode, isWarroomError, WarroomError } from "../domain/shared/errors.js";
import type { CliOutput } from "./io.js";
import { styleFor } from "./style.js";

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  errors: { field: string | null; message: string }[];
}

const HINTS: Partial<Record<ErrorCode, string>> = {
  "incident.not_found": "see the incidents with `warroom list --all`",
  "actor.missing": "say who you are with --as <handle> or WARROOM_USER",
  "stream.version_conflict": "run `warroom show <id>` to see what changed, then retry with its version",
  "idempotency.key_reused": "use a fresh --idempotency-key for a different request",
};

export function toWarroomError(error: unknown): WarroomError {
  if (isWarroomError(error)) return error;
  if (error instanceof CommanderError) {
    return new WarroomError("validation.failed", error.message.replace(/^error: /, ""));
  }
  const wrapped = new WarroomError("internal", error instanceof Error ? error.message : String(error));
  wrapped.cause = error;
  return wrapped;
}

export function toProblem(error: WarroomError): Problem {
  const mapping = ERROR_TABLE[error.code];
  return {
    type: `urn:warroom:error:${error.code}`,
    title: mapping.title,
    status: mapping.http,
    detail: error.message,
    code: error.code,
    errors: error.details.map((d) => ({ field: d.field ?? null, message: d.message })),
  };
}

export function exitCodeFor(error: unknown): number {
  if (error instanceof CommanderError) {
    // --help and --version exit 0; every usage error is 2.
    return error.exitCode === 0 ? 0 : 2;
  }
  return ERROR_TABLE[toWarroomError(error).code].exit;
}

/** Prints the error to `stderr` and returns the exit code. */
export function reportError(
  error: unknown,
  stderr: CliOutput,
  options: { json: boolean; color: boolean; debug: boolean },
): number {
  const exit = exitCodeFor(error);
  if (exit === 0) return 0;
  const failure = toWarroomError(error);
  const style = styleFor(options.color);
  // With --json, stderr carries the problem document alone, so `2> err.json` parses.
  if (options.json) {
    stderr.write(`${JSON.stringify(toProblem(failure))}\n`);
    return exit;
  }
  // Commander has already printed its own usage message.
  if (!(error instanceof CommanderError)) {
    stderr.write(`${style.red(`error [${failure.code}]`)}: ${failure.message}\n`);
    for (const detail of failure.details) {
      if (detail.message === failure.message && detail.field) stderr.write(`  field: ${detail.field}\n`);
      else if (detail.message !== failure.message) {
        stderr.write(`  - ${detail.field ? `${detail.field}: ` : ""}${detail.message}\n`);
      }
    }
    const hint = HINTS[failure.code];
    if (hint) stderr.write(`${style.dim(`  hint: ${hint}`)}\n`);
    if (options.debug && failure.code === "internal" && failure.cause instanceof Error && failure.cause.stack) {
      stderr.write(`${failure.cause.stack}\n`);
    }
  }
  return exit;
}
