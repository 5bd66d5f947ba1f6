/**
 * The score report as one standalone HTML page: inline CSS, no scripts, nothing loaded
 * from elsewhere, every piece of text escaped (trainee names and the trainee's own words
 * reach the page). Groups and competencies with bars, every item with its points,
 * evidence and advice, and the actions the engine refused.
 */
import { REPORT_CSS } from "./html-report-style.js";
import type { Evidence, ItemScore, Score } from "./rubric/types.js";

export interface HtmlReportOptions {
  scenarioTitle?: string;
  passPercent?: number;
  /** Rubric item ids whose zero fails the run. */
  critical?: string[];
  /** When the report was made (ISO); shown in the footer. */
  generatedAt?: string;
  /** Actions the engine refused during the drill. */
  refused?: { action: number; clock: string; verb: string; message: string }[];
  /** A certificate this run earned. */
  certificate?: { id: string; expiresAt: string } | null;
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text for HTML content and quoted attributes. */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

function share(points: number, max: number): number {
  if (!(max > 0)) return 0;
  return Math.max(0, Math.min(100, Math.round((1000 * points) / max) / 10));
}

function tone(points: number, max: number): "ok" | "part" | "miss" {
  if (points >= max) return "ok";
  return points <= 0 ? "miss" : "part";
}

function bar(points: number, max: number): string {
  const pct = share(points, max);
  return `<div class="bar ${tone(points, max)}" role="img" aria-label="${pct}%"><span style="width:${pct}%"></span></div>`;
}

function evidenceLine(e: Evidence): string {
  const where = [e.at, e.offset, e.action === undefined ? "" : `action #${e.action}`].filter(Boolean).join(" · ");
  const words =
    e.words && e.words.length > 0 ? ` <span class="words">[${e.words.map(escapeHtml).join(", ")}]</span>` : "";
  return `<li><code>${escapeHtml(where)}</code> ${escapeHtml(e.note)}${words}</li>`;
}

function itemBlock(item: ItemScore, critical: Set<string>): string {
  const flag = critical.has(item.id) ? `<span class="critical">critical</span>` : "";
  const evidence =
    item.evidence.length === 0 ? "" : `<ul class="evidence">${item.evidence.map(evidenceLine).join("")}</ul>`;
  return [
    `<section class="item ${tone(item.points, item.max)}">`,
    `<header><span>${escapeHtml(item.id)}${flag}</span><span class="num">${fmt(item.points)} / ${fmt(item.max)}</span></header>`,
    bar(item.points, item.max),
    `<p class="advice">${escapeHtml(item.advice)}</p>`,
    evidence,
    `</section>`,
  ].join("\n");
}

function groupsTable(score: Score): string {
  const rows = score.groups.map(
    (g) =>
      `<tr><td>${escapeHtml(g.name)}</td><td class="num">${fmt(g.score)} / ${fmt(g.max)}</td><td>${bar(g.score, g.max)}</td></tr>`,
  );
  return `<table><thead><tr><th>Group</th><th class="num">Points</th><th>Share</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

function competencyTable(score: Score): string {
  const rows = score.competencies.map((c) => {
    const value = c.score === null ? "not assessed" : `${fmt(c.score)} / ${fmt(c.weight)}`;
    const shown = c.score === null ? "" : bar(c.score, c.weight);
    return `<tr><td>${escapeHtml(c.name)}</td><td class="num">${escapeHtml(value)}</td><td>${shown}</td><td>${c.items.map(escapeHtml).join(", ")}</td></tr>`;
  });
  return `<table><thead><tr><th>Competency</th><th class="num">Weighted</th><th>Share</th><th>Items</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

export function htmlReport(score: Score, options: HtmlReportOptions = {}): string {
  const critical = new Set(options.critical ?? []);
  const title = `${score.scenario} — ${score.trainee}`;
  const verdict = score.passed
    ? `<span class="verdict pass">PASSED</span>`
    : `<span class="verdict fail">NOT PASSED</span>`;
  const mark = options.passPercent === undefined ? "" : ` · pass mark ${fmt(options.passPercent)}%`;
  const body: string[] = [
    `<h1>${escapeHtml(options.scenarioTitle ?? score.scenario)}</h1>`,
    `<p class="meta">Scenario <code>${escapeHtml(score.scenario)}</code> · trainee <strong>${escapeHtml(score.trainee)}</strong>${escapeHtml(mark)}</p>`,
    `<p class="total">${fmt(score.total)} / ${fmt(score.max)} (${fmt(score.percent)}%) ${verdict}</p>`,
  ];
  if (options.certificate) {
    body.push(
      `<p>Certificate <code>${escapeHtml(options.certificate.id)}</code>, valid until ${escapeHtml(options.certificate.expiresAt.slice(0, 10))}.</p>`,
    );
  }
  body.push(`<h2>Groups</h2>`, groupsTable(score), `<h2>Competencies</h2>`, competencyTable(score));
  for (const group of score.groups) {
    body.push(`<h2>${escapeHtml(group.name)} ${fmt(group.score)} / ${fmt(group.max)}</h2>`);
    for (const item of score.items.filter((i) => i.group === group.name)) body.push(itemBlock(item, critical));
  }
  const refused = options.refused ?? [];
  if (refused.length > 0) {
    const rows = refused.map(
      (r) => `<li><code>#${r.action} ${escapeHtml(r.clock)} ${escapeHtml(r.verb)}</code> ${escapeHtml(r.message)}</li>`,
    );
    body.push(`<h2>Refused actions ${refused.length}</h2>`, `<ul>${rows.join("")}</ul>`);
  }
  const when = options.generatedAt ? ` on ${escapeHtml(options.generatedAt)}` : "";
  body.push(`<footer>Warroom IC training score report, made${when}.</footer>`);
  return [
    "<!doctype html>",
    `<html lang="en">`,
    "<head>",
    `<meta charset="utf-8">`,
    `<meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>${escapeHtml(title)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    "</head>",
    "<body>",
    ...body,
    "</body>",
    "</html>",
    "",
  ].join("\n");
}
