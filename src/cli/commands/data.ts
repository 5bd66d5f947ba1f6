/**
 * Moving the event log between stores:
 *
 *   warroom export [--out FILE]   the whole log as JSON lines (stdout by default)
 *   warroom import FILE|-         into an EMPTY store; every line checked first
 *
 * Both work on the store the config names: the SQLite file (--db, WARROOM_DB) or
 * PostgreSQL (DATABASE_URL). Exporting from one and importing into the other moves a
 * deployment between them with every event, position, time and hash kept.
 */
import { closeSync, openSync, readFileSync, renameSync, writeSync } from "node:fs";
import type { Command } from "commander";
import { describeStore, openEventStore } from "../../app/create-app.js";
import { WarroomError } from "../../domain/shared/errors.js";
import type { EventStore } from "../../store/event-store.js";
import { formatLogLine, parseLogLines } from "../../store/log-file.js";
import { configFrom, serverUrl } from "../connect.js";
import { action, type CliContext } from "../context.js";

/** Runs `fn` on the store the config names (never over --server), then closes it. */
export async function withEventStore<T>(
  ctx: CliContext,
  command: string,
  fn: (store: EventStore, where: string) => Promise<T>,
): Promise<T> {
  if (serverUrl(ctx.globals, ctx.io.env)) {
    const message = `${command} works on the database itself (--db or DATABASE_URL), not over --server`;
    throw new WarroomError("validation.failed", message, [{ field: "--server", message }]);
  }
  const config = configFrom(ctx.globals, ctx.io);
  const store = await openEventStore(config, ctx.io.clock ? { clock: ctx.io.clock } : {});
  try {
    return await fn(store, describeStore(config));
  } finally {
    await store.close();
  }
}

const PAGE = 1000;

export function registerDataCommands(program: Command, ctx: CliContext): void {
  program
    .command("export")
    .description("write the whole event log as JSON lines (to stdout, or --out FILE)")
    .option("--out <file>", "write to this file (replaced whole, only once the export is complete)")
    .action(
      action<{ out?: string }>(ctx, async (_args, opts) => {
        await withEventStore(ctx, "export", async (store, where) => {
          const target = opts.out;
          const temp = target === undefined ? null : `${target}.partial`;
          const fd = temp === null ? null : openSync(temp, "w");
          const write = (text: string) => (fd === null ? ctx.io.stdout.write(text) : writeSync(fd, text));
          let count = 0;
          try {
            for (let after = 0; ; ) {
              const page = await store.readLog(after, PAGE);
              if (page.length > 0) write(`${page.map(formatLogLine).join("\n")}\n`);
              count += page.length;
              const last = page.at(-1);
              if (page.length < PAGE || last === undefined) break;
              after = last.position;
            }
          } finally {
            if (fd !== null) closeSync(fd);
          }
          if (temp !== null && target !== undefined) {
            renameSync(temp, target);
            const summary = { exported: count, from: where, to: target };
            if (ctx.json) ctx.printJson(summary);
            else ctx.print(`exported ${count} events from ${where} to ${target}`);
          }
        });
      }),
    );

  program
    .command("import")
    .description("load an exported event log (JSON lines) into an empty store; a bad line stores nothing")
    .argument("<file>", "the JSON-lines file, or - for standard input")
    .action(
      action(ctx, async ([file]) => {
        const text = await readInput(ctx, file ?? "");
        // Every line is checked before the store is even opened.
        const events = parseLogLines(text);
        await withEventStore(ctx, "import", async (store, where) => {
          const head = await store.importLog(events);
          const report = await store.verifyChain();
          const summary = { imported: events.length, into: where, head, chainOk: report.ok };
          if (ctx.json) ctx.printJson(summary);
          else
            ctx.print(
              `imported ${events.length} events into ${where}; head position ${head.position}, hash ${head.hash}`,
            );
        });
      }),
    );
}

type StdinIo = { stdin?: AsyncIterable<Uint8Array | string> };

async function readInput(ctx: CliContext, file: string): Promise<string> {
  if (file === "-") {
    const stdin = (ctx.io as typeof ctx.io & StdinIo).stdin ?? process.stdin;
    const chunks: Buffer[] = [];
    for await (const chunk of stdin) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : Buffer.from(chunk));
    return decode(Buffer.concat(chunks), "standard input");
  }
  try {
    return decode(readFileSync(file), file);
  } catch (error) {
    if (error instanceof WarroomError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "there is no such file" : code === "EISDIR" ? "it is a directory" : String(code);
    const message = `cannot read ${file}: ${why}`;
    throw new WarroomError("validation.failed", message, [{ field: "file", message }]);
  }
}

function decode(bytes: Buffer, name: string): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    const message = `${name} is not UTF-8 text: an export is JSON lines`;
    throw new WarroomError("validation.failed", message, [{ field: "file", message }]);
  }
}
