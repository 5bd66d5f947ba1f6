/**
 * `/incident <verb> …` from Slack or Mattermost, run through the same app handlers and
 * shared command schemas as the CLI and the API; the values are read with the CLI's own
 * parsers (severity, durations, times, lists). Each verb turns words and flags into one
 * command; the app validates it, so chat refuses exactly what the CLI and API refuse.
 */

import { parseArgs } from "node:util";
import type { CallOptions } from "../../app/api.js";
import { normaliseId, type WarroomApp } from "../../app/warroom-app.js";
import { normaliseSeverity, parsePercent, parseWhen } from "../../cli/parse.js";
import { WarroomError } from "../../domain/shared/errors.js";
import type { IncidentCommandType } from "../../http/command-routes.js";
import { requireChatCommandAccess } from "./chat-access.js";
import { splitWords } from "./command-text.js";
import { type ChatReply, ephemeral, inChannel, incidentStatusText, openIncidentsText, resultText } from "./replies.js";

export interface SlashContext {
  app: WarroomApp;
  /** The acting person's Warroom handle. */
  actor: string;
  /** The incident whose channel the command was typed in, if any. */
  channelIncident: string | null;
  /** Makes a retried delivery of the same request append nothing. */
  idempotencyKey?: string;
}

type Flags = Record<string, string | boolean | string[] | undefined>;
type OptionSpec = Record<string, { type: "string" | "boolean"; multiple?: boolean }>;

interface Verb {
  usage: string;
  summary: string;
  options: OptionSpec;
  run(words: string[], flags: Flags, ctx: SlashContext): Promise<ChatReply>;
}

/** INC-3, inc-3 or 3; a private incident's INC-P… id. */
const INCIDENT_WORD = /^(?:(?:inc-?)?\d+|inc-p[0-9a-f]+)$/i;

/** The incident named first (INC-3 or 3), else the channel's; the remaining words. */
function incidentAnd(words: string[], ctx: SlashContext): [string, string[]] {
  const [first, ...rest] = words;
  if (first !== undefined && INCIDENT_WORD.test(first)) return [normaliseId(first), rest];
  if (ctx.channelIncident) return [ctx.channelIncident, words];
  throw usageError("name the incident (e.g. INC-3), or type the command in the incident's channel", "incident");
}

function usageError(message: string, field: string): WarroomError {
  return new WarroomError("validation.failed", message, [{ field, message }]);
}

const str = (flags: Flags, name: string) => (typeof flags[name] === "string" ? (flags[name] as string) : undefined);
const list = (flags: Flags, name: string) =>
  ((flags[name] as string[] | undefined) ?? [])
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter((v) => v !== "");
/** A flag's text, or else the rest of the words. */
const textOr = (flags: Flags, name: string, words: string[]) => str(flags, name) ?? words.join(" ");

/** Runs one incident command as the chat user, if their role allows it; answers what it did. */
export async function mutate(
  ctx: SlashContext,
  incidentId: string,
  command: Record<string, unknown> & { type: IncidentCommandType },
): Promise<ChatReply> {
  requireChatCommandAccess(ctx.app, incidentId, command.type);
  const result = await ctx.app.execute(incidentId, command, callOptions(ctx));
  const text = resultText(ctx.actor, result);
  // A private incident's doings are said aloud only in its own channel.
  return result.incident.private && ctx.channelIncident !== incidentId ? ephemeral(text) : inChannel(text);
}

function callOptions(ctx: SlashContext): CallOptions {
  return { actor: ctx.actor, ...(ctx.idempotencyKey ? { idempotencyKey: ctx.idempotencyKey } : {}) };
}

