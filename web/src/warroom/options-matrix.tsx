/** The scored options matrix and a decision told for one audience, both read from the decision-support routes. */
import { useState } from "react";
import { api } from "../api/client";
import { AUDIENCES, type Audience, type Finding, type IncidentDetail, type OptionsMatrix } from "../api/types";
import { ErrorBox, Findings } from "../ui/parts";
import { useApi } from "../ui/use-api";

/** A decision told for one audience (`GET …/decisions/:id/record`), with the analyser's findings. */
export function DecisionRecord({ incidentId, decisionId }: { incidentId: string; decisionId: string }) {
  const [audience, setAudience] = useState<Audience | "">("");
  const record = useApi(
    () =>
      audience === ""
        ? Promise.resolve(null)
        : api.get<{ text: string; findings: Finding[] }>(
            `/api/incidents/${encodeURIComponent(incidentId)}/decisions/${encodeURIComponent(decisionId)}/record`,
            { audience },
          ),
    [incidentId, decisionId, audience],
  );
  return (
    <div className="decision-record">
      <label className="inline">
        Tell it to
        <select value={audience} onChange={(e) => setAudience(e.target.value as Audience | "")}>
          <option value="">choose an audience…</option>
          {AUDIENCES.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
      </label>
      <ErrorBox error={record.error} />
      {record.data && (
        <>
          <p className="update-text">{record.data.text}</p>
          {record.data.findings.length > 0 && <Findings findings={record.data.findings} />}
        </>
      )}
    </div>
  );
}

export function Matrix({ incident }: { incident: IncidentDetail }) {
  const matrix = useApi(
    () => api.get<OptionsMatrix>(`/api/incidents/${encodeURIComponent(incident.id)}/options/matrix`),
    [incident.id, incident.options.length, incident.decisions.length],
  );
  if (matrix.error) return <ErrorBox error={matrix.error} />;
  const data = matrix.data;
  if (!data) return <p className="muted">Scoring the options…</p>;
  const criteria = data.criteria.filter((c) => data.rows.some((r) => r.cells[c.id]?.shown != null));
  return (
    <div className="table-scroll">
      <table className="matrix">
        <caption className="muted">{data.sensitivity?.line ?? "Scores from 0 to 1, higher is better."}</caption>
        <thead>
          <tr>
            <th scope="col">Option</th>
            <th scope="col">Score</th>
            {criteria.map((c) => (
              <th key={c.id} scope="col" title={`weight ${c.weight}, ${c.direction} is better`}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.rows.map((row) => (
            <tr key={row.id} className={row.id === data.winner ? "winner" : undefined}>
              <th scope="row">
                {row.id} {row.title}
                {row.id === data.winner && <span className="badge best">best</span>}
                {row.chosenIn.length > 0 && <span className="badge chosen">chosen in {row.chosenIn.join(", ")}</span>}
              </th>
              <td className="mono">{row.score === null ? "–" : row.score.toFixed(2)}</td>
              {criteria.map((c) => (
                <td key={c.id}>{row.cells[c.id]?.shown ?? "–"}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
