/**
 * Chat over HTTP: Slack's slash commands, interactive messages and Events API, and
 * Mattermost's slash commands. These routes carry no Warroom token: each request is verified
 * by its platform's signature (Slack's v0 HMAC with a timestamp, replays refused) or token
 * (Mattermost) before anything else, and a refused request changes nothing. Commands run
 * through the same app handlers as the CLI and API (`integrations/chat/slash-commands.ts`).
 */

import { createHash } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { parseOrFail } from "../../app/validation.js";
import type { WarroomApp } from "../../app/warroom-app.js";
import { WarroomError } from "../../domain/shared/errors.js";
import { chatRoleOf } from "../../integrations/chat/chat-access.js";
import type { ChatIntegration } from "../../integrations/chat/chat-integration.js";
import { resolveMentions, unescapeSlack } from "../../integrations/chat/command-text.js";
import { blockActionsSchema, runBlockActions } from "../../integrations/chat/interactions.js";
import { notePinnedMessage, reactionAddedSchema } from "../../integrations/chat/pins.js";
import { type ChatReply, ephemeral } from "../../integrations/chat/replies.js";
import { helpText, runSlashCommand } from "../../integrations/chat/slash-commands.js";
import { verifyMattermostToken, verifySlackRequest } from "../../integrations/chat/verify.js";
import type { RouteDoc } from "../route-book.js";
import type { RouteContext } from "../route-context.js";

export const CHAT_BASE = "/chat";
const FORM = "application/x-www-form-urlencoded";

const slashFormSchema = z.object({
  user_id: z.string().min(1, "user_id is missing"),
  user_name: z.string().optional(),
  channel_id: z.string().optional(),
  text: z.string().default(""),
  token: z.string().optional(),
  trigger_id: z.string().optional(),
});

const eventsBodySchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("url_verification"), challenge: z.string() }),
  z.object({ type: z.literal("event_callback"), event: z.object({ type: z.string() }).loose() }),
]);

/** Slack posts forms; the exact bytes are kept for the signature, as the JSON parser does. */
function addFormParser(http: FastifyInstance): void {
  http.addContentTypeParser(FORM, { parseAs: "string" }, (request, body, done) => {
    if (!request.url.startsWith(`${CHAT_BASE}/`)) {
      done(new WarroomError("request.unsupported_media_type", "send the body as application/json"), undefined);
      return;
    }
    const text = typeof body === "string" ? body : body.toString("utf8");
    (request as { rawBody?: string }).rawBody = text;
    done(null, Object.fromEntries(new URLSearchParams(text)));
  });
}

/**
 * A signed route runs as no one in particular (it would see every private incident). Once the
 * platform's signature is verified and the chat user is linked to a person, the request acts
 * as that person, with the role of their strongest live token (a responder without one): they
 * see the private incidents they are a member of (all of them as an admin) and may run what
 * that role may run (src/integrations/chat/chat-access.ts).
 */
function actAs(request: FastifyRequest, app: WarroomApp, person: string): void {
  const scope = request.warroomScope;
  if (!scope) return;
  scope.principal = { person, role: chatRoleOf(app, person, scope.authOn === true), tokenId: "chat" };
}

const rawBodyOf = (request: FastifyRequest) => (request as { rawBody?: string }).rawBody ?? "";
const header = (request: FastifyRequest, name: string) => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

function formOf(request: FastifyRequest): Record<string, string> {
  const type = header(request, "content-type") ?? "";
  if (!type.startsWith(FORM) || typeof request.body !== "object" || request.body === null) {
    throw new WarroomError("validation.failed", `send the body as ${FORM}, as Slack and Mattermost do`, [
      { field: "(body)", message: "not a form" },
    ]);
  }
  return request.body as Record<string, string>;
}

