/** The virtual clock: wall time, offset, progress, and (for the trainee) the controls that move it. */
import { Link } from "../router";
import type { DrillClock } from "./types";

const SPEEDS = [
  { value: 0, label: "Stopped" },
  { value: 1, label: "Real time" },
  { value: 10, label: "10× faster" },
  { value: 60, label: "60× faster" },
];

export function DrillClockPanel({
  clock,
  controls,
  busy,
  gone,
  onAdvance,
  onSpeed,
}: {
  clock: DrillClock;
  /** Show the controls (the trainee, while the drill runs). */
  controls: boolean;
  busy: boolean;
  /** The drill is no longer on the server. */
  gone: boolean;
  onAdvance: (by: string) => void;
  onSpeed: (speed: number) => void;
}) {
  const timeUp = controls && clock.offset >= clock.duration;
  const progress = Math.min(100, Math.round((clock.offset / Math.max(1, clock.duration)) * 100));
  return (
    <section className="panel drill-clock" aria-label="Virtual clock">
      <div className="clock-face">
        <span className="clock-time mono" aria-live="off">
          {clock.clock}
        </span>
        <span className="mono muted">
          {clock.offsetText} of {Math.round(clock.duration / 60)}m
        </span>
      </div>
      <progress max={100} value={progress} aria-label={`Drill time used: ${progress}%`} />
      {controls && (
        <div className="clock-controls">
          <span className="muted">Let time pass:</span>
          {["30s", "1m", "5m"].map((by) => (
            <button key={by} type="button" onClick={() => onAdvance(by)} disabled={busy}>
              +{by}
            </button>
          ))}
          <label className="inline">
            Clock
            <select value={clock.speed} onChange={(e) => onSpeed(Number(e.target.value))} disabled={busy}>
              {SPEEDS.map((s) => (
                <option key={s.value} value={s.value}>
                  {s.label}
                </option>
              ))}
              {!SPEEDS.some((s) => s.value === clock.speed) && <option value={clock.speed}>{clock.speed}×</option>}
            </select>
          </label>
        </div>
      )}
      {gone && (
        <p className="time-up" role="alert">
          This drill is no longer on the server (left idle too long, or the server restarted).{" "}
          <Link to="/training">Start a new one</Link>
        </p>
      )}
      {timeUp && !gone && (
        <p className="time-up" role="status">
          The scenario's time is up. Finish to get your score.
        </p>
      )}
    </section>
  );
}
