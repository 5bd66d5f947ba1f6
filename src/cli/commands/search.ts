/** `warroom search <words…>`: every incident's timeline, newest matches first. */
import type { Command } from "commander";
import type { SearchInput } from "../../app/search.js";
import { SEARCH_MAX_LIMIT } from "../../app/search.js";
import { action, type CliContext } from "../context.js";
import { searchLines } from "../format-search.js";
import { oneOf, parseIntegerIn } from "../parse.js";

interface SearchOptions {
  status?: string;
  drills?: boolean;
  live?: boolean;
  limit?: string;
}

export function registerSearchCommand(program: Command, ctx: CliContext): void {
  program
    .command("search")
    .description('search every incident\'s timeline: all words must match; "quote" a phrase')
    .argument("<words...>", 'what to look for, e.g. db failover or "primary failover"')
    .option("--status <status>", "open, resolved or all (default all)")
    .option("--drills", "drills only")
    .option("--live", "live incidents only (no drills)")
    .option("--limit <n>", "at most this many hits, newest first (default 50, at most 500)")
    .action(
      action<SearchOptions>(ctx, async (_args, opts, cmd) => {
        // A word the shell kept together ("primary failover") stays one phrase.
        const words = (cmd.processedArgs[0] as string[] | undefined) ?? [];
        const q = words.map((w) => (/\s/.test(w.trim()) && !w.includes('"') ? `"${w.trim()}"` : w)).join(" ");
        const input: SearchInput = { q };
        if (opts.status) input.status = oneOf(opts.status, ["open", "resolved", "all"] as const, "--status");
        if (opts.drills) input.mode = "drill";
        else if (opts.live) input.mode = "live";
        if (opts.limit !== undefined) input.limit = parseIntegerIn(opts.limit, "--limit", 1, SEARCH_MAX_LIMIT);
        const answer = await (await ctx.api({ readOnly: true })).search(input);
        if (ctx.json) return ctx.printJson(answer);
        ctx.print(searchLines(answer, ctx.now(), ctx.style).join("\n"));
      }),
    );
}
