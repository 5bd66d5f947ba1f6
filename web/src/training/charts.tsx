/**
 * Two small charts in plain SVG (no chart library): horizontal bars (a score out of its
 * maximum) and lines over runs. Each carries a text summary for screen readers; colours
 * come from classes in charts.css so both themes keep their contrast.
 */
import "./charts.css";

export interface Bar {
  label: string;
  value: number | null;
  max: number;
  /** Shown at the end of the bar, e.g. "27/30". */
  text: string;
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

export function BarChart({ title, bars, mark }: { title: string; bars: Bar[]; mark?: number }) {
  const row = 30;
  const labelWidth = 150;
  const barWidth = 300;
  const width = labelWidth + barWidth + 70;
  const height = bars.length * row + 8;
  const summary = `${title}: ${bars.map((b) => `${b.label} ${b.text}`).join("; ")}`;
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={summary} className="bar-chart">
        <title>{summary}</title>
        {bars.map((bar, i) => {
          const share = bar.value === null || bar.max <= 0 ? 0 : Math.max(0, Math.min(1, bar.value / bar.max));
          const y = i * row + 4;
          const level = bar.value === null ? "none" : share >= 0.8 ? "good" : share >= 0.5 ? "fair" : "poor";
          return (
            <g key={bar.label}>
              <text x={labelWidth - 8} y={y + 16} textAnchor="end" className="chart-label">
                {bar.label}
              </text>
              <rect x={labelWidth} y={y + 3} width={barWidth} height={18} rx={3} className="chart-track" />
              <rect
                x={labelWidth}
                y={y + 3}
                width={Math.round(barWidth * share)}
                height={18}
                rx={3}
                className={`chart-bar chart-${level}`}
              />
              <text x={labelWidth + barWidth + 8} y={y + 16} className="chart-value">
                {bar.text}
              </text>
            </g>
          );
        })}
        {mark !== undefined && (
          <line
            x1={labelWidth + barWidth * (mark / 100)}
            x2={labelWidth + barWidth * (mark / 100)}
            y1={0}
            y2={height}
            className="chart-mark"
          />
        )}
      </svg>
    </figure>
  );
}

export interface Series {
  name: string;
  /** One value (0–100) per run; null where the run did not assess it. */
  values: (number | null)[];
  className: string;
}

export function LineChart({
  title,
  labels,
  series,
  mark,
}: {
  title: string;
  labels: string[];
  series: Series[];
  mark?: number;
}) {
  const width = 560;
  const height = 240;
  const left = 36;
  const right = 12;
  const top = 12;
  const bottom = 28;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const x = (i: number) => left + (labels.length <= 1 ? plotW / 2 : (plotW * i) / (labels.length - 1));
  const y = (v: number) => top + plotH * (1 - v / 100);
  const last = series.map((s) => {
    const value = [...s.values].reverse().find((v) => v !== null);
    return `${s.name} ${value === undefined || value === null ? "not assessed" : `${fmt(value)}%`}`;
  });
  const summary = `${title} over ${labels.length} run${labels.length === 1 ? "" : "s"}; latest: ${last.join(", ")}`;
  const step = Math.max(1, Math.ceil(labels.length / 10));
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={summary} className="line-chart">
        <title>{summary}</title>
        {[0, 25, 50, 75, 100].map((v) => (
          <g key={v}>
            <line x1={left} x2={width - right} y1={y(v)} y2={y(v)} className="chart-grid" />
            <text x={left - 6} y={y(v) + 4} textAnchor="end" className="chart-axis">
              {v}
            </text>
          </g>
        ))}
        {mark !== undefined && <line x1={left} x2={width - right} y1={y(mark)} y2={y(mark)} className="chart-mark" />}
        {labels.map((label, i) =>
          i % step === 0 || i === labels.length - 1 ? (
            <text key={label} x={x(i)} y={height - 8} textAnchor="middle" className="chart-axis">
              {label}
            </text>
          ) : null,
        )}
        {series.map((s) => {
          const points = s.values
            .map((v, i) => (v === null ? null : `${x(i).toFixed(1)},${y(v).toFixed(1)}`))
            .filter((p): p is string => p !== null);
          return (
            <g key={s.name} className={s.className}>
              {points.length > 1 && <polyline points={points.join(" ")} className="chart-line" />}
              {s.values.map((v, i) =>
                v === null ? null : (
                  // biome-ignore lint/suspicious/noArrayIndexKey: one point per run, in run order
                  <circle key={i} cx={x(i)} cy={y(v)} r={4} className="chart-dot">
                    <title>{`${s.name}, ${labels[i] ?? ""}: ${fmt(v)}%`}</title>
                  </circle>
                ),
              )}
            </g>
          );
        })}
      </svg>
      <ul className="legend">
        {series.map((s) => (
          <li key={s.name} className={s.className}>
            <span className="swatch" aria-hidden="true" /> {s.name}
          </li>
        ))}
      </ul>
    </figure>
  );
}
