/**
 * Properties that hold for any input: no throw, same output for the same input, offsets inside
 * the text, excerpts equal to the slice they point at, findings in order.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type Analysis,
  AUDIENCES,
  analyse,
  type Finding,
  lintPostmortem,
  POSTMORTEM_RULE_IDS,
  RULE_IDS,
} from "../../src/domain/analysis/index.js";

const KNOWN_RULES = new Set<string>([...RULE_IDS, ...POSTMORTEM_RULE_IDS]);

function checkFindings(text: string, findings: readonly Finding[]): void {
  let previous = -1;
  for (const f of findings) {
    expect(KNOWN_RULES.has(f.rule), f.rule).toBe(true);
    expect(["error", "warning", "info"]).toContain(f.severity);
    expect(Number.isInteger(f.start) && Number.isInteger(f.end)).toBe(true);
    expect(f.start).toBeGreaterThanOrEqual(0);
    expect(f.end).toBeGreaterThanOrEqual(f.start);
    expect(f.end).toBeLessThanOrEqual(text.length);
    expect(f.excerpt).toBe(text.slice(f.start, f.end));
    expect(f.start).toBeGreaterThanOrEqual(previous);
    previous = f.start;
    expect(f.message.length).toBeGreaterThan(0);
    expect(f.message).not.toMatch(/\n/);
    expect(f.suggestion.length).toBeGreaterThan(0);
  }
}

function checkAnalysis(text: string, a: Analysis): void {
  checkFindings(text, a.findings);
  expect(a.ok).toBe(!a.findings.some((f) => f.severity === "error"));
  const e = a.extracted;
  const spans = [
    e.impact,
    e.plan,
    e.nextUpdate,
    e.timeline.start,
    e.timeline.elapsed,
    e.timeline.eta,
    ...e.owners.map((o) => o.span),
    ...e.roles.map((r) => r.span),
  ];
  for (const s of spans) {
    if (!s) continue;
    expect(s.start).toBeGreaterThanOrEqual(0);
    expect(s.end).toBeLessThanOrEqual(text.length);
    expect(s.text).toBe(text.slice(s.start, s.end));
  }
  expect(a.stats.words).toBeGreaterThanOrEqual(0);
  expect(a.stats.sentences).toBeGreaterThanOrEqual(0);
}

/** Fragments that reach every rule: times, handles, jargon, hedges, blame, shouting, hosts. */
const FRAGMENTS = [
  "Next update 14:25",
  "I'll update you in 15 minutes",
  "started 2:25 PM",
  "8 minutes in",
  "back by 3pm UTC",
  "within the hour",
  "at the top of the hour",
  "2025-06-01T10:15:00Z",
  "14h25",
  "T+8",
  "half an hour",
  "@sarah-db",
  "IC: alex",
  "Tech Lead: sarah",
  "owner: lisa",
  "is leading",
  "5% of users cannot log in",
  "checkout is down for all customers",
  "if no root cause by 14:25 we roll back",
  "we are restoring from backup",
  "next step: fail over",
  "connection pool",
  "p99",
  "kubectl",
  "db-prod-03",
  "10.2.3.4",
  "api-7f9c.internal",
  "snake_case_name",
  "camelCase",
  "/var/log/app.log",
  "`rm -rf`",
  "probably the cache",
  "I think it's",
  "could be X, could be Y",
  "not sure",
  "don't know",
  "dont",
  "Mike deployed bad code",
  "caused by Sarah's change",
  "human error",
  "should have",
  "DISASTER",
  "!!!",
  "?!",
  "resolved",
  "sorry",
  "IMPACT:",
  "- ",
  "# ",
  "| a | b |",
  "\n",
  "\r\n",
  "’",
  "—",
  "\u00a0",
  "😀",
  "\u0000",
  ".",
  ",",
  ":",
  "",
];

const messagey = fc
  .array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 8 })), { maxLength: 40 })
  .chain((parts) =>
    fc
      .array(fc.constantFrom(" ", "", "\n", ". ", ", ", "; ", " - ", "\t"), {
        minLength: parts.length,
        maxLength: parts.length,
      })
      .map((seps) => parts.map((p, i) => p + (seps[i] ?? "")).join("")),
  );

