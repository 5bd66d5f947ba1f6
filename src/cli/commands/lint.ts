/**
 * `warroom lint --audience A FILE|-`: checks a message for an audience with the same
 * analyser `update` uses, without publishing or storing anything. Exit 0 when the text
 * has no error for the audience (warnings and info are fine), 4 when it has errors
 * (as `update --strict` refuses with), 2 for bad input: an unknown audience, a missing,
 * empty or binary file, text that is not UTF-8, or text over the policy's size limit.
 */
import { open } from "node:fs/promises";
import type { Command } from "commander";
import { policyFromConfig } from "../../app/config.js";
import { decodeLintBytes, lintReport, parseAudience, refuseTooLarge } from "../../domain/comms/lint-report.js";
import { fail, WarroomError } from "../../domain/shared/errors.js";
import { configFrom } from "../connect.js";
import { action, type CliContext } from "../context.js";
import { lintLines } from "../format-comms.js";

/** Standard input, when the io provides one (tests); the process's otherwise. */
type StdinIo = { stdin?: AsyncIterable<Uint8Array | string> & { isTTY?: boolean } };

export function registerLintCommand(program: Command, ctx: CliContext): void {
  program
    .command("lint")
    .description("check a message for an audience before publishing (exit 0 ok, 4 errors found, 2 bad input)")
    .argument("<file>", "a text file, or - to read standard input")
    .requiredOption("--audience <audience>", "executive | customer | team | legal")
    .action(
      action<{ audience: string }>(ctx, async ([file], opts) => {
        const audience = parseAudience(opts.audience, "--audience");
        const maxBytes = policyFromConfig(configFrom(ctx.globals, ctx.io)).maxTextBytes;
        const text =
          file === "-"
            ? decodeLintBytes(await readStdin(ctx, maxBytes), maxBytes, "standard input")
            : decodeLintBytes(await readFile(file ?? "", maxBytes), maxBytes, file ?? "");
        const report = lintReport(text, audience, new Date(ctx.now()).toISOString());
        if (ctx.json) ctx.printJson(report);
        else ctx.print(lintLines(report, ctx.style));
        const errors = report.findings.filter((f) => f.severity === "error");
        if (errors.length > 0) {
          throw new WarroomError(
            "update.lint_failed",
            `${errors.length} error${errors.length === 1 ? "" : "s"} for a ${audience} audience (${[...new Set(errors.map((f) => f.rule))].join(", ")})`,
          );
        }
      }),
    );
}

/** At most `maxBytes + 1` bytes of the file: enough to tell it is too large without reading it all. */
async function readFile(path: string, maxBytes: number): Promise<Uint8Array> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, "r");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "there is no such file" : code === "EACCES" ? "permission denied" : String(code);
    return fail("validation.failed", `cannot read ${path}: ${why}`, "file");
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) fail("validation.failed", `${path} is not a file`, "file");
    if (info.size > maxBytes) refuseTooLarge(path, `${info.size} bytes`, maxBytes);
    const buffer = new Uint8Array(maxBytes + 1);
    const { bytesRead } = await handle.read(buffer, 0, maxBytes + 1, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

async function readStdin(ctx: CliContext, maxBytes: number): Promise<Uint8Array> {
  const stdin = (ctx.io as typeof ctx.io & StdinIo).stdin ?? process.stdin;
  if (stdin.isTTY) ctx.io.stderr.write("reading the message from standard input; end it with Ctrl-D\n");
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of stdin) {
    const bytes = typeof chunk === "string" ? new TextEncoder().encode(chunk) : chunk;
    chunks.push(bytes);
    total += bytes.length;
    if (total > maxBytes) break;
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