export const VERBS: Record<string, Verb> = {
  declare: {
    usage: "/incident declare <title> --sev SEV-2 [--impact <text>] [--service <name>] [--commander @who] [--private]",
    summary: "declare an incident (a channel is opened for it)",
    options: {
      sev: { type: "string" },
      impact: { type: "string" },
      service: { type: "string", multiple: true },
      commander: { type: "string" },
      "users-pct": { type: "string" },
      private: { type: "boolean" },
    },
    async run(words, flags, ctx) {
      // `declare sev1 Checkout failing` reads as well as `--sev SEV-1`.
      let severity = str(flags, "sev");
      let titleWords = words;
      if (severity === undefined && words[0] !== undefined && /^sev-?\d$/i.test(words[0])) {
        severity = words[0];
        titleWords = words.slice(1);
      }
      if (severity === undefined)
        throw usageError("give the severity: --sev SEV-1 … SEV-4 (when unsure, the higher one)", "sev");
      const usersPct = str(flags, "users-pct");
      const result = await ctx.app.declare(
        {
          title: titleWords.join(" "),
          severity: normaliseSeverity(severity),
          ...(str(flags, "impact") === undefined ? {} : { impact: str(flags, "impact") }),
          ...(usersPct === undefined ? {} : { usersAffectedPct: parsePercent(usersPct, "--users-pct") }),
          ...(flags.service === undefined ? {} : { services: list(flags, "service") }),
          ...(str(flags, "commander") === undefined ? {} : { commander: str(flags, "commander") }),
          private: flags.private === true,
        },
        callOptions(ctx),
      );
      const i = result.incident;
      const text = `🚨 ${i.id} declared: ${i.severity} "${i.title}", Incident Commander ${i.commander}${i.private ? " (private)" : ""}.`;
      return i.private ? { response_type: "ephemeral", text } : inChannel(text);
    },
  },
  assign: {
    usage: "/incident assign [INC-n] <role> @person",
    summary: "give a role to a person (tech-lead, comms-lead, scribe, …)",
    options: {},
    async run(words, _flags, ctx) {
      const [id, rest] = incidentAnd(words, ctx);
      if (rest.length !== 2) throw usageError("give a role and a person, e.g. assign tech-lead @sarah-db", "role");
      const [role, person] = rest as [string, string];
      if (person.startsWith("<@")) {
        const mention = person.replace(/\|[^>]*>$/, ">");
        throw usageError(`${mention} is not linked to a Warroom person (see docs/chat.md)`, "person");
      }
      return mutate(ctx, id, { type: "assign-role", role, person });
    },
  },
  sev: {
    usage: "/incident sev [INC-n] <SEV-1…SEV-4> <reason>",
    summary: "change the severity, with the reason",
    options: { reason: { type: "string" } },
    async run(words, flags, ctx) {
      const [id, rest] = incidentAnd(words, ctx);
      const [severity, ...reason] = rest;
      if (severity === undefined)
        throw usageError("give the new severity, e.g. sev SEV-1 checkout down for everyone", "severity");
      return mutate(ctx, id, {
        type: "change-severity",
        severity: normaliseSeverity(severity),
        reason: textOr(flags, "reason", reason),
      });
    },
  },
  status: {
    usage: "/incident status [INC-n] [investigating|identified|mitigating|monitoring [note]]",
    summary: "show the incident (or, with none named outside a channel, the open ones), or move it along",
    options: { note: { type: "string" } },
    async run(words, flags, ctx) {
      if (words.length === 0 && !ctx.channelIncident) {
        return { response_type: "ephemeral", text: openIncidentsText(await ctx.app.listIncidents({ status: "open" })) };
      }
      const [id, rest] = incidentAnd(words, ctx);
      const [status, ...note] = rest;
      if (status === undefined) {
        const detail = await ctx.app.getIncident(id);
        return { response_type: "ephemeral", text: incidentStatusText(detail) };
      }
      const noteText = textOr(flags, "note", note);
      return mutate(ctx, id, { type: "change-status", status, ...(noteText === "" ? {} : { note: noteText }) });
    },
  },
  update: {
    usage: "/incident update [INC-n] [--audience team|executive|customer|legal] [--next +15m] <text>",
    summary: "publish an update (restarts the update clock); audience team unless given",
    options: { audience: { type: "string" }, next: { type: "string" }, strict: { type: "boolean" } },
    async run(words, flags, ctx) {
      const [id, rest] = incidentAnd(words, ctx);
      const next = str(flags, "next");
      return mutate(ctx, id, {
        type: "publish-update",
        audience: str(flags, "audience") ?? "team",
        text: rest.join(" "),
        ...(next === undefined ? {} : { nextUpdateAt: parseWhen(next, ctx.app.clock.now(), "--next") }),
        ...(flags.strict === true ? { strict: true } : {}),
      });
    },
  },
  decide: {
    usage:
      "/incident decide [INC-n] --kind technical|trade-off|business --choose <option> [--choose …] [--fallback <text>] [--consulted @a,@b] <rationale>",
    summary: "record a decision with its rationale",
    options: {
      kind: { type: "string" },
      choose: { type: "string", multiple: true },
      rationale: { type: "string" },
      fallback: { type: "string" },
      consulted: { type: "string", multiple: true },
      title: { type: "string" },
    },
    async run(words, flags, ctx) {
      const [id, rest] = incidentAnd(words, ctx);
      if (str(flags, "kind") === undefined)
        throw usageError("give the kind: --kind technical, trade-off or business", "kind");
      return mutate(ctx, id, {
        type: "record-decision",
        kind: str(flags, "kind"),
        chosen: list(flags, "choose").map((c) => c.toUpperCase()),
        rationale: textOr(flags, "rationale", rest),
        consulted: list(flags, "consulted"),
        ...(str(flags, "fallback") === undefined ? {} : { fallback: str(flags, "fallback") }),
        ...(str(flags, "title") === undefined ? {} : { title: str(flags, "title") }),
      });
    },
  },
  resolve: {
    usage: "/incident resolve [INC-n] <summary: what happened and how it was fixed>",
    summary: "resolve the incident with a summary",
    options: { summary: { type: "string" } },
    async run(words, flags, ctx) {
      const [id, rest] = incidentAnd(words, ctx);
      return mutate(ctx, id, { type: "resolve", summary: textOr(flags, "summary", rest) });
    },
  },
};

