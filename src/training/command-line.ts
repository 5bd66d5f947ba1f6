/**
 * What the trainee types in an interactive drill, read the way the CLI reads it — the
 * same command names and flags, without the incident id (a drill has one incident; a
 * leading `INC-1` is allowed and ignored):
 *
 *   declare "Sign-in failing" --sev 1 --impact "5% of users"
 *   assign tech-lead sarah-db        task add "Size the restore" --to sarah-db --timebox 5m
 *   option add "Fail over" --time 10m --data-loss "2h of writes" --risk low
 *   decide --choose C --choose A --rationale "…" --fallback "…"
 *   update --audience executive "…" --next 02:30
 *   say Everyone, one voice at a time.      ask sarah-db how long would a restore take?
 *
 * The result is a transcript action's fields, validated by the same `checkAction`.
 */
import { WarroomError } from "../domain/shared/errors.js";

/** Splits a line like a shell: quotes group words, a backslash escapes the next character. */
export function splitArgs(line: string): string[] {
  const out: string[] = [];
  let current = "";
  let quote: '"' | "'" | null = null;
  let started = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] ?? "";
    if (ch === "\\" && i + 1 < line.length) {
      current += line[++i];
      started = true;
    } else if (quote) {
      if (ch === quote) quote = null;
      else current += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      started = true;
    } else if (/\s/.test(ch)) {
      if (started) out.push(current);
      current = "";
      started = false;
    } else {
      current += ch;
      started = true;
    }
  }
  if (quote) throw usage(`unclosed ${quote} quote`);
  if (started) out.push(current);
  return out;
}

function usage(message: string): WarroomError {
  return new WarroomError("validation.failed", message, [{ field: "(command)", message }]);
}

/** Flags that may repeat (or carry comma-separated lists). */
const REPEATABLE = new Set(["choose", "consulted", "alternatives", "service"]);
/** Flags that take no value. */
const BOOLEAN = new Set(["strict", "private"]);

interface Shape {
  /** Named positional arguments, in order. */
  positional?: string[];
  /** The remaining words joined into this field. */
  rest?: string;
  /** Fixed fields (the sub-action). */
  fixed?: Record<string, unknown>;
}

/** Input word → transcript verb, and for grouped commands the sub-action's shape. */
const SHAPES: Record<string, { verb: string; subs?: Record<string, Shape>; shape?: Shape }> = {
  declare: { verb: "declare", shape: { rest: "title" } },
  sev: { verb: "sev", shape: { positional: ["severity"], rest: "reason" } },
  status: { verb: "status", shape: { positional: ["status"], rest: "note" } },
  assign: { verb: "assign", shape: { positional: ["role", "person"] } },
  release: { verb: "release", shape: { positional: ["role"], rest: "reason" } },
  handover: { verb: "handover", shape: { positional: ["to"], rest: "briefing" } },
  note: { verb: "note", shape: { rest: "text" } },
  say: { verb: "say", shape: { rest: "text" } },
  ask: { verb: "ask", shape: { positional: ["to"], rest: "text" } },
  update: { verb: "update", shape: { rest: "text" } },
  cadence: { verb: "cadence", shape: { positional: ["cadence"] } },
  workstream: {
    verb: "workstream",
    subs: { add: { rest: "name" }, close: { positional: ["close"], rest: "outcome" } },
  },
  task: {
    verb: "task",
    subs: {
      add: { rest: "title", fixed: { action: "add" } },
      ack: { positional: ["task"], fixed: { action: "ack" } },
      done: { positional: ["task"], rest: "outcome", fixed: { action: "done" } },
      cancel: { positional: ["task"], rest: "reason", fixed: { action: "cancel" } },
    },
  },
  option: { verb: "option", subs: { add: { rest: "title" } } },
  decide: { verb: "decide", shape: {} },
  deadline: { verb: "deadline", subs: { close: { positional: ["close"] }, add: { rest: "question" } } },
  trigger: {
    verb: "trigger",
    subs: { close: { positional: ["close"], rest: "note" }, add: {} },
  },
  action: {
    verb: "action",
    subs: {
      add: { rest: "title", fixed: { action: "add" } },
      done: { positional: ["item"], fixed: { action: "done" } },
    },
  },
  resolve: { verb: "resolve", shape: { rest: "summary" } },
  reopen: { verb: "reopen", shape: { rest: "reason" } },
};

export const TYPED_COMMANDS = Object.keys(SHAPES);

const camel = (flag: string) => flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** A flag's field: camel-cased, and the trigger's --if / --then as its condition and action. */
function fieldOf(verb: string, flag: string): string {
  const name = camel(flag);
  if (verb === "trigger" && name === "if") return "condition";
  if (verb === "trigger" && name === "then") return "action";
  return name;
}

/** One typed line → `{ do, ...fields }` for `checkAction`; throws `validation.failed` on bad syntax. */
export function parseCommandLine(line: string): Record<string, unknown> {
  const words = splitArgs(line.trim());
  const [head, ...tail] = words;
  if (head === undefined) throw usage("type a command (help lists them)");
  const spec = SHAPES[head.toLowerCase()];
  if (!spec) throw usage(`unknown command '${head}': try ${TYPED_COMMANDS.join(", ")}, or help`);
  let args = tail;
  if (args[0] !== undefined && /^inc-\d+$/i.test(args[0])) args = args.slice(1);
  let shape = spec.shape ?? {};
  if (spec.subs) {
    const sub = args[0]?.toLowerCase();
    if (sub !== undefined && spec.subs[sub]) {
      shape = spec.subs[sub];
      args = args.slice(1);
    } else {
      shape = spec.subs.add ?? {};
    }
  }
  const fields: Record<string, unknown> = { ...shape.fixed };
  const loose: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const word = args[i] ?? "";
    if (!word.startsWith("--") || word === "--") {
      loose.push(word);
      continue;
    }
    const eq = word.indexOf("=");
    const name = fieldOf(spec.verb, word.slice(2, eq > 0 ? eq : undefined));
    let value: string | true;
    if (eq > 0) value = word.slice(eq + 1);
    else if (BOOLEAN.has(name)) value = true;
    else {
      const next = args[i + 1];
      if (next === undefined) throw usage(`--${word.slice(2)} needs a value`);
      value = next;
      i++;
    }
    if (REPEATABLE.has(name) && typeof value === "string") {
      const previous = Array.isArray(fields[name]) ? (fields[name] as string[]) : [];
      fields[name] = [...previous, ...value.split(",").map((v) => v.trim())];
    } else if (name in fields) throw usage(`--${word.slice(2)} given twice`);
    else fields[name] = value;
  }
  for (const name of shape.positional ?? []) {
    const value = loose.shift();
    if (value === undefined) throw usage(`${head}: missing <${name}>`);
    fields[name] = value;
  }
  if (loose.length > 0) {
    if (!shape.rest) throw usage(`${head}: unexpected '${loose.join(" ")}'`);
    if (shape.rest in fields) {
      throw usage(`${head}: unexpected '${loose.join(" ")}' (quote a value of several words: --${shape.rest} "…")`);
    }
    fields[shape.rest] = loose.join(" ");
  }
  return { do: spec.verb, ...fields };
}
