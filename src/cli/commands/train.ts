/**
 * IC training from the terminal:
 *
 *   warroom train list                                   the built-in scenarios
 *   warroom train <scenario> --transcript FILE [--json]  replay a transcript and score it
 *   warroom train <scenario> [--speed 10] [--record F]   drill interactively, then score
 *   warroom train history --trainee T [--json]           the trainee's runs and competency profile
 *
 * `--record-history` adds the run's score summary to the trainee's record in the store
 * --db names (and the certificate a passed certification earns); `--html FILE` writes
 * the score report as a standalone page.
 *
 * A drill runs on its own database (in memory unless --keep names a file), never the
 * one --db points at; `<scenario>` is a built-in id or a scenario YAML file.
 */
import { closeSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createInterface } from "node:readline";
import type { Command } from "commander";
import { stringify } from "yaml";
import { isoNow, systemClock } from "../../domain/shared/clock.js";
import { WarroomError } from "../../domain/shared/errors.js";
import { earnsCertificate } from "../../domain/training/certificate.js";
import { checkTrainee, isCertifying, type RecordedRun, summariseScore } from "../../training/history.js";
import { historyLines } from "../../training/history-format.js";
import { htmlReport } from "../../training/html-report.js";
import { runInteractive } from "../../training/interactive.js";
import { feedLine, scoreReport } from "../../training/report.js";
import { scoreRun } from "../../training/rubric/score.js";
import type { Score } from "../../training/rubric/types.js";
import type { DrillRun } from "../../training/run-record.js";
import { runDrill } from "../../training/runner.js";
import { builtInScenarioIds, resolveScenario } from "../../training/scenario-loader.js";
import type { Scenario } from "../../training/scenario-schema.js";
import { parseTranscript } from "../../training/transcript.js";
import { serverUrl } from "../connect.js";
import { action, type CliContext } from "../context.js";
import { table } from "../format.js";
import type { CliIo } from "../io.js";
import { withReads, withRecords } from "./cert.js";

