/** The postmortem lint as every edge prints it: the same shape as the update lint, without an audience. */
import { lintPostmortem } from "../analysis/index.js";
import { type StoredFinding, toStoredFinding } from "../incident/events.js";

export interface LintReport {
  ok: boolean;
  findings: StoredFinding[];
}

export function lintPostmortemReport(markdown: string): LintReport {
  const analysis = lintPostmortem(markdown);
  return {
    ok: analysis.ok,
    findings: analysis.findings.map(toStoredFinding),
  };
}
