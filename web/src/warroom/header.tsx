/** The war room's header: who, how bad, how long, and when the next update is due. */
import type { LiveState } from "../api/live";
import type { IncidentDetail } from "../api/types";
import { Link } from "../router";
import { DrillBadge, Elapsed, SeverityBadge, UpdateCountdown } from "../ui/parts";

export function WarRoomHeader({ incident, live }: { incident: IncidentDetail; live: LiveState }) {
  const resolved = incident.status === "resolved";
  return (
    <header className="warroom-header">
      <div className="warroom-title">
        <SeverityBadge severity={incident.severity} />
        <h1>
          <span className="mono">{incident.id}</span> {incident.title}
        </h1>
        {incident.mode === "drill" && <DrillBadge />}
        {incident.private && <span className="badge private">private</span>}
      </div>
      <dl className="warroom-facts">
        <div>
          <dt>Status</dt>
          <dd className="status">{incident.status}</dd>
        </div>
        <div>
          <dt>Commander</dt>
          <dd>@{incident.commander}</dd>
        </div>
        <div>
          <dt>Elapsed</dt>
          <dd>
            <Elapsed since={incident.declaredAt} until={incident.resolvedAt} />
          </dd>
        </div>
        <div>
          <dt>Next update</dt>
          <dd>
            <UpdateCountdown due={incident.updateClock.nextUpdateDue} resolved={resolved} />
          </dd>
        </div>
        <div>
          <dt>Impact</dt>
          <dd>{incident.impact || <span className="muted">not stated</span>}</dd>
        </div>
        <div>
          <dt>Live</dt>
          <dd className={`live-state live-${live}`}>{live === "live" ? "● live" : `○ ${live}…`}</dd>
        </div>
      </dl>
      <nav className="warroom-links" aria-label="Incident">
        <Link to="/incidents">← All incidents</Link>
        <Link to={`/incidents/${encodeURIComponent(incident.id)}/postmortem`}>Postmortem</Link>
      </nav>
      {incident.flags.length > 0 && (
        <ul className="flags" aria-label="Needs attention">
          {incident.flags.map((flag) => (
            <li key={`${flag.code}:${flag.message}`} className={`flag flag-${flag.code}`}>
              {flag.message}
            </li>
          ))}
        </ul>
      )}
    </header>
  );
}