export function helpText(intro?: string): string {
  const lines = Object.values(VERBS).map((verb) => `• \`${verb.usage}\`: ${verb.summary}`);
  return [intro ?? "*/incident* commands:", ...lines, "• `/incident help`: this list"].join("\n");
}

/** Runs the text after `/incident`; errors are answered (ephemeral), never thrown. */
export async function runSlashCommand(text: string, ctx: SlashContext): Promise<ChatReply> {
  const [verbWord, ...rest] = splitWords(text);
  const name = (verbWord ?? "help").toLowerCase();
  if (name === "help") return { response_type: "ephemeral", text: helpText() };
  const verb = VERBS[name];
  if (!verb)
    return { response_type: "ephemeral", text: helpText(`Unknown command \`${verbWord}\`. The commands are:`) };
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      options: verb.options,
      allowPositionals: true,
      strict: true,
    });
    return await verb.run(positionals, values as Flags, ctx);
  } catch (error) {
    return { response_type: "ephemeral", text: `❌ ${problemText(error)}\nUsage: \`${verb.usage}\`` };
  }
}

function problemText(error: unknown): string {
  if (error instanceof WarroomError) {
    const fields = error.details.filter((d) => d.field && !error.message.includes(d.message));
    return [error.message, ...fields.map((d) => `${d.field}: ${d.message}`)].join("; ");
  }
  const code = (error as { code?: string }).code;
  if (typeof code === "string" && code.startsWith("ERR_PARSE_ARGS")) {
    return (
      (error as Error).message.replace(/\. To specify a positional argument.*$/s, "").split("\n")[0] ?? "bad option"
    );
  }
  throw error;
}
