/** The scenario catalogue: what each drill trains, how hard and how long; start one, or resume yours. */
import { useState } from "react";
import { api } from "../api/client";
import { getSession } from "../api/session";
import { Link, navigate } from "../router";
import { ErrorBox, Section } from "../ui/parts";
import { useApi } from "../ui/use-api";
import type { DrillDetail, DrillSummary, ScenarioSummary } from "./types";
import "./training.css";

const LEVELS = ["beginner", "intermediate", "advanced", "expert"];

/** Easiest first, so a new trainee meets the gentle ones first; the exam last. */
function sortByLevel(list: ScenarioSummary[]): ScenarioSummary[] {
  return [...list].sort((a, b) => LEVELS.indexOf(a.difficulty) - LEVELS.indexOf(b.difficulty));
}

export function CataloguePage() {
  const me = getSession()?.handle ?? "";
  const scenarios = useApi(() => api.get<ScenarioSummary[]>("/api/scenarios"), []);
  const mine = useApi(() => api.get<DrillSummary[]>("/api/drills", { trainee: me, status: "running" }), [me]);
  const [starting, setStarting] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const start = async (scenario: string) => {
    setStarting(scenario);
    setError(null);
    try {
      const drill = await api.post<DrillDetail>("/api/drills", { scenario });
      navigate(`/training/drills/${drill.id}`);
    } catch (err) {
      setError(err);
      setStarting(null);
    }
  };

  return (
    <div className="training">
      <div className="page-head">
        <h1>Training</h1>
        <Link to={`/training/history/${encodeURIComponent(me)}`}>Your training record</Link>
      </div>
      <p className="muted">
        Drills run on the real engine in a scripted war room: people talk, ask and push back on a virtual clock, and you
        answer with the same commands as in a live incident. At the end every rubric item is scored with its evidence.
      </p>
      <ErrorBox error={error} />
      {mine.data && mine.data.length > 0 && (
        <Section title="Your drills in progress">
          <ul className="plain">
            {mine.data.map((d) => (
              <li key={d.id}>
                <Link to={`/training/drills/${d.id}`}>{d.scenario.title}</Link>{" "}
                <span className="muted mono">
                  {d.clock.clock} · {d.clock.offsetText}
                </span>
              </li>
            ))}
          </ul>
        </Section>
      )}
      <ErrorBox error={scenarios.error} />
      {scenarios.loading && !scenarios.data && <p className="muted">Loading the scenarios…</p>}
      <ul className="scenario-grid" aria-label="Scenarios">
        {sortByLevel(scenarios.data ?? []).map((s) => (
          <li key={s.id} className="panel scenario-card">
            <h2 id={`scenario-${s.id}`}>{s.title}</h2>
            <p className="scenario-meta">
              <span className={`level level-${s.difficulty}`}>{s.difficulty}</span>
              <span>{s.duration}</span>
              <span>starts {s.startsAt}</span>
              <span>{s.cast} people</span>
              {s.fronts > 1 && <span>{s.fronts} incidents at once</span>}
              {s.certifies && <span className="badge cert">CERTIFIES</span>}
            </p>
            <h3>What it trains</h3>
            <ul className="objectives">
              {s.objectives.map((o) => (
                <li key={o}>{o}</li>
              ))}
            </ul>
            <p className="muted">
              Scored on {s.groups.map((g) => `${g.name} ${g.points}`).join(" · ")}; pass mark {s.passPercent}%.
            </p>
            <button
              type="button"
              className="primary"
              onClick={() => void start(s.id)}
              disabled={starting !== null}
              aria-describedby={`scenario-${s.id}`}
            >
              {starting === s.id ? "Starting…" : "Start drill"}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
