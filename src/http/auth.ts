/**
 * Authentication and permissions at the HTTP edge. With `mode: "tokens"` every route
 * needs `Authorization: Bearer <token>` except those whose RouteDoc says `public` or
 * `signed` (those verify a platform signature themselves). Live streams (text/event-stream
 * routes) also take `?access_token=`, because a browser's EventSource cannot set headers.
 *
 * Refusals are problem+json: 401 `auth.missing_token` / `auth.invalid_token` (with
 * WWW-Authenticate), 403 `auth.forbidden` when the token's role is below the route's,
 * 429 `rate.limited` with Retry-After. The role check happens before the body is read.
 *
 * Every request's handler runs in a RequestScope (src/app/auth/principal.ts) so the app
 * hides private incidents from non-members; with auth off the scope has no principal.
 *
 * One exception to the role table: a responder who is the incident's current commander
 * (they declared it, or command was handed to them) may run the commander-level commands
 * on that incident, since the handbook gives the Incident Commander those calls.
 */
import type { FastifyInstance, FastifyRequest } from "fastify";
import { ANONYMOUS, currentPrincipal, type Principal, type RequestScope, runInScope } from "../app/auth/principal.js";
import { TokenService } from "../app/auth/token-service.js";
import type { WarroomApp } from "../app/warroom-app.js";
import type { Role } from "../domain/people/roles.js";
import { fail, WarroomError } from "../domain/shared/errors.js";
import { DEFAULT_RATE_LIMIT, RateLimiter, type RateLimitOptions } from "./auth-rate-limit.js";
import type { RouteAccess, RouteBook, RouteDoc } from "./route-book.js";

export type AuthMode = "tokens" | "off";

export interface AuthOptions {
  mode: AuthMode;
  rateLimit?: RateLimitOptions;
}

declare module "fastify" {
  interface FastifyRequest {
    warroomScope?: RequestScope;
  }
}

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

export function registerAuth(http: FastifyInstance, app: WarroomApp, book: RouteBook, options: AuthOptions): void {
  const limiter = new RateLimiter(options.rateLimit ?? DEFAULT_RATE_LIMIT, app.clock);
  let routes: Map<string, RouteDoc> | null = null;
  const docOf = (request: FastifyRequest): RouteDoc | undefined => {
    // Built on first use, when every route is in the book.
    routes ??= new Map(book.docs.map((doc) => [`${doc.method} ${doc.url}`, doc]));
    const method = request.method === "HEAD" ? "GET" : request.method;
    return routes.get(`${method} ${request.routeOptions.url ?? ""}`);
  };

  http.addHook("onRequest", (request, reply, done) => {
    // A request about a private incident stays out of /metrics whatever its outcome (a 400
    // counted there would show someone working on an incident others cannot see).
    const incidentId = (request.params as { id?: unknown } | undefined)?.id;
    const touchedPrivate =
      typeof incidentId === "string" &&
      request.routeOptions.url?.startsWith("/api/incidents/:id") === true &&
      app.isPrivateIncident(incidentId);
    const scope: RequestScope = { principal: undefined, touchedPrivate, authOn: options.mode !== "off" };
    request.warroomScope = scope;
    if (options.mode === "off") {
      stripQueryToken(request);
      done();
      return;
    }
    const doc = docOf(request);
    const access: RouteAccess = doc?.access ?? "viewer";
    // Public routes see no private incident. A signed route is an integration (chat, alerts)
    // verified by its platform's signature: it acts for the people it maps, like the
    // scheduler, and decides itself what it may reveal (the status page never shows private
    // incidents; webhooks only when configured to).
    if (access === "public" || access === "signed") {
      if (access === "public") scope.principal = ANONYMOUS;
      done();
      return;
    }
    try {
      const token = readToken(request, doc?.response.contentType === "text/event-stream");
      if (token === undefined) {
        reply.header("WWW-Authenticate", 'Bearer realm="warroom"');
        fail(
          "auth.missing_token",
          "sign in: send Authorization: Bearer <token> (see `warroom token create`)",
          "Authorization",
        );
      }
      let principal: Principal;
      try {
        principal = app.tokens.authenticate(token);
      } catch (error) {
        reply.header("WWW-Authenticate", 'Bearer realm="warroom", error="invalid_token"');
        throw error;
      }
      scope.principal = principal;
      const wait = limiter.take(principal.tokenId);
      if (wait > 0) {
        reply.header("Retry-After", String(wait));
        fail("rate.limited", `too many requests for token ${principal.tokenId}; retry in ${wait} s`, "Authorization");
      }
      if (!TokenService.allows(principal.role, access as Role) && !mayCommand(principal, access, request)) {
        fail(
          "auth.forbidden",
          `${request.method} ${doc?.url ?? "this route"} needs the ${access} role; your token is ${principal.role}`,
          "Authorization",
        );
      }
      done();
    } catch (error) {
      done(error as WarroomError);
    }
  });

  // Runs the handler (after the body is parsed) inside the request's scope.
  http.addHook("preHandler", (request, _reply, done) => {
    const scope = request.warroomScope;
    if (scope === undefined) {
      done();
      return;
    }
    runInScope(scope, () => {
      const principal = scope.principal;
      if (principal && !principal.anonymous && docOf(request)?.access === "commander") {
        // The responder-commander exception, checked against the incident itself.
        const id = (request.params as { id?: string }).id ?? "";
        if (!mayRunCommand(app, id, "commander", principal)) {
          done(forbidden(request, "commander", principal));
          return;
        }
      }
      done();
    });
  });

  function mayCommand(principal: Principal, access: RouteAccess, request: FastifyRequest): boolean {
    // Decided for good in preHandler, once the incident can be looked up.
    return principal.role === "responder" && access === "commander" && "id" in (request.params as object);
  }
}

