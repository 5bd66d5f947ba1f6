/**
 * Options (with their attributes), the options matrix, decisions (with rationale,
 * fallback, who was consulted, the deadline they meet) and a decision's record for each
 * audience. Decision deadlines and triggers are in `decision-clocks.ts`.
 */
import type { Command } from "commander";
import { decisionRecord } from "../../domain/comms/decision-record.js";
import {
  buildMatrix,
  parseDuration,
  parseHybrids,
  parseKeyList,
  parseLevel,
  parseUsd,
  parseWeights,
  renderMatrixMarkdown,
  renderMatrixTerminal,
} from "../../domain/decision-support/index.js";
import { AUDIENCES } from "../../domain/incident/events.js";
import { WarroomError } from "../../domain/shared/errors.js";
import { configFrom } from "../connect.js";
import { action, type CliContext, type MutationOptions, mutating } from "../context.js";
import { collect, collectRaw, oneOf, parseExtras, parseMinutes, parsePercent } from "../parse.js";
import { registerDecisionClockCommands } from "./decision-clocks.js";

interface OptionOptions extends MutationOptions {
  time?: string;
  dataLoss?: string;
  risk?: string;
  userImpact?: string;
  success?: string;
  cost?: string;
  revenue?: string;
  recovery?: string;
  reputation?: string;
  legalRisk?: string;
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
  deadline?: string;
}

interface MatrixOptions {
  weights?: string[];
  hybrid?: string[];
  lowerBetter?: string[];
  markdown?: boolean;
}

/** A level word with its synonyms (moderate → medium, severe → high); anything else goes on for the app to refuse. */
const level = (value: string) => parseLevel(value) ?? value.trim().toLowerCase();

function optionAttributes(opts: OptionOptions): Record<string, unknown> {
  const attributes: Record<string, unknown> = {};
  if (opts.time !== undefined) attributes.timeToCompleteMinutes = parseMinutes(opts.time, "--time");
  if (opts.dataLoss !== undefined) attributes.dataLoss = opts.dataLoss;
  if (opts.risk !== undefined) attributes.risk = level(opts.risk);
  if (opts.userImpact !== undefined) attributes.userImpact = opts.userImpact;
  if (opts.success !== undefined) attributes.likelihoodOfSuccess = parsePercent(opts.success, "--success");
  if (opts.cost !== undefined) attributes.cost = opts.cost;
  if (opts.revenue !== undefined) {
    attributes.revenueImpact = opts.revenue;
    const usd = parseUsd(opts.revenue);
    if (usd !== null) attributes.revenueImpactUsd = usd;
  }
  if (opts.recovery !== undefined) {
    const minutes = parseDuration(opts.recovery);
    if (minutes === null) {
      const message = `'${opts.recovery}' is not a duration: use 8h, 90m, 3d, 2w or '8 hours'`;
      throw new WarroomError("validation.failed", `--recovery: ${message}`, [{ field: "--recovery", message }]);
    }
    attributes.recoveryTimeMinutes = minutes;
  }
  if (opts.reputation !== undefined) attributes.reputation = level(opts.reputation);
  if (opts.legalRisk !== undefined) attributes.legalRisk = level(opts.legalRisk);
  if (opts.extra !== undefined) attributes.extras = parseExtras(opts.extra, "--extra");
  return attributes;
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
      .option("--user-impact <text>", "what users experience; start with a level to score it: 'low: slower sign-in'")
      .option("--success <percent>", "likelihood of success, e.g. 85 or 85%")
      .option("--cost <text>", "what it costs")
      .option("--revenue <amount>", "revenue at stake: $8M, '$50M+', 8000000")
      .option("--recovery <duration>", "time until fully recovered: 8h, 3d, 2w")
      .option("--reputation <level>", "reputation damage: low | medium | high | critical (moderate, severe…)")
      .option("--legal-risk <level>", "low | medium | high | critical")
      .option(
        "--extra <key=value>",
        "any other attribute; numbers become custom criteria (repeat for more)",
        collectRaw,
      )
      .option("--description <text>", "more detail")
      .option("--proposed-by <person>", "who proposed it, if not you"),
  ).action(
    action<OptionOptions>(ctx, async ([id, title], opts) => {
      await ctx.mutate(opts, id ?? "", {
        type: "propose-option",
        title,
        attributes: optionAttributes(opts),
        ...(opts.description === undefined ? {} : { description: opts.description }),
        ...(opts.proposedBy === undefined ? {} : { proposedBy: opts.proposedBy }),
      });
    }),
  );

  program
    .command("options")
    .description("the options side by side, scored and ranked, with the weight change that would flip the winner")
    .argument("<id>", "incident id")
    .option("--weights <list>", "criterion weights, e.g. risk=3,time=1 (others from config)", collectRaw)
    .option("--hybrid <steps>", "add a hybrid row, e.g. C,A for 'C then A' (repeat for more)", collectRaw)
    .option("--lower-better <criteria>", "custom criteria where less is better (comma-separated)", collectRaw)
    .option("--markdown", "print a Markdown table")
    .action(
      action<MatrixOptions>(ctx, async ([id], opts) => {
        const weights = opts.weights === undefined ? {} : parseWeights(opts.weights, "--weights");
        const hybrids = parseHybrids(opts.hybrid ?? [], "--hybrid");
        const defaults = configFrom(ctx.globals, ctx.io).decisionWeights;
        const detail = await (await ctx.api()).getIncident(id ?? "");
        const matrix = buildMatrix({
          options: detail.options,
          defaults,
          weights,
          hybrids,
          lowerBetter: parseKeyList(opts.lowerBetter ?? []),
          decisions: detail.decisions,
          fields: { weights: "--weights", hybrid: "--hybrid", lowerBetter: "--lower-better" },
        });
        if (ctx.json) return ctx.printJson({ incidentId: detail.id, ...matrix });
        if (opts.markdown) return void ctx.io.stdout.write(renderMatrixMarkdown(matrix, detail.id));
        ctx.print(renderMatrixTerminal(matrix, detail.id, ctx.style));
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
      .option("--title <text>", "a title (default: the chosen options' titles)")
      .option("--deadline <id>", "the decision deadline this meets, e.g. DL1 (closes it)"),
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
        ...(opts.deadline === undefined ? {} : { deadlineId: opts.deadline }),
      });
    }),
  );

  program
    .command("decision")
    .description("a decision's record told for one audience: actions for the team, impact for executives …")
    .argument("<id>", "incident id")
    .argument("<decision>", "decision id, e.g. D1")
    .option("--audience <audience>", "team | executive | customer | legal", "team")
    .option("--markdown", "print it as Markdown")
    .action(
      action<{ audience: string; markdown?: boolean }>(ctx, async ([id, decisionId], opts) => {
        const audience = oneOf(opts.audience, AUDIENCES, "--audience");
        const detail = await (await ctx.api()).getIncident(id ?? "");
        const record = decisionRecord(detail, decisionId ?? "", audience, detail.now);
        if (ctx.json) return ctx.printJson(record);
        if (opts.markdown) return void ctx.io.stdout.write(record.markdown);
        ctx.print(record.text);
        // Notes on stderr, so the record itself can be piped or pasted as it is.
        for (const f of record.findings.filter((x) => x.severity !== "info")) {
          ctx.io.stderr.write(`note: ${f.severity} ${f.rule}: ${f.message}\n`);
        }
        for (const w of record.withheld) {
          ctx.io.stderr.write(`note: withheld ${w.what} (${w.rules.join(", ")} for a ${audience} reader)\n`);
        }
      }),
    );

  registerDecisionClockCommands(program, ctx);
}
