/**
 * The people directory from the terminal (local file, or --server with an admin token):
 *
 *   warroom people add sarah-db --name "Sarah Chen" --contact "sarah@example.com" --skill postgres --ic
 *   warroom people update sarah-db --unavailable        warroom people remove sarah-db
 *   warroom people list [--skill postgres] [--available]  warroom people show sarah-db
 *   warroom members INC-P… [add|remove sarah-db]         who was let into a private incident
 */
import type { Command } from "commander";
import type { Person } from "../../domain/people/person.js";
import { WarroomError } from "../../domain/shared/errors.js";
import { action, type CliContext } from "../context.js";
import { directoryAccess } from "./directory-access.js";

interface PersonFlags {
  name?: string;
  contact?: string;
  skill?: string[];
  ic?: boolean;
  available?: boolean;
  slack?: string;
  mattermost?: string;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

function withPersonFlags(cmd: Command, adding: boolean): Command {
  return cmd
    .option("--name <name>", adding ? "full name (required)" : "full name")
    .option("--contact <text>", "how to reach them: e-mail, phone, pager (free text)")
    .option(
      "--skill <skill>",
      adding ? "a skill; repeat for more" : "a skill; repeat for more (replaces the list)",
      collect,
    )
    .option("--ic", "qualified to be Incident Commander")
    .option("--no-ic", "not qualified to be Incident Commander")
    .option("--available", "can be called now")
    .option("--unavailable", "cannot be called now (on leave, off shift)")
    .option("--slack <id>", "Slack member id")
    .option("--mattermost <id>", "Mattermost user id");
}

/** Only the flags given: what `add` sends (with the handle) and `update` changes. */
function fieldsFrom(opts: PersonFlags & { unavailable?: boolean }, cmd: Command): Record<string, unknown> {
  const given = (name: string) => cmd.getOptionValueSource(name) === "cli";
  const fields: Record<string, unknown> = {};
  if (opts.name !== undefined) fields.name = opts.name;
  if (opts.contact !== undefined) fields.contact = opts.contact;
  if (opts.skill !== undefined) fields.skills = opts.skill;
  if (given("ic")) fields.icQualified = opts.ic === true;
  if (opts.unavailable) fields.available = false;
  else if (given("available")) fields.available = true;
  if (opts.slack !== undefined || opts.mattermost !== undefined) {
    fields.chat = {
      ...(opts.slack === undefined ? {} : { slack: opts.slack }),
      ...(opts.mattermost === undefined ? {} : { mattermost: opts.mattermost }),
    };
  }
  return fields;
}

export function personLine(p: Person): string {
  const flags = [p.icQualified ? "IC" : "", p.available ? "" : "unavailable"].filter(Boolean).join(", ");
  return `${p.handle.padEnd(16)} ${p.name}${flags ? ` [${flags}]` : ""}${p.skills.length ? ` — ${p.skills.join(", ")}` : ""}`;
}

function personLines(p: Person): string[] {
  return [
    `${p.handle}: ${p.name}`,
    `  contact:      ${p.contact || "-"}`,
    `  skills:       ${p.skills.join(", ") || "-"}`,
    `  IC-qualified: ${p.icQualified ? "yes" : "no"}`,
    `  available:    ${p.available ? "yes" : "no"}`,
    ...(p.chat?.slack ? [`  slack:        ${p.chat.slack}`] : []),
    ...(p.chat?.mattermost ? [`  mattermost:   ${p.chat.mattermost}`] : []),
  ];
}

export function registerPeopleCommands(program: Command, ctx: CliContext): void {
  const people = program.command("people").description("the people directory: who can be called, and for what");
  const report = (verb: string) => (person: Person) => {
    if (ctx.json) ctx.printJson(person);
    else ctx.print([`✓ ${verb} ${person.handle}`, ...personLines(person)]);
  };

  withPersonFlags(
    people.command("add").description("add a person").argument("<handle>", "their handle, e.g. sarah-db"),
    true,
  ).action(
    action<PersonFlags>(ctx, async ([handle], opts, cmd) => {
      report("added")(await (await directoryAccess(ctx)).add({ handle, ...fieldsFrom(opts, cmd) }));
    }),
  );

  withPersonFlags(
    people.command("update").description("change some of a person's fields").argument("<handle>"),
    false,
  ).action(
    action<PersonFlags>(ctx, async ([handle], opts, cmd) => {
      report("updated")(await (await directoryAccess(ctx)).update(handle ?? "", fieldsFrom(opts, cmd)));
    }),
  );

  people
    .command("remove")
    .description("remove a person (their API tokens stop working)")
    .argument("<handle>")
    .action(
      action(ctx, async ([handle]) => {
        const person = await (await directoryAccess(ctx)).remove(handle ?? "");
        if (ctx.json) ctx.printJson(person);
        else ctx.print(`✓ removed ${person.handle}`);
      }),
    );

  people
    .command("show")
    .description("one person")
    .argument("<handle>")
    .action(
      action(ctx, async ([handle]) => {
        const person = await (await directoryAccess(ctx)).get(handle ?? "");
        if (ctx.json) ctx.printJson(person);
        else ctx.print(personLines(person));
      }),
    );

  people
    .command("list")
    .description("everyone, by handle")
    .option("--skill <skill>", "only people with this skill")
    .option("--available", "only people who can be called now")
    .option("--ic", "only people qualified to command")
    .action(
      action<{ skill?: string; available?: boolean; ic?: boolean }>(ctx, async (_args, opts) => {
        const skill = opts.skill?.trim().toLowerCase();
        const list = (await (await directoryAccess(ctx)).list())
          .filter((p) => !skill || p.skills.includes(skill))
          .filter((p) => !opts.available || p.available)
          .filter((p) => !opts.ic || p.icQualified);
        if (ctx.json) ctx.printJson({ people: list });
        else
          ctx.print(
            list.length === 0 ? "nobody in the directory (warroom people add <handle> --name …)" : list.map(personLine),
          );
      }),
    );

  program
    .command("members")
    .description("people let into a private incident (beyond its declarer, role holders and assignees)")
    .argument("<id>", "incident id")
    .argument("[change]", "add or remove")
    .argument("[person]", "the person's handle")
    .action(
      action(ctx, async ([id, change, person]) => {
        if (change !== undefined && change !== "add" && change !== "remove") {
          throw new WarroomError("validation.failed", `say add or remove, not '${change}'`, [
            { field: "change", message: "add or remove" },
          ]);
        }
        if (change !== undefined && !person) {
          throw new WarroomError("validation.failed", `name the person to ${change}`, [
            { field: "person", message: "required" },
          ]);
        }
        const access = await directoryAccess(ctx);
        const view = await access.members(id ?? "", change ? { kind: change, person: person ?? "" } : undefined);
        if (ctx.json) ctx.printJson(view);
        else
          ctx.print([
            `${view.incidentId}${view.private ? " (private)" : " (not private: everyone signed in sees it)"}`,
            `  added: ${view.added.join(", ") || "nobody"}`,
          ]);
      }),
    );
}
