/** Talking and recording: notes, published updates, and the timeline (with --follow). */
import type { Command } from "commander";
import type { CommandResult, LiveEntry, TimelineFilter } from "../../app/api.js";
import { normaliseId } from "../../app/warroom-app.js";
import { parseAudience } from "../../domain/comms/lint-report.js";
import { draftUpdate } from "../../domain/comms/templates.js";
import { CHANNELS, EVENT_TYPES } from "../../domain/incident/events.js";
import type { PublishedUpdate } from "../../domain/incident/state.js";
import type { TimelineEntry } from "../../domain/incident/timeline.js";
import { WarroomError } from "../../domain/shared/errors.js";
import { action, type CliContext, type MutationOptions, mutating } from "../context.js";
import { timelineLines } from "../format.js";
import { publishedFindingLines } from "../format-comms.js";
import { collect, oneOf, parseInteger, parseWhen } from "../parse.js";
import { untilStopped } from "../stop.js";

interface UpdateOptions extends MutationOptions {
  audience: string;
  draft?: boolean;
  strict?: boolean;
  impact?: string;
  timeline?: string;
  plan?: string;
  next?: string;
}

interface TimelineOptions {
  channel?: string;
  type?: string[];
  limit?: string;
  follow?: boolean;
}

export function registerCommsCommands(program: Command, ctx: CliContext): void {
  mutating(
    program
      .command("note")
      .description("add a note to the timeline")
      .argument("<id>", "incident id")
      .argument("<text...>", "the note")
      .option("--channel <channel>", "command | tech | stakeholder", "command"),
  ).action(
    action<MutationOptions & { channel: string }>(ctx, async ([id, text], opts) => {
      await ctx.mutate(opts, id ?? "", { type: "add-note", channel: opts.channel, text });
    }),
  );

  mutating(
    program
      .command("update")
      .description("publish an update to an audience (restarts the update clock); --draft prints one to start from")
      .argument("<id>", "incident id")
      .argument("[text...]", "the update (leave it out with --draft)")
      .requiredOption("--audience <audience>", "team | executive | customer | legal")
      .option("--draft", "print a draft filled from the incident instead of publishing; edit it, then publish")
      .option("--strict", "refuse to publish when the text breaks an error rule for its audience (exit 4)")
      .option("--impact <text>", "current impact")
      .option("--timeline <text>", "what happened so far")
      .option("--plan <text>", "what happens next")
      .option("--next <when>", "next update: +15m, 02:30 or an ISO time"),
  ).action(
    action<UpdateOptions>(ctx, async ([id, text], opts) => {
      if (opts.draft) return printDraft(ctx, id ?? "", text, opts);
      if (text === undefined || text.trim() === "") {
        throw new WarroomError("text.empty", "give the update text, or use --draft to get one to start from", [
          { field: "text", message: "the update text is missing" },
        ]);
      }
      const result = await ctx.mutate(opts, id ?? "", {
        type: "publish-update",
        audience: opts.audience,
        text,
        ...(opts.impact === undefined ? {} : { impact: opts.impact }),
        ...(opts.timeline === undefined ? {} : { timeline: opts.timeline }),
        ...(opts.plan === undefined ? {} : { plan: opts.plan }),
        ...(opts.next === undefined ? {} : { nextUpdateAt: parseWhen(opts.next, ctx.now(), "--next") }),
        ...(opts.strict ? { strict: true } : {}),
      });
      const lines = publishedFindingLines(publishedUpdate(result)?.findings ?? [], ctx.style);
      if (!ctx.json && lines.length > 0) ctx.print(lines);
    }),
  );

  program
    .command("timeline")
    .description("the incident's timeline; --follow keeps printing new entries until Ctrl-C")
    .argument("<id>", "incident id")
    .option("--channel <channel>", "command | tech | stakeholder")
    .option("--type <type>", "only these event types, e.g. DecisionRecorded (repeat or comma-separate)", collect)
    .option("--limit <n>", "only the last n entries")
    .option("-f, --follow", "keep printing new entries (JSON: one entry per line)")
    .action(
      action<TimelineOptions>(ctx, async ([id], opts) => {
        const filter: TimelineFilter = {};
        if (opts.channel !== undefined) filter.channel = oneOf(opts.channel, CHANNELS, "--channel");
        if (opts.type !== undefined) filter.types = opts.type.map((t) => oneOf(t, EVENT_TYPES, "--type"));
        if (opts.limit !== undefined) filter.limit = parseInteger(opts.limit, "--limit");
        const api = await ctx.api({ follow: opts.follow === true, readOnly: true });
        const entries = await api.timeline(id ?? "", filter);
        if (!opts.follow) {
          if (ctx.json) return ctx.printJson(entries);
          if (entries.length === 0) return ctx.print("No timeline entries match.");
          return ctx.print(timelineLines(entries, ctx.now(), ctx.style));
        }
        await follow(ctx, normaliseId(id ?? ""), entries, filter);
      }),
    );
}

