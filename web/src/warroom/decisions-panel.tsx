/** Options side by side (the scored matrix from the server), proposing one, and recording a decision. */
import { type FormEvent, useState } from "react";
import type { IncidentDetail } from "../api/types";
import { ErrorBox, Section } from "../ui/parts";
import { DecisionRecord, Matrix } from "./options-matrix";
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
