/**
 * Which alerts declare, attach or are ignored: the first rule whose `match` fits wins.
 * A rule matches on labels, plus `service` and `source` (the receiver's name). A declare
 * rule's severity is its own, else the severity label through the severity map, else SEV-2
 * (when unsure, the higher one).
 */
import { type Severity, severityRank } from "../../domain/incident/policy.js";
import type { AlertRule, ResolvedAlertsConfig } from "./alert-config.js";
import type { ReceivedAlert } from "./normalise.js";

export interface RuleVerdict {
  action: AlertRule["action"];
  severity: Severity;
  commander?: string;
}

export function judge(alert: ReceivedAlert, receiver: string, config: ResolvedAlertsConfig): RuleVerdict {
  const facts: Record<string, string | undefined> = {
    ...alert.labels,
    ...(alert.service === null ? {} : { service: alert.service }),
    ...(alert.severity === null ? {} : { [config.severityLabel]: alert.severity }),
    source: receiver,
  };
  const rule = config.rules.find((candidate) =>
    Object.entries(candidate.match).every(([key, wanted]) => {
      const value = facts[key];
      if (value === undefined) return false;
      const options = Array.isArray(wanted) ? wanted : [wanted];
      return options.some((option) => option.toLowerCase() === value.toLowerCase());
    }),
  );
  const mapped = alert.severity === null ? undefined : config.severityMap[alert.severity.toLowerCase()];
  return {
    action: rule?.action ?? "ignore",
    severity: rule?.severity ?? mapped ?? "SEV-2",
    ...(rule?.commander ? { commander: rule.commander } : {}),
  };
}

export function higher(a: Severity, b: Severity): Severity {
  return severityRank(a) <= severityRank(b) ? a : b;
}

/** Alerts group by service when they name one, else by the sender's group, else by title. */
export function groupKeyOf(alert: ReceivedAlert, receiver: string): string {
  if (alert.service !== null) return `service:${alert.service.toLowerCase()}`;
  if (alert.group !== null) return `group:${receiver}:${alert.group}`;
  return `title:${receiver}:${alert.title}`;
}
