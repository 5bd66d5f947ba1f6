/** One matching timeline entry: which incident, when, who, what kind, and the words in context. */
import type { SearchHit } from "../api/search-types";
import { Link } from "../router";
import { clockTime, formatDuration, useNow } from "../ui/clock";
import { DrillBadge, SeverityBadge } from "../ui/parts";
import { Highlighted } from "./highlight";

export function SearchHitItem({ hit, terms }: { hit: SearchHit; terms: readonly string[] }) {
  // The snippet is cut from the matched field; the whole entry reads as the timeline shows it.
  const cut = hit.snippet.startsWith("…") || hit.snippet.endsWith("…");
  return (
    <li className={`search-hit ch-${hit.channel}`} data-incident={hit.incidentId} data-position={hit.position}>
      <div className="search-hit-head">
        <SeverityBadge severity={hit.severity} />
        <Link to={`/incidents/${encodeURIComponent(hit.incidentId)}`} className="incident-title">
          <span className="mono">{hit.incidentId}</span> {hit.incidentTitle}
        </Link>
        <span className="status">{hit.status}</span>
        {hit.mode === "drill" && <DrillBadge />}
        {hit.private && <span className="badge private">private</span>}
      </div>
      <div className="search-hit-meta muted">
        <When at={hit.at} /> · <span className="entry-by">@{hit.by}</span> ·{" "}
        <span className="entry-type">{hit.type}</span> · <span className="entry-channel">{hit.channel}</span>
        {hit.field !== "text" && <> · in {hit.field}</>}
      </div>
      <p className="search-snippet">
        <Highlighted text={hit.snippet} terms={terms} />
      </p>
      {cut && (
        <details className="search-whole">
          <summary>Whole entry</summary>
          <p>
            <Highlighted text={hit.text} terms={terms} />
          </p>
        </details>
      )}
    </li>
  );
}

/** Time of day, the day too when it was not today, and how long ago; the full UTC time on hover. */
function When({ at }: { at: string }) {
  const now = useNow();
  const when = new Date(at);
  const sameDay = when.toDateString() === new Date(now).toDateString();
  const day = sameDay
    ? ""
    : `${when.toLocaleDateString([], {
        month: "short",
        day: "numeric",
        ...(when.getFullYear() === new Date(now).getFullYear() ? {} : { year: "numeric" }),
      })} `;
  return (
    <time dateTime={at} title={`${at.replace("T", " ").slice(0, 19)} UTC`} className="mono">
      {day}
      {clockTime(at)} ({formatDuration((now - when.getTime()) / 1000)} ago)
    </time>
  );
}
