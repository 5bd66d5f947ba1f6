/** Follow-up action items: owner, due date, horizon; mark done. */
import { type FormEvent, useState } from "react";
import type { IncidentDetail } from "../api/types";
import { ErrorBox, Section } from "../ui/parts";
import { compact, useCommand } from "./use-command";

const HORIZONS = ["immediate", "short-term", "long-term"] as const;

export function ActionItemsPanel({ incident, onChange }: { incident: IncidentDetail; onChange: () => void }) {
  const act = useCommand(incident.id, onChange);
  const add = useCommand(incident.id, onChange);
  const [title, setTitle] = useState("");
  const [owner, setOwner] = useState("");
  const [dueDate, setDueDate] = useState("");
  const [horizon, setHorizon] = useState<(typeof HORIZONS)[number]>("short-term");
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await add.run(compact({ type: "add-action-item", title, owner, dueDate, horizon }) as { type: string })) {
      setTitle("");
      setOwner("");
      setDueDate("");
    }
  };
  return (
    <Section title="Action items">
      <ul className="items">
        {incident.actionItems.map((item) => (
          <li key={item.id} className={item.status === "done" ? "item closed" : "item"}>
            <strong>{item.id}</strong> {item.title}{" "}
            <span className="muted">
              @{item.owner} · {item.horizon}
              {item.dueDate ? ` · due ${item.dueDate}` : ""} · {item.status}
            </span>
            {item.status === "open" && (
              <button
                type="button"
                className="link"
                onClick={() => void act.run({ type: "complete-action-item", actionId: item.id })}
              >
                Done
              </button>
            )}
          </li>
        ))}
      </ul>
      <ErrorBox error={act.error} />
      <form className="form-row" onSubmit={submit} aria-label="Add an action item">
        <label className="wide">
          Action item
          <input id="action-title" value={title} onChange={(e) => setTitle(e.target.value)} required />
        </label>
        <label>
          Owner
          <input value={owner} onChange={(e) => setOwner(e.target.value)} placeholder="handle" required />
        </label>
        <label>
          Due
          <input type="date" value={dueDate} onChange={(e) => setDueDate(e.target.value)} />
        </label>
        <label>
          Horizon
          <select value={horizon} onChange={(e) => setHorizon(e.target.value as (typeof HORIZONS)[number])}>
            {HORIZONS.map((h) => (
              <option key={h} value={h}>
                {h}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={add.busy}>
          Add
        </button>
        <ErrorBox error={add.error} />
      </form>
    </Section>
  );
}
