/**
 * `warroom serve`: the app with polling on (so a CLI writing to the same SQLite file
 * shows up live) and the store's writer thread, the HTTP app, listening, and a clean
 * shutdown that ends open live streams, stops accepting connections and closes the
 * store (committing what is queued, then ending the writer thread).
 */
import type { AddressInfo } from "node:net";
import type { FastifyInstance } from "fastify";
import { BackgroundLeader } from "../app/background-leader.js";
import type { WarroomConfig } from "../app/config.js";
import { createWarroomApp } from "../app/create-app.js";
import { ReminderScheduler } from "../app/reminder-scheduler.js";
import type { WarroomApp } from "../app/warroom-app.js";
import type { Clock } from "../domain/shared/clock.js";
import { isWarroomError } from "../domain/shared/errors.js";
import { resolveAlertsConfig } from "../integrations/alerts/alert-config.js";
import { ChatIntegration } from "../integrations/chat/chat-integration.js";
import { WebhookDeliverer } from "../integrations/webhooks/webhook-deliverer.js";
import { WebhookRegistry } from "../integrations/webhooks/webhook-registry.js";
import { buildHttpApp } from "./build-http-app.js";

export interface StartServerOptions {
  config: WarroomConfig;
  clock?: Clock;
}

export interface RunningServer {
  /** Where clients reach it, e.g. `http://127.0.0.1:3000` (the real port when 0 was asked). */
  url: string;
  app: WarroomApp;
  http: FastifyInstance;
  /** Issues due reminders every `reminderIntervalMs`; stopped by `close`. */
  reminders: ReminderScheduler;
  /** Whether this server runs the background work (webhooks, chat mirror) now. */
  readonly leading: boolean;
  /** Ends live streams, stops listening and closes the store; safe to call twice. */
  close(): Promise<void>;
  /**
   * Set on the first start with auth on and no API token yet: an admin token created for
   * the bootstrap person, to print once (it is stored only as a hash).
   */
  bootstrap?: { person: string; token: string };
}

/** Logs go to stderr, so stdout carries only what the command prints (the URL, JSON). */
export async function startServer({ config, clock }: StartServerOptions): Promise<RunningServer> {
  const alerts = resolveAlertsConfig(config.alerts);
  const app = await createWarroomApp(config, { poll: true, writer: config.storeWriter, ...(clock ? { clock } : {}) });
  app.tokens.usePersistMs = config.tokenLastUsedWriteMs;
  const bootstrap = config.auth === "tokens" ? await bootstrapAdmin(app) : undefined;
  // Mirrors timelines to Slack after commit; its log is the server's (assigned just below).
  const chat = new ChatIntegration(app, config.chat, (message, err) => http.log.warn({ err }, message));
  const http = buildHttpApp({
    app,
    chat,
    auth: { mode: config.auth, rateLimit: config.rateLimit },
    bodyLimitBytes: config.bodyLimitBytes,
    decisionWeights: config.decisionWeights,
    alerts,
    statusPage: config.statusPage,
    logger: {
      level: config.logLevel,
      stream: process.stderr,
      // A live stream's ?access_token= must not land in the logs.
      serializers: {
        req: (request: { method: string; url: string; id: string }) => ({
          method: request.method,
          url: request.url.replace(/([?&]access_token=)[^&]*/g, "$1[redacted]"),
          reqId: request.id,
        }),
      },
    },
  });
  try {
    await http.listen({ host: config.host, port: config.port });
  } catch (error) {
    await http.close().catch(() => undefined);
    await app.close();
    throw error;
  }
  const reminders = new ReminderScheduler({
    app,
    intervalMs: config.reminderIntervalMs,
    onError: (err, incidentId) => http.log.error({ err, incidentId }, "issuing reminders failed"),
  });
  reminders.start();
  // Outgoing webhooks are sent after commit, beside the command path.
  const webhooks = config.webhooks.deliver
    ? new WebhookDeliverer({
        app,
        registry: new WebhookRegistry(app.store, app.clock),
        config: config.webhooks,
        onError: (err, subscription) => http.log.warn({ err, subscription }, "webhook delivery stopped"),
      })
    : null;
  await chat.start().catch((err: unknown) => http.log.error({ err }, "loading the chat ledger failed"));
  // Webhooks and the chat mirror run on one server of a deployment at a time: with
  // several on one PostgreSQL, whichever holds the leader lock (docs/operations.md).
  const background = new BackgroundLeader({
    store: app.store,
    start: async () => {
      await webhooks?.start();
      await chat.startMirror().catch((err: unknown) => http.log.error({ err }, "starting the chat mirror failed"));
    },
    stop: async () => {
      await webhooks?.stop();
      await chat.stopMirror();
    },
    retryMs: config.leaderRetryMs,
    // Worth saying only where servers share the work (PostgreSQL); alone, a server always leads.
    onChange: (leading) => {
      if (app.store.leaderLock === undefined) return;
      http.log.info(
        leading ? "this server now sends webhooks and mirrors chat" : "this server stopped background work",
      );
    },
    onError: (err) => http.log.error({ err }, "background work failed"),
  });
  await background.start();
  let closing: Promise<void> | null = null;
  return {
    url: urlOf(http, config.host),
    ...(bootstrap ? { bootstrap } : {}),
    app,
    http,
    reminders,
    get leading() {
      return background.leading;
    },
    close() {
      closing ??= (async () => {
        try {
          await reminders.stop();
          await background.stop();
          await chat.stop();
          await http.close();
        } finally {
          await app.close();
        }
      })();
      return closing;
    },
  };
}

function urlOf(http: FastifyInstance, host: string): string {
  const { port } = http.server.address() as AddressInfo;
  // A wildcard bind is reachable on loopback; say so rather than print 0.0.0.0.
  const shown = host === "0.0.0.0" ? "127.0.0.1" : host === "::" ? "::1" : host;
  return `http://${shown.includes(":") ? `[${shown}]` : shown}:${port}`;
}

/** The person the first admin token is for, added to the directory if missing. */
export const BOOTSTRAP_PERSON = "admin";

/**
 * First start with auth on: nobody could sign in, so create an admin token (and the
 * `admin` person if the directory lacks one). Never again once any token exists.
 */
async function bootstrapAdmin(app: WarroomApp): Promise<{ person: string; token: string } | undefined> {
  await app.refresh();
  if (app.tokens.anyCreated) return undefined;
  const acting = { actor: BOOTSTRAP_PERSON };
  if (!app.people.get(BOOTSTRAP_PERSON)) {
    // Another server starting on the same database may add it first: that is fine.
    await app.people
      .add({ handle: BOOTSTRAP_PERSON, name: "Administrator", icQualified: true }, acting)
      .catch((error: unknown) => {
        if (!isWarroomError(error) || error.code !== "person.exists") throw error;
      });
  }
  // One first token per deployment, whichever server makes it; the others print none.
  const made = await app.tokens.createFirst(
    { person: BOOTSTRAP_PERSON, role: "admin", name: "created on first start" },
    acting,
  );
  return made ? { person: BOOTSTRAP_PERSON, token: made.token } : undefined;
}
