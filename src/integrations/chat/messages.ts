/**
 * What Warroom posts in an incident's channel: the pinned summary (with the resolve and
 * assign controls) and one line per timeline entry (a task gets an Acknowledge button).
 * Action ids and values are read back by `interactions.ts`.
 */
import type { LiveEntry } from "../../app/api.js";
import type { IncidentDetail } from "../../app/views.js";
import type { IncidentPolicy } from "../../domain/incident/policy.js";
import type { SlackMessage } from "./slack-api.js";

export const ACTIONS = {
  ack: "task.ack",
  resolve: "incident.resolve",
  resolveSummary: "incident.resolve_summary",
  assignRole: "incident.assign_role",
  assignPerson: "incident.assign",
} as const;

/** `inc-12-checkout-errors`: Slack names are lower case, at most 80 characters. */
export function channelName(prefix: string, incidentId: string, title: string): string {
  const number = incidentId.replace(/^INC-/, "");
  const words = title
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return `${prefix}${number}${words ? `-${words}` : ""}`.slice(0, 80).replace(/-+$/, "");
}

/** Slack refuses a section over 3000 characters (the message's `text` may be longer). */
const section = (text: string) => ({
  type: "section",
  text: { type: "mrkdwn", text: text.length > 3000 ? `${text.slice(0, 2999)}…` : text },
});
const plain = (text: string) => ({ type: "plain_text", text: text.slice(0, 75) });

export function summaryMessage(detail: IncidentDetail, policy: IncidentPolicy): SlackMessage {
  const roles = Object.entries(detail.roles)
    .map(([role, holder]) => `${role}: ${holder.person}`)
    .join(", ");
  const text = [
    `🚨 *${detail.id}* ${detail.severity} · ${detail.status}${detail.private ? " · private" : ""}: *${detail.title}*`,
    detail.impact ? `Impact: ${detail.impact}` : null,
    detail.services.length > 0 ? `Services: ${detail.services.join(", ")}` : null,
    `Roles: ${roles}`,
    "Everything on the timeline is mirrored here; mark a message with :pushpin: to put it on the timeline.",
  ]
    .filter((line) => line !== null)
    .join("\n");
  const value = detail.id;
  return {
    text,
    blocks: [
      section(text),
      {
        type: "actions",
        block_id: `assign:${value}`,
        elements: [
          {
            type: "static_select",
            action_id: ACTIONS.assignRole,
            placeholder: plain("Role"),
            options: policy.roles.slice(0, 100).map((role) => ({ text: plain(role.title), value: role.id })),
          },
          { type: "users_select", action_id: ACTIONS.assignPerson, placeholder: plain("Assign to…") },
        ],
      },
      {
        type: "input",
        block_id: `resolve:${value}`,
        optional: true,
        label: plain("Resolution summary"),
        element: { type: "plain_text_input", action_id: ACTIONS.resolveSummary, multiline: true },
      },
      {
        type: "actions",
        block_id: `resolve_actions:${value}`,
        elements: [{ type: "button", action_id: ACTIONS.resolve, text: plain("Resolve"), style: "primary", value }],
      },
    ],
  };
}

export function entryMessage(entry: LiveEntry): SlackMessage {
  const channel = entry.channel === "command" ? "" : ` [${entry.channel}]`;
  const text = `\`${entry.at.slice(11, 16)}\`${channel} *${entry.by}*: ${entry.text}`;
  const task = entry.type === "TaskAssigned" ? /^(T\d+)\b/.exec(entry.text)?.[1] : undefined;
  if (task === undefined) return { text };
  return {
    text,
    blocks: [
      section(text),
      {
        type: "actions",
        block_id: `task:${task}`,
        elements: [
          {
            type: "button",
            action_id: ACTIONS.ack,
            text: plain(`Acknowledge ${task}`),
            value: `${entry.incidentId} ${task}`,
          },
        ],
      },
    ],
  };
}
