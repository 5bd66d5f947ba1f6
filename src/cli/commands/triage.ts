/**
 * Triage from the terminal:
 *
 *   warroom triage [--input FILE] [--greedy] [--json]   priorities, the staffing plan, gaps, moves
 *   warroom estimate INC-1 --revenue 540000 --starts-in 3h --worsening 20
 *   warroom needs INC-1 database:2 payments
 *
 * Without --input the plan is for the live open incidents and the people directory; with
 * it, for the incidents (and people) in the file. Over --server it asks /api/triage.
 */
import { readFile } from "node:fs/promises";
import type { Command } from "commander";
import { type TriageSources, triagePlan } from "../../app/triage.js";
import { triageSources } from "../../app/triage-app.js";
import { parseTriageInputFile } from "../../app/triage-files.js";
import { WarroomApp } from "../../app/warroom-app.js";
import { WarroomHttpClient } from "../../client/http-client.js";
import { WarroomError } from "../../domain/shared/errors.js";
import { renderPlanText } from "../../domain/triage/render-text.js";
import type { TriagePlan } from "../../domain/triage/types.js";
import { action, type CliContext, type MutationOptions, mutating } from "../context.js";
import { parseMinutes, parseWhen } from "../parse.js";

const INPUT_LIMIT = 16 * 1024 * 1024;

function bad(flag: string, message: string): never {
  throw new WarroomError("validation.failed", `${flag}: ${message}`, [{ field: flag, message }]);
}

export async function readFileText(file: string, flag: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    bad(
      flag,
      code === "ENOENT"
        ? `${file} does not exist`
        : code === "EISDIR"
          ? `${file} is a directory`
          : `cannot read ${file}`,
    );
  }
  if (Buffer.byteLength(text) > INPUT_LIMIT) bad(flag, `${file} is larger than ${INPUT_LIMIT} bytes`);
  return text;
}

/** The triage sources of the local app; undefined over --server. */
export async function localSources(ctx: CliContext): Promise<TriageSources | undefined> {
  const api = await ctx.api();
  return api instanceof WarroomApp ? triageSources(api) : undefined;
}

async function plan(ctx: CliContext, file: unknown, greedy: boolean): Promise<TriagePlan> {
  const api = await ctx.api();
  if (api instanceof WarroomApp)
    return triagePlan(triageSources(api), { ...(file === undefined ? {} : { file }), greedy });
  if (api instanceof WarroomHttpClient) {
    const path = `/api/triage${greedy ? "?greedy=true" : ""}`;
    return file === undefined ? api.request("GET", path) : api.request("POST", path, file);
  }
  throw new WarroomError("internal", "unknown connection");
}

/** "database:2" / "payments" (one) → { skill, count }. */
function parseNeed(value: string): { skill: string; count: number } {
  const match = /^([^:]+?)(?::(\d+))?$/.exec(value.trim());
  if (!match?.[1]) bad("needs", `'${value}' is not skill or skill:count (database:2)`);
  return { skill: match[1].trim(), count: match[2] === undefined ? 1 : Number(match[2]) };
}

export function registerTriageCommands(program: Command, ctx: CliContext): void {
  program
    .command("triage")
    .description("priorities with reasons and a staffing plan across the open incidents (who commands, who works what)")
    .option("--input <file>", "plan the incidents (and people) in this YAML or JSON file instead of the live ones")
    .option("--greedy", "skip the solver: the greedy plan only")
    .action(
      action<{ input?: string; greedy?: boolean }>(ctx, async (_args, opts) => {
        const file =
          opts.input === undefined
            ? undefined
            : parseTriageInputFile(await readFileText(opts.input, "--input"), opts.input);
        const result = await plan(ctx, file, opts.greedy === true);
        if (ctx.json) ctx.printJson(result);
        else ctx.print(renderPlanText(result, ctx.style));
      }),
    );

  mutating(
    program
      .command("estimate")
      .description("estimate an incident's impact for triage: revenue at risk, when it starts, how fast it worsens")
      .argument("<id>", "incident id, e.g. INC-1")
      .option("--revenue <usd>", "revenue at risk per hour in USD (none clears it)")
      .option("--starts-in <duration>", "the impact starts this long from now (3h, 90m)")
      .option("--starts-at <time>", "the impact starts at this time (ISO, +3h or HH:MM; none clears it)")
      .option("--worsening <pct>", "how fast the impact grows, percent per hour (none clears it)")
      .option("--note <text>", "where the estimate comes from"),
  ).action(
    action<
      MutationOptions & { revenue?: string; startsIn?: string; startsAt?: string; worsening?: string; note?: string }
    >(ctx, async ([id], opts) => {
      if (opts.startsIn !== undefined && opts.startsAt !== undefined)
        bad("--starts-in", "give --starts-in or --starts-at, not both");
      const number = (value: string, flag: string) => {
        if (value.trim().toLowerCase() === "none") return null;
        const n = Number(value.replace(/[$,_%]/g, ""));
        if (!Number.isFinite(n) || value.trim() === "") bad(flag, `'${value}' is not a number (or none)`);
        return n;
      };
      const command: Record<string, unknown> = { type: "set-impact-estimate" };
      if (opts.revenue !== undefined) command.revenueAtRiskPerHourUsd = number(opts.revenue, "--revenue");
      if (opts.worsening !== undefined) command.worseningPctPerHour = number(opts.worsening, "--worsening");
      if (opts.startsIn !== undefined) {
        command.impactStartsAt = new Date(
          ctx.now() + parseMinutes(opts.startsIn, "--starts-in") * 60_000,
        ).toISOString();
      }
      if (opts.startsAt !== undefined) {
        command.impactStartsAt =
          opts.startsAt.trim().toLowerCase() === "none" ? null : parseWhen(opts.startsAt, ctx.now(), "--starts-at");
      }
      if (opts.note !== undefined) command.note = opts.note;
      await ctx.mutate(opts, id ?? "", command);
    }),
  );

  mutating(
    program
      .command("needs")
      .description("the engineers an incident needs, by skill, for the staffing plan (replaces the earlier list)")
      .argument("<id>", "incident id, e.g. INC-1")
      .argument("[needs...]", "skill or skill:count, e.g. database:2 payments")
      .option("--clear", "no stated needs (the plan then asks for engineers of any skill by severity)"),
  ).action(
    action<MutationOptions & { clear?: boolean }>(ctx, async ([id, list], opts) => {
      const needs = (list ?? "").split(/\s+/).filter(Boolean).map(parseNeed);
      if (needs.length === 0 && !opts.clear) bad("needs", "give at least one skill (database:2), or --clear");
      if (needs.length > 0 && opts.clear) bad("--clear", "give needs or --clear, not both");
      await ctx.mutate(opts, id ?? "", { type: "set-skill-needs", needs });
    }),
  );
}
