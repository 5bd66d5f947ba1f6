/**
 * The postmortem: read the saved revision, or edit it with the linter's findings beside
 * the text (blame, missing sections, action items without owner or date). A first
 * revision starts from the draft the server writes from the incident's log.
 */
import { type FormEvent, useEffect, useMemo, useRef, useState } from "react";
import { ApiError, api, runCommand } from "../api/client";
import type { IncidentDetail, LintReport, PostmortemDraft, PostmortemRecord } from "../api/types";
import { Link } from "../router";
import { clockTime } from "../ui/clock";
import { ErrorBox, Findings, Section } from "../ui/parts";
import { focusById, type Shortcut, useShortcuts } from "../ui/shortcuts";
import { useApi } from "../ui/use-api";
import { MarkdownView } from "./markdown-view";
import "./postmortem.css";

const LINT_DELAY_MS = 400;

export function PostmortemPage({ incidentId }: { incidentId: string }) {
  const base = `/api/incidents/${encodeURIComponent(incidentId)}`;
  const incident = useApi(() => api.get<IncidentDetail>(base), [base]);
  const record = useApi(
    () =>
      api.get<PostmortemRecord>(`${base}/postmortem`).catch((error: unknown) => {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }),
    [base],
  );
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState("");
  const [lint, setLint] = useState<LintReport | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [heldBack, setHeldBack] = useState(0);

  useEffect(() => {
    if (!editing || text.trim() === "") return;
    let current = true;
    const timer = setTimeout(() => {
      api.post<LintReport>("/api/postmortem/lint", { markdown: text }).then(
        (report) => current && setLint(report),
        (err: unknown) => current && setError(err),
      );
    }, LINT_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [editing, text]);

  const startEditing = async () => {
    setError(null);
    if (record.data) {
      setText(record.data.markdown);
    } else {
      try {
        const draft = await api.get<PostmortemDraft>(`${base}/postmortem/draft`);
        setText(draft.markdown);
        setHeldBack(draft.heldBack);
      } catch (err) {
        setError(err);
        return;
      }
    }
    setEditing(true);
    setTimeout(() => focusById("postmortem-text"), 0);
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await runCommand(incidentId, {
        type: "save-postmortem",
        markdown: text,
        baseRevision: record.data?.latestRevision ?? 0,
      });
      setEditing(false);
      setError(null);
      record.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const publish = async () => {
    setBusy(true);
    try {
      await runCommand(incidentId, { type: "publish-postmortem" });
      setError(null);
      record.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const edit = useRef(startEditing);
  edit.current = startEditing;
  const shortcuts = useMemo<Shortcut[]>(
    () => [{ key: "e", description: "Edit the postmortem", run: () => void edit.current() }],
    [],
  );
  useShortcuts(shortcuts);

  const saved = record.data;
  return (
    <div className="postmortem">
      <div className="page-head">
        <h1>
          Postmortem · <span className="mono">{incidentId}</span> {incident.data?.title}
        </h1>
      </div>
      <nav className="warroom-links" aria-label="Incident">
        <Link to={`/incidents/${encodeURIComponent(incidentId)}`}>← War room</Link>
      </nav>
      <ErrorBox error={incident.error ?? record.error ?? error} />
      {saved && !editing && (
        <p className="muted" role="status">
          Revision {saved.latestRevision} saved {clockTime(saved.at)} by @{saved.by}
          {saved.published.length > 0
            ? ` · published as version ${saved.published.at(-1)?.version}${saved.unpublishedChanges ? " (newer changes not published)" : ""}`
            : " · not published"}
        </p>
      )}
      {editing ? (
        <form className="postmortem-editor" onSubmit={save}>
          <div className="editor-text">
            <label>
              Postmortem (Markdown)
              <textarea id="postmortem-text" rows={28} value={text} onChange={(e) => setText(e.target.value)} />
            </label>
            {heldBack > 0 && (
              <p className="muted">
                {heldBack} piece(s) of logged wording were left out of the draft because they read as blame.
              </p>
            )}
            <div className="form-row">
              <button type="submit" className="primary" disabled={busy}>
                Save revision
              </button>
              <button type="button" onClick={() => setEditing(false)}>
                Cancel
              </button>
            </div>
          </div>
          <Section title="Findings">
            {lint ? (
              <>
                <p className={lint.ok ? "lint-ok" : "lint-bad"}>{lint.ok ? "No errors" : "Has errors to fix"}</p>
                <Findings findings={lint.findings} empty="Nothing to fix." />
              </>
            ) : (
              <p className="muted">Checking…</p>
            )}
          </Section>
        </form>
      ) : (
        <>
          <div className="form-row">
            <button type="button" className="primary" onClick={() => void startEditing()}>
              {saved ? "Edit" : "Draft the postmortem"}
            </button>
            {saved?.unpublishedChanges && (
              <button type="button" onClick={() => void publish()} disabled={busy}>
                Publish revision {saved.latestRevision}
              </button>
            )}
          </div>
          {saved ? (
            <article className="panel">
              <MarkdownView markdown={saved.markdown} />
            </article>
          ) : (
            record.data === null && !record.loading && <p className="muted">No postmortem saved yet.</p>
          )}
        </>
      )}
    </div>
  );
}
