/** Structure of an update: impact (and that it leads), timeline, plan, next update. */
import { IMPACT_WITHIN_SENTENCES } from "../policy.js";
import { clockMinutes } from "../times.js";
import { countWords } from "../tokenise.js";
import { absent, type Hit, type Rule } from "./rule.js";

export const impactRules: Rule = (ctx) => {
  const first = ctx.impacts[0];
  if (!first) return [absent("impact.missing")];
  // the impact should sit in the first sentences that say something (greetings and headers do not count)
  let substantive = 0;
  for (const s of ctx.sentences) {
    if (s.end <= first.start) {
      if (countWords(ctx.text, s.start, s.end) > 5) substantive++;
      continue;
    }
    break;
  }
  return substantive >= IMPACT_WITHIN_SENTENCES
    ? [{ rule: "impact.not-first", start: first.start, end: first.end }]
    : [];
};

export const timelineRule: Rule = (ctx) =>
  ctx.times.some(
    (t) =>
      t.role === "start" ||
      t.role === "elapsed" ||
      t.role === "eta" ||
      t.role === "end" ||
      // a calendar date that is not the next update still places the event in time
      (t.time.kind === "date" && t.role !== "nextUpdate" && t.role !== "trigger"),
  )
    ? []
    : [absent("timeline.missing")];

export const planRule: Rule = (ctx) => (ctx.resolved || ctx.plans.length > 0 ? [] : [absent("plan.missing")]);

export const nextUpdateRule: Rule = (ctx, options) => {
  const next = ctx.times.find((t) => t.role === "nextUpdate");
  if (!next) return ctx.resolved ? [] : [absent("next-update.missing")];
  const hits: Hit[] = [];
  if (options.now && (next.time.kind === "clock" || next.time.kind === "date")) {
    const expr = ctx.text.slice(next.time.start, next.time.end);
    if (isPast(expr, next.time.kind, options.now))
      hits.push({ rule: "next-update.past", start: next.time.start, end: next.time.end });
  }
  return hits;
};

/** Is a clock time (taken on the same day as `now`, in now's UTC offset) or an ISO instant before `now`? */
function isPast(expr: string, kind: "clock" | "date", nowIso: string): boolean {
  const now = Date.parse(nowIso);
  if (Number.isNaN(now)) return false;
  if (kind === "date") {
    if (!/\d[t ]\d/i.test(expr)) return false;
    const at = Date.parse(expr.replace(" ", "T"));
    return !Number.isNaN(at) && at < now;
  }
  const minutes = clockMinutes(expr);
  if (minutes === null) return false;
  // a time marked UTC is read in UTC; an unmarked one in the writer's offset, taken from `now`
  const offset = /([+-])(\d{2}):?(\d{2})$/.exec(nowIso);
  const utc = /\b(?:utc|gmt|z)\b/i.test(expr);
  const offsetMinutes =
    offset && !utc ? (offset[1] === "-" ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3])) : 0;
  const local = new Date(now + offsetMinutes * 60_000);
  const nowMinutes = local.getUTCHours() * 60 + local.getUTCMinutes();
  const behind = nowMinutes - minutes;
  // only a time a little behind the clock is "past"; far behind is more likely tomorrow's
  return behind > 0 && behind <= 12 * 60;
}
