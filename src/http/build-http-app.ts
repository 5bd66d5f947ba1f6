/**
 * The HTTP adapter as an app factory, separate from `listen`: tests use `inject` and
 * real sockets, `server.ts` adds listening and shutdown. Routes validate input at the
 * edge (headers and query here, bodies with the shared command schemas in the app),
 * call one WarroomApp method and format the result. Every error is problem+json.
 */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyServerOptions } from "fastify";
import type { WarroomApp } from "../app/warroom-app.js";
import type { DecisionWeights } from "../domain/decision-support/weights.js";
import { WarroomError } from "../domain/shared/errors.js";
import type { ResolvedAlertsConfig } from "../integrations/alerts/alert-config.js";
import { AlertIngestor } from "../integrations/alerts/alert-ingestor.js";
import type { ChatIntegration } from "../integrations/chat/chat-integration.js";
import type { StatusPageConfig } from "../integrations/status/status-config.js";
import { type AuthOptions, registerAuth } from "./auth.js";
import { httpMetrics } from "./http-metrics.js";
import { PROBLEM_CONTENT_TYPE, problem, toProblem } from "./problem.js";
import { RouteBook } from "./route-book.js";
import type { RouteContext } from "./route-context.js";
import { registerAlertRoutes } from "./routes/alerts.js";
import { registerChatRoutes } from "./routes/chat.js";
import { registerCommandRoutes } from "./routes/commands.js";
import { registerCommsRoutes } from "./routes/comms.js";
import { registerDecisionSupportRoutes } from "./routes/decision-support.js";
import { registerIncidentRoutes } from "./routes/incidents.js";
import { registerMetaRoutes } from "./routes/meta.js";
import { registerPeopleRoutes } from "./routes/people.js";
import { registerPostmortemRoutes } from "./routes/postmortem.js";
import { registerSearchRoutes } from "./routes/search.js";
import { registerStatusPageRoutes } from "./routes/status-page.js";
import { registerStreamRoutes } from "./routes/stream.js";
import { registerTokenRoutes } from "./routes/tokens.js";
import { registerTrainingRoutes } from "./routes/training.js";
import { registerTriageRoutes } from "./routes/triage.js";
import { registerWebRoutes } from "./routes/web.js";
import { registerWebhookRoutes } from "./routes/webhooks.js";
import { type SseOptions, SseRegistry } from "./sse.js";

export interface BuildHttpAppOptions {
  /** Bearer tokens and roles (docs/permissions.md); omitted means auth off, as for tests and embedding. */
  auth?: AuthOptions;
  app: WarroomApp;
  /** Largest request body accepted (bytes); larger is `request.too_large`. */
  bodyLimitBytes: number;
  /** Fastify's logger: false (default), true, or pino options such as `{ level: "info" }`. */
  logger?: FastifyServerOptions["logger"];
  /** Live-stream tuning; the defaults suit production. */
  sse?: Partial<SseOptions>;
  /** Default weights of the options matrix (config `decisionWeights`); the built-in defaults otherwise. */
  decisionWeights?: DecisionWeights;
  /** Slack and Mattermost (config `chat`); without it the chat routes answer chat.not_configured. */
  chat?: ChatIntegration;
  /** Alert receivers and rules (config `alerts`, resolved); without it every receiver is unknown. */
  alerts?: ResolvedAlertsConfig;
  /** The public status page (config `statusPage`); its defaults otherwise. */
  statusPage?: StatusPageConfig;
  /** The built web app (`dist/web` by default); `GET /` says how to build it when missing. */
  webRoot?: string;
}

export const DEFAULT_SSE: SseOptions = {
  heartbeatMs: 15_000,
  retryMs: 2_000,
  maxBufferedBytes: 8 * 1024 * 1024,
};

