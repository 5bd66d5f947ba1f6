/** Options side by side (the scored matrix from the server), proposing one, and recording a decision. */
import { type FormEvent, useState } from "react";
import { api } from "../api/client";
import { AUDIENCES, type Audience, type Finding, type IncidentDetail, type OptionsMatrix } from "../api/types";
import { ErrorBox, Findings, Section } from "../ui/parts";
import { useApi } from "../ui/use-api";
import { compact, useCommand } from "./use-command";

const KINDS = ["technical", "trade-off", "business"] as const;
const RISKS = ["low", "medium", "high", "critical"] as const;

export function DecisionsPanel({ incident, onChange }: { incident: IncidentDetail; onChange: () => void }) {
  const resolved = incident.status === "resolved";
  return (
    <Section title="Options and decisions">
      {incident.options.length > 0 && <Matrix incident={incident} />}
      {!resolved && <ProposeForm incident={incident} onChange={onChange} />}
      {!resolved && incident.options.length > 0 && <DecideForm incident={incident} onChange={onChange} />}
      {incident.decisions.length > 0 && (
        <ol className="items decisions">
          {incident.decisions.map((d) => (
            <li key={d.id} className="item">
              <strong>
                {d.id} ({d.kind})
              </strong>{" "}
              {d.title} <span className="muted">chose {d.chosen.join(" then ")}</span>
              <div className="muted">
                {d.rationale} · @{d.decidedBy}
              </div>
              <DecisionRecord incidentId={incident.id} decisionId={d.id} />
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}

/** A decision told for one audience (`GET …/decisions/:id/record`), with the analyser's findings. */
function DecisionRecord({ incidentId, decisionId }: { incidentId: string; decisionId: string }) {
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

function Matrix({ incident }: { incident: IncidentDetail }) {
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

function ProposeForm({ incident, onChange }: { incident: IncidentDetail; onChange: () => void }) {
  const propose = useCommand(incident.id, onChange);
  const [title, setTitle] = useState("");
  const [risk, setRisk] = useState("");
  const [minutes, setMinutes] = useState("");
  const [likelihood, setLikelihood] = useState("");
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const attributes = compact({
      risk,
      timeToCompleteMinutes: minutes === "" ? undefined : Number(minutes),
      likelihoodOfSuccess: likelihood === "" ? undefined : Number(likelihood),
    });
    if (await propose.run({ type: "propose-option", title, attributes })) {
      setTitle("");
      setRisk("");
      setMinutes("");
      setLikelihood("");
    }
  };
  return (
    <form className="form-row" onSubmit={submit} aria-label="Propose an option">
      <label className="wide">
        Option
        <input id="option-title" value={title} onChange={(e) => setTitle(e.target.value)} required />
      </label>
      <label>
        Risk
        <select value={risk} onChange={(e) => setRisk(e.target.value)}>
          <option value="">unknown</option>
          {RISKS.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </label>
      <label>
        Minutes to do
        <input type="number" min={0} value={minutes} onChange={(e) => setMinutes(e.target.value)} />
      </label>
      <label>
        Success %
        <input type="number" min={0} max={100} value={likelihood} onChange={(e) => setLikelihood(e.target.value)} />
      </label>
      <button type="submit" disabled={propose.busy}>
        Propose
      </button>
      <ErrorBox error={propose.error} />
    </form>
  );
}

function DecideForm({ incident, onChange }: { incident: IncidentDetail; onChange: () => void }) {
  const decide = useCommand(incident.id, onChange);
  const [kind, setKind] = useState<(typeof KINDS)[number]>("trade-off");
  const [consulted, setConsulted] = useState("");
  const [overrideReason, setOverrideReason] = useState("");
  const [chosen, setChosen] = useState<string[]>([]);
  const [title, setTitle] = useState("");
  const [rationale, setRationale] = useState("");
  const toggle = (id: string, on: boolean) => setChosen((c) => (on ? [...c, id] : c.filter((x) => x !== id)));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await decide.run(
      compact({ type: "record-decision", kind, chosen, title, rationale }) as { type: string },
    );
    if (ok) {
      setChosen([]);
      setTitle("");
      setRationale("");
    }
  };
  return (
    <form className="stack decide" onSubmit={submit} aria-label="Record a decision">
      <fieldset className="form-row">
        <legend>Choose (in order)</legend>
        {incident.options.map((o) => (
          <label key={o.id} className="inline">
            <input type="checkbox" checked={chosen.includes(o.id)} onChange={(e) => toggle(o.id, e.target.checked)} />
            {o.id} {o.title}
          </label>
        ))}
      </fieldset>
      <div className="form-row">
        <label>
          Kind
          <select value={kind} onChange={(e) => setKind(e.target.value as (typeof KINDS)[number])}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </label>
        <label className="wide">
          Decision title
          <input value={title} onChange={(e) => setTitle(e.target.value)} placeholder="optional" />
        </label>
      </div>
      <label>
        Rationale
        <input id="decision-rationale" value={rationale} onChange={(e) => setRationale(e.target.value)} required />
      </label>
      <div className="form-row">
        <label>
          Consulted
          <input
            value={consulted}
            onChange={(e) => setConsulted(e.target.value)}
            placeholder="handles, comma-separated"
          />
        </label>
        <label>
          Override reason
          <input
            value={overrideReason}
            onChange={(e) => setOverrideReason(e.target.value)}
            placeholder="only to decide outside your authority"
          />
        </label>
      </div>
      <div className="form-row">
        <button type="submit" className="primary" disabled={decide.busy}>
          Record decision
        </button>
      </div>
      <ErrorBox error={decide.error} />
    </form>
  );
}
