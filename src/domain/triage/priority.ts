/**
 * The priority of an open incident, 0–100, from what is known: severity, the share of
 * users affected, revenue at risk, time until the impact starts (for incidents that have
 * not hit yet) and how fast it is getting worse. Every factor is returned as a reason
 * with its points and the number behind it, so the score is never a bare number.
 * Impact that has not started yet counts less the further away it is, and the time
 * left counts on its own: "100% of users in 3 h" outranks "20% of users now".
 */
import type { Severity } from "../incident/policy.js";
import type { IncidentPriority, PriorityReason, TriageIncident } from "./types.js";

const SEVERITY_POINTS: Record<Severity, number> = { "SEV-1": 40, "SEV-2": 26, "SEV-3": 14, "SEV-4": 6 };
const SEVERITY_WORDS: Record<Severity, string> = {
  "SEV-1": "critical, many customers",
  "SEV-2": "a core function impaired",
  "SEV-3": "partial loss, most customers fine",
  "SEV-4": "minor, no customer impact",
};
const USERS_MAX = 25;
const REVENUE_MAX = 20;
const URGENCY_MAX = 15;
const TREND_MAX = 10;
/** Urgency falls to zero this many hours ahead. */
const URGENCY_HOURS = 12;
/** Impact this many hours ahead counts half. */
const DISCOUNT_HOURS = 6;
/** Growth at this rate (percent per hour) earns the whole trend factor. */
const TREND_FULL_PCT = 100;

const round1 = (n: number) => Math.round(n * 10) / 10;

export function hoursUntil(at: string | null, now: string): number | null {
  if (at === null) return null;
  const ms = Date.parse(at) - Date.parse(now);
  return Number.isFinite(ms) && ms > 0 ? ms / 3_600_000 : null;
}

export function formatHours(hours: number): string {
  const total = Math.max(1, Math.round(hours * 60));
  if (total < 60) return `${total} min`;
  const whole = Math.floor(total / 60);
  const minutes = total % 60;
  return minutes === 0 ? `${whole} h` : `${whole} h ${minutes} min`;
}

const usd = (n: number) => `$${Math.round(n).toLocaleString("en-US")}`;

export function scorePriority(incident: TriageIncident, now: string): IncidentPriority {
  const reasons: PriorityReason[] = [];
  const severity = SEVERITY_POINTS[incident.severity];
  reasons.push({
    factor: "severity",
    points: severity,
    value: incident.severity,
    text: `${incident.severity}: ${SEVERITY_WORDS[incident.severity]}`,
  });
  const ahead = hoursUntil(incident.impactStartsAt, now);
  // Impact still ahead counts less the further away it is.
  const discount = ahead === null ? 1 : 1 / (1 + ahead / DISCOUNT_HOURS);
  const later = ahead === null ? "" : ` once it hits in ${formatHours(ahead)}`;

  const pct = incident.usersAffectedPct;
  reasons.push(
    pct === null
      ? { factor: "users", points: 0, value: null, text: "share of users affected not known" }
      : {
          factor: "users",
          points: round1((USERS_MAX * Math.min(100, Math.max(0, pct)) * discount) / 100),
          value: pct,
          text: `${pct}% of users affected${later}`,
        },
  );

  const revenue = incident.revenueAtRiskPerHourUsd;
  reasons.push(
    revenue === null || revenue <= 0
      ? {
          factor: "revenue",
          points: 0,
          value: revenue,
          text: revenue === null ? "revenue at risk not estimated" : "no revenue at risk",
        }
      : {
          factor: "revenue",
          // Logarithmic: $100/h is noise, $1M/h is the whole factor.
          points: round1(REVENUE_MAX * Math.min(1, Math.log10(1 + revenue / 100) / 4) * discount),
          value: revenue,
          text: `${usd(revenue)} an hour of revenue at risk${later}`,
        },
  );

  if (ahead !== null) {
    reasons.push({
      factor: "time-to-impact",
      points: round1(URGENCY_MAX * Math.max(0, 1 - ahead / URGENCY_HOURS)),
      value: round1(ahead),
      text: `impact starts in ${formatHours(ahead)}: it must be covered before then`,
    });
  }

  const trend = incident.worseningPctPerHour;
  if (trend !== null && trend > 0) {
    reasons.push({
      factor: "trend",
      points: round1(TREND_MAX * Math.min(1, trend / TREND_FULL_PCT)),
      value: trend,
      text: `getting worse by ${trend}% an hour`,
    });
  } else if (trend !== null) {
    reasons.push({ factor: "trend", points: 0, value: trend, text: "not getting worse" });
  }

  const total = reasons.reduce((sum, r) => sum + r.points, 0);
  return {
    id: incident.id,
    title: incident.title,
    severity: incident.severity,
    priority: round1(Math.min(100, total)),
    reasons,
  };
}

/** Highest priority first; SEV-1s before anything else at the same score; then by id. */
export function rankIncidents(incidents: readonly TriageIncident[], now: string): IncidentPriority[] {
  return incidents
    .map((incident) => scorePriority(incident, now))
    .sort((a, b) => b.priority - a.priority || a.severity.localeCompare(b.severity) || compareIds(a.id, b.id));
}

/** INC-2 before INC-10. */
export function compareIds(a: string, b: string): number {
  return a.localeCompare(b, "en", { numeric: true });
}