interface TrainOptions {
  transcript?: string;
  speed: string;
  record?: string;
  keep?: string;
  feed?: boolean;
  recordHistory?: boolean;
  html?: string;
  trainee?: string;
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
    .argument("<scenario>", "a built-in scenario id, a scenario YAML file, `list` or `history`")
    .option("--transcript <file>", "replay a recorded transcript (YAML) and print its score")
    .option("--feed", "with --transcript: print the drill as it played out, before the score")
    .option("--speed <n>", "interactive: virtual seconds per real second", "1")
    .option("--record <file>", "interactive: save your actions as a transcript you can replay")
    .option("--keep <file>", "keep the drill incident in this new SQLite file (default: in memory)")
    .option("--record-history", "add the score to the trainee's record in the --db store (certificates too)")
    .option("--html <file>", "also write the score report as a standalone HTML page")
    .option("--trainee <handle>", "history: whose runs to show")
    .action(
      action<TrainOptions>(ctx, async ([name], opts) => {
        if (name === "list") return listScenarios(ctx);
        if (name === "history") return showHistory(ctx, opts);
        if (opts.trainee !== undefined) usage("--trainee", "goes with `warroom train history`");
        if (opts.recordHistory && serverUrl(ctx.globals, ctx.io.env)) {
          usage("--record-history", "records go to the local store; run without --server (or WARROOM_SERVER)");
        }
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
  const text = readText(path, "--transcript");
  const transcript = parseTranscript(text, path);
  await withHtml(opts.html, async (htmlFile) => {
    const run = await runDrill(scenario, transcript, opts.keep ? { dbPath: opts.keep } : {});
    const score = scoreRun(scenario, run);
    if (opts.feed && !ctx.json) ctx.print([...run.feed.map((f) => feedLine(f, ctx.style)), ""]);
    await finishRun(ctx, scenario, score, run, { opts, htmlFile, transcriptText: text });
  });
}

/**
 * The --html file is opened before the drill runs, so a path that cannot be written stops
 * it with nothing stored; if the run then fails, the empty file is removed again.
 */
async function withHtml(path: string | undefined, fn: (file: number | null) => Promise<void>): Promise<void> {
  if (path === undefined) return fn(null);
  let file: number;
  try {
    file = openSync(path, "w");
  } catch (error) {
    return usage("--html", `cannot write ${path}: ${(error as Error).message}`);
  }
  let done = false;
  try {
    await fn(file);
    done = true;
  } finally {
    closeSync(file);
    if (!done) rmSync(path, { force: true });
  }
}

/** Records the run when asked, writes the HTML page, prints the score and what was recorded. */
async function finishRun(
  ctx: CliContext,
  scenario: Scenario,
  score: Score,
  run: DrillRun,
  extra: { opts: TrainOptions; htmlFile: number | null; transcriptText: string },
): Promise<void> {
  const { opts, htmlFile } = extra;
  let recorded: RecordedRun | null = null;
  if (opts.recordHistory) {
    recorded = await withRecords(ctx, (records) =>
      records.record({ scenario, score, transcriptText: extra.transcriptText }),
    );
  }
  if (htmlFile !== null) writeFileSync(htmlFile, htmlPage(ctx, scenario, score, run, recorded));
  const certificate = recorded?.certificate?.event ?? null;
  if (ctx.json) {
    if (!opts.recordHistory) return ctx.printJson(score);
    const history = {
      trainee: recorded?.drill.event.trainee,
      run: recorded?.number,
      certificate: certificate ? { id: certificate.certificateId, expiresAt: certificate.expiresAt } : null,
    };
    return ctx.printJson({ ...score, history });
  }
  ctx.print(scoreReport(score, run, ctx.style, { passPercent: scenario.rubric.passPercent }));
  const notes: string[] = [];
  if (recorded) notes.push(`Recorded as run #${recorded.number} of ${recorded.drill.event.trainee}.`);
  if (certificate) {
    notes.push(
      ctx.style.bold(ctx.style.green(`Certificate ${certificate.certificateId}`)) +
        ` valid until ${certificate.expiresAt.slice(0, 10)}: warroom cert verify ${certificate.certificateId}`,
    );
  } else if (!recorded && earnsCertificate(isCertifying(scenario), summariseScore(scenario, score))) {
    notes.push(ctx.style.yellow("This run earns a certificate: replay it with --record-history to have it issued."));
  }
  if (opts.html) notes.push(ctx.style.dim(`HTML report written to ${opts.html}`));
  if (notes.length > 0) ctx.print(["", ...notes]);
}

function htmlPage(ctx: CliContext, scenario: Scenario, score: Score, run: DrillRun, recorded: RecordedRun | null) {
  const certificate = recorded?.certificate?.event;
  return htmlReport(score, {
    scenarioTitle: scenario.title,
    passPercent: scenario.rubric.passPercent,
    critical: scenario.rubric.groups.flatMap((g) => g.items.filter((i) => i.critical).map((i) => i.id)),
    generatedAt: isoNow(ctx.io.clock ?? systemClock),
    refused: run.errors.map((e) => {
      const action = run.actions.find((a) => a.index === e.action);
      return { action: e.action, clock: action?.clock ?? "", verb: action?.verb ?? "", message: e.message };
    }),
    certificate: certificate ? { id: certificate.certificateId, expiresAt: certificate.expiresAt } : null,
  });
}

async function showHistory(ctx: CliContext, opts: TrainOptions): Promise<void> {
  if (opts.trainee === undefined) usage("--trainee", "say whose history to show: train history --trainee <handle>");
  const trainee = checkTrainee(opts.trainee, "--trainee");
  const history = await withReads(ctx, (reads) => reads.history(trainee));
  if (ctx.json) return ctx.printJson(history);
  ctx.print(historyLines(history, ctx.style));
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
    await withHtml(opts.html, (htmlFile) =>
      drillAndScore(ctx, scenario, opts, { trainee, input, out, stdin, speed, htmlFile }),
    );
  } finally {
    input.close();
  }
}

async function drillAndScore(
  ctx: CliContext,
  scenario: Scenario,
  opts: TrainOptions,
  at: {
    trainee: string;
    input: ReturnType<typeof createInterface>;
    out: CliIo["stdout"];
    stdin: NodeJS.ReadableStream;
    speed: number;
    htmlFile: number | null;
  },
): Promise<void> {
  const { trainee, input, out, stdin, speed, htmlFile } = at;
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
  const transcriptText = stringify({ trainee, scenario: scenario.id, actions: result.actions }, { lineWidth: 0 });
  if (opts.record) writeFileSync(opts.record, transcriptText);
  const score = scoreRun(scenario, result.run);
  await finishRun(ctx, scenario, score, result.run, { opts, htmlFile, transcriptText });
  if (opts.record && !ctx.json)
    ctx.print(ctx.style.dim(`Saved your actions to ${opts.record}: replay with --transcript ${opts.record}`));
}
