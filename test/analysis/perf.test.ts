/**
 * Guards against catastrophic regex backtracking: repetitive 64 KiB inputs built from units
 * that once made a pattern quadratic must each finish within a generous bound.
 * (The timing sanity check lives in `perf-sanity.ts`; this only catches blow-ups.)
 */
import { describe, expect, it } from "vitest";
import { AUDIENCES, analyse, lintPostmortem } from "../../src/domain/analysis/index.js";

const SIZE = 64 * 1024;
const BOUND_MS = 2000;

const UNITS = [
  "a",
  "1",
  "\n",
  " \n",
  "a-",
  "a.",
  "1.",
  "1.1.",
  "10",
  "@!",
  "@a ",
  "`a",
  "?",
  "!",
  " !",
  "A!",
  "\nA",
  "ABCDE ",
  "a_b",
  "a-1",
  "a() ",
  "--a ",
  "12:30 ",
  "2pm ",
  "t+1 ",
  "if ",
  "we are ",
  "could be ",
  "I think ",
  "Mike's ",
  "because ",
  "caused by ",
  "should have ",
  "next update ",
  "owner: ",
  "IC: ",
  "@a is ",
  "- [ ] ",
  "| a ",
  "# a\n",
  "## Action items\n### This week\n",
  "**a**\n",
  "=\n",
  "x.internal ",
  "10.0.0.1 ",
  "http://",
  "e.g. ",
  "p.m. ",
  "half an hour ",
  "in 5 minutes ",
];

const fill = (unit: string) => unit.repeat(Math.ceil(SIZE / unit.length)).slice(0, SIZE);

describe("no catastrophic backtracking on 64 KiB pathological input", () => {
  it.each(UNITS.map((u) => [JSON.stringify(u), u]))("%s", (_label, unit) => {
    const text = fill(unit);
    for (const audience of AUDIENCES) {
      const t0 = performance.now();
      analyse(text, audience);
      expect(performance.now() - t0, `${audience}`).toBeLessThan(BOUND_MS);
    }
    const t0 = performance.now();
    lintPostmortem(text);
    expect(performance.now() - t0, "postmortem").toBeLessThan(BOUND_MS);
  });

  it("caps repeated findings so the report stays small", () => {
    const a = analyse(fill("Probably the cache!!! "), "customer");
    const perRule = new Map<string, number>();
    for (const f of a.findings) perRule.set(f.rule, (perRule.get(f.rule) ?? 0) + 1);
    for (const [rule, n] of perRule) expect(n, rule).toBeLessThanOrEqual(25);
  });
});
