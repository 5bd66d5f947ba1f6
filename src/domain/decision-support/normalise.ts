/**
 * Reading what people typed about an option — durations, money, levels, data loss — and
 * turning each into a score from 0 (worst) to 1 (best). Pure and deterministic. A value
 * that cannot be read is `null` (unknown), never a silent zero.
 */

export const LEVELS = ["none", "low", "medium", "high", "critical"] as const;
export type Level = (typeof LEVELS)[number];

/** Each step down the scale costs a quarter: none 1, low 0.75, medium 0.5, high 0.25, critical 0. */
export const LEVEL_SCORE: Record<Level, number> = { none: 1, low: 0.75, medium: 0.5, high: 0.25, critical: 0 };

const LEVEL_WORDS: Record<string, Level> = {
  none: "none",
  no: "none",
  nil: "none",
  zero: "none",
  negligible: "low",
  low: "low",
  minor: "low",
  minimal: "low",
  slight: "low",
  medium: "medium",
  med: "medium",
  moderate: "medium",
  high: "high",
  major: "high",
  severe: "high",
  significant: "high",
  critical: "critical",
  catastrophic: "critical",
  extreme: "critical",
};

/** The level a single word names ("Moderate" → medium, "severe" → high), or null. */
export function parseLevel(value: string): Level | null {
  return LEVEL_WORDS[value.trim().toLowerCase()] ?? null;
}

/** The first level word in free text ("high — 4 hours down" → high), or null when it names none. */
export function findLevel(text: string): { level: Level; word: string; start: number; end: number } | null {
  for (const match of text.matchAll(/[A-Za-z]+/g)) {
    const word = match[0];
    const level = word.toLowerCase() === "no" ? null : parseLevel(word);
    if (level !== null) return { level, word, start: match.index, end: match.index + word.length };
  }
  return null;
}

/** Free text with a leading level word and its separator removed: "low — slow login" → "slow login". */
export function withoutLevel(text: string): string {
  const match = /^\s*\(?([A-Za-z]+)\)?\s*(?:[:—–-]|,)\s*(.+)$/s.exec(text);
  if (match?.[1] && match[2] && parseLevel(match[1]) !== null) return match[2].trim();
  return text.trim();
}

const UNIT_MINUTES: Record<string, number> = {
  s: 1 / 60,
  sec: 1 / 60,
  secs: 1 / 60,
  second: 1 / 60,
  seconds: 1 / 60,
  m: 1,
  min: 1,
  mins: 1,
  minute: 1,
  minutes: 1,
  h: 60,
  hr: 60,
  hrs: 60,
  hour: 60,
  hours: 60,
  d: 1440,
  day: 1440,
  days: 1440,
  w: 10080,
  wk: 10080,
  wks: 10080,
  week: 10080,
  weeks: 10080,
};

const NUMBER = String.raw`\d+(?:\.\d+)?`;
const UNIT = Object.keys(UNIT_MINUTES)
  .sort((a, b) => b.length - a.length)
  .join("|");
const PART = new RegExp(String.raw`(${NUMBER})\s*(${UNIT})(?![a-z])`, "gi");
/** "6-8 hours": a range is read at its upper end (plan for the longer). */
const RANGE = new RegExp(String.raw`(${NUMBER})\s*(?:-|–|to)\s*(${NUMBER})\s*(${UNIT})(?![a-z])`, "i");

/**
 * A whole string as a duration in minutes: "90" (minutes), "4h", "1h30m", "2 weeks",
 * "30 min", "6-8 hours" (→ 480). Null when it is not one.
 */
export function parseDuration(value: string): number | null {
  const text = value.trim().toLowerCase();
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  const range = RANGE.exec(text);
  if (range && range[0].length === text.length) return Number(range[2]) * (UNIT_MINUTES[range[3] ?? ""] ?? 0);
  let total = 0;
  let consumed = "";
  for (const match of text.matchAll(PART)) {
    total += Number(match[1]) * (UNIT_MINUTES[(match[2] ?? "").toLowerCase()] ?? 0);
    consumed += match[0];
  }
  if (consumed === "" || text.replace(/\s+/g, "") !== consumed.replace(/\s+/g, "")) return null;
  return total;
}

