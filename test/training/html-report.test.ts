/** The standalone HTML score report: structure, bars, every item, and text escaped everywhere. */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/domain/shared/clock.js";
import { escapeHtml, htmlReport } from "../../src/training/html-report.js";
import type { Score } from "../../src/training/rubric/types.js";
import { bound, tempDir } from "../cli/helpers.js";

const FIXTURES = join(import.meta.dirname, "fixtures");
const EXAM = join(FIXTURES, "certification-mini.yaml");
const tmp = tempDir("warroom-html-");
afterAll(() => tmp.cleanup());

const HOSTILE = `<script>alert("x")</script>&'"<img src=x onerror=alert(1)>`;

function hostileScore(): Score {
  return {
    scenario: "mini</title><script>",
    trainee: HOSTILE,
    total: 62.5,
    max: 100,
    percent: 62.5,
    passed: false,
    groups: [
      { name: "Command <b>", score: 40, max: 40 },
      { name: "Decision", score: 22.5, max: 60 },
    ],
    items: [
      {
        id: "clear-roles",
        group: "Command <b>",
        points: 40,
        max: 40,
        evidence: [{ at: "02:01", offset: "T+1m", action: 0, note: `said "${HOSTILE}"`, words: ["<i>word</i>"] }],
        advice: "Keep <naming> one person per role.",
      },
      { id: "timely", group: "Decision", points: 22.5, max: 40, evidence: [], advice: "Decide sooner & say so." },
      { id: "fallback-trigger", group: "Decision", points: 0, max: 20, evidence: [], advice: "Set a trigger." },
    ],
    competencies: [
      { name: "technical", weight: 30, score: 16.9, percent: 56.3, items: ["timely"] },
      { name: "leadership", weight: 40, score: 40, percent: 100, items: ["clear-roles"] },
      { name: "communication", weight: 30, score: null, percent: null, items: [] },
    ],
  };
}

describe("htmlReport", () => {
  const html = htmlReport(hostileScore(), {
    scenarioTitle: "A <small> exam",
    passPercent: 80,
    critical: ["fallback-trigger"],
    generatedAt: "2026-05-01T09:00:00.000Z",
    refused: [{ action: 3, clock: "02:04", verb: "task", message: "assignee must be one person, not '<all>'" }],
  });

  it("escapes every piece of text: a hostile trainee name, evidence, advice, words, names", () => {
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<img");
    expect(html).not.toMatch(/<[a-z]+[^>]*\son[a-z]+=/i);
    expect(html).toContain(
      "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;&quot;&lt;img src=x onerror=alert(1)&gt;",
    );
    expect(html).toContain("<title>mini&lt;/title&gt;&lt;script&gt; — &lt;script&gt;");
    expect(html).toContain("&lt;i&gt;word&lt;/i&gt;");
    expect(html).toContain("Keep &lt;naming&gt; one person per role.");
    expect(html).toContain("Command &lt;b&gt;");
    expect(html).toContain("not &#39;&lt;all&gt;&#39;");
    expect(escapeHtml(`a&b<c>"d'`)).toBe("a&amp;b&lt;c&gt;&quot;d&#39;");
  });

  it("is standalone: inline CSS, no scripts, nothing loaded from elsewhere", () => {
    expect(html.startsWith("<!doctype html>\n")).toBe(true);
    expect(html).toContain("<style>");
    expect(html).not.toMatch(/<link|<script|src=["']?https?:|href=["']?https?:|@import|url\(/i);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
  });

  it("shows the verdict, groups and competencies with bars, and every item with points, advice and evidence", () => {
    expect(html).toContain(`62.5 / 100 (62.5%) <span class="verdict fail">NOT PASSED</span>`);
    expect(html).toContain("pass mark 80%");
    expect(html).toMatch(
      /<td>Decision<\/td><td class="num">22.5 \/ 60<\/td><td><div class="bar part"[^>]*><span style="width:37.5%"><\/span>/,
    );
    expect(html).toMatch(/<td>leadership<\/td><td class="num">40 \/ 40<\/td><td><div class="bar ok"/);
    expect(html).toContain(`<td>communication</td><td class="num">not assessed</td>`);
    for (const [id, points] of [
      ["clear-roles", "40 / 40"],
      ["timely", "22.5 / 40"],
      ["fallback-trigger", "0 / 20"],
    ]) {
      expect(html).toMatch(
        new RegExp(
          `<header><span>${id}(<span class="critical">critical</span>)?</span><span class="num">${points}</span>`,
        ),
      );
    }
    expect(html).toContain(`fallback-trigger<span class="critical">critical</span>`);
    expect(html).toContain("<code>02:01 · T+1m · action #0</code>");
    expect(html).toContain("Decide sooner &amp; say so.");
    expect(html).toContain("Refused actions 1");
  });
});

describe("warroom train --html", () => {
  it("writes the report (with the certificate a recorded pass earns), escaping what the trainee said", async () => {
    const db = join(tmp.dir, "warroom.db");
    const cli = bound({ db }, { clock: new ManualClock("2026-05-01T09:00:00.000Z") });
    const transcript = join(tmp.dir, "hostile.yaml");
    const strong = readFileSync(join(FIXTURES, "certification-mini.strong.yaml"), "utf8");
    // The trigger's words are quoted in the evidence of the trigger item.
    const hostile = strong.replace(
      'condition: "cache not serving by 02:20"',
      'condition: "<script>alert(1)</script> by 02:20"',
    );
    writeFileSync(transcript, hostile);
    const out = join(tmp.dir, "report.html");
    const run = await cli(["train", EXAM, "--transcript", transcript, "--html", out, "--record-history"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`HTML report written to ${out}`);
    const html = readFileSync(out, "utf8");
    expect(html).toContain("<h1>A small certification exam</h1>");
    expect(html).toMatch(/Certificate <code>CERT-[0-9A-F]{20}<\/code>, valid until 2027-05-01\./);
    expect(html).toContain("if &lt;script&gt;alert(1)&lt;/script&gt; by 02:20, bypass the cache");
    expect(html).not.toContain("<script");
    expect(html).toContain("made on 2026-05-01T09:00:00.000Z");
  });

  it("refuses an --html path it cannot write before the drill runs, and records nothing", async () => {
    const db = join(tmp.dir, "nothing.db");
    const cli = bound({ db });
    const out = join(tmp.dir, "no-such-dir", "report.html");
    const strong = join(FIXTURES, "certification-mini.strong.yaml");
    const run = await cli(["train", EXAM, "--transcript", strong, "--html", out, "--record-history"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`--html: cannot write ${out}`);
    expect(existsSync(db)).toBe(false);
  });

  it("removes the page again when the run fails after it was opened", async () => {
    const out = join(tmp.dir, "mismatch.html");
    const transcript = join(tmp.dir, "other.yaml");
    writeFileSync(transcript, "trainee: alex-ic\nscenario: impossible-decision\nactions: []\n");
    const run = await bound({ db: join(tmp.dir, "x.db") })(["train", EXAM, "--transcript", transcript, "--html", out]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("recorded for impossible-decision, not certification-mini");
    expect(existsSync(out)).toBe(false);
  });
});
