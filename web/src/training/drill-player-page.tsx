/**
 * The drill player: the people's feed as it happens, the trainee's command box (the CLI
 * drill's lines: assign, task, option, decide, update, say, ask, wait…), the virtual
 * clock with controls to move it, the briefing and who is in the room, and finishing
 * (scored, optionally kept in the trainee's record).
 */
import { type FormEvent, type KeyboardEvent, useEffect, useMemo, useRef, useState } from "react";
import { api } from "../api/client";
import { getSession } from "../api/session";
import { Link, navigate } from "../router";
import { ErrorBox } from "../ui/parts";
import { focusById, type Shortcut, useShortcuts } from "../ui/shortcuts";
import { useApi } from "../ui/use-api";
import { CommandHelp } from "./command-help";
import { DrillClockPanel } from "./drill-clock-panel";
import { DrillFeedList } from "./drill-feed-list";
import type { DrillDetail, DrillReport, InputResult } from "./types";
import { useDrillFeed } from "./use-drill-feed";
import "./training.css";

export function DrillPlayerPage({ drillId }: { drillId: string }) {
  const drill = useApi(() => api.get<DrillDetail>(`/api/drills/${encodeURIComponent(drillId)}`), [drillId]);
  const { feed, clock, finished, live, merge } = useDrillFeed(drillId);
  const [line, setLine] = useState("");
  const [sent, setSent] = useState<string[]>([]);
  const [recall, setRecall] = useState(-1);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [confirming, setConfirming] = useState(false);
  const [record, setRecord] = useState(true);
  const [helpOpen, setHelpOpen] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const path = `/api/drills/${encodeURIComponent(drillId)}`;
  const me = getSession()?.handle ?? "";
  const detail = drill.data;
  const mine = detail !== null && detail.trainee.toLowerCase() === me.toLowerCase();

  useEffect(() => {
    if (mine) input.current?.focus();
  }, [mine]);

  const run = async (fn: () => Promise<InputResult>) => {
    setBusy(true);
    setError(null);
    try {
      const answer = await fn();
      merge(answer.feed, answer.clock);
      return true;
    } catch (err) {
      setError(err);
      return false;
    } finally {
      setBusy(false);
    }
  };
  const advance = (by: string) => run(() => api.post<InputResult>(`${path}/clock`, { advance: by }));
  const setSpeed = (speed: number) => run(() => api.post<InputResult>(`${path}/clock`, { speed }));

  const finish = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.post<DrillReport>(`${path}/finish`, { record });
      navigate(`/training/drills/${drillId}/report`);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const text = line.trim();
    if (text === "") return;
    const word = text.split(/\s+/)[0]?.toLowerCase();
    if (word === "help") {
      setHelpOpen(true);
      setLine("");
      return;
    }
    if (word === "end") {
      setConfirming(true);
      setLine("");
      return;
    }
    const ok = await run(() => api.post<InputResult>(`${path}/commands`, { line: text }));
    if (ok) {
      setSent((s) => [...s, text]);
      setRecall(-1);
      setLine("");
    }
    input.current?.focus();
  };

  // Up and down walk through what was sent, as in a terminal.
  const onKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== "ArrowUp" && event.key !== "ArrowDown") return;
    if (sent.length === 0) return;
    event.preventDefault();
    const next = event.key === "ArrowUp" ? Math.min(sent.length - 1, recall + 1) : Math.max(-1, recall - 1);
    setRecall(next);
    setLine(next < 0 ? "" : (sent[sent.length - 1 - next] ?? ""));
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: advance only closes over the drill's path
  const shortcuts = useMemo<Shortcut[]>(
    () => [
      { key: "c", description: "Drill: focus the command box", run: () => focusById("drill-command") },
      { key: "+", description: "Drill: let one virtual minute pass", run: () => void advance("1m") },
    ],
    [drillId],
  );
  useShortcuts(shortcuts);

  if (drill.error) {
    return (
      <div className="training">
        <ErrorBox error={drill.error} />
        <Link to="/training">Back to the scenarios</Link>
      </div>
    );
  }
  if (!detail) return <p className="muted">Opening the drill…</p>;
  const scenario = detail.scenarioDetail;
  const now = clock ?? detail.clock;
  const done = finished || detail.status === "finished";

  return (
    <div className="training drill-player">
      <div className="page-head">
        <h1>
          {scenario.title} <span className="badge drill">DRILL</span>
        </h1>
        <span className="muted">
          {detail.trainee} in command · <span className={`live live-${live}`}>{live}</span>
        </span>
      </div>

      <DrillClockPanel
        clock={now}
        controls={mine && !done}
        busy={busy}
        gone={live === "ended" && !done}
        onAdvance={(by) => void advance(by)}
        onSpeed={(speed) => void setSpeed(speed)}
      />

      <div className="drill-layout">
        <section className="panel drill-feed" aria-labelledby="feed-title">
          <div className="panel-head">
            <h2 id="feed-title">War room</h2>
            <span className="muted">{feed.length} lines</span>
          </div>
          <DrillFeedList feed={feed} trainee={detail.trainee} />
          {mine && !done && (
            <form className="command-box" onSubmit={(e) => void submit(e)}>
              <label htmlFor="drill-command">Your command (as in the CLI drill; help lists them)</label>
              <div className="command-row">
                <input
                  id="drill-command"
                  ref={input}
                  value={line}
                  onChange={(e) => setLine(e.target.value)}
                  onKeyDown={onKey}
                  autoComplete="off"
                  spellCheck={false}
                  placeholder="say Sarah, how long would a restore take?"
                  aria-describedby="command-hint"
                />
                <button type="submit" className="primary" disabled={busy || line.trim() === ""}>
                  Send
                </button>
              </div>
              <p id="command-hint" className="muted small">
                e.g. <code>declare "Sign-in failing" --sev 1</code> · <code>assign tech-lead sarah-db</code> ·{" "}
                <code>ask lisa-sre how long would a failover take?</code> · <code>wait 2m</code>
              </p>
              <ErrorBox error={error} />
            </form>
          )}
          {!mine && !done && <p className="muted">You are watching {detail.trainee}'s drill.</p>}
        </section>

        <aside className="drill-side">
          {mine && !done && (
            <section className="panel" aria-labelledby="finish-title">
              <h2 id="finish-title">Finish</h2>
              <label className="inline">
                <input type="checkbox" checked={record} onChange={(e) => setRecord(e.target.checked)} />
                Keep this run in my training record
              </label>
              {confirming ? (
                <div className="form-row">
                  <button type="button" className="primary" onClick={() => void finish()} disabled={busy}>
                    Yes, finish and score
                  </button>
                  <button type="button" onClick={() => setConfirming(false)}>
                    Not yet
                  </button>
                </div>
              ) : (
                <button type="button" onClick={() => setConfirming(true)} disabled={busy}>
                  Finish and score
                </button>
              )}
            </section>
          )}
          {done && (
            <section className="panel" role="status">
              <h2>The drill is over</h2>
              <Link to={`/training/drills/${drillId}/report`}>See the score report</Link>
            </section>
          )}
          <section className="panel" aria-labelledby="people-title">
            <h2 id="people-title">In the room</h2>
            <ul className="people">
              {scenario.people.map((p) => (
                <li key={p.handle}>
                  <strong>{p.handle}</strong> <span className="muted">{p.role}</span>
                  {mine && !done && (
                    <button
                      type="button"
                      className="link"
                      onClick={() => {
                        setLine(`ask ${p.handle} `);
                        input.current?.focus();
                      }}
                      aria-label={`Ask ${p.handle} something`}
                    >
                      ask
                    </button>
                  )}
                </li>
              ))}
            </ul>
          </section>
          {scenario.frontKeys.length > 0 && (
            <section className="panel" aria-labelledby="fronts-title">
              <h2 id="fronts-title">Several incidents at once</h2>
              <p className="muted small">
                Declare one incident per front; name the one a command is for with <code>--incident</code>.
              </p>
              <ul className="people">
                {scenario.frontKeys.map((f) => (
                  <li key={f.key}>
                    <code>--incident {f.key}</code> <span className="muted">{f.title}</span>
                  </li>
                ))}
              </ul>
            </section>
          )}
          <details className="panel" open={feed.length === 0}>
            <summary>Briefing</summary>
            <div className="briefing">{scenario.briefing}</div>
            <h3>Objectives</h3>
            <ul>
              {scenario.objectives.map((o) => (
                <li key={o}>{o}</li>
              ))}
            </ul>
          </details>
          <CommandHelp open={helpOpen} onToggle={setHelpOpen} />
        </aside>
      </div>
    </div>
  );
}
