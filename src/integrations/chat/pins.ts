/**
 * A message marked with 📌 (`reaction_added`, reaction `pushpin`) in an incident's channel
 * becomes a timeline note, once: the note's idempotency key is the message's channel and
 * timestamp, so a second pin, a second person pinning, or Slack delivering the event again
 * append nothing. The text is fetched from the channel (the event carries none).
 */
import { z } from "zod";
import type { WarroomApp } from "../../app/warroom-app.js";
import { isWarroomError, WarroomError } from "../../domain/shared/errors.js";
import type { ChatLedger } from "./chat-ledger.js";
import type { ChatPeople } from "./chat-people.js";
import { resolveMentions, unescapeSlack } from "./command-text.js";
import { type ChannelMessage, platformError, type SlackApi } from "./slack-api.js";

export const reactionAddedSchema = z.object({
  type: z.literal("reaction_added"),
  user: z.string().min(1),
  reaction: z.string(),
  item: z.object({ type: z.string(), channel: z.string().optional(), ts: z.string().optional() }),
});
export type ReactionAdded = z.infer<typeof reactionAddedSchema>;

export type PinOutcome = "noted" | "already noted" | `ignored: ${string}`;

export interface PinContext {
  app: WarroomApp;
  slack: SlackApi | null;
  ledger: ChatLedger;
  people: ChatPeople;
  /** Act as this person from now on in the request (with auth on: their view of private incidents). */
  actAs?: (person: string) => void;
}

export async function notePinnedMessage(event: ReactionAdded, ctx: PinContext): Promise<PinOutcome> {
  const { channel, ts } = event.item;
  if (event.reaction !== "pushpin") return "ignored: not a 📌";
  if (event.item.type !== "message" || !channel || !ts) return "ignored: not a message";
  const incidentId = ctx.ledger.incidentOfChannel(channel);
  if (!incidentId) return "ignored: not an incident channel";
  if (!ctx.slack) return "ignored: no bot token to read the message";
  const actor = await ctx.people.handleOf("slack", event.user);
  if (!actor) return `ignored: ${event.user} is not linked to a Warroom person`;
  ctx.actAs?.(actor);
  const message = await readMessage(ctx.slack, channel, ts);
  if (!message || message.bot || message.text.trim() === "") return "ignored: no such message, or one Warroom posted";
  const handleOf = (id: string) => ctx.people.handleOf("slack", id);
  const author = message.user ? ((await handleOf(message.user)) ?? `<@${message.user}>`) : "someone";
  const text = unescapeSlack(await resolveMentions(message.text, handleOf));
  try {
    const result = await ctx.app.execute(
      incidentId,
      { type: "add-note", channel: "command", text: `📌 ${author}: ${text}` },
      { actor, idempotencyKey: `slack-pin:${channel}:${ts}` },
    );
    return result.duplicate ? "already noted" : "noted";
  } catch (error) {
    // The same key from another person (a different request) means it is already on the timeline.
    if (isWarroomError(error) && error.code === "idempotency.key_reused") return "already noted";
    // Refused for good (a resolved incident, one this person cannot see): answered, so Slack
    // does not deliver it again; only an unavailable store is worth a retry.
    if (isWarroomError(error) && error.code !== "store.unavailable") return `ignored: ${error.message}`;
    throw error;
  }
}

/** Slack not answering is `chat.unavailable` (503), so Slack delivers the event again later. */
async function readMessage(slack: SlackApi, channel: string, ts: string): Promise<ChannelMessage | null> {
  try {
    return await slack.message(channel, ts);
  } catch (error) {
    if (platformError(error) !== null) return null;
    throw new WarroomError(
      "chat.unavailable",
      "Slack did not answer when reading the pinned message; it will be retried",
    );
  }
}
