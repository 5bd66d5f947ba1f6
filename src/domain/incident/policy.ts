/**
 * Incident policy: the written severity criteria, default update cadences, the role
 * catalogue and other tunables. Loaded from config at start and passed to `decide`;
 * the defaults follow the handbook and the doctrine digest.
 */
export const SEVERITIES = ["SEV-1", "SEV-2", "SEV-3", "SEV-4"] as const;
export type Severity = (typeof SEVERITIES)[number];

export const COMMANDER_ROLE = "incident-commander";
export const TECH_LEAD_ROLE = "tech-lead";
export const EXEC_ROLE = "exec-stakeholder";

export interface SeverityPolicy {
  /** Written criteria, shown to the person declaring. */
  criteria: string;
  /** Minutes between updates; null means no cadence is enforced. */
  cadenceMinutes: number | null;
  /** Roles the incident should have filled at this severity (reported, not enforced). */
  requiredRoles: string[];
}

export interface RoleDefinition {
  id: string;
  title: string;
  duty: string;
}

export interface IncidentPolicy {
  severities: Record<Severity, SeverityPolicy>;
  roles: RoleDefinition[];
  /** Time-box given to a task or workstream when none is stated. */
  defaultTimeboxMinutes: number;
  /** Largest text accepted in any free-text field, in bytes (UTF-8). */
  maxTextBytes: number;
}

export const DEFAULT_ROLES: RoleDefinition[] = [
  { id: COMMANDER_ROLE, title: "Incident Commander", duty: "Coordinates, decides trade-offs, owns the update cadence" },
  { id: "deputy", title: "Deputy", duty: "Watches the clock and time-boxes, tracks tasks, ready to take command" },
  { id: "scribe", title: "Scribe", duty: "Keeps the timeline: decisions, actions, who and when" },
  { id: TECH_LEAD_ROLE, title: "Tech Lead", duty: "Owns technical decisions and the investigation" },
  { id: "comms-lead", title: "Comms Lead", duty: "Drafts and publishes updates to each audience" },
  { id: "infra-lead", title: "Infrastructure Lead", duty: "Leads infrastructure work: failover, capacity, network" },
  { id: "app-lead", title: "Application Lead", duty: "Leads application work: workarounds, rollbacks, fixes" },
  {
    id: "business-impact",
    title: "Business Impact",
    duty: "Sizes customer and revenue impact, prepares customer messaging",
  },
  { id: EXEC_ROLE, title: "Executive Stakeholder", duty: "Is consulted on business decisions, clears the path" },
];

export const DEFAULT_POLICY: IncidentPolicy = {
  severities: {
    "SEV-1": {
      criteria:
        "Critical: a core service is down or data is lost or exposed for many customers; public notice and an executive liaison are warranted",
      cadenceMinutes: 15,
      requiredRoles: [COMMANDER_ROLE, TECH_LEAD_ROLE, "comms-lead", EXEC_ROLE],
    },
    "SEV-2": {
      criteria: "Major: a core function is impaired for many customers, or will be soon",
      cadenceMinutes: 30,
      requiredRoles: [COMMANDER_ROLE, TECH_LEAD_ROLE],
    },
    "SEV-3": {
      criteria: "Minor: partial loss of a function, most customers unaffected, or no redundancy left",
      cadenceMinutes: 60,
      requiredRoles: [COMMANDER_ROLE],
    },
    "SEV-4": {
      criteria: "Low: no customer impact; cosmetic or internal only",
      cadenceMinutes: null,
      requiredRoles: [COMMANDER_ROLE],
    },
  },
  roles: DEFAULT_ROLES,
  defaultTimeboxMinutes: 15,
  maxTextBytes: 64 * 1024,
};

export function isSeverity(value: string): value is Severity {
  return (SEVERITIES as readonly string[]).includes(value);
}

export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity) + 1;
}

export function roleDefinition(policy: IncidentPolicy, roleId: string): RoleDefinition | undefined {
  return policy.roles.find((role) => role.id === roleId);
}
