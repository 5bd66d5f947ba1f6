/**
 * The trainee's history for the terminal: one line of profile (the competency averages
 * and their weighted sum), one row per run, then the certificates. Times are UTC, like
 * the drill clock, so a record reads the same on every machine.
 */
import type { CertificateCheck } from "./certificates.js";
import type { CertificateView, CompetencyPercents, TrainingHistory } from "./history-view.js";
import type { Paint } from "./report.js";

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));
const pct = (n: number | null) => (n === null ? "-" : `${fmt(n)}%`);

/** "2026-03-07 10:04" in UTC. */
export function utcMinute(iso: string): string {
  return iso.length >= 16 ? `${iso.slice(0, 10)} ${iso.slice(11, 16)}` : iso;
}

/** Pads each column to its widest cell (cells may carry colour codes). */
function columns(rows: string[][]): string[] {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching ANSI escape codes
  const visible = (s: string) => [...s.replace(/\u001b\[[0-9;]*m/g, "")].length;
  const widths = (rows[0] ?? []).map((_, i) => Math.max(...rows.map((r) => visible(r[i] ?? ""))));
  return rows.map((r) =>
    r
      .map((cell, i) => (i === r.length - 1 ? cell : cell + " ".repeat(Math.max(0, (widths[i] ?? 0) - visible(cell)))))
      .join("  ")
      .trimEnd(),
  );
}

function competencyCells(c: CompetencyPercents): string[] {
  return [pct(c.technical), pct(c.leadership), pct(c.communication)];
}

export function statusText(
  status: CertificateView["status"] | CertificateCheck["status"],
  paint: Paint,
  upper = false,
): string {
  const text = upper ? status.toUpperCase() : status;
  if (status === "valid") return paint.green(text);
  if (status === "expired") return paint.yellow(text);
  return paint.red(text);
}

export function historyLines(history: TrainingHistory, paint: Paint): string[] {
  const p = history.profile;
  const profile = p.competencies.map((c) => `${c.name} ${pct(c.percent)}`).join(" · ");
  const runs = history.runs.length;
  const lines = [
    `${paint.bold(history.trainee)}  ${runs} run${runs === 1 ? "" : "s"}, ${history.passed} passed`,
    `profile: ${profile}  ${paint.bold(`overall ${pct(p.overall)}`)}${paint.dim("  (weights technical 30 · leadership 40 · communication 30)")}`,
    "",
  ];
  const rows = [["#", "DATE (UTC)", "SCENARIO", "SCORE", "%", "RESULT", "TECH", "LEAD", "COMM", "CERTIFICATE"]];
  for (const run of history.runs) {
    const result = run.passed
      ? paint.green("passed")
      : paint.red(run.criticalMissed.length > 0 ? "failed (critical)" : "failed");
    rows.push([
      String(run.run),
      utcMinute(run.at),
      run.scenario,
      `${fmt(run.total)}/${fmt(run.max)}`,
      pct(run.percent),
      result,
      ...competencyCells(run.competencies),
      run.certificate ?? "",
    ]);
  }
  lines.push(...columns(rows));
  if (history.certificates.length > 0) {
    lines.push(
      "",
      paint.bold(`Certificates ${history.certificates.length}`),
      ...certificateLines(history.certificates, paint),
    );
  }
  return lines;
}

export function certificateLines(certificates: CertificateView[], paint: Paint): string[] {
  const rows = certificates.map((c) => [
    c.id,
    c.scenario,
    `${fmt(c.percent)}%`,
    `issued ${c.issuedAt.slice(0, 10)}`,
    `expires ${c.expiresAt.slice(0, 10)}`,
    statusText(c.status, paint),
  ]);
  return columns(rows).map((line) => `  ${line}`);
}

export function verifyLines(check: CertificateCheck, paint: Paint): string[] {
  const head = `${paint.bold(check.id)}  ${statusText(check.status, paint, true)}`;
  const lines = [head];
  const c = check.certificate;
  if (c) {
    lines.push(
      `  ${c.trainee} passed ${c.scenario} with ${fmt(c.scores.total)}/${fmt(c.scores.max)} (${fmt(c.scores.percent)}%)`,
      `  issued ${utcMinute(c.issuedAt)} UTC, expires ${utcMinute(c.expiresAt)} UTC`,
      `  ${c.scores.competencies.map((k) => `${k.name} ${pct(k.percent)}`).join(" · ")}`,
    );
  }
  for (const reason of check.reasons) lines.push(paint.dim(`  - ${reason}`));
  return lines;
}
