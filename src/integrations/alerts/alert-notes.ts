/**
 * How a batch of alerts reads on the incident's timeline: one note for what started
 * firing, one for what resolved, each naming up to ten alerts and counting the rest.
 */
import type { AlertOutcome } from "./alert-events.js";
import type { ReceivedAlert } from "./normalise.js";

const LISTED = 10;

export function alertNotes(
  receiver: string,
  alerts: ReceivedAlert[],
  outcomes: AlertOutcome[],
  truncated = 0,
): string[] {
  const firing = alerts.filter((_, i) => outcomes[i] === "declared" || outcomes[i] === "attached");
  const resolved = alerts.filter((_, i) => outcomes[i] === "resolved");
  const notes: string[] = [];
  if (firing.length > 0) {
    const note = describe(`🔔 ${count(firing.length)} firing (${receiver})`, firing);
    // The sender cut its notification short: say so rather than let the count mislead.
    notes.push(truncated > 0 ? `${note}\n(the sender left ${count(truncated)} out of this notification)` : note);
  }
  if (resolved.length > 0) notes.push(describe(`✅ ${count(resolved.length)} resolved (${receiver})`, resolved));
  return notes;
}

function count(n: number): string {
  return n === 1 ? "1 alert" : `${n} alerts`;
}

function describe(head: string, alerts: ReceivedAlert[]): string {
  const lines = alerts.slice(0, LISTED).map((alert) => {
    const severity = alert.severity ? ` [${alert.severity}]` : "";
    const link = alert.link ? ` ${alert.link}` : "";
    return `- ${alert.title}${severity} (fingerprint ${alert.fingerprint})${link}`;
  });
  if (alerts.length > LISTED) lines.push(`- … and ${alerts.length - LISTED} more`);
  return [`${head}:`, ...lines].join("\n").slice(0, 8000);
}
