/**
 * Who is asking, for the length of one request. The HTTP layer runs each request's
 * handler inside `runInScope(scope, …)`; the app's reads and commands look the principal
 * up with `currentPrincipal()` and hide private incidents from non-members, and mark the
 * scope when a private incident was touched so the request stays out of /metrics. Nothing
 * outside a request (the local CLI, the reminder scheduler) has a scope, and a request
 * with auth off has no principal: then nothing is hidden (local file access, or a server
 * run without auth, is already full access).
 *
 * An AsyncLocalStorage rather than a parameter on every read: every route, including
 * ones added later, goes through the same app methods, so none can forget to filter.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { Role } from "../../domain/people/roles.js";

export interface Principal {
  /** The person's handle, as stored in the directory. */
  person: string;
  role: Role;
  tokenId: string;
  /** A public or signed route with auth on: sees no private incident and acts as nobody. */
  anonymous?: boolean;
}

/** Who a public or signed request is, with auth on: private incidents stay hidden from it. */
export const ANONYMOUS: Principal = Object.freeze({ person: "", role: "viewer", tokenId: "", anonymous: true });

export interface RequestScope {
  principal: Principal | undefined;
  /** Set when the request read or changed a private incident: its metrics are not counted. */
  touchedPrivate: boolean;
  /** Tokens are checked on this server (`auth: tokens`); an integration acting for a person then applies roles. */
  authOn?: boolean;
}

const storage = new AsyncLocalStorage<RequestScope>();

export function runInScope<T>(scope: RequestScope, work: () => T): T {
  return storage.run(scope, work);
}

export function currentScope(): RequestScope | undefined {
  return storage.getStore();
}

/** The signed-in person, if any (an anonymous principal is not a person: undefined). */
export function currentPrincipal(): Principal | undefined {
  const principal = storage.getStore()?.principal;
  return principal?.anonymous ? undefined : principal;
}

/** For visibility: the signed-in person, the anonymous principal, or undefined (no auth: sees all). */
export function currentViewer(): Principal | undefined {
  return storage.getStore()?.principal;
}

/** Notes that the current request touched a private incident (no-op outside a request). */
export function markPrivateTouched(): void {
  const scope = storage.getStore();
  if (scope) scope.touchedPrivate = true;
}
