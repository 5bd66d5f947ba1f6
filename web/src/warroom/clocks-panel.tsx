/**
 * Decision deadlines ("decide by 14:30") and triggers ("if errors stay above 5% by 14:45,
 * fail over"): the open ones with their clocks, and forms to set them.
 */
import { type FormEvent, useState } from "react";
import type { IncidentDetail } from "../api/types";
import { formatDuration, useNow } from "../ui/clock";
import { ErrorBox, Section } from "../ui/parts";
import { useCommand } from "./use-command";

function Due({ at }: { at: string }) {
  const now = useNow();
  const left = (Date.parse(at) - now) / 1000;
  return left < 0 ? (
    <span className="overdue">PASSED {formatDuration(-left)}</span>
  ) : (
    <span className={left < 120 ? "due-soon mono" : "mono"}>in {formatDuration(left)}</span>
  );
}

export function ClocksPanel({ incident, onChange }: { incident: IncidentDetail; onChange: () => void }) {
  const act = useCommand(incident.id, onChange);
  const deadlines = incident.deadlines.filter((d) => d.status === "open");
  const triggers = incident.triggers.filter((t) => t.status === "open");
  return (
    <Section title="Deadlines and triggers">
      <ul className="items">
        {deadlines.map((d) => (
          <li key={d.id} className="item">
            <strong>{d.id}</strong> decide: {d.question} <Due at={d.dueAt} />{" "}
            <button
              type="button"
              className="link"
              onClick={() => void act.run({ type: "close-decision-deadline", deadlineId: d.id })}
            >
              Cancel
            </button>
          </li>
        ))}
        {triggers.map((t) => (
          <li key={t.id} className="item">
            <strong>{t.id}</strong> if {t.condition}, then {t.action} <Due at={t.dueAt} />
            <div className="row-actions">
              {(["fired", "averted", "cancelled"] as const).map((outcome) => (
                <button
                  key={outcome}
                  type="button"
                  className="link"
                  onClick={() => void act.run({ type: "close-trigger", triggerId: t.id, outcome })}
                >
                  {outcome === "fired" ? "Fired" : outcome === "averted" ? "Averted" : "Cancel"}
                </button>
              ))}
            </div>
          </li>
        ))}
      </ul>
      {deadlines.length + triggers.length === 0 && <p className="muted">No open deadlines or triggers.</p>}
      <ErrorBox error={act.error} />
      <ClockForm incident={incident} onChange={onChange} />
    </Section>
  );
}

function ClockForm({ incident, onChange }: { incident: IncidentDetail; onChange: () => void }) {
  const set = useCommand(incident.id, onChange);
  const [kind, setKind] = useState<"deadline" | "trigger">("deadline");
  const [first, setFirst] = useState("");
  const [action, setAction] = useState("");
  const [minutes, setMinutes] = useState("15");
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const inMinutes = Number(minutes);
    const ok = await set.run(
      kind === "deadline"
        ? { type: "set-decision-deadline", question: first, inMinutes }
        : { type: "set-trigger", condition: first, action, inMinutes },
    );
    if (ok) {
      setFirst("");
      setAction("");
    }
  };
  return (
    <form className="form-row" onSubmit={submit} aria-label="Set a deadline or trigger">
      <label>
        Clock
        <select value={kind} onChange={(e) => setKind(e.target.value as "deadline" | "trigger")}>
          <option value="deadline">decision deadline</option>
          <option value="trigger">trigger</option>
        </select>
      </label>
      <label className="wide">
        {kind === "deadline" ? "Question to decide" : "If (condition)"}
        <input value={first} onChange={(e) => setFirst(e.target.value)} required />
      </label>
      {kind === "trigger" && (
        <label className="wide">
          Then (action)
          <input value={action} onChange={(e) => setAction(e.target.value)} required />
        </label>
      )}
      <label>
        In minutes
        <input type="number" min={1} value={minutes} onChange={(e) => setMinutes(e.target.value)} required />
      </label>
      <button type="submit" disabled={set.busy}>
        Set
      </button>
      <ErrorBox error={set.error} />
    </form>
  );
}
