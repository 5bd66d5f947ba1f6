/** A trainee's record: the competency profile over time as a chart, every recorded run, the certificates. */
import { ApiError, api } from "../api/client";
import { Link } from "../router";
import { ErrorBox } from "../ui/parts";
import { useApi } from "../ui/use-api";
import { BarChart, LineChart } from "./charts";
import type { TrainingHistory } from "./types";
import "./training.css";

const fmt = (n: number | null) => (n === null ? "–" : Number.isInteger(n) ? `${n}%` : `${n.toFixed(1)}%`);

export function HistoryPage({ handle }: { handle: string }) {
  const history = useApi(
    () => api.get<TrainingHistory>(`/api/trainees/${encodeURIComponent(handle)}/history`),
    [handle],
  );
  const none = history.error instanceof ApiError && history.error.code === "trainee.not_found";
  return (
    <div className="training history">
      <div className="page-head">
        <h1>Training record: {handle}</h1>
        <Link to="/training">Scenarios</Link>
      </div>
      {none ? (
        <p>No recorded runs yet. Finish a drill with "Keep this run in my training record" ticked and it shows here.</p>
      ) : (
        <ErrorBox error={history.error} />
      )}
      {history.data && <HistoryBody history={history.data} />}
    </div>
  );
}

function HistoryBody({ history }: { history: TrainingHistory }) {
  const labels = history.runs.map((r) => `#${r.run}`);
  const { profile } = history;
  return (
    <>
      <section className="panel" aria-label="Profile">
        <p className="score-line">
          <span className="score-big mono">{fmt(profile.overall)}</span>
          <span className="muted">
            overall (technical 30, leadership 40, communication 30) · {history.runs.length}{" "}
            {history.runs.length === 1 ? "run" : "runs"}, {history.passed} passed
          </span>
        </p>
      </section>
      <div className="chart-row">
        <LineChart
          title="Scores and competencies over time"
          labels={labels}
          mark={80}
          series={[
            { name: "Run score", values: history.runs.map((r) => r.percent), className: "series-score" },
            ...(["technical", "leadership", "communication"] as const).map((name) => ({
              name: `${name} (average)`,
              values: profile.overTime.map((p) => p[name]),
              className: `series-${name}`,
            })),
          ]}
        />
        <BarChart
          title="Competency averages"
          mark={80}
          bars={profile.competencies.map((c) => ({
            label: c.name,
            value: c.percent,
            max: 100,
            text: c.percent === null ? "not assessed" : fmt(c.percent),
          }))}
        />
      </div>
      <section className="panel" aria-labelledby="runs-title">
        <h2 id="runs-title">Runs</h2>
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Run</th>
                <th scope="col">Date (UTC)</th>
                <th scope="col">Scenario</th>
                <th scope="col">Score</th>
                <th scope="col">Result</th>
                <th scope="col">Technical</th>
                <th scope="col">Leadership</th>
                <th scope="col">Communication</th>
                <th scope="col">Certificate</th>
              </tr>
            </thead>
            <tbody>
              {[...history.runs].reverse().map((r) => (
                <tr key={r.run}>
                  <td className="mono">#{r.run}</td>
                  <td className="mono">{r.at.slice(0, 16).replace("T", " ")}</td>
                  <td>{r.scenarioTitle}</td>
                  <td className="mono">{fmt(r.percent)}</td>
                  <td className={r.passed ? "passed-text" : "failed-text"}>{r.passed ? "passed" : "not passed"}</td>
                  <td className="mono">{fmt(r.competencies.technical)}</td>
                  <td className="mono">{fmt(r.competencies.leadership)}</td>
                  <td className="mono">{fmt(r.competencies.communication)}</td>
                  <td className="mono">{r.certificate ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      {history.certificates.length > 0 && (
        <section className="panel" aria-labelledby="certs-title">
          <h2 id="certs-title">Certificates</h2>
          <ul className="plain">
            {history.certificates.map((c) => (
              <li key={c.id}>
                <strong className="mono">{c.id}</strong> {c.scenario}, {fmt(c.percent)}, issued{" "}
                {c.issuedAt.slice(0, 10)}, valid until {c.expiresAt.slice(0, 10)} —{" "}
                <span className={`cert-${c.status}`}>{c.status}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
