/**
 * Linting a message on request (`warroom lint`, `POST /api/lint`): the input checks every
 * edge shares, and the report shape `{ audience, ok, findings }`. Pure; linting never
 * changes anything stored.
 */
import { analyse } from "../analysis/index.js";
import { AUDIENCES, type Audience, type StoredFinding, toStoredFinding } from "../incident/events.js";
import { fail, WarroomError } from "../shared/errors.js";

export interface LintReport {
  audience: Audience;
  /** True when no finding is an error for this audience. */
  ok: boolean;
  findings: StoredFinding[];
}

export function lintReport(text: string, audience: Audience, now?: string): LintReport {
  const analysis = analyse(text, audience, now === undefined ? {} : { now });
  return {
    audience,
    ok: analysis.ok,
    findings: analysis.findings.map(toStoredFinding),
  };
}

export function parseAudience(value: unknown, field = "audience"): Audience {
  if (typeof value === "string" && (AUDIENCES as readonly string[]).includes(value)) return value as Audience;
  const shown = typeof value === "string" ? `'${value}'` : value === undefined ? "nothing" : typeof value;
  return fail("validation.failed", `${field}: ${shown} is not an audience; use one of ${AUDIENCES.join(", ")}`, field);
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL marks binary input
const NUL = /\u0000/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const utf8 = new TextEncoder();

/** Text that can be linted: not blank, not binary, within the policy's byte limit. */
export function checkLintText(text: string, maxBytes: number, source = "text"): string {
  if (NUL.test(text)) {
    fail("validation.failed", `${source} is binary (it holds a NUL character); lint plain UTF-8 text`, source);
  }
  if (LONE_SURROGATE.test(text)) {
    fail("validation.failed", `${source} is not valid Unicode text (a lone surrogate)`, source);
  }
  const bytes = utf8.encode(text).length;
  if (bytes > maxBytes) refuseTooLarge(source, `${bytes} bytes`, maxBytes);
  if (text.trim() === "") fail("text.empty", `${source} is empty: there is nothing to lint`, source);
  return text;
}

/** Bytes read from a file or standard input → text, refusing what is not plain UTF-8 text. */
export function decodeLintBytes(bytes: Uint8Array, maxBytes: number, source: string): string {
  if (bytes.length > maxBytes) refuseTooLarge(source, `over ${maxBytes} bytes`, maxBytes);
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    fail("validation.failed", `${source} is binary (a NUL byte at offset ${nul}); lint plain UTF-8 text`, source);
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return fail("validation.failed", `${source} is not valid UTF-8 text; save it as UTF-8 and try again`, source);
  }
  return checkLintText(text, maxBytes, source);
}

/** `text.too_long`, naming the source and its size ("70000 bytes", "over 65536 bytes"). */
export function refuseTooLarge(source: string, size: string, maxBytes: number): never {
  throw new WarroomError("text.too_long", `${source} is ${size}; the limit is ${maxBytes} bytes`, [
    { field: source, message: `at most ${maxBytes} bytes` },
  ]);
}
