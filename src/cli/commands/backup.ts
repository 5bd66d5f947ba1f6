/**
 * `warroom backup FILE`: a consistent copy of the SQLite file, taken online with SQLite's
 * backup API while a server keeps writing (each step copies pages; a write by another
 * connection restarts the copy, so the result is one committed state). The copy is
 * then opened and its hash chain verified. For PostgreSQL use pg_dump
 * (docs/operations.md): this command refuses when DATABASE_URL is set.
 */
import { existsSync } from "node:fs";
import Database from "better-sqlite3";
import type { Command } from "commander";
import { WarroomError } from "../../domain/shared/errors.js";
import { openSqliteEventStore } from "../../store/sqlite/sqlite-event-store.js";
import { configFrom, serverUrl } from "../connect.js";
import { action, type CliContext } from "../context.js";

export function registerBackupCommand(program: Command, ctx: CliContext): void {
  program
    .command("backup")
    .description("copy the SQLite database to FILE while it is in use, and verify the copy")
    .argument("<file>", "where to write the copy (must not exist yet)")
    .action(
      action(ctx, async ([file]) => {
        const target = file ?? "";
        const config = configFrom(ctx.globals, ctx.io);
        if (serverUrl(ctx.globals, ctx.io.env))
          refuse("--server", "backup copies the database file itself; run it without --server");
        if (config.databaseUrl) {
          refuse(
            "DATABASE_URL",
            'backup copies the SQLite file; for PostgreSQL use pg_dump (see docs/operations.md), e.g. pg_dump --format=custom --file warroom.dump "$DATABASE_URL"',
          );
        }
        if (!existsSync(config.dbPath)) refuse("--db", `there is no database at ${config.dbPath}`);
        if (existsSync(target)) refuse("file", `${target} already exists: back up to a new file`);
        const source = new Database(config.dbPath, { readonly: true, fileMustExist: true });
        try {
          await source.backup(target);
        } catch (error) {
          throw new WarroomError(
            "store.unavailable",
            `the backup of ${config.dbPath} failed: ${(error as Error).message}`,
          );
        } finally {
          source.close();
        }
        const copy = openSqliteEventStore(target);
        try {
          const report = await copy.verifyChain();
          const summary = {
            backup: target,
            from: config.dbPath,
            events: report.head.position,
            head: report.head,
            chainOk: report.ok,
          };
          if (ctx.json) ctx.printJson(summary);
          else {
            ctx.print(
              `backed up ${config.dbPath} to ${target}: ${report.head.position} event${report.head.position === 1 ? "" : "s"}, hash chain ${report.ok ? "intact" : "BROKEN"}`,
            );
            ctx.print(`  head hash ${report.head.hash}`);
          }
          if (!report.ok) {
            throw new WarroomError(
              "store.tampered",
              `the copy's hash chain is broken at position ${report.firstBadPosition} (${report.reason})`,
            );
          }
        } finally {
          await copy.close();
        }
      }),
    );
}

function refuse(field: string, message: string): never {
  throw new WarroomError("validation.failed", message, [{ field, message }]);
}
