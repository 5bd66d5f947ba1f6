/**
 * Reading a postmortem from a file or standard input, and writing a draft to a file:
 * each failure is a clear error naming the file (missing, a directory, too large,
 * unwritable). Standard input is read only up to the limit.
 */
import { readFile, stat, writeFile } from "node:fs/promises";
import { WarroomError } from "../../domain/shared/errors.js";
import type { CliIo } from "../io.js";

type Chunks = AsyncIterable<Uint8Array | string> & { isTTY?: boolean };

function bad(code: "validation.failed" | "text.too_long", message: string, field = "file"): never {
  throw new WarroomError(code, message, [{ field, message }]);
}

export async function readTextInput(
  file: string,
  io: CliIo,
  limitBytes: number,
): Promise<{ bytes: Uint8Array; name: string }> {
  if (file === "-") return { bytes: await readStdin(io, limitBytes), name: "standard input" };
  if (file.trim() === "") bad("validation.failed", "give a markdown file, or - to read standard input");
  let size: number;
  try {
    const info = await stat(file);
    if (info.isDirectory()) bad("validation.failed", `${file} is a directory, not a markdown file`);
    size = info.size;
  } catch (error) {
    if (error instanceof WarroomError) throw error;
    bad("validation.failed", `cannot read ${file}: ${reason(error)}`);
  }
  if (size > limitBytes) bad("text.too_long", `the file ${file} is ${size} bytes; the limit is ${limitBytes} bytes`);
  try {
    return { bytes: new Uint8Array(await readFile(file)), name: `the file ${file}` };
  } catch (error) {
    bad("validation.failed", `cannot read ${file}: ${reason(error)}`);
  }
}

async function readStdin(io: CliIo, limitBytes: number): Promise<Uint8Array> {
  const stdin = ((io as CliIo & { stdin?: Chunks }).stdin ?? process.stdin) as Chunks;
  if (stdin.isTTY) io.stderr.write("Reading the postmortem from standard input; end it with Ctrl-D.\n");
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of stdin) {
    const bytes = typeof chunk === "string" ? new TextEncoder().encode(chunk) : chunk;
    chunks.push(bytes);
    total += bytes.length;
    if (total > limitBytes)
      bad("text.too_long", `standard input is over ${limitBytes} bytes; the limit is ${limitBytes} bytes`);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

export async function writeTextFile(file: string, text: string): Promise<void> {
  try {
    await writeFile(file, text, "utf8");
  } catch (error) {
    bad("validation.failed", `cannot write ${file}: ${reason(error)}`, "--out");
  }
}

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "no such file or directory";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "EISDIR") return "it is a directory";
  return error instanceof Error ? error.message : String(error);
}
