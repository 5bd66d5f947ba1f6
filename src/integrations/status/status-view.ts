/**
 * What the public status page may show, built from the log: live incidents only (never
 * drills, never private ones), and of each only its customer-audience updates that pass
 * the text analyser's customer rules now (an update with an error finding is held back
 * from the page; its author sees the findings where it was published). An incident with
 * no publishable customer update is not on the page: customers hear of an incident when
 * the comms lead tells them. Titles, impact notes, status notes and resolve summaries are
 * internal and never shown. Statuses read as customers expect: mitigating is identified.
 */
import type { WarroomApp } from "../../app/warroom-app.js";
import { lintReport } from "../../domain/comms/lint-report.js";
import { composeUpdate } from "../../domain/incident/decide-comms.js";
import type { IncidentEvent, Status } from "../../domain/incident/events.js";
import { isoNow } from "../../domain/shared/clock.js";
import type { StatusPageConfig } from "./status-config.js";

export type PublicStatus = "investigating" | "identified" | "monitoring" | "resolved";
export type ServiceStatus = "operational" | "degraded" | "major-outage";

export interface PublicUpdate {
  id: string;
  at: string;
  status: PublicStatus;
  text: string;
}

export interface PublicIncident {
  id: string;
  name: string;
  services: string[];
  status: PublicStatus;
  startedAt: string;
  resolvedAt: string | null;
  updatedAt: string;
  /** Newest first. */
  updates: PublicUpdate[];
}

export interface StatusView {
  title: string;
  generatedAt: string;
  /** The service asked for, or null for every service. */
  service: string | null;
  overall: ServiceStatus;
  services: { name: string; status: ServiceStatus }[];
  /** Open incidents first, then the recently resolved; newest first within each. */
  incidents: PublicIncident[];
}

const PUBLIC: Record<Status, PublicStatus> = {
  investigating: "investigating",
  identified: "identified",
  mitigating: "identified",
  monitoring: "monitoring",
  resolved: "resolved",
};

export async function statusView(app: WarroomApp, config: StatusPageConfig, service?: string): Promise<StatusView> {
  const now = isoNow(app.clock);
  const since = app.clock.now() - config.resolvedDays * 86_400_000;
  const wanted = service?.trim().toLowerCase();
  const incidents: (PublicIncident & { severity: string })[] = [];
  for (const summary of await app.listIncidents()) {
    if (summary.mode !== "live" || summary.private) continue;
    if (summary.resolvedAt !== null && Date.parse(summary.resolvedAt) < since) continue;
    const events = (await app.store.readStreamData(summary.id)) as IncidentEvent[];
    const incident = publicIncident(summary.id, events);
    if (!incident || incident.updates.length === 0) continue;
    if (wanted !== undefined && !incident.services.some((s) => s.toLowerCase() === wanted)) continue;
    incidents.push({ ...incident, severity: summary.severity });
  }
  incidents.sort((a, b) => rank(a) - rank(b) || b.startedAt.localeCompare(a.startedAt));
  const services = new Map<string, ServiceStatus>();
  if (wanted !== undefined) services.set(service?.trim() as string, "operational");
  for (const incident of incidents) {
    for (const name of incident.services) {
      const key = [...services.keys()].find((k) => k.toLowerCase() === name.toLowerCase()) ?? name;
      const open = incident.status !== "resolved";
      const status: ServiceStatus = !open ? "operational" : incident.severity === "SEV-1" ? "major-outage" : "degraded";
      services.set(key, worse(services.get(key) ?? "operational", status));
    }
  }
  const list = [...services].map(([name, status]) => ({ name, status })).sort((a, b) => a.name.localeCompare(b.name));
  return {
    title: config.title,
    generatedAt: now,
    service: service?.trim() ?? null,
    overall: list.reduce<ServiceStatus>((acc, s) => worse(acc, s.status), "operational"),
    services: list,
    incidents: incidents.map(({ severity: _severity, ...rest }) => rest),
  };
}

/** Folds what the public may see of one incident: status over time and its clean customer updates. */
function publicIncident(id: string, events: IncidentEvent[]): PublicIncident | null {
  let status: PublicStatus = "investigating";
  let services: string[] = [];
  let startedAt = "";
  let resolvedAt: string | null = null;
  let updatedAt = "";
  const updates: PublicUpdate[] = [];
  for (const event of events) {
    switch (event.type) {
      case "IncidentDeclared":
        services = event.services;
        startedAt = event.at;
        updatedAt = event.at;
        break;
      case "StatusChanged":
        status = PUBLIC[event.to];
        updatedAt = event.at;
        break;
      case "IncidentResolved":
        status = "resolved";
        resolvedAt = event.at;
        updatedAt = event.at;
        break;
      case "IncidentReopened":
        status = "investigating";
        resolvedAt = null;
        updatedAt = event.at;
        break;
      case "UpdatePublished": {
        if (event.audience !== "customer") break;
        const text = composeUpdate(event);
        // Linted as of its publishing time, as the author saw it.
        if (!lintReport(text, "customer", event.at).ok) break;
        updates.push({ id: event.updateId, at: event.at, status, text });
        updatedAt = event.at;
        break;
      }
      default:
        break;
    }
  }
  if (startedAt === "") return null;
  const name = services.length > 0 ? `Service disruption: ${services.join(", ")}` : "Service disruption";
  return { id, name, services, status, startedAt, resolvedAt, updatedAt, updates: updates.reverse() };
}

const SERIOUSNESS: Record<ServiceStatus, number> = { operational: 0, degraded: 1, "major-outage": 2 };

function worse(a: ServiceStatus, b: ServiceStatus): ServiceStatus {
  return SERIOUSNESS[a] >= SERIOUSNESS[b] ? a : b;
}

function rank(incident: PublicIncident): number {
  return incident.status === "resolved" ? 1 : 0;
}
