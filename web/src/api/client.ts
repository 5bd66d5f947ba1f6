/**
 * The one way the browser talks to the server: JSON over `/api/...` with the session's
 * bearer token and handle. Problems (RFC 9457) become `ApiError`s carrying the server's
 * detail and field errors; a 401 signs out so the app returns to the sign-in screen.
 */
import { getSession, signOut } from "./session";

export interface FieldError {
  field: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldError[] = [],
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** Server clock minus browser clock (ms), from the last Date header: countdowns use server time. */
let serverOffsetMs = 0;
export function serverNow(): number {
  return Date.now() + serverOffsetMs;
}

type Query = Record<string, string | number | boolean | undefined>;

function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

function headers(extra: Record<string, string> = {}): Record<string, string> {
  const session = getSession();
  const out: Record<string, string> = { accept: "application/json", ...extra };
  if (session?.token) out.authorization = `Bearer ${session.token}`;
  if (session?.handle) out["warroom-actor"] = encodeURIComponent(session.handle);
  return out;
}

async function send<T>(
  method: "GET" | "POST",
  path: string,
  body?: unknown,
  extra?: Record<string, string>,
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: headers(body === undefined ? extra : { "content-type": "application/json", ...extra }),
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch (error) {
    throw new ApiError(0, "network", `the server does not answer (${(error as Error).message})`);
  }
  const date = response.headers.get("date");
  if (date) serverOffsetMs = Date.parse(date) + 500 - Date.now();
  const type = response.headers.get("content-type") ?? "";
  const payload: unknown = type.includes("json") ? await response.json().catch(() => null) : await response.text();
  if (response.ok) return payload as T;
  const problem = (payload ?? {}) as { code?: string; detail?: string; title?: string; errors?: FieldError[] };
  const error = new ApiError(
    response.status,
    problem.code ?? `http.${response.status}`,
    problem.detail ?? problem.title ?? response.statusText,
    problem.errors ?? [],
  );
  if (response.status === 401) signOut(error.message);
  throw error;
}

export const api = {
  get<T>(path: string, query?: Query): Promise<T> {
    return send<T>("GET", withQuery(path, query));
  },
  /** POST with a fresh Idempotency-Key, so a retried click never appends twice. */
  post<T>(path: string, body: unknown = {}): Promise<T> {
    return send<T>("POST", path, body, { "idempotency-key": crypto.randomUUID() });
  },
  /** The URL of a live stream, with the token as `access_token` (EventSource sends no headers). */
  streamUrl(path: string, after: number): string {
    const token = getSession()?.token;
    return withQuery(path, { after, ...(token ? { access_token: token } : {}) });
  },
};

/** Run one command on an incident (the generic route; `type` picks the command). */
export function runCommand<T = import("./types").CommandResult>(
  incidentId: string,
  command: { type: string } & Record<string, unknown>,
): Promise<T> {
  return api.post<T>(`/api/incidents/${encodeURIComponent(incidentId)}/commands`, command);
}
