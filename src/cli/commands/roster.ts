/**
 * The roster from the terminal:
 *
 *   warroom roster [--json]            people with skills, IC qualification, availability and current load
 *   warroom roster import FILE         YAML or CSV into the people directory: all or nothing
 *
 * The load (roles held, open tasks) is derived from the live incidents. An import with any
 * bad row is refused naming each line and field, and nothing is imported.
 */
import type { Command } from "commander";
import { rosterWithLoad } from "../../app/triage.js";
import { parseRosterFile, type RosterFormat } from "../../app/triage-files.js";
import { WarroomError } from "../../domain/shared/errors.js";
import { action, type CliContext } from "../context.js";
import { directoryAccess } from "./directory-access.js";
import { localSources, readFileText } from "./triage.js";

export function registerRosterCommands(program: Command, ctx: CliContext): void {
  const roster = program
    .command("roster")
    .description("who can be called: skills, IC qualification, availability and current load")
    .action(
      action<object>(ctx, async () => {
        const sources = await localSources(ctx);
        if (!sources) {
          const message = "the roster's load is read from the local store; use `warroom people list` with --server";
          throw new WarroomError("validation.failed", message, [{ field: "--server", message }]);
        }
        const entries = await rosterWithLoad(sources);
        if (ctx.json) return ctx.printJson({ people: entries });
        if (entries.length === 0) {
          ctx.print("The roster is empty: import one with `warroom roster import roster.yaml` (or .csv).");
          return;
        }
        const style = ctx.style;
        for (const p of entries) {
          const load =
            p.load.incidents.length === 0
              ? style.dim("free")
              : `${p.load.roles
                  .map((r) => `${r.role} on ${r.incident}`)
                  .concat(
                    p.load.openTasks.length > 0
                      ? [`${p.load.openTasks.length} open task${p.load.openTasks.length === 1 ? "" : "s"}`]
                      : [],
                  )
                  .join(", ")}`;
          ctx.print(
            `${style.bold(p.handle.padEnd(16))} ${p.icQualified ? "IC " : "   "}${p.available ? "" : style.yellow("unavailable ")}${(p.skills.join(", ") || style.dim("no skills")).padEnd(28)} ${load}`,
          );
        }
      }),
    );
  roster
    .command("import")
    .description("import people from YAML (a list, or people: [...]) or CSV (handle,name,contact,skills,ic,available)")
    .argument("<file>", "the roster file (.yaml, .yml, .json or .csv)")
    .option("--format <format>", "yaml or csv (default: from the file name, else the content)")
    .action(
      action<{ format?: string }>(ctx, async ([file], opts) => {
        const name = file ?? "";
        if (opts.format !== undefined && opts.format !== "yaml" && opts.format !== "csv") {
          throw new WarroomError("validation.failed", "--format: yaml or csv", [
            { field: "--format", message: "yaml or csv" },
          ]);
        }
        const text = await readFileText(name, "file");
        const people = parseRosterFile(text, name, opts.format as RosterFormat | undefined);
        const access = await directoryAccess(ctx);
        const result = await access.importPeople(people);
        if (ctx.json) return ctx.printJson(result);
        ctx.print(
          `${ctx.style.green("✓")} roster ${name}: ${result.added.length} added, ${result.updated.length} updated, ${result.unchanged.length} unchanged`,
        );
      }),
    );
}