export function registerChatRoutes(http: FastifyInstance, { app, book }: RouteContext, chat?: ChatIntegration): void {
  addFormParser(http);

  /** Verifies a Slack request; answers the integration and an idempotency key derived from the signature. */
  const verifySlack = (request: FastifyRequest): { integration: ChatIntegration; idempotencyKey: string } => {
    const secret = chat?.config.slack.signingSecret;
    if (!chat || !secret) throw notConfigured("Slack", "chat.slack.signingSecret");
    const timestamp = header(request, "x-slack-request-timestamp");
    const signature = verifySlackRequest(
      secret,
      { timestamp, signature: header(request, "x-slack-signature"), rawBody: rawBodyOf(request) },
      app.clock.now(),
    );
    chat.replays.check(signature, Number(timestamp), app.clock.now());
    return {
      integration: chat,
      idempotencyKey: `slack-${createHash("sha256").update(signature).digest("hex").slice(0, 40)}`,
    };
  };

  const route = (
    doc: Omit<RouteDoc, "method" | "tag" | "errors" | "access">,
    handler: Parameters<typeof book.add>[1],
  ) => {
    // Every chat route: POST, verified by the platform (no token), the same refusals.
    book.add({ ...doc, method: "POST", tag: "integrations", access: "signed", errors: [400, 401, 503] }, handler);
  };

  route(
    {
      url: `${CHAT_BASE}/slack/commands`,
      operationId: "slackSlashCommand",
      summary: "Slack slash command `/incident …` (form-encoded, signed by Slack)",
      description: "Verified with X-Slack-Signature and X-Slack-Request-Timestamp; see docs/chat.md.",
      response: {
        status: 200,
        description: "A Slack message for the caller or the channel",
        schema: { type: "object" },
      },
    },
    async (request, reply) => {
      const { integration, idempotencyKey } = verifySlack(request);
      const form = parseOrFail(slashFormSchema, formOf(request), "slash command");
      const people = integration.people;
      const text = unescapeSlack(await resolveMentions(form.text, (id) => people.handleOf("slack", id)));
      const actor = await people.handleOf("slack", form.user_id);
      if (actor) actAs(request, app, actor);
      return send(reply, await slash(integration, text, actor, form.user_id, form.channel_id, idempotencyKey));
    },
  );

  route(
    {
      url: `${CHAT_BASE}/slack/interactions`,
      operationId: "slackInteraction",
      summary: "Slack interactive messages: the `payload` of block_actions (buttons, selects)",
      description: "Verified like slash commands. The answer also goes to the payload's response_url.",
      response: { status: 200, description: "A Slack message for the presser (or empty)", schema: { type: "object" } },
    },
    async (request, reply) => {
      const { integration, idempotencyKey } = verifySlack(request);
      const payload = parsePayload(formOf(request).payload);
      if (payload.type !== "block_actions") return send(reply, null);
      const actions = parseOrFail(blockActionsSchema, payload, "payload");
      const actor = await integration.people.handleOf("slack", actions.user.id);
      if (actor) actAs(request, app, actor);
      const answer = actor
        ? await runBlockActions(actions, {
            app,
            actor,
            idempotencyKey,
            handleOf: (id) => integration.people.handleOf("slack", id),
          })
        : ephemeral(notLinked("Slack", actions.user.id));
      if (answer && actions.response_url)
        respondLater(integration, actions.response_url, { ...answer, replace_original: false });
      return send(reply, answer);
    },
  );

  route(
    {
      url: `${CHAT_BASE}/slack/events`,
      operationId: "slackEvents",
      summary: "Slack Events API: url_verification, and 📌 reactions that put a message on the timeline",
      description: "JSON, verified like slash commands. A message marked :pushpin: becomes a note, once.",
      response: { status: 200, description: "The challenge, or what was done", schema: { type: "object" } },
    },
    async (request, reply) => {
      const { integration } = verifySlack(request);
      const body = parseOrFail(eventsBodySchema, request.body ?? {}, "event");
      if (body.type === "url_verification") return reply.send({ challenge: body.challenge });
      if (body.event.type !== "reaction_added") return reply.send({ ok: true, outcome: `ignored: ${body.event.type}` });
      const event = parseOrFail(reactionAddedSchema, body.event, "event");
      const { slack, ledger, people } = integration;
      const outcome = await notePinnedMessage(event, {
        app,
        slack,
        ledger,
        people,
        actAs: (p) => actAs(request, app, p),
      });
      return reply.send({ ok: true, outcome });
    },
  );

  route(
    {
      url: `${CHAT_BASE}/mattermost/commands`,
      operationId: "mattermostSlashCommand",
      summary: "Mattermost slash command `/incident …` (form-encoded, with the command's token)",
      description: "Verified with the token (form field or `Authorization: Token …`); see docs/chat.md.",
      response: { status: 200, description: "A message for the caller or the channel", schema: { type: "object" } },
    },
    async (request, reply) => {
      const expected = chat?.config.mattermost.token;
      if (!chat || !expected) throw notConfigured("Mattermost", "chat.mattermost.token");
      const raw = formOf(request);
      verifyMattermostToken(expected, raw.token, header(request, "authorization"));
      const form = parseOrFail(slashFormSchema, raw, "slash command");
      const actor =
        (await chat.people.handleOf("mattermost", form.user_id)) ??
        (form.user_name ? await chat.people.handleOf("mattermost", form.user_name) : null) ??
        (form.user_name && /^[\p{L}\p{N}._-]{1,100}$/u.test(form.user_name) ? form.user_name : null);
      if (actor) actAs(request, app, actor);
      const key = form.trigger_id
        ? `mattermost-${createHash("sha256").update(form.trigger_id).digest("hex").slice(0, 40)}`
        : undefined;
      return send(reply, await slash(chat, form.text, actor, form.user_id, undefined, key));
    },
  );
}

