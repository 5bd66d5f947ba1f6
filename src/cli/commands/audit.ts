/**
 * `warroom audit verify [--expect-head HASH] [--json]`: walks the event log's hash chain
 * (SQLite file or DATABASE_URL) and reports the first position where an event was
 * edited, removed, reordered or inserted outside Warroom. Exit 0 intact, 4 broken.
 * `--expect-head` compares the head hash with one kept elsewhere, which also catches a
 * log rewritten with every hash recomputed.
 */
import type { Command } from "commander";
import { WarroomError } from "../../domain/shared/errors.js";
import { action, type CliContext } from "../context.js";
import { withEventStore } from "./data.js";

export function registerAuditCommands(program: Command, ctx: CliContext): void {
  const audit = program.command("audit").description("check that the stored timeline was not changed");
  audit
    .command("verify")
    .description("walk the hash chain of the event log (exit 0 intact, 4 changed)")
    .option("--expect-head <hash>", "the head hash you recorded earlier: refuse a log that does not reach it")
    .action(
      action<{ expectHead?: string }>(ctx, async (_args, opts) => {
        const report = await withEventStore(ctx, "audit verify", (store) => store.verifyChain(), { readOnly: true });
        const style = ctx.style;
        if (ctx.json) ctx.printJson(report);
        else if (report.ok) {
          ctx.print(
            `${style.green("✓")} the event log is intact: ${report.checked} event${report.checked === 1 ? "" : "s"}, every hash checked`,
          );
          ctx.print(`  head: position ${report.head.position}, hash ${report.head.hash}`);
        } else {
          ctx.print(
            `${style.red("✗")} the event log was changed at position ${report.firstBadPosition} (${report.reason}): ${report.message}`,
          );
          ctx.print(`  ${report.checked} events verified before it; recorded head: position ${report.head.position}`);
        }
        if (!report.ok) {
          throw new WarroomError(
            "store.tampered",
            `the event log was changed at position ${report.firstBadPosition} (${report.reason})`,
            [{ field: `position ${report.firstBadPosition}`, message: report.message ?? "" }],
          );
        }
        if (opts.expectHead !== undefined && opts.expectHead !== report.head.hash) {
          throw new WarroomError(
            "store.tampered",
            `the head hash is ${report.head.hash}, not the ${opts.expectHead} you recorded: the log was rewritten or cut short`,
            [{ field: "--expect-head", message: "the head hash differs from the one recorded" }],
          );
        }
      }),
    );
}
