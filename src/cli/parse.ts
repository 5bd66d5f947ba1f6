/**
 * Turning command-line text into the values commands carry: durations, percentages,
 * times, key=value extras. Only shape is checked here; what a value may be for an
 * incident is the app's business. A bad value is a `validation.failed` naming the flag.
 */
import { WarroomError } from "../domain/shared/errors.js";

function bad(flag: string, message: string): never {
  throw new WarroomError("validation.failed", `${flag}: ${message}`, [{ field: flag, message }]);
}

/** "4h" / "30m" / "1h30m" / "90" (minutes) / "2d" → minutes. */
export function parseMinutes(value: string, flag: string): number {
  const text = value.trim().toLowerCase();
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  const match = /^(?:(\d+(?:\.\d+)?)d)?\s*(?:(\d+(?:\.\d+)?)h)?\s*(?:(\d+(?:\.\d+)?)m(?:in)?)?$/.exec(text);
  if (!match || text === "" || (match[1] === undefined && match[2] === undefined && match[3] === undefined)) {
    bad(flag, `'${value}' is not a duration: use minutes (90) or units like 4h, 30m, 1h30m`);
  }
  const [, d = "0", h = "0", m = "0"] = match;
  return Number(d) * 1440 + Number(h) * 60 + Number(m);
}

/** "85", "85%" → 85. */
export function parsePercent(value: string, flag: string): number {
  const text = value.trim().replace(/%$/, "");
  if (!/^\d+(\.\d+)?$/.test(text)) bad(flag, `'${value}' is not a percentage: use a number such as 85 or 85%`);
  return Number(text);
}

/** A whole number (versions, limits, ports). */
export function parseInteger(value: string, flag: string): number {
  if (!/^\d+$/.test(value.trim())) bad(flag, `'${value}' is not a whole number`);
  return Number(value.trim());
}

/** A whole number from `min` to `max`, checked here so local and remote runs refuse it alike. */
export function parseIntegerIn(value: string, flag: string, min: number, max: number): number {
  const n = parseInteger(value, flag);
  if (n < min || n > max) bad(flag, `${n} is out of range: use ${min} to ${max}`);
  return n;
}

/** "+15m" / "+1h" relative to `nowMs`, or an ISO-8601 time with offset; local "HH:MM" means the next such time. */
export function parseWhen(value: string, nowMs: number, flag: string): string {
  const text = value.trim();
  if (text.startsWith("+")) return new Date(nowMs + parseMinutes(text.slice(1), flag) * 60_000).toISOString();
  const clock = /^(\d{1,2}):(\d{2})$/.exec(text);
  if (clock) {
    const at = new Date(nowMs);
    at.setHours(Number(clock[1]), Number(clock[2]), 0, 0);
    if (at.getTime() <= nowMs) at.setDate(at.getDate() + 1);
    return at.toISOString();
  }
  const parsed = Date.parse(text);
  if (Number.isNaN(parsed))
    bad(flag, `'${value}' is not a time: use +15m, 02:30 or an ISO time like 2026-03-01T02:30:00Z`);
  return new Date(parsed).toISOString();
}

/** "key=value" pairs; numbers and true/false keep their type. */
export function parseExtras(values: string[], flag: string): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const pair of values) {
    const eq = pair.indexOf("=");
    if (eq <= 0) bad(flag, `'${pair}' is not key=value`);
    const key = pair.slice(0, eq).trim();
    const raw = pair.slice(eq + 1).trim();
    out[key] = raw === "true" ? true : raw === "false" ? false : /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
  }
  return out;
}

/** "1", "sev1", "Sev-1" → "SEV-1"; anything else is passed on for the app to judge. */
export function normaliseSeverity(value: string): string {
  const match = /^(?:sev)?-?\s*(\d)$/i.exec(value.trim());
  return match ? `SEV-${match[1]}` : value.trim();
}

/** Collects a repeatable option, also splitting comma-separated lists. */
export function collect(value: string, previous: string[] | undefined): string[] {
  const parts = value
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "");
  return [...(previous ?? []), ...parts];
}

/** Collects a repeatable option as given (values may contain commas). */
export function collectRaw(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** A filter value from a closed set (severity, channel, event type): refused here, as the server would. */
export function oneOf<T extends string>(value: string, allowed: readonly T[], flag: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  return bad(flag, `'${value}' is not one of ${allowed.join(", ")}`);
}

/** A person filter: "@sarah-db" and "sarah-db" are the same person. */
export function personFilter(value: string): string {
  return value.trim().replace(/^@/, "");
}
