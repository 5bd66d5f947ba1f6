/**
 * IC training from the terminal:
 *
 *   warroom train list                                   the built-in scenarios
 *   warroom train <scenario> --transcript FILE [--json]  replay a transcript and score it
 *   warroom train <scenario> [--speed 10] [--record F]   drill interactively, then score
 *
 * A drill runs on its own database (in memory unless --keep names a file), never the
 * one --db points at; `<scenario>` is a built-in id or a scenario YAML file.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { createInterface } from "node:readline";
import type { Command } from "commander";
import { stringify } from "yaml";
import { WarroomError } from "../../domain/shared/errors.js";
import { runInteractive } from "../../training/interactive.js";
import { feedLine, scoreReport } from "../../training/report.js";
import { scoreRun } from "../../training/rubric/score.js";
import { runDrill } from "../../training/runner.js";
import { builtInScenarioIds, resolveScenario } from "../../training/scenario-loader.js";
import type { Scenario } from "../../training/scenario-schema.js";
import { parseTranscript } from "../../training/transcript.js";
import { action, type CliContext } from "../context.js";
import { table } from "../format.js";
import type { CliIo } from "../io.js";

interface TrainOptions {
  transcript?: string;
  speed: string;
  record?: string;
  keep?: string;
  feed?: boolean;
}

/** The CLI's io, plus the input an interactive drill reads (process.stdin unless a test gives one). */
type TrainIo = CliIo & { stdin?: NodeJS.ReadableStream };

function usage(field: string, message: string): never {
  throw new WarroomError("validation.failed", `${field}: ${message}`, [{ field, message }]);
}

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    return usage(what, `cannot read ${path}: ${(error as Error).message}`);
  }
}

export function registerTrainCommand(program: Command, ctx: CliContext): void {
  program
    .command("train")
    .description("Incident Commander training: drill a scenario on the real engine and get scored (train list)")
    .argument("<scenario>", "a built-in scenario id, a scenario YAML file, or `list`")
    .option("--transcript <file>", "replay a recorded transcript (YAML) and print its score")
    .option("--feed", "with --transcript: print the drill as it played out, before the score")
    .option("--speed <n>", "interactive: virtual seconds per real second", "1")
    .option("--record <file>", "interactive: save your actions as a transcript you can replay")
    .option("--keep <file>", "keep the drill incident in this new SQLite file (default: in memory)")
    .action(
      action<TrainOptions>(ctx, async ([name], opts) => {
        if (name === "list") return listScenarios(ctx);
        const scenario = resolveScenario(name ?? "");
        if (opts.transcript !== undefined) return replay(ctx, scenario, opts);
        return interactive(ctx, scenario, opts);
      }),
    );
}

function listScenarios(ctx: CliContext): void {
  const scenarios = builtInScenarioIds().map((id) => resolveScenario(id));
  if (ctx.json) {
    ctx.printJson(
      scenarios.map((s) => ({
        id: s.id,
        title: s.title,
        difficulty: s.difficulty,
        startsAt: s.startsAt,
        duration: s.duration,
        objectives: s.objectives,
        cast: s.cast.map((p) => p.handle),
        passPercent: s.rubric.passPercent,
      })),
    );
    return;
  }
  if (scenarios.length === 0) {
    ctx.print("No built-in scenarios found.");
    return;
  }
  const rows = scenarios.map((s) => [s.id, s.difficulty, s.duration, String(s.cast.length), s.title]);
  ctx.print(table(["SCENARIO", "LEVEL", "LENGTH", "CAST", "TITLE"], rows, ctx.style));
  ctx.print(ctx.style.dim("warroom train <scenario> to drill it; --transcript FILE to score a recorded run"));
}

async function replay(ctx: CliContext, scenario: Scenario, opts: TrainOptions): Promise<void> {
  const path = opts.transcript ?? "";
  const transcript = parseTranscript(readText(path, "--transcript"), path);
  const run = await runDrill(scenario, transcript, opts.keep ? { dbPath: opts.keep } : {});
  const score = scoreRun(scenario, run);
  if (ctx.json) return ctx.printJson(score);
  if (opts.feed) ctx.print([...run.feed.map((f) => feedLine(f, ctx.style)), ""]);
  ctx.print(scoreReport(score, run, ctx.style, { passPercent: scenario.rubric.passPercent }));
}

async function interactive(ctx: CliContext, scenario: Scenario, opts: TrainOptions): Promise<void> {
  const speed = Number(opts.speed);
  if (!Number.isFinite(speed) || speed <= 0 || speed > 3600)
    usage("--speed", `'${opts.speed}' is not a speed from 0 to 3600`);
  const trainee = ctx.actor();
  if (trainee === "") throw new WarroomError("actor.missing", "say who is training with --as <handle>");
  const io = ctx.io as TrainIo;
  const stdin = io.stdin ?? process.stdin;
  const input = createInterface({
    input: stdin,
    crlfDelay: Number.POSITIVE_INFINITY,
    terminal: false,
  });
  // With --json the score is the only thing on stdout; the drill itself goes to stderr.
  const out = ctx.json ? io.stderr : io.stdout;
  try {
    const result = await runInteractive({
      scenario,
      trainee,
      lines: input,
      write: (text) => void out.write(text),
      paint: ctx.style,
      speed,
      realNow: () => ctx.now(),
      prompt: (stdin as { isTTY?: boolean }).isTTY === true,
      ...(opts.keep ? { dbPath: opts.keep } : {}),
    });
    if (opts.record) {
      const doc = { trainee, scenario: scenario.id, actions: result.actions };
      writeFileSync(opts.record, stringify(doc, { lineWidth: 0 }));
    }
    const score = scoreRun(scenario, result.run);
    if (ctx.json) return ctx.printJson(score);
    ctx.print(scoreReport(score, result.run, ctx.style, { passPercent: scenario.rubric.passPercent }));
    if (opts.record)
      ctx.print(ctx.style.dim(`Saved your actions to ${opts.record}: replay with --transcript ${opts.record}`));
  } finally {
    input.close();
  }
}
