/** How an impact estimate reads on the timeline. */
import type { EventOf } from "./events.js";

const usd = (n: number) => `$${Math.round(n).toLocaleString("en-US")}`;

export function describeEstimate(event: EventOf<"ImpactEstimated">): string {
  const parts = [
    event.revenueAtRiskPerHourUsd === null ? null : `${usd(event.revenueAtRiskPerHourUsd)}/h of revenue at risk`,
    event.impactStartsAt === null ? null : `impact starts ${event.impactStartsAt.slice(11, 16)} UTC`,
    event.worseningPctPerHour === null ? null : `worsening ${event.worseningPctPerHour}%/h`,
  ].filter((p): p is string => p !== null);
  const what = parts.length === 0 ? "cleared" : parts.join(", ");
  return `Impact estimate: ${what}${event.note ? ` (${event.note})` : ""}`;
}
