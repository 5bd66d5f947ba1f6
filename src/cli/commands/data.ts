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
import {
  closeSync,
  createReadStream,
  createWriteStream,
  mkdtempSync,
  openSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Command } from "commander";
import { describeStore, openEventStore } from "../../app/create-app.js";
import { WarroomError } from "../../domain/shared/errors.js";
import { GENESIS_HASH } from "../../store/chain.js";
import type { EventStore, ImportedEvent } from "../../store/event-store.js";
import { formatLogLine, LogLineChecker, NotUtf8Error, readLogBatches } from "../../store/log-file.js";
import { configFrom, requireExistingStore, serverUrl } from "../connect.js";
import { action, type CliContext } from "../context.js";

/** Runs `fn` on the store the config names (never over --server), then closes it. */
export async function withEventStore<T>(
  ctx: CliContext,
  command: string,
  fn: (store: EventStore, where: string) => Promise<T>,
  options: { readOnly?: boolean } = {},
): Promise<T> {
  if (serverUrl(ctx.globals, ctx.io.env)) {
    const message = `${command} works on the database itself (--db or DATABASE_URL), not over --server`;
    throw new WarroomError("validation.failed", message, [{ field: "--server", message }]);
  }
  const config = configFrom(ctx.globals, ctx.io);
  if (options.readOnly && !config.databaseUrl) requireExistingStore(ctx.globals, ctx.io, config.dbPath);
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
        const readOnly = { readOnly: true };
        await withEventStore(
          ctx,
          "export",
          async (store, where) => {
            const target = opts.out;
            const temp = target === undefined ? null : `${target}.partial`;
            const fd = temp === null ? null : openSync(temp, "w");
            const write = (text: string) => (fd === null ? ctx.io.stdout.write(text) : writeSync(fd, text));
            let count = 0;
            let head = { position: 0, hash: GENESIS_HASH };
            try {
              for (let after = 0; ; ) {
                const page = await store.readLog(after, PAGE);
                if (page.length > 0) write(`${page.map(formatLogLine).join("\n")}\n`);
                count += page.length;
                const last = page.at(-1);
                if (last !== undefined) head = { position: last.position, hash: last.hash };
                if (page.length < PAGE || last === undefined) break;
                after = last.position;
              }
            } finally {
              if (fd !== null) closeSync(fd);
            }
            if (temp !== null && target !== undefined) {
              renameSync(temp, target);
              // The head lets `import --expect-head` refuse a copy cut short on the way.
              const summary = { exported: count, from: where, to: target, head };
              if (ctx.json) ctx.printJson(summary);
              else
                ctx.print(
                  `exported ${count} events from ${where} to ${target}; head hash ${head.hash} (import --expect-head checks it)`,
                );
            }
          },
          readOnly,
        );
      }),
    );

  program
    .command("import")
    .description("load an exported event log (JSON lines) into an empty store; a bad line stores nothing")
    .argument("<file>", "the JSON-lines file, or - for standard input")
    .option("--expect-head <hash>", "the head hash the export printed: refuse a file cut short or changed")
    .action(
      action<{ expectHead?: string }>(ctx, async ([file], opts) => {
        const source = await logSource(ctx, file ?? "");
        try {
          // Every line is checked before the store is even opened (a first pass, in flat
          // memory); the second pass writes, in one transaction, as the file is read.
          let count = 0;
          const checker = new LogLineChecker();
          for await (const batch of source.batches(checker)) count += batch.length;
          const expected = opts.expectHead?.trim().toLowerCase();
          if (expected !== undefined && expected !== checker.head.hash) {
            const message =
              `the file ends at position ${checker.head.position} with hash ${checker.head.hash}, not ${expected}: ` +
              "it was cut short or changed after the export";
            throw new WarroomError("store.tampered", message, [{ field: "--expect-head", message }]);
          }
          await withEventStore(ctx, "import", async (store, where) => {
            const head = await store.importLog(source.batches());
            const report = await store.verifyChain();
            const summary = { imported: count, into: where, head, chainOk: report.ok };
            if (ctx.json) ctx.printJson(summary);
            else ctx.print(`imported ${count} events into ${where}; head position ${head.position}, hash ${head.hash}`);
          });
        } finally {
          source.cleanup();
        }
      }),
    );
}

type StdinIo = { stdin?: AsyncIterable<Uint8Array | string> };

interface LogSource {
  /** The file's events, checked, in batches; read afresh on each call. */
  batches(checker?: LogLineChecker): AsyncGenerator<ImportedEvent[]>;
  cleanup(): void;
}

/** The log file, or standard input copied to a temp file first (it is read twice). */
async function logSource(ctx: CliContext, file: string): Promise<LogSource> {
  if (file === "-") {
    const dir = mkdtempSync(join(tmpdir(), "warroom-import-"));
    const copy = join(dir, "stdin.jsonl");
    const stdin = (ctx.io as typeof ctx.io & StdinIo).stdin ?? process.stdin;
    await pipeline(Readable.from(stdin), createWriteStream(copy));
    return {
      batches: (checker) => checkedBatches(createReadStream(copy), "standard input", checker),
      cleanup: () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  let problem: string | null = null;
  try {
    if (statSync(file).isDirectory()) problem = "it is a directory";
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    problem = code === "ENOENT" ? "there is no such file" : String(code);
  }
  if (problem !== null) {
    const message = `cannot read ${file}: ${problem}`;
    throw new WarroomError("validation.failed", message, [{ field: "file", message }]);
  }
  return { batches: (checker) => checkedBatches(createReadStream(file), file, checker), cleanup: () => undefined };
}

async function* checkedBatches(
  stream: NodeJS.ReadableStream,
  name: string,
  checker?: LogLineChecker,
): AsyncGenerator<ImportedEvent[]> {
  try {
    yield* readLogBatches(stream as AsyncIterable<Uint8Array>, 5000, checker);
  } catch (error) {
    if (error instanceof NotUtf8Error) {
      const message = `${name} is not UTF-8 text: an export is JSON lines`;
      throw new WarroomError("validation.failed", message, [{ field: "file", message }]);
    }
    if (error instanceof WarroomError) throw error;
    const message = `cannot read ${name}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`;
    throw new WarroomError("validation.failed", message, [{ field: "file", message }]);
  }
}
