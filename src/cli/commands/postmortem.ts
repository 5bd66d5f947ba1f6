/**
 * `warroom postmortem draft|save|publish|show|lint|agenda`. The draft and the agenda are
 * computed here from `getIncident` (the same pure functions the server uses), so they
 * work alike on a local file and with --server. Saving and publishing are commands.
 *
 * `postmortem lint` prints its report, then exits 0 when no finding is an error, 4 when
 * at least one is (as `warroom lint` does), 2 for bad input: a missing, empty or binary
 * file, text that is not UTF-8, or text over the policy's size limit.
 */
import type { Command } from "commander";
import { policyFromConfig } from "../../app/config.js";
import type { IncidentDetail } from "../../app/views.js";
import {
  buildAgenda,
  DRAFT_FORMATS,
  type DraftFormat,
  lintPostmortemReport,
  type PostmortemAgenda,
  type PostmortemRecord,
  postmortemRecord,
  postmortemText,
  renderDraft,
} from "../../domain/postmortem/index.js";
import { WarroomError } from "../../domain/shared/errors.js";
import { configFrom, serverUrl } from "../connect.js";
import { action, type CliContext, type MutationOptions, mutating } from "../context.js";
import { clockTime } from "../format.js";
import { oneOf, parseInteger } from "../parse.js";
import type { Style } from "../style.js";
import { readTextInput, writeTextFile } from "./postmortem-io.js";

/** Global options that take a value, skipped to find the command word. */
const GLOBALS_WITH_VALUE = new Set(["--db", "--server", "--as", "--config"]);

/**
 * The program's own `--version` wins wherever it appears, so `postmortem show … --version 2`
 * is read as `--published-version 2` before parsing. Other commands are left alone.
 */
export function rewritePostmortemArgs(argv: string[]): string[] {
  let i = 0;
  while (i < argv.length && (argv[i] ?? "").startsWith("-")) i += GLOBALS_WITH_VALUE.has(argv[i] ?? "") ? 2 : 1;
  if (argv[i] !== "postmortem" || argv[i + 1] !== "show") return argv;
  const command = i + 1;
  return argv.map((arg, at) => {
    if (at <= command) return arg;
    if (arg === "--version") return "--published-version";
    return arg.startsWith("--version=") ? `--published-version=${arg.slice("--version=".length)}` : arg;
  });
}

export function registerPostmortemCommands(program: Command, ctx: CliContext): void {
  const pm = program
    .command("postmortem")
    .description("blameless postmortems: draft from the log, lint, save, publish, show, review agenda");

  pm.command("draft")
    .description("draft the postmortem from the incident's log (prints markdown unless told otherwise)")
    .argument("<id>", "incident id")
    .option("--format <format>", "md | html | json", "md")
    .option("--out <file>", "write the draft to this file instead of stdout")
    .action(
      action<{ format: string; out?: string }>(ctx, async ([id], opts) => {
        const chosen = oneOf(opts.format, DRAFT_FORMATS, "--format");
        const format: DraftFormat = ctx.json ? "json" : chosen;
        const api = await ctx.api();
        const detail = await api.getIncident(id ?? "");
        const rendered = renderDraft(detail, detail.now, await api.policy(), format);
        if (opts.out === undefined) {
          ctx.io.stdout.write(rendered.body);
          return;
        }
        await writeTextFile(opts.out, rendered.body);
        const held = rendered.draft.heldBack;
        ctx.print(
          `${ctx.style.green("✓")} ${detail.id} postmortem draft (${format}) written to ${opts.out}${held > 0 ? `; ${held} piece${held === 1 ? "" : "s"} of logged wording held back as blame` : ""}`,
        );
      }),
    );

  mutating(
    pm
      .command("save")
      .description("save a new revision of the postmortem from a markdown file (or - for stdin)")
      .argument("<id>", "incident id")
      .argument("<file>", "markdown file, or - to read standard input")
      .option("--base-revision <n>", "the revision you edited; refused if someone saved a newer one"),
  ).action(
    action<MutationOptions & { baseRevision?: string }>(ctx, async ([id, file], opts) => {
      const baseRevision =
        opts.baseRevision === undefined ? undefined : parseInteger(opts.baseRevision, "--base-revision");
      const markdown = await readPostmortem(ctx, file ?? "");
      await ctx.mutate(opts, id ?? "", {
        type: "save-postmortem",
        markdown,
        ...(baseRevision === undefined ? {} : { baseRevision }),
      });
      if (!ctx.json) ctx.print(lintSummary(lintPostmortemReport(markdown), ctx.style, file ?? ""));
    }),
  );

  mutating(
    pm
      .command("publish")
      .description("publish the latest revision as the next version (the incident must be resolved)")
      .argument("<id>", "incident id"),
  ).action(
    action<MutationOptions>(ctx, async ([id], opts) => {
      await ctx.mutate(opts, id ?? "", { type: "publish-postmortem" });
    }),
  );

  pm.command("show")
    .usage("<id> [--version <n>]")
    .description("the latest saved revision, or a published version with --version")
    .argument("<id>", "incident id")
    .option("--published-version <n>", "a published version (also given as --version <n>)")
    .action(
      action<{ publishedVersion?: string }>(ctx, async ([id], opts) => {
        const version =
          opts.publishedVersion === undefined ? undefined : parseInteger(opts.publishedVersion, "--version");
        const detail = await (await ctx.api()).getIncident(id ?? "");
        const record = postmortemRecord(detail, version);
        if (ctx.json) return ctx.printJson(record);
        ctx.print([...recordHeader(record, detail, ctx.style), "", record.markdown.trimEnd()]);
      }),
    );

  pm.command("lint")
    .description(
      "check a postmortem for blame, missing sections and vague action items (exit 0 ok, 4 errors found, 2 bad input)",
    )
    .argument("<file>", "markdown file, or - to read standard input")
    .action(
      action(ctx, async ([file]) => {
        const report = lintPostmortemReport(await readPostmortem(ctx, file ?? ""));
        if (ctx.json) ctx.printJson(report);
        else ctx.print(lintLines(report, ctx.style, file === "-" ? "stdin" : (file ?? "")));
        const errors = report.findings.filter((f) => f.severity === "error");
        if (errors.length > 0) {
          throw new WarroomError(
            "postmortem.lint_failed",
            `${errors.length} error${errors.length === 1 ? "" : "s"} in the postmortem (${[...new Set(errors.map((f) => f.rule))].join(", ")})`,
          );
        }
      }),
    );

  pm.command("agenda")
    .description("a 60-minute review meeting agenda with this incident's facts")
    .argument("<id>", "incident id")
    .action(
      action(ctx, async ([id]) => {
        const api = await ctx.api();
        const detail = await api.getIncident(id ?? "");
        const agenda = buildAgenda(detail, detail.now, await api.policy());
        if (ctx.json) return ctx.printJson(agenda);
        ctx.print(agendaLines(agenda, ctx.style));
      }),
    );
}

