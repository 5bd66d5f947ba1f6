/**
 * The interactive drill: the briefing, the persona feed as it happens, a prompt showing
 * the virtual clock, and the trainee's typed commands (the CLI's, plus say, ask, wait,
 * clock, help, end). Virtual time runs at `speed` times real time (from `realNow`, so a
 * test can hold it still and move it only with `wait`). Every action is kept as a
 * transcript entry, so a session can be saved and replayed to the same score.
 */

import { parseCommandLine, TYPED_COMMANDS } from "./command-line.js";
import { formatOffset, parseOffset, wallClock } from "./duration.js";
import { feedLine, type Paint } from "./report.js";
import type { DrillRun } from "./run-record.js";
import type { Scenario } from "./scenario-schema.js";
import { DrillSession } from "./session.js";
import { checkAction } from "./transcript.js";

export interface InteractiveOptions {
  scenario: Scenario;
  trainee: string;
  lines: AsyncIterable<string>;
  write: (text: string) => void;
  paint: Paint;
  /** Virtual seconds per real second. */
  speed: number;
  /** Real time in ms (Date.now live; a held clock in tests). */
  realNow: () => number;
  /** How often (real ms) due lines are played while the trainee types; 0 turns it off. */
  tickMs?: number;
  /** Show a prompt with the virtual clock (for a terminal); lines that arrive meanwhile redraw it. */
  prompt?: boolean;
  dbPath?: string;
}

export interface RecordedAction {
  at: string;
  do: string;
  [field: string]: unknown;
}

export interface InteractiveResult {
  run: DrillRun;
  /** The session as a transcript's actions, replayable with `--transcript`. */
  actions: RecordedAction[];
}

const HELP = [
  "Commands (as in the CLI, without the incident id):",
  "  declare <title> --sev 1 [--impact …]   assign <role> <person>   sev <severity> --reason …",
  "  task add <title> --to <person> --timebox 5m    task done T1    workstream add <name> --lead … --goal …",
  "  option add <title> --time 4h --data-loss … --risk low|medium|high --user-impact …",
  "  decide --choose D [--choose …] --rationale … [--consulted a,b] [--fallback …] [--deadline DL1]",
  "  deadline <question> --by 02:20    trigger --if … --by +15m --then …    status mitigating    resolve --summary …",
  "  update --audience executive|customer|team|legal <text> [--next 02:30]    note --channel tech <text>",
  "  say <text>            talk to the room (goes on the record once declared)",
  "  ask <handle> <question>   ask one person; they answer from what they know",
  "  wait [2m]   let time pass    clock   the time    brief   the briefing again    end   finish and score",
];

export function briefingLines(scenario: Scenario, paint: Paint): string[] {
  return [
    paint.bold(`${scenario.title}  (${scenario.difficulty}, ${scenario.duration}, starts ${scenario.startsAt})`),
    "",
    ...scenario.briefing.trimEnd().split("\n"),
    "",
    paint.bold("Objectives"),
    ...scenario.objectives.map((o) => `  - ${o}`),
    "",
    paint.bold("In the room"),
    ...scenario.cast.map((p) => `  ${p.handle.padEnd(14)} ${p.role}`),
    "",
    paint.dim(`Type help for the commands, end to finish. You are the Incident Commander.`),
  ];
}

export async function runInteractive(options: InteractiveOptions): Promise<InteractiveResult> {
  const { scenario, paint, write } = options;
  let atPrompt = false;
  const session = await DrillSession.open(scenario, {
    trainee: options.trainee,
    ...(options.dbPath ? { dbPath: options.dbPath } : {}),
    onFeed: (entry) => {
      // A line arriving while the trainee types: clear the prompt line first.
      write(`${atPrompt ? "\r\u001b[K" : ""}${feedLine(entry, paint)}\n`);
      atPrompt = false;
    },
  });
  const actions: RecordedAction[] = [];
  const realStart = options.realNow();
  let skipped = 0;
  const virtualNow = () =>
    Math.max(session.offset, Math.floor(skipped + ((options.realNow() - realStart) / 1000) * options.speed));
  let chain: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = chain.then(fn);
    chain = next.catch(() => undefined);
    return next;
  };
  const prompt = () => {
    if (!options.prompt) return;
    write(paint.dim(`[${wallClock(session.nowIso())} ${formatOffset(session.offset)}] > `));
    atPrompt = true;
  };
  // Time moves to "now" with timed lines only; checks due at this very second wait until it has
  // passed, exactly as a replayed transcript orders them (so a recorded session scores the same).
  const catchUp = () => session.advanceTo(virtualNow(), 0);
  const ticker =
    (options.tickMs ?? 1000) > 0
      ? setInterval(() => {
          const before = session.feed.length;
          exclusive(catchUp)
            .then(() => {
              if (session.feed.length > before && !atPrompt) prompt();
            })
            .catch(() => undefined);
        }, options.tickMs ?? 1000)
      : null;
  ticker?.unref?.();
  try {
    write(`${briefingLines(scenario, paint).join("\n")}\n\n`);
    await exclusive(catchUp);
    prompt();
    for await (const raw of options.lines) {
      const line = raw.trim();
      const word = line.split(/\s+/)[0]?.toLowerCase() ?? "";
      atPrompt = false;
      if (line === "" || line.startsWith("#")) {
        await exclusive(catchUp);
      } else if (["end", "quit", "exit"].includes(word)) {
        break;
      } else if (word === "help") {
        write(`${HELP.join("\n")}\n`);
      } else if (word === "brief" || word === "briefing") {
        write(`${briefingLines(scenario, paint).join("\n")}\n`);
      } else if (word === "clock" || word === "time") {
        await exclusive(catchUp);
        write(
          `${wallClock(session.nowIso())} (${formatOffset(session.offset)}; the drill runs ${scenario.duration})\n`,
        );
      } else if (word === "wait") {
        const amount = line.split(/\s+/)[1] ?? "1m";
        try {
          skipped += parseOffset(amount, "wait");
          await exclusive(catchUp);
        } catch (error) {
          write(paint.red(`✗ ${(error as Error).message}\n`));
        }
      } else {
        await exclusive(() => act(line));
      }
      prompt();
    }
    write("\n");
    if (ticker) clearInterval(ticker);
    await chain;
    return { run: await session.finish(), actions };
  } finally {
    if (ticker) clearInterval(ticker);
    await session.close();
  }

  async function act(line: string): Promise<void> {
    let parsed: Record<string, unknown>;
    try {
      parsed = parseCommandLine(line);
    } catch (error) {
      write(paint.red(`✗ ${(error as Error).message}\n`));
      return;
    }
    const at = virtualNow();
    const checked = checkAction(parsed, actions.length, at);
    if ("problems" in checked) {
      for (const p of checked.problems) write(paint.red(`✗ ${String(parsed.do)} ${p.field}: ${p.message}\n`));
      if (!TYPED_COMMANDS.includes(String(parsed.do))) write(paint.dim("  (help lists the commands)\n"));
      return;
    }
    await session.advanceTo(at, 0);
    actions.push({ at: formatOffset(at).slice(2), ...parsed } as RecordedAction);
    await session.act(checked.action.verb, checked.action.fields, checked.action.index, checked.action.incident);
  }
}
