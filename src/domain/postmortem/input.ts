/**
 * Postmortem text coming in (a file, stdin, a request body) before it is linted or
 * saved: refused with an error naming the problem when it is empty, binary, not UTF-8
 * or over the size limit. Pure: the caller reads the bytes.
 */
import { fail } from "../shared/errors.js";

const utf8 = new TextDecoder("utf-8", { fatal: true });
const encoder = new TextEncoder();
/** C0 control characters other than tab, line feed, form feed and carriage return. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/;

/**
 * The text of `input`, checked. `what` names it in errors ("the file pm.md", "markdown");
 * `field` is the field the error points at.
 */
export function postmortemText(input: Uint8Array | string, what: string, field: string, limitBytes: number): string {
  const bytes = typeof input === "string" ? encoder.encode(input) : input;
  if (bytes.length === 0) fail("text.empty", `${what} is empty: give the postmortem's markdown`, field);
  if (bytes.length > limitBytes) {
    fail("text.too_long", `${what} is ${bytes.length} bytes; the limit is ${limitBytes} bytes`, field);
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1)
    fail("validation.failed", `${what} looks binary (a zero byte at offset ${nul}): give markdown text`, field);
  let text: string;
  if (typeof input === "string") text = input;
  else {
    try {
      text = utf8.decode(bytes);
    } catch {
      fail("validation.failed", `${what} is not UTF-8 text: give markdown text`, field);
    }
  }
  const control = CONTROL.exec(text);
  if (control) {
    const code = control[0].charCodeAt(0).toString(16).padStart(2, "0");
    fail(
      "validation.failed",
      `${what} looks binary (control character 0x${code} at character ${control.index}): give markdown text`,
      field,
    );
  }
  const clean = text.replace(/^\uFEFF/, "");
  if (clean.trim() === "") fail("text.empty", `${what} has only whitespace: give the postmortem's markdown`, field);
  return clean;
}
