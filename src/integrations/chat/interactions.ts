/**
 * Slack's interactive messages: the `payload` form field of a `block_actions` request when
 * someone presses Acknowledge on a task, Resolve on the summary (with the summary typed in
 * the box above it), or picks a role and a person to assign. Each runs one app command.
 */

import { z } from "zod";
import type { WarroomApp } from "../../app/warroom-app.js";
import { isWarroomError, WarroomError } from "../../domain/shared/errors.js";
import { ACTIONS } from "./messages.js";
import { type ChatReply, ephemeral } from "./replies.js";
import { mutate } from "./slash-commands.js";

const stateValue = z.object({
  value: z.string().nullish(),
  selected_option: z.object({ value: z.string() }).nullish(),
  selected_user: z.string().nullish(),
});

export const blockActionsSchema = z.object({
  type: z.literal("block_actions"),
  user: z.object({ id: z.string().min(1), username: z.string().optional() }),
  channel: z.object({ id: z.string() }).optional(),
  response_url: z.string().optional(),
  actions: z
    .array(
      z.object({
        action_id: z.string(),
        block_id: z.string().default(""),
        value: z.string().optional(),
        selected_user: z.string().optional(),
        selected_option: z.object({ value: z.string() }).optional(),
      }),
    )
    .min(1, "a block_actions payload has at least one action"),
  state: z.object({ values: z.record(z.string(), z.record(z.string(), stateValue)) }).optional(),
});
export type BlockActions = z.infer<typeof blockActionsSchema>;

export interface InteractionContext {
  app: WarroomApp;
  actor: string;
  idempotencyKey?: string;
  handleOf(slackUserId: string): Promise<string | null>;
}

/** INC-3, or a private incident's INC-P… */
const INCIDENT = /^INC-(?:\d+|P[0-9A-F]+)$/;

/** The answer to show the presser, or null when there is nothing to say (a role picked). */
export async function runBlockActions(payload: BlockActions, ctx: InteractionContext): Promise<ChatReply | null> {
  const action = payload.actions[0];
  if (!action) return null;
  // The controls sit in the incident's own channel: the answer is said there, as a slash command's would be.
  const run = (incidentId: string, command: Parameters<typeof mutate>[2]) =>
    mutate({ ...ctx, channelIncident: incidentId }, incidentId, command);
  const state = (blockId: string, actionId: string) => payload.state?.values[blockId]?.[actionId];
  try {
    switch (action.action_id) {
      case ACTIONS.ack: {
        const [incidentId, taskId] = (action.value ?? "").split(" ");
        if (!incidentId || !INCIDENT.test(incidentId) || !taskId) throw bad("the button names no incident and task");
        return await run(incidentId, { type: "acknowledge-task", taskId });
      }
      case ACTIONS.resolve: {
        const incidentId = incidentOf(action.value ?? "");
        const summary = state(`resolve:${incidentId}`, ACTIONS.resolveSummary)?.value?.trim() ?? "";
        if (summary === "") throw bad("type a resolution summary in the box above, then press Resolve");
        return await run(incidentId, { type: "resolve", summary });
      }
      case ACTIONS.assignPerson: {
        const incidentId = incidentOf(action.block_id.replace(/^assign:/, ""));
        const role = state(action.block_id, ACTIONS.assignRole)?.selected_option?.value;
        if (!role) throw bad("pick the role first, then the person");
        if (!action.selected_user) throw bad("pick a person to assign");
        const person = await ctx.handleOf(action.selected_user);
        if (!person) throw bad(`<@${action.selected_user}> is not linked to a Warroom person (see docs/chat.md)`);
        return await run(incidentId, { type: "assign-role", role, person });
      }
      case ACTIONS.assignRole:
        return null; // the role is read from the message's state when the person is picked
      default:
        throw bad(`unknown action ${action.action_id}`);
    }
  } catch (error) {
    if (isWarroomError(error)) return { ...ephemeral(`❌ ${error.message}`), replace_original: false };
    throw error;
  }
}

function incidentOf(value: string): string {
  if (!INCIDENT.test(value)) throw bad("the control names no incident");
  return value;
}

function bad(message: string): WarroomError {
  return new WarroomError("validation.failed", message, [{ field: "payload", message }]);
}
