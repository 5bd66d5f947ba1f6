/** Declaring, listing, showing, and the incident-wide changes: severity, status, cadence, resolve. */
import type { Command } from "commander";
import type { IncidentFilter } from "../../app/api.js";
import { SEVERITIES } from "../../domain/incident/policy.js";
import { action, type CliContext, type MutationOptions, mutating } from "../context.js";
import { incidentTable } from "../format.js";
import { showIncident } from "../format-show.js";
import { collect, normaliseSeverity, oneOf, parseMinutes, parsePercent } from "../parse.js";

interface DeclareOptions extends MutationOptions {
  sev: string;
  impact?: string;
  usersPct?: string;
  service?: string[];
  commander?: string;
  drill?: boolean;
  private?: boolean;
}

interface ListOptions {
  all?: boolean;
  resolved?: boolean;
  sev?: string;
  drills?: boolean;
  live?: boolean;
}

export function registerIncidentCommands(program: Command, ctx: CliContext): void {
  mutating(
    program
      .command("declare")
      .description("declare an incident (you become its commander unless --commander names someone)")
      .argument("<title>", "a short title")
      .requiredOption("--sev <severity>", `severity: ${SEVERITIES.join(", ")} (when unsure, the higher one)`)
      .option("--impact <text>", "who is affected and how")
      .option("--users-pct <percent>", "share of users affected, e.g. 5")
      .option("--service <name>", "an affected service (repeat for more)", collect)
      .option("--commander <person>", "the Incident Commander, if not you")
      .option("--drill", "a drill: never pages, never counted")
      .option("--private", "restricted visibility"),
  ).action(
    action<DeclareOptions>(ctx, async ([title], opts) => {
      await ctx.mutate(opts, null, {
        title,
        severity: normaliseSeverity(opts.sev),
        ...(opts.impact === undefined ? {} : { impact: opts.impact }),
        ...(opts.usersPct === undefined ? {} : { usersAffectedPct: parsePercent(opts.usersPct, "--users-pct") }),
        ...(opts.service === undefined ? {} : { services: opts.service }),
        ...(opts.commander === undefined ? {} : { commander: opts.commander }),
        mode: opts.drill ? "drill" : "live",
        private: opts.private === true,
      });
    }),
  );

  program
    .command("list")
    .description("incidents: open ones by default")
    .option("--all", "open and resolved")
    .option("--resolved", "resolved only")
    .option("--sev <severity>", "one severity only")
    .option("--drills", "drills only")
    .option("--live", "live incidents only (no drills)")
    .action(
      action<ListOptions>(ctx, async (_args, opts) => {
        const filter: IncidentFilter = { status: opts.all ? "all" : opts.resolved ? "resolved" : "open" };
        if (opts.sev) filter.severity = oneOf(normaliseSeverity(opts.sev), SEVERITIES, "--sev");
        if (opts.drills) filter.mode = "drill";
        else if (opts.live) filter.mode = "live";
        const incidents = await (await ctx.api({ readOnly: true })).listIncidents(filter);
        if (ctx.json) return ctx.printJson(incidents);
        if (incidents.length === 0) {
          const which = filter.status === "open" ? "open incidents" : "incidents";
          return ctx.print(
            `No ${which}${filter.status === "open" ? " (`warroom list --all` shows resolved ones too)" : ""}.`,
          );
        }
        ctx.print(incidentTable(incidents, ctx.now(), ctx.style));
      }),
    );

  program
    .command("show")
    .description("the whole incident: roles, tasks, options, decisions, updates, timeline")
    .argument("<id>", "incident id, e.g. INC-3 or 3")
    .action(
      action(ctx, async ([id]) => {
        const detail = await (await ctx.api({ readOnly: true })).getIncident(id ?? "");
        if (ctx.json) return ctx.printJson(detail);
        ctx.print(showIncident(detail, ctx.style));
      }),
    );

  mutating(
    program
      .command("sev")
      .description("change the severity")
      .argument("<id>", "incident id")
      .argument("<severity>", SEVERITIES.join(" | "))
      .requiredOption("--reason <text>", "why the severity changes"),
  ).action(
    action<MutationOptions & { reason: string }>(ctx, async ([id, severity], opts) => {
      await ctx.mutate(opts, id ?? "", {
        type: "change-severity",
        severity: normaliseSeverity(severity ?? ""),
        reason: opts.reason,
      });
    }),
  );

  mutating(
    program
      .command("status")
      .description("move the incident along: investigating, identified, mitigating, monitoring")
      .argument("<id>", "incident id")
      .argument("<status>", "the new status")
      .option("--note <text>", "what changed"),
  ).action(
    action<MutationOptions & { note?: string }>(ctx, async ([id, status], opts) => {
      await ctx.mutate(opts, id ?? "", {
        type: "change-status",
        status,
        ...(opts.note === undefined ? {} : { note: opts.note }),
      });
    }),
  );

  mutating(
    program
      .command("cadence")
      .description("minutes between updates; 'off'; or 'severity' to follow the severity's default")
      .argument("<id>", "incident id")
      .argument("<cadence>", "minutes (15, 1h) | off | severity"),
  ).action(
    action<MutationOptions>(ctx, async ([id, cadence], opts) => {
      const value = (cadence ?? "").trim().toLowerCase();
      const command =
        value === "off"
          ? { minutes: null }
          : value === "severity"
            ? { followSeverity: true }
            : { minutes: parseMinutes(value, "cadence") };
      await ctx.mutate(opts, id ?? "", { type: "set-cadence", ...command });
    }),
  );

  mutating(
    program
      .command("resolve")
      .description("resolve the incident")
      .argument("<id>", "incident id")
      .requiredOption("--summary <text>", "what happened and how it was fixed"),
  ).action(
    action<MutationOptions & { summary: string }>(ctx, async ([id], opts) => {
      await ctx.mutate(opts, id ?? "", { type: "resolve", summary: opts.summary });
    }),
  );

  mutating(
    program
      .command("reopen")
      .description("reopen a resolved incident")
      .argument("<id>", "incident id")
      .requiredOption("--reason <text>", "why it is back"),
  ).action(
    action<MutationOptions & { reason: string }>(ctx, async ([id], opts) => {
      await ctx.mutate(opts, id ?? "", { type: "reopen", reason: opts.reason });
    }),
  );
}
