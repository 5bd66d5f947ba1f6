/**
 * Turning HTTP failures back into the closed WarroomError codes: a problem+json body
 * keeps its code, detail and field errors; anything else is named by its status; a
 * server that cannot be reached is `store.unavailable` with the address in the message.
 */
import { ERROR_CODES, type ErrorCode, type ErrorDetail, WarroomError } from "../domain/shared/errors.js";

interface ProblemBody {
  title?: unknown;
  detail?: unknown;
  code?: unknown;
  errors?: unknown;
}

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && (ERROR_CODES as readonly string[]).includes(value);
}

function codeForStatus(status: number): ErrorCode {
  if (status === 404) return "route.not_found";
  if (status === 409) return "stream.version_conflict";
  if (status === 413) return "request.too_large";
  if (status === 415) return "request.unsupported_media_type";
  if (status === 403) return "role.not_authorised";
  if (status === 400 || status === 422) return "validation.failed";
  if (status === 502 || status === 503 || status === 504) return "store.unavailable";
  return "internal";
}

function toDetails(value: unknown): ErrorDetail[] {
  if (!Array.isArray(value)) return [];
  const out: ErrorDetail[] = [];
  for (const item of value) {
    if (typeof item !== "object" || item === null) continue;
    const { field, message } = item as { field?: unknown; message?: unknown };
    if (typeof message !== "string") continue;
    out.push(typeof field === "string" ? { field, message } : { message });
  }
  return out;
}

/** The WarroomError an unsuccessful response stands for. */
export async function errorFromResponse(response: Response, url: string): Promise<WarroomError> {
  const text = await response.text().catch(() => "");
  let body: ProblemBody | undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === "object" && parsed !== null) body = parsed as ProblemBody;
  } catch {
    body = undefined;
  }
  const code = isErrorCode(body?.code) ? body.code : codeForStatus(response.status);
  const detail =
    typeof body?.detail === "string" && body.detail
      ? body.detail
      : typeof body?.title === "string" && body.title
        ? body.title
        : `the Warroom server at ${url} answered ${response.status} ${response.statusText}`.trim();
  return new WarroomError(code, detail, toDetails(body?.errors));
}

/** fetch() itself failed: nothing listening, DNS, TLS, reset… */
export function unreachable(baseUrl: string, error: unknown): WarroomError {
  const cause = (error as { cause?: unknown } | null)?.cause;
  const reason =
    cause instanceof Error ? cause.message : error instanceof Error ? error.message : String(error ?? "no answer");
  const wrapped = new WarroomError(
    "store.unavailable",
    `cannot reach the Warroom server at ${baseUrl}: ${reason}. Is \`warroom serve\` running there? Check --server / WARROOM_SERVER`,
  );
  wrapped.cause = error;
  return wrapped;
}

export function isAbort(error: unknown): boolean {
  return (error as { name?: unknown } | null)?.name === "AbortError";
}
