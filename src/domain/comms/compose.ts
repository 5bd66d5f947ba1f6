/**
 * Building a draft out of fixed wording and the incident's own words. Words people typed
 * (the impact, a rationale, a trigger's condition) sit in slots: when the analyser finds
 * an error-severity problem inside one for the draft's audience (jargon on a status page,
 * a guess in a legal note, blame anywhere), the slot gives way to a clearly marked
 * placeholder, so the draft never ships someone's internal wording by accident.
 */
import { analyse, type Finding } from "../analysis/index.js";
import type { Audience } from "../incident/events.js";

/** Every placeholder starts with this, so the CLI and a reviewer can find them. */
export const PLACEHOLDER_MARK = "[to confirm:";

export function placeholder(what: string): string {
  return `${PLACEHOLDER_MARK} ${what}]`;
}

/** Finds the placeholders left in a text. */
export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(/\[to confirm:[^\]\n]*\]/g)].map((m) => m[0]);
}

/** Someone's words, or a placeholder when they are missing or unfit for the audience. */
export class Slot {
  replaced: boolean;

  constructor(
    readonly original: string,
    readonly fallback: string,
  ) {
    this.replaced = original.trim() === "";
  }

  get text(): string {
    return this.replaced ? this.fallback : this.original;
  }
}

export type Segment = string | Slot;

/** Any error for the audience is reason enough to swap a slot out. */
export const isError = (finding: Finding): boolean => finding.severity === "error";

/**
 * Joins the segments, then swaps out every slot holding a finding `swapOn` accepts (by
 * default, any error for the audience), until none is left.
 */
export function render(segments: readonly Segment[], audience: Audience, now: string, swapOn = isError): string {
  for (let round = 0; ; round++) {
    const placed: { slot: Slot; start: number; end: number }[] = [];
    let text = "";
    for (const segment of segments) {
      if (typeof segment === "string") {
        text += segment;
        continue;
      }
      placed.push({ slot: segment, start: text.length, end: text.length + segment.text.length });
      text += segment.text;
    }
    if (round >= 8) return text.trimEnd();
    let changed = false;
    for (const finding of analyse(text, audience, { now }).findings) {
      if (!swapOn(finding)) continue;
      for (const p of placed) {
        const overlaps = finding.start < p.end && finding.end > p.start;
        if (overlaps && !p.slot.replaced) {
          p.slot.replaced = true;
          changed = true;
        }
      }
    }
    if (!changed) return text.trimEnd();
  }
}

/** "5% of users cannot log in." → "5% of users cannot log in" (the template adds its own stop). */
export function clause(text: string): string {
  return text.trim().replace(/[\s.;,:!]+$/u, "");
}

/** Ends a sentence with a full stop unless it already ends with one or a question mark. */
export function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.?!]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** "Roll back" → "roll back", but "API errors" stays. */
export function lowerFirst(text: string): string {
  return /^\p{Lu}\p{Ll}/u.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

export function upperFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "02:30 UTC", with the date in front when it is not `now`'s (UTC) day. */
export function when(iso: string, now: string, withDate = false): string {
  const time = `${iso.slice(11, 16)} UTC`;
  return withDate || iso.slice(0, 10) !== now.slice(0, 10) ? `${iso.slice(0, 10)} ${time}` : time;
}

/** 2520 → "42 minutes", 6000 → "1 hour 40 minutes": plain words for readers outside the team. */
export function duration(totalSeconds: number): string {
  const minutes = Math.floor(Math.max(0, totalSeconds) / 60);
  if (minutes < 1) return "under a minute";
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;
  if (minutes < 60) return plural(minutes, "minute");
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? plural(hours, "hour") : `${plural(hours, "hour")} ${plural(rest, "minute")}`;
}

/** The next whole minute at or after `now` plus `minutes`, as ISO. */
export function minutesFrom(now: string, minutes: number): string {
  const at = Date.parse(now) + minutes * 60_000;
  return new Date(Math.ceil(at / 60_000) * 60_000).toISOString();
}
