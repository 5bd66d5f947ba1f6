import type { Context } from "../context.js";
import type { RuleId } from "../policy.js";
import type { Audience, Severity } from "../types.js";

/** One place a rule fired. Severity comes from the policy unless the rule overrides it (null: drop). */
export interface Hit {
  rule: RuleId;
  start: number;
  end: number;
  detail?: string;
  severity?: Severity | null;
}

export interface RuleOptions {
  now: string | null;
  maxWords: Record<Audience, number>;
}

export type Rule = (ctx: Context, options: RuleOptions) => Hit[];

/** A finding about something absent points at the very start, with an empty excerpt. */
export function absent(rule: RuleId): Hit {
  return { rule, start: 0, end: 0 };
}
