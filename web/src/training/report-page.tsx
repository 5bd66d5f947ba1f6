/**
 * The score report: the verdict, the groups and competencies as bar charts, and every
 * rubric item with its points, what it judges, the advice and the evidence behind it;
 * the actions the engine refused; the run as a replayable transcript.
 */
import { api } from "../api/client";
import { Link } from "../router";
import { ErrorBox } from "../ui/parts";
import { useApi } from "../ui/use-api";
import { BarChart } from "./charts";
import type { DrillReport, ReportItem } from "./types";
import "./training.css";

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

function mark(item: ReportItem): { symbol: string; label: string; className: string } {
  if (item.points >= item.max) return { symbol: "✓", label: "full points", className: "good" };
  if (item.points <= 0) return { symbol: "✗", label: "no points", className: "poor" };
  return { symbol: "◐", label: "part of the points", className: "fair" };
}

export function ReportPage({ drillId }: { drillId: string }) {
  const report = useApi(() => api.get<DrillReport>(`/api/drills/${encodeURIComponent(drillId)}/report`), [drillId]);
  if (report.error) {
    return (
      <div className="training">
        <ErrorBox error={report.error} />
        <Link to={`/training/drills/${drillId}`}>Back to the drill</Link>
      </div>
    );
  }
  const r = report.data;
  if (!r) return <p className="muted">Loading the score report…</p>;
  return (
    <div className="training report">
      <div className="page-head">
        <h1>Score report: {r.scenarioTitle}</h1>
        <Link to={`/training/history/${encodeURIComponent(r.trainee)}`}>{r.trainee}'s training record</Link>
      </div>
      <section className="panel verdict" aria-label="Verdict">
        <p className="score-line">
          <span className="score-big mono">{fmt(r.percent)}%</span>
          <span className={`verdict-badge ${r.passed ? "passed" : "failed"}`}>
            {r.passed ? "PASSED" : "NOT PASSED"}
          </span>
          <span className="muted">
            {fmt(r.total)}/{r.max} points · pass mark {r.passPercent}% · {r.trainee}
          </span>
        </p>
        {r.criticalMissed.length > 0 && (
          <p className="critical-missed">Critical items at zero (each fails the run): {r.criticalMissed.join(", ")}</p>
        )}
        {r.recorded ? (
          <p>
            Kept in the training record as run #{r.recorded.run}.
            {r.recorded.certificate && (
              <>
                {" "}
                Certificate <strong className="mono">{r.recorded.certificate.id}</strong> valid until{" "}
                {r.recorded.certificate.expiresAt.slice(0, 10)}.
              </>
            )}
          </p>
        ) : (
          <p className="muted">This run was not kept in the training record.</p>
        )}
      </section>
      <div className="chart-row">
        <BarChart
          title="Groups"
          bars={r.groups.map((g) => ({ label: g.name, value: g.score, max: g.max, text: `${fmt(g.score)}/${g.max}` }))}
        />
        <BarChart
          title="Competencies (the handbook's weights)"
          bars={r.competencies.map((c) => ({
            label: c.name,
            value: c.score,
            max: c.weight,
            text: c.score === null ? "not assessed" : `${fmt(c.score)}/${c.weight}`,
          }))}
        />
      </div>
      {r.groups.map((group) => (
        <section key={group.name} className="panel" aria-labelledby={`group-${group.name}`}>
          <div className="panel-head">
            <h2 id={`group-${group.name}`}>{group.name}</h2>
            <span className="mono">
              {fmt(group.score)}/{group.max}
            </span>
          </div>
          <ol className="items">
            {r.items
              .filter((i) => i.group === group.name)
              .map((item) => {
                const m = mark(item);
                return (
                  <li key={item.id} className="item">
                    <div className="item-head">
                      <span className={`item-mark ${m.className}`} role="img" aria-label={m.label}>
                        {m.symbol}
                      </span>
                      <strong>{item.description ?? item.id}</strong>
                      <span className="muted mono">{item.id}</span>
                      <span className="feed-kind">{item.competency}</span>
                      {item.critical && <span className="badge critical">CRITICAL</span>}
                      <span className="spacer" />
                      <span className="mono item-points">
                        {fmt(item.points)}/{item.max}
                      </span>
                    </div>
                    <p className="advice">{item.advice}</p>
                    {item.evidence.length > 0 && (
                      <details>
                        <summary>Evidence ({item.evidence.length})</summary>
                        <ul className="evidence">
                          {item.evidence.map((e, i) => (
                            // biome-ignore lint/suspicious/noArrayIndexKey: evidence has no id and never reorders
                            <li key={i}>
                              <span className="mono muted">
                                {e.at} {e.offset}
                                {e.action !== undefined ? ` #${e.action}` : ""}
                              </span>{" "}
                              {e.note}
                              {e.words && e.words.length > 0 && (
                                <span className="muted"> [{e.words.slice(0, 6).join(", ")}]</span>
                              )}
                            </li>
                          ))}
                        </ul>
                      </details>
                    )}
                  </li>
                );
              })}
          </ol>
        </section>
      ))}
      {r.refused.length > 0 && (
        <section className="panel" aria-labelledby="refused-title">
          <h2 id="refused-title">Refused actions ({r.refused.length})</h2>
          <ul className="plain">
            {r.refused.map((e) => (
              <li key={e.action}>
                <span className="mono muted">
                  #{e.action} {e.clock}
                </span>{" "}
                {e.verb}: {e.message}
              </li>
            ))}
          </ul>
        </section>
      )}
      <details className="panel">
        <summary>Your run as a transcript</summary>
        <p className="muted">
          Replay it from the terminal: <code>warroom train {r.scenario} --transcript run.yaml</code>
        </p>
        <pre className="transcript">{r.transcript}</pre>
      </details>
      <p>
        <Link to="/training">Back to the scenarios</Link>
      </p>
    </div>
  );
}
