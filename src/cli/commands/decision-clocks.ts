/**
 * The clocks around a decision: decision deadlines ("decide by 02:15") and triggers ("if
 * the restore is not at 50% by 04:15, fail over"). Both go on the timeline; the server's
 * scheduler reminds when they come due.
 *
 *   deadline <id> "<question>" --by 02:15|+10m|ISO      deadline <id> close DL1
 *   trigger <id> --if "<condition>" --by <time> --then "<action>"
 *   trigger <id> close TR1 --outcome fired|averted|cancelled [--note <text>]
 */
import type { Command } from "commander";
import { WarroomError } from "../../domain/shared/errors.js";
import { action, type CliContext, type MutationOptions, mutating } from "../context.js";
import { parseMinutes, parseWhen } from "../parse.js";

interface TriggerOptions extends MutationOptions {
  if?: string;
  by?: string;
  then?: string;
  outcome?: string;
  note?: string;
}

function usage(flag: string, message: string): never {
  throw new WarroomError("validation.failed", `${flag}: ${message}`, [{ field: flag, message }]);
}

/** "+10m" → { inMinutes: 10 } (timed by the app's clock); "02:15" or an ISO time → { by }. */
function dueFields(value: string | undefined, nowMs: number): { by: string } | { inMinutes: number } {
  if (value === undefined) usage("--by", "say when: --by 02:15, --by +10m or an ISO time");
  const text = value.trim();
  if (text.startsWith("+")) {
    const minutes = parseMinutes(text.slice(1), "--by");
    if (Number.isInteger(minutes)) return { inMinutes: minutes };
  }
  return { by: parseWhen(text, nowMs, "--by") };
}

/** `close DL1` as the rest of the arguments, or null when they are something else. */
function closing(words: string[], prefix: "DL" | "TR"): string | null {
  const [verb, id, ...rest] = words;
  if (verb?.toLowerCase() !== "close" || id === undefined || rest.length > 0) return null;
  return new RegExp(`^${prefix}\\d+$`, "i").test(id) ? id.toUpperCase() : null;
}

export function registerDecisionClockCommands(program: Command, ctx: CliContext): void {
  mutating(
    program
      .command("deadline")
      .usage('<id> "<question>" --by 02:15|+10m|<ISO time>   or   <id> close <DL1>')
      .description("set a decision deadline (decide by a time), or close one that is no longer needed")
      .argument("<id>", "incident id")
      .argument("<words...>", 'the question to decide, or "close DL1"')
      .option("--by <when>", "decide by: 02:15 (the next such time), +10m, or an ISO time"),
  ).action(
    action<MutationOptions & { by?: string }>(ctx, async (_args, opts, cmd) => {
      const [id, ...words] = cmd.processedArgs.flat() as string[];
      const deadlineId = closing(words, "DL");
      if (deadlineId !== null) {
        if (opts.by !== undefined) usage("--by", "closing a deadline takes no time");
        await ctx.mutate(opts, id ?? "", { type: "close-decision-deadline", deadlineId });
        return;
      }
      await ctx.mutate(opts, id ?? "", {
        type: "set-decision-deadline",
        question: words.join(" "),
        ...dueFields(opts.by, ctx.now()),
      });
    }),
  );

  mutating(
    program
      .command("trigger")
      .usage('<id> --if "<condition>" --by <time> --then "<action>"   or   <id> close <TR1> --outcome <outcome>')
      .description('set a trigger ("if X by T, do Y"), or close one as fired, averted or cancelled')
      .argument("<id>", "incident id")
      .argument("[words...]", '"close TR1" to close a trigger')
      .option("--if <condition>", "what must (still) be true, e.g. 'the error rate is above 5%'")
      .option("--by <when>", "when to check: 02:30, +15m, or an ISO time")
      .option("--then <action>", "what to do then, e.g. 'roll back the release'")
      .option("--outcome <outcome>", "closing: fired | averted | cancelled")
      .option("--note <text>", "closing: what happened"),
  ).action(
    action<TriggerOptions>(ctx, async (_args, opts, cmd) => {
      const [id, ...words] = cmd.processedArgs.flat().filter((w) => w !== undefined) as string[];
      if (words.length > 0) {
        const triggerId = closing(words, "TR");
        if (triggerId === null) usage("(arguments)", `expected "close TR1", not "${words.join(" ")}"`);
        for (const flag of ["if", "by", "then"] as const) {
          if (opts[flag] !== undefined) usage(`--${flag}`, "closing a trigger takes --outcome and --note only");
        }
        if (opts.outcome === undefined) usage("--outcome", "say how it ended: fired, averted or cancelled");
        await ctx.mutate(opts, id ?? "", {
          type: "close-trigger",
          triggerId,
          outcome: opts.outcome,
          ...(opts.note === undefined ? {} : { note: opts.note }),
        });
        return;
      }
      if (opts.if === undefined) usage("--if", 'say what to check: --if "the restore is not at 50%"');
      if (opts.then === undefined) usage("--then", 'say what to do: --then "fail over to the old cluster"');
      if (opts.outcome !== undefined || opts.note !== undefined) {
        usage(opts.outcome !== undefined ? "--outcome" : "--note", 'only for "close TR1"');
      }
      await ctx.mutate(opts, id ?? "", {
        type: "set-trigger",
        condition: opts.if,
        action: opts.then,
        ...dueFields(opts.by, ctx.now()),
      });
    }),
  );
}
