/** Move the incident through its open statuses, or change the severity with a reason. */
import { type FormEvent, useState } from "react";
import { type IncidentDetail, OPEN_STATUSES, SEVERITIES, type Severity } from "../api/types";
import { ErrorBox, Section } from "../ui/parts";
import { compact, useCommand } from "./use-command";

export function StatusPanel({ incident, onChange }: { incident: IncidentDetail; onChange: () => void }) {
  const status = useCommand(incident.id, onChange);
  const severity = useCommand(incident.id, onChange);
  const [nextStatus, setNextStatus] = useState<string>(incident.status);
  const [note, setNote] = useState("");
  const [nextSeverity, setNextSeverity] = useState<Severity>(incident.severity);
  const [reason, setReason] = useState("");

  const submitStatus = async (event: FormEvent) => {
    event.preventDefault();
    if (await status.run(compact({ type: "change-status", status: nextStatus, note }) as { type: string })) setNote("");
  };
  const submitSeverity = async (event: FormEvent) => {
    event.preventDefault();
    if (await severity.run({ type: "change-severity", severity: nextSeverity, reason })) setReason("");
  };

  return (
    <Section title="Status and severity">
      <form className="form-row" onSubmit={submitStatus}>
        <label>
          Status
          <select value={nextStatus} onChange={(e) => setNextStatus(e.target.value)}>
            {OPEN_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label className="wide">
          Status note
          <input value={note} onChange={(e) => setNote(e.target.value)} />
        </label>
        <button type="submit" disabled={status.busy}>
          Set status
        </button>
      </form>
      <ErrorBox error={status.error} />
      <form className="form-row" onSubmit={submitSeverity}>
        <label>
          Severity
          <select value={nextSeverity} onChange={(e) => setNextSeverity(e.target.value as Severity)}>
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label className="wide">
          Reason
          <input value={reason} onChange={(e) => setReason(e.target.value)} required />
        </label>
        <button type="submit" disabled={severity.busy}>
          Change severity
        </button>
      </form>
      <ErrorBox error={severity.error} />
    </Section>
  );
}
