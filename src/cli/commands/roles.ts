/** Roles: assign, release, hand over (command included). */
import type { Command } from "commander";
import { action, type CliContext, type MutationOptions, mutating } from "../context.js";

export function registerRoleCommands(program: Command, ctx: CliContext): void {
  mutating(
    program
      .command("assign")
      .description("give a role to a person (tech-lead, comms-lead, scribe, exec-stakeholder, …)")
      .argument("<id>", "incident id")
      .argument("<role>", "role id, e.g. tech-lead")
      .argument("<person>", "a person handle"),
  ).action(
    action<MutationOptions>(ctx, async ([id, role, person], opts) => {
      await ctx.mutate(opts, id ?? "", { type: "assign-role", role, person });
    }),
  );

  mutating(
    program
      .command("release")
      .description("free a role (the commander is handed over instead)")
      .argument("<id>", "incident id")
      .argument("<role>", "role id")
      .option("--reason <text>", "why"),
  ).action(
    action<MutationOptions & { reason?: string }>(ctx, async ([id, role], opts) => {
      await ctx.mutate(opts, id ?? "", {
        type: "release-role",
        role,
        ...(opts.reason === undefined ? {} : { reason: opts.reason }),
      });
    }),
  );

  mutating(
    program
      .command("handover")
      .description("hand a role over, command by default")
      .argument("<id>", "incident id")
      .argument("<person>", "who takes it")
      .option("--role <role>", "the role handed over", "incident-commander")
      .option("--briefing <text>", "what the new holder needs to know")
      .option("--override <reason>", "take command although you are not the current commander"),
  ).action(
    action<MutationOptions & { role: string; briefing?: string; override?: string }>(
      ctx,
      async ([id, person], opts) => {
        await ctx.mutate(opts, id ?? "", {
          type: "hand-over-role",
          role: opts.role,
          to: person,
          ...(opts.briefing === undefined ? {} : { briefing: opts.briefing }),
          ...(opts.override === undefined ? {} : { overrideReason: opts.override }),
        });
      },
    ),
  );
}
