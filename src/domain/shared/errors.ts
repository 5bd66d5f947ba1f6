/**
 * The closed set of error codes. Domain and app code throw `WarroomError` with one of
 * these; adapters map the code to an HTTP status or CLI exit code in one table
 * (`src/app/error-table.ts`). A domain error never carries a transport status.
 */
export const ERROR_CODES = [
  "validation.failed",
  "request.malformed_json",
  "request.too_large",
  "request.unsupported_media_type",
  "route.not_found",
  "actor.missing",
  "incident.not_found",
  "incident.resolved",
  "incident.not_resolved",
  "incident.number_exhausted",
  "severity.invalid",
  "severity.unchanged",
  "role.unknown",
  "role.already_held",
  "role.not_held",
  "role.commander_required",
  "role.not_authorised",
  "status.unchanged",
  "status.use_resolve",
  "text.empty",
  "text.too_long",
  "cadence.invalid",
  "update.invalid",
  "update.lint_failed",
  "reminder.none_due",
  "deadline.not_found",
  "deadline.closed",
  "trigger.not_found",
  "trigger.closed",
  "postmortem.not_found",
  "postmortem.stale_revision",
  "postmortem.lint_failed",
  "workstream.not_found",
  "workstream.closed",
  "task.unassigned",
  "task.not_found",
  "task.closed",
  "option.not_found",
  "decision.no_options",
  "decision.not_authorised",
  "decision.invalid",
  "decision.not_found",
  "action.not_found",
  "action.already_done",
  "estimate.unchanged",
  "trainee.not_found",
  "certificate.not_found",
  "certificate.invalid",
  "scenario.not_found",
  "drill.not_found",
  "drill.finished",
  "drill.running",
  "drill.limit_reached",
  "integration.unauthenticated",
  "integration.bad_signature",
  "integration.stale_timestamp",
  "integration.unknown_receiver",
  "webhook.not_found",
  "person.not_found",
  "person.exists",
  "token.not_found",
  "token.revoked",
  "auth.missing_token",
  "auth.invalid_token",
  "auth.forbidden",
  "rate.limited",
  "stream.version_conflict",
  "idempotency.key_reused",
  "store.unavailable",
  "store.schema_newer",
  "store.not_empty",
  "store.tampered",
  "chat.not_configured",
  "chat.unavailable",
  "internal",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorDetail {
  /** Dotted path of the offending field, e.g. `severity` or `attributes.risk`. */
  field?: string;
  message: string;
}

export class WarroomError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetail[];

  constructor(code: ErrorCode, message: string, details: ErrorDetail[] = []) {
    super(message);
    this.name = "WarroomError";
    this.code = code;
    this.details = details;
  }
}

export function fail(code: ErrorCode, message: string, field?: string): never {
  throw new WarroomError(code, message, field ? [{ field, message }] : []);
}

export function isWarroomError(value: unknown): value is WarroomError {
  return value instanceof WarroomError;
}
