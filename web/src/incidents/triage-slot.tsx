/**
 * The triage plan (`GET /api/triage`, when this server has it): live open incidents by
 * priority, who should command and work each, what stays uncovered and what would cover
 * it, and suggested moves. A server without the route shows nothing here.
 */
import { ApiError, api } from "../api/client";
import type { Severity } from "../api/types";
import { Link } from "../router";
import { SeverityBadge } from "../ui/parts";
import { useApi } from "../ui/use-api";

interface TriagePlan {
  incidents: { id: string; title: string; severity: Severity; priority: number; reasons: { text: string }[] }[];
  assignments: { incident: string; commander: string | null; engineers: string[] }[];
  uncovered: { incident: string; reason: string; wouldCover: string }[];
  moves: { person: string; from: string; to: string; reason: string }[];
}

export function TriageSlot({ refresh }: { refresh: number }) {
  const plan = useApi(
    () =>
      api.get<TriagePlan>("/api/triage").catch((error: unknown) => {
        if (error instanceof ApiError && (error.status === 404 || error.status === 403)) return null;
        throw error;
      }),
    [refresh],
  );
  const data = plan.data;
  if (!data || data.incidents.length === 0) return null;
  return (
    <section className="panel triage" aria-labelledby="triage-title">
      <h2 id="triage-title">Triage plan</h2>
      <ol className="items">
        {data.incidents.map((incident) => {
          const assignment = data.assignments.find((a) => a.incident === incident.id);
          const gaps = data.uncovered.filter((u) => u.incident === incident.id);
          return (
            <li key={incident.id} className="item">
              <SeverityBadge severity={incident.severity} />{" "}
              <Link to={`/incidents/${encodeURIComponent(incident.id)}`}>
                <span className="mono">{incident.id}</span> {incident.title}
              </Link>{" "}
              <span className="muted" title={incident.reasons.map((r) => r.text).join("; ")}>
                priority {Math.round(incident.priority)}
              </span>
              <div>
                {assignment?.commander ? `Command: @${assignment.commander}` : "No commander available"}
                {assignment && assignment.engineers.length > 0
                  ? ` · engineers: ${assignment.engineers.map((e) => `@${e}`).join(", ")}`
                  : ""}
              </div>
              {gaps.map((gap) => (
                <div key={`${gap.reason}:${gap.wouldCover}`} className="triage-gap">
                  Uncovered: {gap.reason} ({gap.wouldCover})
                </div>
              ))}
            </li>
          );
        })}
      </ol>
      {data.moves.length > 0 && (
        <ul className="items">
          {data.moves.map((move) => (
            <li key={`${move.person}:${move.to}`}>
              Move @{move.person} from {move.from} to {move.to}: {move.reason}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