const anyUnicode = fc.string({ unit: "binary", maxLength: 400 });
const audience = fc.constantFrom(...AUDIENCES);

describe("analyse: invariants on arbitrary input", () => {
  it("never throws and keeps offsets, excerpts and order consistent (any unicode)", () => {
    fc.assert(
      fc.property(anyUnicode, audience, (text, aud) => {
        checkAnalysis(text, analyse(text, aud));
      }),
      { numRuns: 300 },
    );
  });

  it("never throws and keeps offsets, excerpts and order consistent (message-like input)", () => {
    fc.assert(
      fc.property(messagey, audience, (text, aud) => {
        checkAnalysis(text, analyse(text, aud));
      }),
      { numRuns: 400 },
    );
  });

  it("is deterministic: the same input gives the same output", () => {
    fc.assert(
      fc.property(fc.oneof(messagey, anyUnicode), audience, (text, aud) => {
        expect(analyse(text, aud)).toEqual(analyse(text, aud));
      }),
      { numRuns: 150 },
    );
  });

  it("handles empty, whitespace-only, control-character and lone-surrogate input", () => {
    const odd = [
      "",
      " ",
      "\n\n\n",
      "\u0000\u0001\u0002\u001f\u007f",
      "\ud800",
      "\udc00abc",
      "\u200b\u200b",
      "!!!!",
      "....",
      "@@@@",
    ];
    for (const text of odd) for (const aud of AUDIENCES) checkAnalysis(text, analyse(text, aud));
  });

  it("handles huge inputs (~64 KiB) of random and message-like text", () => {
    const random = fc.sample(fc.string({ unit: "binary", minLength: 65536, maxLength: 65536 }), {
      numRuns: 2,
      seed: 7,
    });
    const words = fc.sample(messagey, { numRuns: 400, seed: 11 }).join(" ");
    const bigMessage = words.repeat(Math.ceil(65536 / Math.max(1, words.length))).slice(0, 65536);
    for (const text of [...random, bigMessage]) {
      for (const aud of AUDIENCES) checkAnalysis(text, analyse(text, aud));
    }
  });

  it("respects the word-limit option", () => {
    const text = "Checkout is down for all customers. ".repeat(10);
    expect(analyse(text, "executive", { maxWords: { executive: 20 } }).findings.some((f) => f.rule === "length")).toBe(
      true,
    );
    expect(analyse(text, "executive", { maxWords: { executive: 500 } }).findings.some((f) => f.rule === "length")).toBe(
      false,
    );
  });
});

describe("lintPostmortem: invariants on arbitrary input", () => {
  const markdown = fc
    .array(
      fc.oneof(
        fc.constantFrom(
          "# Summary",
          "## Impact",
          "## Timeline",
          "## Root cause",
          "## Action items",
          "## What went well",
          "## What went poorly",
          "## Lessons learned",
          "- Improve monitoring",
          "- [ ] Add an alert (owner: @kim, due 2025-05-02)",
          "| Action | Owner | Due |",
          "|---|---|---|",
          "| Add a check | @sam | 2025-03-25 |",
          "Mike to receive additional training",
          "Human error.",
          "He should have checked.",
          "```",
          "Title\n=====",
        ),
        fc.string({ maxLength: 30 }),
        fc.string({ unit: "binary", maxLength: 30 }),
      ),
      { maxLength: 30 },
    )
    .map((lines) => lines.join("\n"));

  it("never throws; offsets, excerpts and order are consistent; sections partition the list", () => {
    fc.assert(
      fc.property(fc.oneof(markdown, anyUnicode), (text) => {
        const r = lintPostmortem(text);
        checkFindings(text, r.findings);
        expect(r.ok).toBe(!r.findings.some((f) => f.severity === "error"));
        expect([...r.sections.found, ...r.sections.missing].sort()).toEqual(
          ["action-items", "went-poorly", "went-well", "impact", "lessons", "root-cause", "summary", "timeline"].sort(),
        );
        for (const item of r.actionItems) expect(item.text).toBe(text.slice(item.start, item.end));
        expect(lintPostmortem(text)).toEqual(r);
      }),
      { numRuns: 300 },
    );
  });
});
