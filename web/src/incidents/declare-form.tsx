/** Declare in one short form: title, severity, impact, drill or live. Opens the war room. */
import { type FormEvent, useState } from "react";
import { api } from "../api/client";
import { type CommandResult, SEVERITIES, type Severity } from "../api/types";
import { navigate } from "../router";
import { ErrorBox } from "../ui/parts";

export function DeclareForm() {
  const [title, setTitle] = useState("");
  const [severity, setSeverity] = useState<Severity>("SEV-2");
  const [impact, setImpact] = useState("");
  const [drill, setDrill] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      const result = await api.post<CommandResult>("/api/incidents", {
        title,
        severity,
        impact,
        mode: drill ? "drill" : "live",
      });
      navigate(`/incidents/${encodeURIComponent(result.incident.id)}`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="declare panel" onSubmit={submit} aria-labelledby="declare-title">
      <h2 id="declare-title">Declare an incident</h2>
      <div className="form-row">
        <label className="wide">
          Title
          <input
            id="declare-title-input"
            name="title"
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            placeholder="Checkout failing for EU customers"
            required
          />
        </label>
        <label>
          Severity
          <select name="severity" value={severity} onChange={(e) => setSeverity(e.target.value as Severity)}>
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label className="wide">
          Impact
          <input
            name="impact"
            value={impact}
            onChange={(e) => setImpact(e.target.value)}
            placeholder="Who is affected and how"
          />
        </label>
        <label className="inline">
          <input type="checkbox" name="drill" checked={drill} onChange={(e) => setDrill(e.target.checked)} />
          Drill
        </label>
        <button type="submit" className="primary" disabled={busy}>
          Declare
        </button>
      </div>
      <ErrorBox error={error} />
    </form>
  );
}
