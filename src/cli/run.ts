/**
 * The CLI as a function: argv in, exit code out, all output through `io`. `main.ts` is a
 * thin wrapper; tests call this in-process.
 */

import { rewritePostmortemArgs } from "./commands/postmortem.js";
import { GROUPED_COMMANDS } from "./commands/work.js";
import { CliContext } from "./context.js";
import { reportError } from "./errors.js";
import type { CliIo } from "./io.js";
import { buildProgram } from "./program.js";
import { colorEnabled } from "./style.js";

export type { CliIo, CliOutput } from "./io.js";

const GLOBALS_WITH_VALUE = new Set(["--db", "--server", "--as", "--config"]);

/** `task INC-1 add …` → `task add INC-1 …` (the documented order, parsed as subcommands). */
export function rewriteGrouped(argv: string[]): string[] {
  let i = 0;
  while (i < argv.length) {
    const token = argv[i] ?? "";
    if (token === "--") return argv;
    if (GLOBALS_WITH_VALUE.has(token)) i += 2;
    else if (token.startsWith("-")) i += 1;
    else break;
  }
  const subs = GROUPED_COMMANDS[argv[i] ?? ""];
  const id = argv[i + 1];
  const sub = argv[i + 2];
  if (!subs || id === undefined || sub === undefined || subs.includes(id) || !subs.includes(sub)) return argv;
  const out = [...argv];
  out[i + 1] = sub;
  out[i + 2] = id;
  return out;
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const ctx = new CliContext(io);
  const program = buildProgram(ctx);
  try {
    await program.parseAsync(rewritePostmortemArgs(rewriteGrouped(argv)), { from: "user" });
    return 0;
  } catch (error) {
    return reportError(error, io.stderr, {
      json: ctx.globals.json === true || argv.includes("--json"),
      color: colorEnabled(io.stderr, io.env),
      debug: Boolean(io.env.WARROOM_DEBUG),
    });
  } finally {
    await ctx.close().catch(() => undefined);
  }
}
