/** Short chat answers in Slack's message JSON (Mattermost reads the same shape). */
import type { CommandResult } from "../../app/api.js";
import type { IncidentDetail, IncidentSummary } from "../../app/views.js";

export interface ChatReply {
  /** `ephemeral`: only the caller sees it; `in_channel`: everyone in the channel. */
  response_type: "ephemeral" | "in_channel";
  text: string;
  /** For interactive messages: keep the original message, answer beside it. */
  replace_original?: boolean;
}

export const inChannel = (text: string): ChatReply => ({ response_type: "in_channel", text });
export const ephemeral = (text: string): ChatReply => ({ response_type: "ephemeral", text });

/** What the command did, as its timeline entries read. */
export function resultText(actor: string, result: CommandResult): string {
  const id = result.incident.id;
  const done = result.appended.map((entry) => entry.text).join("; ");
  if (result.duplicate) return `${id}: already done (${done})`;
  return `${id} · ${actor}: ${done}`;
}

export function incidentStatusText(detail: IncidentDetail): string {
  const next = detail.updateClock.nextUpdateDue;
  const lines = [
    `*${detail.id}* ${detail.severity} · ${detail.status}${detail.private ? " · private" : ""}: "${detail.title}"`,
    `Incident Commander ${detail.commander}; roles: ${Object.entries(detail.roles)
      .map(([role, holder]) => `${role} ${holder.person}`)
      .join(", ")}`,
  ];
  if (detail.status !== "resolved" && next) {
    lines.push(`Next update due ${next.slice(11, 16)} UTC${detail.updateClock.overdue ? " (overdue)" : ""}`);
  }
  const open = detail.tasks.filter((t) => t.status === "assigned" || t.status === "acknowledged");
  if (open.length > 0) lines.push(`Open tasks: ${open.map((t) => `${t.id} ${t.assignee}`).join(", ")}`);
  return lines.join("\n");
}

export function openIncidentsText(incidents: readonly IncidentSummary[]): string {
  if (incidents.length === 0) return "No open incidents.";
  const lines = incidents.slice(0, 20).map((i) => {
    const attention = i.attention.length > 0 ? ` ⚠ ${i.attention.join(", ")}` : "";
    return `• *${i.id}* ${i.severity} · ${i.status}${i.mode === "drill" ? " · drill" : ""}: "${i.title}" (IC ${i.commander})${attention}`;
  });
  if (incidents.length > 20) lines.push(`… and ${incidents.length - 20} more`);
  return [`Open incidents (${incidents.length}):`, ...lines].join("\n");
}
