/** Roles: who holds what; assign, hand over (with a briefing) and release. */
import { type FormEvent, useState } from "react";
import type { IncidentDetail, RoleDefinition } from "../api/types";
import { ErrorBox, Section } from "../ui/parts";
import { compact, useCommand } from "./use-command";

const COMMANDER = "incident-commander";

export function RolesPanel({
  incident,
  roles,
  onChange,
}: {
  incident: IncidentDetail;
  roles: RoleDefinition[];
  onChange: () => void;
}) {
  const assign = useCommand(incident.id, onChange);
  const handover = useCommand(incident.id, onChange);
  const [role, setRole] = useState("tech-lead");
  const [person, setPerson] = useState("");
  const [handoverRole, setHandoverRole] = useState<string | null>(null);
  const [to, setTo] = useState("");
  const [briefing, setBriefing] = useState("");
  const titleOf = (id: string) => roles.find((r) => r.id === id)?.title ?? id;
  const resolved = incident.status === "resolved";

  const submitAssign = async (event: FormEvent) => {
    event.preventDefault();
    if (await assign.run({ type: "assign-role", role, person })) setPerson("");
  };
  const submitHandover = async (event: FormEvent) => {
    event.preventDefault();
    if (handoverRole === null) return;
    const ok = await handover.run(
      compact({ type: "hand-over-role", role: handoverRole, to, briefing }) as { type: string },
    );
    if (ok) {
      setHandoverRole(null);
      setTo("");
      setBriefing("");
    }
  };

  return (
    <Section title="Roles">
      <table className="roles">
        <tbody>
          {Object.entries(incident.roles).map(([id, holder]) => (
            <tr key={id}>
              <th scope="row">{titleOf(id)}</th>
              <td>@{holder.person}</td>
              <td className="row-actions">
                {!resolved && (
                  <button type="button" className="link" onClick={() => setHandoverRole(id)}>
                    Hand over
                  </button>
                )}
                {!resolved && id !== COMMANDER && (
                  <button
                    type="button"
                    className="link"
                    onClick={() => void handover.run({ type: "release-role", role: id })}
                  >
                    Release
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {handoverRole !== null && (
        <form className="stack handover" onSubmit={submitHandover} aria-label={`Hand over ${titleOf(handoverRole)}`}>
          <strong>Hand over {titleOf(handoverRole)}</strong>
          <label>
            To
            <input id="handover-to" value={to} onChange={(e) => setTo(e.target.value)} placeholder="handle" required />
          </label>
          <label>
            Briefing
            <textarea rows={2} value={briefing} onChange={(e) => setBriefing(e.target.value)} />
          </label>
          <div className="form-row">
            <button type="submit" className="primary" disabled={handover.busy}>
              Hand over
            </button>
            <button type="button" onClick={() => setHandoverRole(null)}>
              Cancel
            </button>
          </div>
        </form>
      )}
      <ErrorBox error={handover.error} />
      {!resolved && (
        <form className="form-row" onSubmit={submitAssign}>
          <label>
            Role
            <select id="assign-role" value={role} onChange={(e) => setRole(e.target.value)}>
              {roles
                .filter((r) => r.id !== COMMANDER)
                .map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.title}
                  </option>
                ))}
            </select>
          </label>
          <label>
            Person
            <input
              id="assign-person"
              value={person}
              onChange={(e) => setPerson(e.target.value)}
              placeholder="handle"
              required
            />
          </label>
          <button type="submit" disabled={assign.busy}>
            Assign
          </button>
        </form>
      )}
      <ErrorBox error={assign.error} />
    </Section>
  );
}
