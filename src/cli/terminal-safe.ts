/**
 * Text people typed (notes, titles, chat and alert text) reaches a terminal only as text:
 * control characters are shown as `\x1b`, `\r`… instead of moving the cursor, erasing
 * lines or clearing the screen, so a note cannot forge or hide a timeline line. Applied to
 * everything the API answers in human output (JSON output escapes them already).
 */
import type { WarroomApi } from "../app/api.js";

/** C0 controls except tab and newline, DEL, and C1 controls. */
function isControl(code: number): boolean {
  return (code < 0x20 && code !== 0x09 && code !== 0x0a) || (code >= 0x7f && code <= 0x9f);
}

export function printable(text: string): string {
  let out = "";
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (!isControl(code)) continue;
    out += text.slice(from, i) + (code === 0x0d ? "\\r" : `\\x${code.toString(16).padStart(2, "0")}`);
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

/** A deep copy with every string made printable. */
export function printableDeep<T>(value: T): T {
  if (typeof value === "string") return printable(value) as T;
  if (Array.isArray(value)) return value.map((v) => printableDeep(v)) as T;
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) out[key] = printableDeep(inner);
    return out as T;
  }
  return value;
}

/** The API with its answers (and followed entries) made printable. */
export function terminalSafe(api: WarroomApi): WarroomApi {
  return new Proxy(api, {
    get(target, property, receiver) {
      const member = Reflect.get(target, property, receiver) as unknown;
      if (typeof member !== "function") return member;
      return (...args: unknown[]) => {
        if (property === "follow" && typeof args[1] === "function") {
          const onEntry = args[1] as (entry: unknown) => void;
          args[1] = (entry: unknown) => onEntry(printableDeep(entry));
        }
        const result = (member as (...a: unknown[]) => unknown).apply(target, args);
        return result instanceof Promise
          ? result.then((value) => (property === "follow" ? value : printableDeep(value)))
          : result;
      };
    },
  });
}
