/** Resolve with a summary (then on to the postmortem), or reopen with a reason. */
import { type FormEvent, useState } from "react";
import type { IncidentDetail } from "../api/types";
import { Link } from "../router";
import { ErrorBox, Section } from "../ui/parts";
import { useCommand } from "./use-command";

export function ResolvePanel({ incident, onChange }: { incident: IncidentDetail; onChange: () => void }) {
  const command = useCommand(incident.id, onChange);
  const [text, setText] = useState("");
  const resolved = incident.status === "resolved";
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await command.run(resolved ? { type: "reopen", reason: text } : { type: "resolve", summary: text });
    if (ok) setText("");
  };
  return (
    <Section title={resolved ? "Resolved" : "Resolve"}>
      {resolved && (
        <p>
          {incident.resolutionSummary}{" "}
          <Link to={`/incidents/${encodeURIComponent(incident.id)}/postmortem`}>Draft the postmortem →</Link>
        </p>
      )}
      <form className="stack" onSubmit={submit}>
        <label>
          {resolved ? "Reason to reopen" : "Resolution summary"}
          <textarea id="resolve-summary" rows={2} value={text} onChange={(e) => setText(e.target.value)} required />
        </label>
        <div className="form-row">
          <button type="submit" className={resolved ? undefined : "danger"} disabled={command.busy}>
            {resolved ? "Reopen" : "Resolve incident"}
          </button>
        </div>
        <ErrorBox error={command.error} />
      </form>
    </Section>
  );
}