async function slash(
  chat: ChatIntegration,
  text: string,
  actor: string | null,
  userId: string,
  channelId: string | undefined,
  idempotencyKey: string | undefined,
): Promise<ChatReply> {
  const verb = text.trim().split(/\s+/)[0]?.toLowerCase() ?? "";
  if (verb === "" || verb === "help") return ephemeral(helpText());
  if (!actor) return ephemeral(notLinked("chat", userId));
  return runSlashCommand(text, {
    app: chat.app,
    actor,
    channelIncident: channelId ? chat.ledger.incidentOfChannel(channelId) : null,
    ...(idempotencyKey ? { idempotencyKey } : {}),
  });
}

function send(reply: FastifyReply, answer: ChatReply | null): FastifyReply {
  return reply
    .code(200)
    .type("application/json")
    .send(answer ?? {});
}

function parsePayload(text: string | undefined): { type?: unknown } {
  if (text === undefined) {
    throw new WarroomError("validation.failed", "the form has no payload field", [
      { field: "payload", message: "missing" },
    ]);
  }
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === "object" && value !== null && !Array.isArray(value)) return value as { type?: unknown };
  } catch {
    // answered below
  }
  throw new WarroomError("validation.failed", "payload is not a JSON object", [
    { field: "payload", message: "not JSON" },
  ]);
}

/**
 * Slack reads the answer to a button from the response_url, not the HTTP reply. Only Slack's
 * hooks host or the configured API's own origin are called, never an arbitrary address.
 */
function respondLater(chat: ChatIntegration, url: string, answer: ChatReply): void {
  let origin: string;
  try {
    origin = new URL(url).origin;
  } catch {
    return;
  }
  if (origin !== "https://hooks.slack.com" && origin !== new URL(chat.config.slack.apiUrl).origin) return;
  fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(answer) }).catch(
    (error: unknown) => chat.log("answering on response_url failed", error),
  );
}

function notConfigured(platform: string, key: string): WarroomError {
  return new WarroomError(
    "chat.not_configured",
    `${platform} is not set up on this server: set ${key} (docs/chat.md)`,
    [{ field: key, message: "not set" }],
  );
}

function notLinked(platform: string, userId: string): string {
  return `Your ${platform} account (${userId}) is not linked to a Warroom person: add it to your person's chat ids in the people directory, or to chat.slack.users / chat.mattermost.users in the config.`;
}