/** The first duration mentioned in free text ("2 hours of all users' data" → 120), or null. */
export function findDuration(text: string): number | null {
  const range = RANGE.exec(text);
  const first = new RegExp(PART.source, "i").exec(text);
  if (range && (!first || range.index <= first.index)) {
    return Number(range[2]) * (UNIT_MINUTES[(range[3] ?? "").toLowerCase()] ?? 0);
  }
  return first ? Number(first[1]) * (UNIT_MINUTES[(first[2] ?? "").toLowerCase()] ?? 0) : null;
}

const MONEY_SUFFIX: Record<string, number> = {
  "": 1,
  k: 1e3,
  thousand: 1e3,
  m: 1e6,
  mm: 1e6,
  mn: 1e6,
  million: 1e6,
  b: 1e9,
  bn: 1e9,
  billion: 1e9,
};

/**
 * Money in US dollars: "$8M", "$50M+" (at least 50M), "8 million", "$1.2k", "12,000",
 * "USD 3m". Null when it is not an amount.
 */
export function parseUsd(value: string): number | null {
  const text = value
    .trim()
    .toLowerCase()
    .replace(/^usd\s*/, "");
  const match =
    /^(?:\$|us\$)?\s*(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s*(k|thousand|mm|mn|m|million|bn|b|billion)?\s*\+?\s*(?:usd|dollars)?$/.exec(
      text,
    );
  if (!match) return null;
  const amount = Number(`${(match[1] ?? "").replaceAll(",", "")}${match[2] ?? ""}`);
  return amount * (MONEY_SUFFIX[match[3] ?? ""] ?? 1);
}

/** A data-loss statement read as "none", a duration of lost writes, a share lost, or some unmeasured loss. */
export type DataLossReading =
  | { kind: "none" }
  | { kind: "duration"; minutes: number }
  | { kind: "share"; percent: number }
  | { kind: "some" };

const NO_LOSS = /^(?:none|no\b|nothing|zero\b|nil\b|0\s*(?:%|min|minutes|h|hours)?$|no data)/i;

export function readDataLoss(text: string): DataLossReading {
  const t = text.trim();
  if (NO_LOSS.test(t)) return { kind: "none" };
  const minutes = findDuration(t);
  if (minutes !== null) return minutes === 0 ? { kind: "none" } : { kind: "duration", minutes };
  const share = /(\d+(?:\.\d+)?)\s*%/.exec(t);
  if (share) {
    const percent = Math.min(100, Number(share[1]));
    return percent === 0 ? { kind: "none" } : { kind: "share", percent };
  }
  return { kind: "some" };
}

/** A value that scores 1 at 0 and halves at `half`: half / (half + value). */
export function halfLife(value: number, half: number): number {
  return half / (half + Math.max(0, value));
}

/** Where each scale scores one half: the reference points the normalisers use. */
export const SCALE = {
  timeMinutes: 60,
  recoveryMinutes: 240,
  dataLossMinutes: 60,
  revenueUsd: 1_000_000,
  costUsd: 100_000,
} as const;

export function dataLossScore(reading: DataLossReading): number {
  switch (reading.kind) {
    case "none":
      return 1;
    case "duration":
      return halfLife(reading.minutes, SCALE.dataLossMinutes);
    case "share":
      return 1 - reading.percent / 100;
    case "some":
      return 0;
  }
}

/** 240 → "4h", 90 → "1h30m", 30 → "30m", 20160 → "2w", 2880 → "2d". */
export function formatMinutes(minutes: number): string {
  const m = Math.round(minutes);
  if (m >= 10080 && m % 10080 === 0) return `${m / 10080}w`;
  if (m >= 1440 && m % 1440 === 0) return `${m / 1440}d`;
  const h = Math.floor(m / 60);
  const rest = m % 60;
  if (h === 0) return `${rest}m`;
  return rest === 0 ? `${h}h` : `${h}h${String(rest).padStart(2, "0")}m`;
}

/** 8_000_000 → "$8M", 1_500 → "$1.5k", 250 → "$250". */
export function formatUsd(usd: number): string {
  const units: [number, string][] = [
    [1e9, "B"],
    [1e6, "M"],
    [1e3, "k"],
  ];
  for (const [size, suffix] of units) {
    if (usd >= size) return `$${Number((usd / size).toFixed(2))}${suffix}`;
  }
  return `$${Number(usd.toFixed(2))}`;
}
