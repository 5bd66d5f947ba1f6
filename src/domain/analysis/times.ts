/**
 * Time expressions: clock times (14:25, 2:25 PM, 2pm, 14h25, 1425 UTC), ISO timestamps,
 * durations ("15 minutes", "half an hour", "10-15 mins", "2h"), words ("noon",
 * "the top of the hour", "end of day") and elapsed markers ("T+8").
 * Every pattern is a flat sequence of bounded pieces: no nested unbounded repetition.
 */
import type { Range } from "./tokenise.js";

export type TimeKind = "clock" | "date" | "duration" | "word" | "tplus" | "bare";

export interface TimeExpr extends Range {
  kind: TimeKind;
}

const TZ = String.raw`(?:\s?(?:utc|gmt|z|bst|cest|cet|eest|eet|ist|aest|aedt|jst|sgt|hkt|[ecmp][sd]?t)\b)?`;
const AMPM = String.raw`(?:\s?(?:[ap]\.m\.?|[ap]m\b))`;
const NUM = String.raw`(?:\d{1,4}(?:\.\d{1,2})?|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty-five|forty|fifty|sixty|ninety|few|a few|several|a couple(?: of)?|couple(?: of)?)`;
const UNIT = "(?:(?:business |working |calendar )?(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?))";

const PATTERNS: [TimeKind, RegExp][] = [
  [
    "date",
    /\b\d{4}-[01]\d-[0-3]\d(?:[t ][0-2]\d:[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?(?:z|[+-][0-2]\d:?[0-5]\d)?)?(?![\w:])/gi,
  ],
  [
    "clock",
    new RegExp(String.raw`(?<![\d:.])(?:[01]?\d|2[0-3])(?::|h)[0-5]\d(?::[0-5]\d)?(?![\d:])${AMPM}?${TZ}`, "gi"),
  ],
  ["clock", new RegExp(String.raw`(?<![\d:.])(?:1[0-2]|0?[1-9])${AMPM}${TZ}`, "gi")],
  ["clock", /(?<![\d:.])(?:[01]\d|2[0-3])[0-5]\d\s?(?:utc|gmt|z|hrs|hours)\b/gi],
  [
    "date",
    /\b\d{1,2}(?:st|nd|rd|th)?\s+(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b(?:,?\s+\d{4})?/gi,
  ],
  [
    "date",
    /\b(?:[Jj]an(?:uary)?|[Ff]eb(?:ruary)?|[Mm]ar(?:ch)?|[Aa]pr(?:il)?|May|[Jj]une?|[Jj]uly?|[Aa]ug(?:ust)?|[Ss]ep(?:t(?:ember)?)?|[Oo]ct(?:ober)?|[Nn]ov(?:ember)?|[Dd]ec(?:ember)?)\.?\s+\d{1,2}(?:st|nd|rd|th)?\b(?:,?\s+\d{4})?/g,
  ],
  ["clock", /\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2}) o'?clock\b/gi],
  [
    "word",
    /\b(?:noon|midnight|midday|(?:the )?(?:top|bottom) of the hour|half past \w+|(?:a )?quarter (?:past|to) \w+|end of (?:the )?(?:day|business day|week|shift)|eod|eow|cob|close of business|tomorrow(?: morning| afternoon| evening)?|tonight|this (?:morning|afternoon|evening)|(?:mon|tues|wednes|thurs|fri|satur|sun)day(?: morning| afternoon| evening)?)\b/gi,
  ],
  [
    "duration",
    new RegExp(
      String.raw`(?:~\s?)?\b${NUM}(?:\s?(?:-|to|or)\s?\d{1,4})?(?:\s|-)?(?:more |additional |extra |further )?${UNIT}\b`,
      "gi",
    ),
  ],
  [
    "duration",
    /(?<![$€£\d.])\b\d{1,4}(?:m|h|min|mins|hr|hrs|s)\b(?!\s*(?:users|customers|accounts|requests|rows|records|revenue|dollars|of)\b)/gi,
  ],
  ["duration", /\b(?:half an? hour|half-hour|an hour and a half|the (?:next |coming )?hour)\b/gi],
  ["tplus", /\bt\s?\+\s?\d{1,4}\s?(?:m|min|mins|minutes|h|hours?)?\b/gi],
  ["clock", /(?<![\w:]):[0-5]\d\b(?!:)/g],
  ["bare", /(?<=\b(?:in|within|every|by)\s)\d{1,3}(?=\s*(?:[.,;!?)\n]|$))/gi],
];

/** All time expressions, leftmost-longest, without overlaps. */
export function findTimes(text: string): TimeExpr[] {
  const all: TimeExpr[] = [];
  for (const [kind, re] of PATTERNS) {
    for (const m of text.matchAll(re)) {
      if (m[0].trim() === "") continue;
      const start = m.index + (m[0].length - m[0].trimStart().length);
      all.push({ start, end: m.index + m[0].trimEnd().length, kind });
    }
  }
  all.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: TimeExpr[] = [];
  let reach = -1;
  for (const t of all) {
    if (t.start < reach) continue;
    // a duration like "2 hours" must not be a digit-only word-number fragment such as "a" in "a user"
    out.push(t);
    reach = t.end;
  }
  return out;
}

/** Minutes since midnight of a clock time, or null if the expression is not a clock time. */
export function clockMinutes(expr: string): number | null {
  const s = expr.toLowerCase();
  if (/\bnoon|midday\b/.test(s)) return 12 * 60;
  if (/\bmidnight\b/.test(s)) return 0;
  const hm = /(\d{1,2})(?::|h)(\d{2})/.exec(s) ?? /^(\d{2})(\d{2})\s?(?:utc|gmt|z|hrs|hours)/.exec(s);
  let h: number;
  let m = 0;
  if (hm?.[1] && hm[2]) {
    h = Number(hm[1]);
    m = Number(hm[2]);
  } else {
    const ap = /(\d{1,2})\s?[ap]\.?m/.exec(s);
    if (!ap?.[1]) return null;
    h = Number(ap[1]);
  }
  if (/\d\s?p\.?m/.test(s) && h < 12) h += 12;
  if (/\d\s?a\.?m/.test(s) && h === 12) h = 0;
  if (h > 23 || m > 59) return null;
  return h * 60 + m;
}
