/**
 * The war room for one incident: the header with its clocks, the live timeline, and the
 * panels to run it (roles, updates, work, decisions, action items, resolve). The timeline
 * comes with the incident and then live from its stream; the rest is re-read (debounced)
 * whenever an entry arrives, so two commanders see each other's changes within a second.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { api } from "../api/client";
import { useLiveStream } from "../api/live";
import type { IncidentDetail, LiveEntry, Policy, TimelineEntry } from "../api/types";
import { ErrorBox } from "../ui/parts";
import { focusById, type Shortcut, useShortcuts } from "../ui/shortcuts";
import { useApi } from "../ui/use-api";
import { ActionItemsPanel } from "./action-items-panel";
import { ClocksPanel } from "./clocks-panel";
import { DecisionsPanel } from "./decisions-panel";
import { WarRoomHeader } from "./header";
import { ResolvePanel } from "./resolve-panel";
import { RolesPanel } from "./roles-panel";
import { StatusPanel } from "./status-panel";
import { TimelinePanel } from "./timeline-panel";
import { UpdateComposer } from "./update-composer";
import { WorkPanel } from "./work-panel";
import "./war-room.css";

const REFRESH_DELAY_MS = 300;

function timelineHeight(): number {
  return Math.round(Math.max(320, Math.min(900, window.innerHeight - 300)));
}

export function WarRoomPage({ incidentId }: { incidentId: string }) {
  const [incident, setIncident] = useState<IncidentDetail | null>(null);
  const [entries, setEntries] = useState<TimelineEntry[]>([]);
  const [after, setAfter] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const policy = useApi(() => api.get<Policy>("/api/policy"), []);
  const path = `/api/incidents/${encodeURIComponent(incidentId)}`;

  // The whole timeline comes once; after that the live stream brings each entry, and a
  // refresh re-reads the incident without it (a few KB, not megabytes on a long incident).
  const timelineOf = useRef<string | null>(null);
  const load = useCallback(async () => {
    try {
      if (timelineOf.current === path) {
        const view = await api.get<Omit<IncidentDetail, "timeline">>(`${path}?timeline=false`);
        setIncident((current) => ({ ...view, timeline: current?.timeline ?? [] }));
        setError(null);
        return;
      }
      const detail = await api.get<IncidentDetail>(path);
      timelineOf.current = path;
      setIncident(detail);
      setError(null);
      // The server's timeline is complete; keep ours only if live entries already went past it.
      setEntries((mine) => {
        const theirs = detail.timeline;
        const mineLast = mine.at(-1)?.position ?? -1;
        return (theirs.at(-1)?.position ?? -1) >= mineLast ? theirs : mine;
      });
      setAfter((current) => current ?? detail.timeline.at(-1)?.position ?? 0);
    } catch (err) {
      setError(err);
    }
  }, [path]);

  useEffect(() => {
    void load();
  }, [load]);

  const pending = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const refreshSoon = useCallback(() => {
    if (pending.current !== undefined) return;
    pending.current = setTimeout(() => {
      pending.current = undefined;
      void load();
    }, REFRESH_DELAY_MS);
  }, [load]);
  useEffect(() => () => clearTimeout(pending.current), []);

  const onEntry = useCallback(
    (entry: LiveEntry) => {
      setEntries((mine) => ((mine.at(-1)?.position ?? -1) < entry.position ? [...mine, entry] : mine));
      // A note changes nothing but the timeline: no need to re-read the whole incident.
      if (entry.type !== "NoteAdded") refreshSoon();
    },
    [refreshSoon],
  );
  const live = useLiveStream(`${path}/stream`, after, onEntry);

  const [height, setHeight] = useState(timelineHeight);
  useEffect(() => {
    const onResize = () => setHeight(timelineHeight());
    window.addEventListener("resize", onResize);
    return () => window.removeEventListener("resize", onResize);
  }, []);

  // For bench/web-timeline.ts: the first render with the incident on screen.
  const marked = useRef(false);
  useLayoutEffect(() => {
    if (incident && !marked.current) {
      marked.current = true;
      performance.mark("warroom:rendered");
    }
  }, [incident]);

  const shortcuts = useMemo<Shortcut[]>(
    () => [
      { key: "n", description: "Write a note on the timeline", run: () => focusById("note-text") },
      { key: "f", description: "Search the timeline", run: () => focusById("timeline-search") },
      { key: "u", description: "Compose an update", run: () => focusById("update-text") },
      { key: "a", description: "Assign a role", run: () => focusById("assign-person") },
      { key: "t", description: "Assign a task", run: () => focusById("task-title") },
      { key: "o", description: "Propose an option", run: () => focusById("option-title") },
      { key: "d", description: "Record a decision", run: () => focusById("decision-rationale") },
      { key: "i", description: "Add an action item", run: () => focusById("action-title") },
      { key: "r", description: "Resolve (write the summary)", run: () => focusById("resolve-summary") },
      {
        key: "p",
        description: "Open the postmortem",
        run: () => (window.location.hash = `/incidents/${incidentId}/postmortem`),
      },
    ],
    [incidentId],
  );
  useShortcuts(shortcuts);

  if (!incident) {
    return error ? <ErrorBox error={error} /> : <p className="muted">Loading {incidentId}…</p>;
  }
  const roles = policy.data?.roles ?? [];
  const resolved = incident.status === "resolved";
  return (
    <div className="warroom">
      <WarRoomHeader incident={incident} live={live} />
      <ErrorBox error={error} />
      <div className="warroom-grid">
        <div className="warroom-main">
          <TimelinePanel incidentId={incident.id} entries={entries} onChange={refreshSoon} height={height} />
          <UpdateComposer incident={incident} onChange={refreshSoon} />
        </div>
        <div className="warroom-side">
          <RolesPanel incident={incident} roles={roles} onChange={refreshSoon} />
          {!resolved && <StatusPanel incident={incident} onChange={refreshSoon} />}
          <WorkPanel incident={incident} onChange={refreshSoon} />
          {!resolved && <ClocksPanel incident={incident} onChange={refreshSoon} />}
          <DecisionsPanel incident={incident} onChange={refreshSoon} />
          <ActionItemsPanel incident={incident} onChange={refreshSoon} />
          <ResolvePanel incident={incident} onChange={refreshSoon} />
        </div>
      </div>
    </div>
  );
}
