/** The incident list: live, filtered, with the update clocks and the declare form. */

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { api } from "../api/client";
import { useLiveStream } from "../api/live";
import { type IncidentSummary, SEVERITIES } from "../api/types";
import { Link, navigate } from "../router";
import { keepSearchFocus, SEARCH_BOX_ID, SearchBox } from "../search/search-box";
import { searchPath } from "../search/search-path";
import { type KindFilter, KindFilterSelect, type StatusFilter, StatusFilterSelect } from "../ui/incident-filters";
import { DrillBadge, Elapsed, ErrorBox, SeverityBadge, UpdateCountdown } from "../ui/parts";
import { focusById, type Shortcut, useShortcuts } from "../ui/shortcuts";
import { useApi } from "../ui/use-api";
import { DeclareForm } from "./declare-form";
import { TriageSlot } from "./triage-slot";

export function IncidentListPage() {
  const [status, setStatus] = useState<StatusFilter>("open");
  const [severity, setSeverity] = useState("");
  const [mode, setMode] = useState<KindFilter>("");
  const [search, setSearch] = useState("");
  const [refresh, setRefresh] = useState(0);
  const list = useApi(
    () =>
      api.get<{ incidents: IncidentSummary[] }>("/api/incidents", {
        status,
        severity: severity || undefined,
        mode: mode || undefined,
      }),
    [status, severity, mode, refresh],
  );
  const head = useApi(() => api.get<{ position: number }>("/healthz"), []);

  // Any live entry may change a row: reload, at most about four times a second.
  const pending = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const onEntry = useCallback(() => {
    if (pending.current !== undefined) return;
    pending.current = setTimeout(() => {
      pending.current = undefined;
      setRefresh((n) => n + 1);
    }, 250);
  }, []);
  useEffect(() => () => clearTimeout(pending.current), []);
  const live = useLiveStream("/api/stream", head.data?.position ?? null, onEntry);

  const shown = useMemo(() => {
    const words = search.trim().toLowerCase();
    const all = list.data?.incidents ?? [];
    if (!words) return all;
    return all.filter((i) => `${i.id} ${i.title} ${i.commander}`.toLowerCase().includes(words));
  }, [list.data, search]);

  const shortcuts = useMemo<Shortcut[]>(
    () => [
      { key: "n", description: "Declare a new incident", run: () => focusById("declare-title-input") },
      {
        key: "/",
        description: "Search: typing filters the list, Enter searches every timeline, Escape clears",
        run: () => focusById(SEARCH_BOX_ID),
      },
    ],
    [],
  );
  // Enter: the server searches every timeline, within the kind of incidents the list shows.
  const searchTimelines = (words: string) => {
    keepSearchFocus();
    navigate(searchPath({ q: words, status, ...(mode ? { mode } : {}) }));
  };
  useShortcuts(shortcuts);

  return (
    <div className="incident-list">
      <div className="page-head">
        <h1>Incidents</h1>
        <span className={`live-state live-${live}`} role="status">
          {live === "live" ? "● live" : live === "connecting" ? "○ connecting…" : "○ reconnecting…"}
        </span>
      </div>
      <DeclareForm />
      <TriageSlot refresh={refresh} />
      <section className="panel" aria-labelledby="list-title">
        <div className="panel-head">
          <h2 id="list-title">
            {status === "open" ? "Open incidents" : status === "resolved" ? "Resolved incidents" : "All incidents"}
          </h2>
          <div className="form-row filters">
            <SearchBox
              value={search}
              onChange={setSearch}
              onSearch={searchTimelines}
              placeholder="filter by id, title, commander; Enter searches timelines"
            />
            <StatusFilterSelect value={status} onChange={setStatus} />
            <label>
              Severity
              <select value={severity} onChange={(e) => setSeverity(e.target.value)}>
                <option value="">any</option>
                {SEVERITIES.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            </label>
            <KindFilterSelect value={mode} onChange={setMode} />
          </div>
        </div>
        <ErrorBox error={list.error} />
        <div className="table-scroll">
          <table className="incidents">
            <thead>
              <tr>
                <th scope="col">Severity</th>
                <th scope="col">Incident</th>
                <th scope="col">Status</th>
                <th scope="col">Commander</th>
                <th scope="col">Elapsed</th>
                <th scope="col">Next update</th>
                <th scope="col" className="hide-narrow">
                  Needs attention
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((incident) => (
                <IncidentRow key={incident.id} incident={incident} />
              ))}
            </tbody>
          </table>
        </div>
        {list.data && shown.length === 0 && (
          <p className="muted">
            No incidents match.
            {search.trim() && " Press Enter in the search box to look for it in every incident's timeline."}
          </p>
        )}
      </section>
    </div>
  );
}

function IncidentRow({ incident }: { incident: IncidentSummary }) {
  const resolved = incident.status === "resolved";
  const to = `/incidents/${encodeURIComponent(incident.id)}`;
  return (
    <tr className={incident.overdue ? "row-overdue" : undefined} data-incident={incident.id}>
      <td>
        <SeverityBadge severity={incident.severity} />
      </td>
      <td>
        <Link to={to} className="incident-title">
          <span className="mono">{incident.id}</span> {incident.title}
        </Link>
        {incident.mode === "drill" && <DrillBadge />}
        {incident.private && <span className="badge private">private</span>}
      </td>
      <td className="status">{incident.status}</td>
      <td>@{incident.commander}</td>
      <td>
        <Elapsed since={incident.declaredAt} until={incident.resolvedAt} />
      </td>
      <td>
        <UpdateCountdown due={incident.nextUpdateDue} resolved={resolved} />
      </td>
      <td className="hide-narrow">{incident.attention.join(" · ")}</td>
    </tr>
  );
}
