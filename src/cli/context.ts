/**
 * What every command action shares: the io, the global options, one connection opened
 * on first use (and closed when the CLI ends), output helpers, and `mutate`, the one
 * path every state-changing command takes.
 */
import { userInfo } from "node:os";
import type { Command } from "commander";
import type { CallOptions, CommandResult, WarroomApi } from "../app/api.js";
import { type Connection, connect, type GlobalOptions } from "./connect.js";
import { headerOf } from "./format-show.js";
import type { CliIo } from "./io.js";
import { parseInteger } from "./parse.js";
import { colorEnabled, type Style, styleFor } from "./style.js";
import { terminalSafe } from "./terminal-safe.js";

export interface MutationOptions extends GlobalOptions {
  expectVersion?: string;
  idempotencyKey?: string;
}

export class CliContext {
  globals: GlobalOptions = {};
  private connection: Connection | undefined;

  constructor(readonly io: CliIo) {}

  get json(): boolean {
    return this.globals.json === true;
  }

  get style(): Style {
    return styleFor(colorEnabled(this.io.stdout, this.io.env));
  }

  /** Wall-clock now for relative times (`--next +15m`, "in 4m"): the injected clock if any. */
  now(): number {
    return this.io.clock ? this.io.clock.now() : Date.now();
  }

  /** The acting person: --as, else WARROOM_USER, else the OS user name. */
  actor(): string {
    const explicit = this.globals.as ?? this.io.env.WARROOM_USER;
    if (explicit !== undefined && explicit.trim() !== "") return explicit.trim();
    try {
      return userInfo().username;
    } catch {
      return "";
    }
  }

  /** The store or server; `readOnly`: a command that only reads (a mistyped --db is refused, not created). */
  async api(options: { follow?: boolean; readOnly?: boolean } = {}): Promise<WarroomApi> {
    this.connection ??= await connect(this.globals, this.io, options);
    // In human output, what people typed is shown, never obeyed by the terminal.
    return this.json ? this.connection.api : terminalSafe(this.connection.api);
  }

  get mode(): Connection["mode"] | undefined {
    return this.connection?.mode;
  }

  print(lines: string | string[]): void {
    const text = Array.isArray(lines) ? lines.join("\n") : lines;
    this.io.stdout.write(`${text}\n`);
  }

  /** A line for the person at the terminal, not part of the output (stderr): a pipe or file never gets it. */
  note(text: string): void {
    this.io.stderr.write(`${text}\n`);
  }

  printJson(value: unknown): void {
    this.io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  }

  callOptions(opts: MutationOptions): CallOptions {
    const call: CallOptions = { actor: this.actor() };
    if (opts.expectVersion !== undefined) call.expectedVersion = parseInteger(opts.expectVersion, "--expect-version");
    if (opts.idempotencyKey !== undefined) call.idempotencyKey = opts.idempotencyKey;
    return call;
  }

  /** Runs one command (or a declaration when `incidentId` is null) and reports it. */
  async mutate(
    opts: MutationOptions,
    incidentId: string | null,
    command: Record<string, unknown>,
  ): Promise<CommandResult> {
    const api = await this.api();
    const call = this.callOptions(opts);
    const result =
      incidentId === null ? await api.declare(command, call) : await api.execute(incidentId, command, call);
    if (this.json) {
      // `declare` prints the new incident (with its id); other commands the full result.
      this.printJson(incidentId === null ? result.incident : result);
      return result;
    }
    const style = this.style;
    for (const entry of result.appended) {
      this.print(
        result.duplicate
          ? `${style.yellow("=")} ${result.incident.id} already recorded (same idempotency key; nothing new): ${entry.text}`
          : `${style.green("✓")} ${result.incident.id} ${entry.text}`,
      );
    }
    this.print(headerOf(result.incident, style));
    return result;
  }

  async close(): Promise<void> {
    const connection = this.connection;
    this.connection = undefined;
    await connection?.api.close();
  }
}

/** Wraps a commander action: records the global options, hands over args and options. */
export function action<O>(
  ctx: CliContext,
  fn: (args: string[], opts: O & GlobalOptions, cmd: Command) => Promise<void>,
): (...all: unknown[]) => Promise<void> {
  return async (...all: unknown[]) => {
    const cmd = all[all.length - 1] as Command;
    const opts = cmd.optsWithGlobals<O & GlobalOptions>();
    ctx.globals = opts;
    const args = cmd.processedArgs.map((a: unknown) => (Array.isArray(a) ? a.join(" ") : (a as string)));
    await fn(args, opts, cmd);
  };
}

/** Adds --expect-version and --idempotency-key to a state-changing command. */
export function mutating(cmd: Command): Command {
  return cmd
    .option("--expect-version <n>", "refuse unless the incident is still at this version (exit 4 otherwise)")
    .option("--idempotency-key <key>", "a retry with the same key records nothing new");
}