async function follow(ctx: CliContext, incidentId: string, backlog: TimelineEntry[], filter: TimelineFilter) {
  // Live lines arrive one by one: pad names to a steady width so the columns line up.
  const byWidth = Math.max(12, ...backlog.map((e) => e.by.length));
  const emit = (entry: LiveEntry) => {
    if (ctx.json) ctx.io.stdout.write(`${JSON.stringify(entry)}\n`);
    else ctx.print(timelineLines([entry], ctx.now(), ctx.style, "", byWidth));
  };
  const matches = (entry: TimelineEntry) =>
    (filter.channel === undefined || entry.channel === filter.channel) &&
    (filter.types === undefined || filter.types.length === 0 || filter.types.includes(entry.type));
  for (const entry of backlog) emit({ incidentId, ...entry });
  if (!ctx.json) ctx.io.stderr.write(`Following ${incidentId}; Ctrl-C to stop.\n`);
  const stop = untilStopped(ctx.io.signal);
  try {
    const api = await ctx.api();
    const subscription = await api.follow(
      { incidentId, afterPosition: backlog.at(-1)?.position ?? 0 },
      (entry) => {
        if (matches(entry)) emit(entry);
      },
      (error) => stop.fail(error),
    );
    try {
      await stop.promise;
    } finally {
      subscription.close();
    }
  } finally {
    stop.dispose();
  }
}

/** The update a publish appended (for a repeated idempotency key, the one it recorded first). */
function publishedUpdate(result: CommandResult): PublishedUpdate | undefined {
  const id = /^Update (U\d+) /.exec(result.appended.find((e) => e.type === "UpdatePublished")?.text ?? "")?.[1];
  return result.incident.updates.find((u) => u.id === id);
}

/** `update --draft`: the draft from the incident as it is now (the server's clock in remote mode). */
async function printDraft(ctx: CliContext, id: string, text: string | undefined, opts: UpdateOptions) {
  if (text !== undefined && text.trim() !== "") {
    throw new WarroomError("validation.failed", "--draft writes the text itself: leave the update text out", [
      { field: "text", message: "not used with --draft" },
    ]);
  }
  const audience = parseAudience(opts.audience, "--audience");
  const detail = await (await ctx.api()).getIncident(id);
  const draft = draftUpdate(
    detail,
    audience,
    detail.now,
    opts.next === undefined ? {} : { nextUpdateAt: parseWhen(opts.next, Date.parse(detail.now), "--next") },
  );
  if (ctx.json) return ctx.printJson(draft);
  const todo = draft.placeholders.length;
  // The banner goes to stderr: `--draft > status.txt` must hold the draft alone.
  ctx.note(
    ctx.style.dim(
      `# draft ${audience} update for ${detail.id}, not published${todo > 0 ? `; fill the ${todo} [to confirm: …] spot${todo === 1 ? "" : "s"}` : ""}; publish with: warroom update ${detail.id} --audience ${audience} "<text>"`,
    ),
  );
  ctx.print(draft.text);
}
