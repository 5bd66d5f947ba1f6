/**
 * Offsets on a drill's virtual clock: "2m", "1h05m", "30s", "2m30s" or bare minutes
 * ("90"). Whole minutes and hours go through the CLI's own parser (`parseMinutes`), so a
 * transcript reads durations exactly as the command line does; seconds are added here.
 */
import { parseMinutes } from "../cli/parse.js";
import { WarroomError } from "../domain/shared/errors.js";

/** What a scenario or transcript may write as a duration (checked by the schemas). */
export const DURATION_PATTERN = /^(?:\d+(?:\.\d+)?|(?=\d)(?:\d+h)?(?:\d+m)?(?:\d+s)?)$/;

export const DURATION_HINT = "a duration like 30s, 5m, 1h05m or 2m30s (bare numbers are minutes)";

/** Seconds in a duration; a bad value is a `validation.failed` naming `field`. */
export function parseOffset(value: string, field: string): number {
  const text = String(value).trim().toLowerCase();
  if (!DURATION_PATTERN.test(text) || text === "") {
    const message = `'${value}' is not ${DURATION_HINT}`;
    throw new WarroomError("validation.failed", `${field}: ${message}`, [{ field, message }]);
  }
  const seconds = /(\d+)s$/.exec(text);
  const rest = seconds ? text.slice(0, -seconds[0].length) : text;
  const minutes = rest === "" ? 0 : parseMinutes(rest, field);
  return Math.round(minutes * 60) + Number(seconds?.[1] ?? 0);
}

/** 0 → "T+0m", 125 → "T+2m05s", 3900 → "T+1h05m". */
export function formatOffset(totalSeconds: number): string {
  const s = Math.max(0, Math.round(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const tail = sec > 0 ? `${String(m).padStart(h > 0 ? 2 : 1, "0")}m${String(sec).padStart(2, "0")}s` : `${m}m`;
  if (h > 0) return `T+${h}h${sec > 0 ? tail : `${String(m).padStart(2, "0")}m`}`;
  return `T+${tail}`;
}

/** "02:05" on the virtual wall clock (UTC, so a drill reads the same everywhere). */
export function wallClock(iso: string): string {
  return iso.slice(11, 16);
}
