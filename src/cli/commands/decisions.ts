/** Options (with their attributes) and decisions (with rationale, fallback, who was consulted). */
import type { Command } from "commander";
import { action, type CliContext, type MutationOptions, mutating } from "../context.js";
import { collect, collectRaw, parseExtras, parseMinutes, parsePercent } from "../parse.js";

interface OptionOptions extends MutationOptions {
  time?: string;
  dataLoss?: string;
  risk?: string;
  userImpact?: string;
  success?: string;
  cost?: string;
  extra?: string[];
  description?: string;
  proposedBy?: string;
}

interface DecideOptions extends MutationOptions {
  kind: string;
  choose: string[];
  rationale: string;
  consulted?: string[];
  fallback?: string;
  alternatives?: string[];
  override?: string;
  title?: string;
}

export function registerDecisionCommands(program: Command, ctx: CliContext): void {
  const option = program.command("option").description("courses of action to decide between: option <id> add …");
  mutating(
    option
      .command("add")
      .usage("<id> <title...> [--time 4h] [--data-loss <text>] [--risk low|medium|high|critical] [--success 85] …")
      .description("propose an option (lettered A, B, C … in order)")
      .argument("<id>", "incident id")
      .argument("<title...>", "the option")
      .option("--time <duration>", "time to complete: 4h, 30m, 1h30m or minutes")
      .option("--data-loss <text>", "data lost, e.g. none or '2 hours of writes'")
      .option("--risk <level>", "low | medium | high | critical")
      .option("--user-impact <text>", "what users experience")
      .option("--success <percent>", "likelihood of success, e.g. 85 or 85%")
      .option("--cost <text>", "what it costs")
      .option("--extra <key=value>", "any other attribute (repeat for more)", collectRaw)
      .option("--description <text>", "more detail")
      .option("--proposed-by <person>", "who proposed it, if not you"),
  ).action(
    action<OptionOptions>(ctx, async ([id, title], opts) => {
      const attributes: Record<string, unknown> = {};
      if (opts.time !== undefined) attributes.timeToCompleteMinutes = parseMinutes(opts.time, "--time");
      if (opts.dataLoss !== undefined) attributes.dataLoss = opts.dataLoss;
      if (opts.risk !== undefined) attributes.risk = opts.risk.trim().toLowerCase();
      if (opts.userImpact !== undefined) attributes.userImpact = opts.userImpact;
      if (opts.success !== undefined) attributes.likelihoodOfSuccess = parsePercent(opts.success, "--success");
      if (opts.cost !== undefined) attributes.cost = opts.cost;
      if (opts.extra !== undefined) attributes.extras = parseExtras(opts.extra, "--extra");
      await ctx.mutate(opts, id ?? "", {
        type: "propose-option",
        title,
        attributes,
        ...(opts.description === undefined ? {} : { description: opts.description }),
        ...(opts.proposedBy === undefined ? {} : { proposedBy: opts.proposedBy }),
      });
    }),
  );

  mutating(
    program
      .command("decide")
      .description("record a decision: technical (Tech Lead), trade-off (IC), business (IC, executive consulted)")
      .argument("<id>", "incident id")
      .requiredOption("--kind <kind>", "technical | trade-off | business")
      .requiredOption(
        "--choose <option>",
        "the chosen option; repeat in order for a hybrid (--choose C --choose A)",
        collect,
      )
      .requiredOption("--rationale <text>", "why")
      .option("--consulted <person>", "who was consulted (repeat or comma-separate)", collect)
      .option("--fallback <text>", "plan B if it fails")
      .option("--alternatives <option>", "alternatives considered (default: the options not chosen)", collect)
      .option("--override <reason>", "record it although it is not your decision to make")
      .option("--title <text>", "a title (default: the chosen options' titles)"),
  ).action(
    action<DecideOptions>(ctx, async ([id], opts) => {
      await ctx.mutate(opts, id ?? "", {
        type: "record-decision",
        kind: opts.kind,
        chosen: opts.choose,
        rationale: opts.rationale,
        ...(opts.consulted === undefined ? {} : { consulted: opts.consulted }),
        ...(opts.fallback === undefined ? {} : { fallback: opts.fallback }),
        ...(opts.alternatives === undefined ? {} : { alternatives: opts.alternatives }),
        ...(opts.override === undefined ? {} : { overrideReason: opts.override }),
        ...(opts.title === undefined ? {} : { title: opts.title }),
      });
    }),
  );
}