export function buildHttpApp(options: BuildHttpAppOptions): FastifyInstance {
  const http = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimitBytes,
    // Fastify's own 503 while closing is not problem+json; the onRequest hook answers instead.
    return503OnClosing: false,
    routerOptions: { maxParamLength: 200 },
    // Errors raised while routing (a malformed URL, an over-long path parameter) are problem+json too.
    frameworkErrors: (error, _request, reply) => {
      const detail =
        error.code === "FST_ERR_MAX_PARAM_LENGTH"
          ? "a path parameter is longer than 200 characters"
          : `the URL is not valid (${error.code ?? "bad URL"})`;
      const body = problem("validation.failed", detail, [{ field: "(path)", message: detail }]);
      void (reply as unknown as FastifyReply).code(body.status).type(PROBLEM_CONTENT_TYPE).send(body);
    },
  });
  const streams = new SseRegistry();
  const context: RouteContext = {
    app: options.app,
    book: new RouteBook(http),
    streams,
    metrics: httpMetrics(options.app.metrics.registry),
    sse: { ...DEFAULT_SSE, ...options.sse },
  };

  // JSON only. An empty body (a bare POST to /tasks/T1/ack) reads as no body; anything
  // else must be JSON. Prototype-poisoning keys are refused by Fastify's own parser.
  const parseJson = http.getDefaultJsonParser("error", "error");
  http.removeAllContentTypeParsers();
  // Read as bytes and decoded strictly: invalid UTF-8 is refused, not turned into U+FFFD.
  const utf8 = new TextDecoder("utf-8", { fatal: true });
  http.addContentTypeParser("application/json", { parseAs: "buffer" }, (request, body, done) => {
    let text: string;
    try {
      text = typeof body === "string" ? body : utf8.decode(body);
    } catch {
      done(
        new WarroomError("request.malformed_json", "the request body is not valid UTF-8; send JSON encoded as UTF-8", [
          { field: "(body)", message: "not valid UTF-8" },
        ]),
      );
      return;
    }
    // Signed integrations (alert receivers) verify the exact bytes received.
    (request as { rawBody?: string }).rawBody = text;
    if (text.trim() === "") {
      done(null, undefined);
      return;
    }
    parseJson(request, text, done);
  });

  // The per-request hooks take a callback rather than returning a promise: one promise
  // and microtask fewer per request, on every request.
  let closing = false;
  http.addHook("onRequest", (_request, reply, done) => {
    reply.header("X-Content-Type-Options", "nosniff");
    if (!closing) {
      done();
      return;
    }
    reply.header("Connection", "close");
    done(new WarroomError("store.unavailable", "the server is shutting down; retry in a moment"));
  });
  registerAuth(http, options.app, context.book, options.auth ?? { mode: "off" });
  http.addHook("onResponse", (request, reply, done) => {
    // A request that touched a private incident is not counted: a count would reveal it.
    if (request.warroomScope?.touchedPrivate) {
      done();
      return;
    }
    context.metrics.observe(request.method, request.routeOptions.url, reply.statusCode, reply.elapsedTime / 1000);
    done();
  });
  // Open live streams would keep `close()` waiting for ever: end them first.
  http.addHook("preClose", async () => {
    closing = true;
    streams.endAll();
  });

  http.setErrorHandler((error, request, reply) => {
    const { problem: body, serverFault } = toProblem(error, {
      requestId: String(request.id),
      bodyLimitBytes: options.bodyLimitBytes,
    });
    if (serverFault) request.log.error({ err: error, code: body.code }, "request failed");
    else request.log.info({ code: body.code }, body.detail);
    return reply.code(body.status).type(PROBLEM_CONTENT_TYPE).send(body);
  });
  http.setNotFoundHandler((request, reply) => {
    const path = (request.url.split("?")[0] ?? "").slice(0, 200);
    const body = problem("route.not_found", `no route ${request.method} ${path}; see /openapi.json`, [
      { field: "(path)", message: "no such route" },
    ]);
    return reply.code(body.status).type(PROBLEM_CONTENT_TYPE).send(body);
  });

  registerMetaRoutes(context);
  registerIncidentRoutes(context);
  registerSearchRoutes(context);
  registerCommandRoutes(context);
  registerCommsRoutes(context);
  registerDecisionSupportRoutes(context, options.decisionWeights);
  registerPostmortemRoutes(context);
  registerStreamRoutes(context);
  registerChatRoutes(http, context, options.chat);
  registerPeopleRoutes(context);
  registerTokenRoutes(context);
  registerTrainingRoutes(context, http);
  registerTriageRoutes(context);
  registerAlertRoutes(context, options.alerts ? new AlertIngestor(options.app, options.alerts) : null);
  registerWebhookRoutes(context);
  registerStatusPageRoutes(context, options.statusPage ?? { title: "Service status", resolvedDays: 7 });
  registerWebRoutes(context, options.webRoot);
  return http;
}
