/** Small shared pieces: severity and status badges, countdowns, error boxes, findings. */
import type { ReactNode } from "react";
import { ApiError } from "../api/client";
import type { Finding, Severity } from "../api/types";
import { clockTime, formatDuration, useNow } from "./clock";

export function SeverityBadge({ severity }: { severity: Severity }) {
  return <span className={`sev sev-${severity.toLowerCase()}`}>{severity}</span>;
}

export function DrillBadge() {
  return (
    <span className="badge drill" title="A drill: practice, not a live incident">
      DRILL
    </span>
  );
}

export function Elapsed({ since, until }: { since: string; until?: string | null }) {
  const now = useNow();
  const end = until ? Date.parse(until) : now;
  return <span className="mono">{formatDuration((end - Date.parse(since)) / 1000)}</span>;
}

/** Next-update countdown; past due it turns into an unmissable OVERDUE badge. */
export function UpdateCountdown({ due, resolved }: { due: string | null; resolved: boolean }) {
  const now = useNow();
  if (resolved) return <span className="muted">resolved</span>;
  if (due === null) return <span className="muted">no cadence</span>;
  const left = (Date.parse(due) - now) / 1000;
  if (left < 0) {
    return (
      <span className="overdue" role="status">
        OVERDUE {formatDuration(-left)}
      </span>
    );
  }
  return (
    <span className={left < 120 ? "due-soon mono" : "mono"} title={`due ${clockTime(due)}`}>
      in {formatDuration(left)}
    </span>
  );
}

export function ErrorBox({ error }: { error: unknown }) {
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  const fields = error instanceof ApiError ? error.fields : [];
  return (
    <div className="error-box" role="alert">
      <p>{message}</p>
      {fields.length > 0 && (
        <ul>
          {fields.map((f) => (
            <li key={`${f.field}:${f.message}`}>
              <strong>{f.field}</strong>: {f.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function Findings({ findings, empty }: { findings: Finding[]; empty?: ReactNode }) {
  if (findings.length === 0) return <p className="muted">{empty ?? "No findings."}</p>;
  return (
    <ul className="findings">
      {findings.map((f, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a finding has no id; the list is replaced whole
        <li key={`${f.rule}:${i}`} className={`finding finding-${f.severity}`}>
          <span className="finding-severity">{f.severity}</span> <span className="finding-rule">{f.rule}</span>
          <div>{f.message}</div>
          {f.excerpt && <q className="finding-excerpt">{f.excerpt}</q>}
        </li>
      ))}
    </ul>
  );
}

export function Section({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  const id = `section-${title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
  return (
    <section className="panel" aria-labelledby={id}>
      <div className="panel-head">
        <h2 id={id}>{title}</h2>
        {actions}
      </div>
      {children}
    </section>
  );
}
