/**
 * Table-driven corpora: messages in many styles, each labelled with the rules that must and
 * must not fire for its audience.
 */
import { describe, expect, it } from "vitest";
import { analyse } from "../../src/domain/analysis/index.js";
import { CUSTOMER } from "./corpus/customer.js";
import { EXECUTIVE } from "./corpus/executive.js";
import { LEGAL } from "./corpus/legal.js";
import { MIXED } from "./corpus/mixed.js";
import { TEAM } from "./corpus/team.js";
import type { LabelledMessage } from "./corpus/types.js";

const CORPORA: [string, LabelledMessage[]][] = [
  ["executive", EXECUTIVE],
  ["customer", CUSTOMER],
  ["team", TEAM],
  ["legal", LEGAL],
  ["mixed", MIXED],
];

describe.each(CORPORA)("%s corpus", (_name, corpus) => {
  it.each(corpus.map((m) => [m.id, m] as const))("%s", (_id, m) => {
    const result = analyse(m.text, m.audience);
    const fired = new Set(result.findings.map((f) => f.rule));
    const summary = result.findings.map((f) => `${f.severity} ${f.rule} "${f.excerpt}"`).join("\n");
    for (const rule of m.fires ?? []) expect(fired.has(rule), `expected ${rule}; got:\n${summary}`).toBe(true);
    for (const rule of m.silent ?? []) expect(fired.has(rule), `unexpected ${rule}; got:\n${summary}`).toBe(false);
    if (m.ok !== undefined) expect(result.ok, `ok; got:\n${summary}`).toBe(m.ok);
  });
});

describe("corpus size", () => {
  it("has well over 150 distinct labelled messages", () => {
    const all = CORPORA.flatMap(([, c]) => c);
    expect(new Set(all.map((m) => m.text)).size).toBe(all.length);
    expect(new Set(all.map((m) => m.id)).size).toBe(all.length);
    expect(all.length).toBeGreaterThanOrEqual(150);
  });
});
