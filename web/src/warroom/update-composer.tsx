/**
 * The update composer: pick the audience, start from a draft filled from the incident,
 * and see the text analyser's findings for that audience as you type (POST /api/lint,
 * nothing stored) before publishing.
 */
import { type FormEvent, useEffect, useState } from "react";
import { api, serverNow } from "../api/client";
import { AUDIENCES, type Audience, type IncidentDetail, type LintReport } from "../api/types";
import { clockTime } from "../ui/clock";
import { ErrorBox, Findings, Section } from "../ui/parts";
import { useCommand } from "./use-command";

const LINT_DELAY_MS = 300;

export function UpdateComposer({ incident, onChange }: { incident: IncidentDetail; onChange: () => void }) {
  const publish = useCommand(incident.id, onChange);
  const [audience, setAudience] = useState<Audience>("team");
  const [text, setText] = useState("");
  const [nextInMinutes, setNextInMinutes] = useState("");
  const [lint, setLint] = useState<LintReport | null>(null);
  const [lintError, setLintError] = useState<unknown>(null);
  const [draftError, setDraftError] = useState<unknown>(null);

  useEffect(() => {
    if (text.trim() === "") {
      setLint(null);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      api.post<LintReport>("/api/lint", { text, audience }).then(
        (report) => {
          if (!current) return;
          setLint(report);
          setLintError(null);
        },
        (err: unknown) => current && setLintError(err),
      );
    }, LINT_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [text, audience]);

  const fillDraft = async () => {
    try {
      const draft = await api.get<{ text: string }>(`/api/incidents/${encodeURIComponent(incident.id)}/updates/draft`, {
        audience,
      });
      setText(draft.text);
      setDraftError(null);
    } catch (err) {
      setDraftError(err);
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const minutes = Number(nextInMinutes);
    const command: { type: string } & Record<string, unknown> = { type: "publish-update", audience, text };
    if (nextInMinutes !== "" && Number.isFinite(minutes) && minutes > 0) {
      command.nextUpdateAt = new Date(serverNow() + minutes * 60_000).toISOString();
    }
    if (await publish.run(command)) {
      setText("");
      setNextInMinutes("");
    }
  };

  const resolved = incident.status === "resolved";
  const recent = incident.updates.slice(-3).reverse();
  return (
    <Section title="Updates">
      {!resolved && (
        <div className="composer">
          <form className="stack" onSubmit={submit}>
            <div className="form-row">
              <label>
                Audience
                <select id="update-audience" value={audience} onChange={(e) => setAudience(e.target.value as Audience)}>
                  {AUDIENCES.map((a) => (
                    <option key={a} value={a}>
                      {a}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                Next update in (min)
                <input
                  type="number"
                  min={1}
                  inputMode="numeric"
                  value={nextInMinutes}
                  onChange={(e) => setNextInMinutes(e.target.value)}
                />
              </label>
              <button type="button" onClick={() => void fillDraft()}>
                Fill a draft
              </button>
            </div>
            <label>
              Update text
              <textarea id="update-text" rows={6} value={text} onChange={(e) => setText(e.target.value)} required />
            </label>
            <div className="form-row">
              <button type="submit" className="primary" disabled={publish.busy}>
                Publish update
              </button>
              {lint && (
                <span className={lint.ok ? "lint-ok" : "lint-bad"} role="status">
                  {lint.ok ? "Reads well for this audience" : "Has an error for this audience"}
                </span>
              )}
            </div>
            <ErrorBox error={publish.error ?? draftError} />
          </form>
          <aside className="lint" aria-label="Text analyser findings">
            <h3>Findings</h3>
            <ErrorBox error={lintError} />
            {lint ? <Findings findings={lint.findings} /> : <p className="muted">Findings appear as you type.</p>}
          </aside>
        </div>
      )}
      {recent.length > 0 && (
        <ol className="published">
          {recent.map((u) => (
            <li key={u.id}>
              <span className="muted">
                {u.id} · {u.audience} · {clockTime(u.at)} · @{u.by}
              </span>
              <p className="update-text">{u.text}</p>
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}