/** The file (or stdin) checked against the text limit of the policy in force. */
async function readPostmortem(ctx: CliContext, file: string): Promise<string> {
  const limit = serverUrl(ctx.globals, ctx.io.env)
    ? (await (await ctx.api()).policy()).maxTextBytes
    : policyFromConfig(configFrom(ctx.globals, ctx.io)).maxTextBytes;
  const input = await readTextInput(file, ctx.io, limit);
  return postmortemText(input.bytes, input.name, "file", limit);
}

type Report = ReturnType<typeof lintPostmortemReport>;

function counts(report: Report): string {
  const errors = report.findings.filter((f) => f.severity === "error").length;
  const warnings = report.findings.length - errors;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  return `${plural(errors, "error")}, ${plural(warnings, "warning")}`;
}

function lintSummary(report: Report, style: Style, file: string): string {
  if (report.findings.length === 0) return `${style.green("✓")} lint: no findings`;
  const mark = report.ok ? style.yellow("!") : style.red("✗");
  return `${mark} lint: ${counts(report)}; see warroom postmortem lint ${file}`;
}

function lintLines(report: Report, style: Style, name: string): string[] {
  if (report.findings.length === 0) return [`${style.green("✓")} ${name}: no findings`];
  const out = [`${report.ok ? style.yellow("!") : style.red("✗")} ${name}: ${counts(report)}`];
  const width = Math.max(...report.findings.map((f) => f.rule.length));
  for (const f of report.findings) {
    const level = f.severity === "error" ? style.red("error  ") : style.yellow(f.severity.padEnd(7));
    out.push(`  ${level}  ${f.rule.padEnd(width)}  ${f.message}`);
  }
  return out;
}

function recordHeader(record: PostmortemRecord, detail: IncidentDetail, style: Style): string[] {
  const now = Date.parse(detail.now);
  const what =
    record.kind === "published"
      ? `published version ${record.version} (revision ${record.revision})`
      : `revision ${record.revision}`;
  const versions = record.published.map((p) => `v${p.version} (rev ${p.revision})`).join(", ");
  return [
    `${style.bold(`${record.incidentId} postmortem`)}  ${what}  ${clockTime(record.at, now)} by ${record.by}`,
    style.dim(
      `  published: ${versions || "not yet"}${record.unpublishedChanges ? `; revision ${record.latestRevision} is not published` : ""}`,
    ),
  ];
}

function agendaLines(agenda: PostmortemAgenda, style: Style): string[] {
  const out = [style.bold(`${agenda.title}: ${agenda.totalMinutes} minutes`)];
  out.push(
    agenda.holdBy === null
      ? `  ${agenda.timing}`
      : `  hold by ${agenda.holdBy}, draft out by ${agenda.draftOutBy} (${agenda.timing})`,
  );
  for (const line of agenda.facilitation) out.push(style.dim(`  · ${line}`));
  const mm = (n: number) => String(n).padStart(2, "0");
  for (const item of agenda.items) {
    out.push(
      "",
      style.bold(`${mm(item.startsAt)}–${mm(item.startsAt + item.minutes)}  ${item.title} (${item.minutes} min)`),
    );
    for (const aim of item.aims) out.push(`        ${aim}`);
    for (const fact of item.facts) out.push(style.cyan(`        › ${fact}`));
  }
  return out;
}