/**
 * For the generic `POST /api/incidents/:id/commands`: the command's own access, known only
 * once the body's `type` is read. A no-op with auth off.
 */
export function requireCommandAccess(
  app: WarroomApp,
  incidentId: string,
  access: RouteAccess,
  request: FastifyRequest,
): void {
  const principal = currentPrincipal();
  if (principal === undefined || mayRunCommand(app, incidentId, access, principal)) return;
  throw forbidden(request, access, principal);
}

/**
 * The one rule for running a command, whatever the edge (a route, a chat command, a
 * button): the principal's role reaches the command's access, or a responder is this
 * incident's current commander and the command is a commander's.
 */
export function mayRunCommand(app: WarroomApp, incidentId: string, access: RouteAccess, principal: Principal): boolean {
  if (access === "public" || access === "signed") return true;
  if (TokenService.allows(principal.role, access as Role)) return true;
  return (
    principal.role === "responder" &&
    access === "commander" &&
    app.commanderOf(incidentId)?.toLowerCase() === principal.person.toLowerCase()
  );
}

function forbidden(request: FastifyRequest, access: RouteAccess, principal: Principal): WarroomError {
  const message = `${request.method} ${request.routeOptions.url ?? "this route"} needs the ${access} role; your token is ${principal.role}`;
  return new WarroomError("auth.forbidden", message, [{ field: "Authorization", message }]);
}

/** The bearer token, or for live streams `?access_token=` (removed from the query so strict query schemas pass). */
function readToken(request: FastifyRequest, streaming: boolean): string | undefined {
  const fromQuery = stripQueryToken(request);
  const header = request.headers.authorization;
  if (header !== undefined && header !== "") {
    const match = BEARER.exec(header);
    if (!match) fail("auth.invalid_token", "the Authorization header must be: Bearer <token>", "Authorization");
    return match[1];
  }
  return streaming && typeof fromQuery === "string" ? fromQuery : undefined;
}

/**
 * Live-stream URLs drop `access_token` from their query (so their strict query schemas
 * pass), even with auth off: the web UI sends it whenever it has a token. Returns it.
 */
function stripQueryToken(request: FastifyRequest): unknown {
  const query = request.query as Record<string, unknown> | undefined;
  const fromQuery = query?.access_token;
  if (query && fromQuery !== undefined && (request.routeOptions.url ?? "").endsWith("/stream")) {
    delete query.access_token;
  }
  return fromQuery;
}
