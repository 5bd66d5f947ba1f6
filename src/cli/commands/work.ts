/**
 * Work: workstreams, time-boxed tasks, action items, and the cross-incident lists
 * (`actions` flags items whose due date is before today by the injected clock).
 * `task <id> add …` is rewritten to `task add <id> …` before parsing (see run.ts), so
 * each sub-action keeps its own options and help.
 */
import type { Command } from "commander";
import type { ActionItemFilter } from "../../app/api.js";
import type { OpenActionItem } from "../../app/views.js";
import { WarroomError } from "../../domain/shared/errors.js";
import { action, type CliContext, type MutationOptions, mutating } from "../context.js";
import { table, taskTable } from "../format.js";
import { parseMinutes, personFilter } from "../parse.js";
import type { Style } from "../style.js";

/** Commands whose second word is an incident id followed by a sub-action. */
export const GROUPED_COMMANDS: Record<string, string[]> = {
  workstream: ["add", "close"],
  task: ["add", "ack", "done", "cancel"],
  action: ["add", "done"],
  option: ["add"],
};

const timebox = (value: string | undefined) =>
  value === undefined ? {} : { timeboxMinutes: parseMinutes(value, "--timebox") };

export function registerWorkCommands(program: Command, ctx: CliContext): void {
  const workstream = program
    .command("workstream")
    .description("sub-teams with a lead, a goal and a time-box: workstream <id> add|close …");
  mutating(
    workstream
      .command("add")
      .usage("<id> <name> --lead <person> --goal <text> [--timebox 30]")
      .description("start a workstream")
      .argument("<id>", "incident id")
      .argument("<name...>", "workstream name")
      .requiredOption("--lead <person>", "who leads it")
      .requiredOption("--goal <text>", "what it must achieve")
      .option("--timebox <minutes>", "time-box, e.g. 30 or 1h"),
  ).action(
    action<MutationOptions & { lead: string; goal: string; timebox?: string }>(ctx, async ([id, name], opts) => {
      await ctx.mutate(opts, id ?? "", {
        type: "start-workstream",
        name,
        lead: opts.lead,
        goal: opts.goal,
        ...timebox(opts.timebox),
      });
    }),
  );
  mutating(
    workstream
      .command("close")
      .usage("<id> <workstream> [--outcome <text>]")
      .description("close a workstream")
      .argument("<id>", "incident id")
      .argument("<workstream>", "workstream id, e.g. W1")
      .option("--outcome <text>", "what it found or did"),
  ).action(
    action<MutationOptions & { outcome?: string }>(ctx, async ([id, workstreamId], opts) => {
      await ctx.mutate(opts, id ?? "", {
        type: "close-workstream",
        workstreamId,
        ...(opts.outcome === undefined ? {} : { outcome: opts.outcome }),
      });
    }),
  );

  const task = program
    .command("task")
    .description("time-boxed tasks for named people: task <id> add|ack|done|cancel …");
  mutating(
    task
      .command("add")
      .usage("<id> <title...> --to <person> [--timebox 15] [--workstream W1]")
      .description("assign a task to one named person")
      .argument("<id>", "incident id")
      .argument("<title...>", "what to do")
      .requiredOption("--to <person>", "who does it (one named person)")
      .option("--timebox <minutes>", "time-box, e.g. 15 or 1h")
      .option("--workstream <id>", "the workstream it belongs to"),
  ).action(
    action<MutationOptions & { to: string; timebox?: string; workstream?: string }>(ctx, async ([id, title], opts) => {
      await ctx.mutate(opts, id ?? "", {
        type: "assign-task",
        title,
        assignee: opts.to,
        ...timebox(opts.timebox),
        ...(opts.workstream === undefined ? {} : { workstreamId: opts.workstream }),
      });
    }),
  );
  mutating(
    task
      .command("ack")
      .usage("<id> <task>")
      .description("acknowledge a task")
      .argument("<id>", "incident id")
      .argument("<task>", "task id, e.g. T1"),
  ).action(
    action<MutationOptions>(ctx, async ([id, taskId], opts) => {
      await ctx.mutate(opts, id ?? "", { type: "acknowledge-task", taskId });
    }),
  );
  mutating(
    task
      .command("done")
      .usage("<id> <task> [--outcome <text>]")
      .description("complete a task")
      .argument("<id>", "incident id")
      .argument("<task>", "task id")
      .option("--outcome <text>", "what came of it"),
  ).action(
    action<MutationOptions & { outcome?: string }>(ctx, async ([id, taskId], opts) => {
      await ctx.mutate(opts, id ?? "", {
        type: "complete-task",
        taskId,
        ...(opts.outcome === undefined ? {} : { outcome: opts.outcome }),
      });
    }),
  );
  mutating(
    task
      .command("cancel")
      .usage("<id> <task> [--reason <text>]")
      .description("cancel a task")
      .argument("<id>", "incident id")
      .argument("<task>", "task id")
      .option("--reason <text>", "why"),
  ).action(
    action<MutationOptions & { reason?: string }>(ctx, async ([id, taskId], opts) => {
      await ctx.mutate(opts, id ?? "", {
        type: "cancel-task",
        taskId,
        ...(opts.reason === undefined ? {} : { reason: opts.reason }),
      });
    }),
  );

  const item = program.command("action").description("follow-up action items: action <id> add|done …");
  mutating(
    item
      .command("add")
      .usage("<id> <title...> --owner <person> --horizon immediate|short-term|long-term [--due 2026-12-01]")
      .description("add an action item")
      .argument("<id>", "incident id")
      .argument("<title...>", "what must happen")
      .requiredOption("--owner <person>", "who owns it")
      .option("--horizon <horizon>", "immediate | short-term | long-term")
      .option("--due <date>", "due date, e.g. 2026-12-01"),
  ).action(
    action<MutationOptions & { owner: string; horizon?: string; due?: string }>(ctx, async ([id, title], opts) => {
      await ctx.mutate(opts, id ?? "", {
        type: "add-action-item",
        title,
        owner: opts.owner,
        ...(opts.horizon === undefined ? {} : { horizon: opts.horizon }),
        ...(opts.due === undefined ? {} : { dueDate: opts.due }),
      });
    }),
  );
  mutating(
    item
      .command("done")
      .usage("<id> <action-item>")
      .description("complete an action item")
      .argument("<id>", "incident id")
      .argument("<action>", "action item id, e.g. AI-1"),
  ).action(
    action<MutationOptions>(ctx, async ([id, actionId], opts) => {
      await ctx.mutate(opts, id ?? "", { type: "complete-action-item", actionId });
    }),
  );

  program
    .command("tasks")
    .description("open tasks across all incidents, soonest due first")
    .option("--mine", "only tasks assigned to you (--as)")
    .option("--assignee <person>", "only this person's tasks")
    .action(
      action<{ mine?: boolean; assignee?: string }>(ctx, async (_args, opts) => {
        const assignee =
          opts.assignee !== undefined ? personFilter(opts.assignee) : opts.mine ? ctx.actor() : undefined;
        const tasks = await (await ctx.api({ readOnly: true })).openTasks(assignee === undefined ? {} : { assignee });
        if (ctx.json) return ctx.printJson(tasks);
        if (tasks.length === 0) return ctx.print(assignee ? `No open tasks for ${assignee}.` : "No open tasks.");
        ctx.print(taskTable(tasks, ctx.style));
      }),
    );

  program
    .command("actions")
    .description("action items across all incidents, soonest due first; overdue ones are flagged")
    .option("--open", "only open items (the default)")
    .option("--all", "include done items")
    .option("--owner <person>", "only this person's items")
    .option("--overdue", "only items past their due date")
    .action(
      action<{ open?: boolean; all?: boolean; owner?: string; overdue?: boolean }>(ctx, async (_args, opts) => {
        if (opts.open && opts.all) bad("--all", "--open and --all contradict each other; give one");
        const filter: ActionItemFilter = { status: opts.all ? "all" : "open" };
        if (opts.owner !== undefined) filter.owner = personFilter(opts.owner);
        if (opts.overdue) filter.overdue = true;
        const items = await (await ctx.api({ readOnly: true })).openActionItems(filter);
        if (ctx.json) return ctx.printJson(items);
        if (items.length === 0) {
          const what = `${opts.overdue ? "overdue" : opts.all ? "" : "open"} action items`.trim();
          return ctx.print(filter.owner ? `No ${what} for ${filter.owner}.` : `No ${what}.`);
        }
        ctx.print(actionItemTable(items, opts.all === true, ctx.style));
        const overdue = items.filter((a) => a.overdue).length;
        if (overdue > 0) ctx.print(ctx.style.bold(ctx.style.red(`${overdue} overdue`)));
      }),
    );
}

/** Like the open-items table, with overdue due dates in red and a status column under --all. */
function actionItemTable(items: OpenActionItem[], withStatus: boolean, style: Style): string[] {
  const rows = items.map((a) => [
    a.incidentId,
    a.id,
    ...(withStatus ? [a.status] : []),
    a.owner,
    a.horizon,
    a.overdue ? style.bold(style.red(`${a.dueDate} OVERDUE`)) : (a.dueDate ?? "-"),
    a.title,
  ]);
  const headers = ["INCIDENT", "ID", ...(withStatus ? ["STATUS"] : []), "OWNER", "HORIZON", "DUE", "TITLE"];
  return table(headers, rows, style);
}

function bad(flag: string, message: string): never {
  throw new WarroomError("validation.failed", `${flag}: ${message}`, [{ field: flag, message }]);
}
