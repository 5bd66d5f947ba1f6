/**
 * The one table that maps closed error codes to transports: an HTTP status (the body is
 * problem+json with the code) and a CLI exit code. Exit codes: 1 internal, 2 usage and
 * validation, 3 not found, 4 conflict or state, 5 not allowed, 6 unavailable.
 */
import type { ErrorCode } from "../domain/shared/errors.js";

export interface ErrorMapping {
  http: number;
  exit: number;
  title: string;
}

const validation = (title: string): ErrorMapping => ({ http: 400, exit: 2, title });
const notFound = (title: string): ErrorMapping => ({ http: 404, exit: 3, title });
const conflict = (title: string): ErrorMapping => ({ http: 409, exit: 4, title });
const unprocessable = (title: string): ErrorMapping => ({ http: 422, exit: 4, title });
const forbidden = (title: string): ErrorMapping => ({ http: 403, exit: 5, title });

export const ERROR_TABLE: Record<ErrorCode, ErrorMapping> = {
  "validation.failed": validation("The request is not valid"),
  "request.malformed_json": validation("The body is not valid JSON"),
  "request.too_large": { http: 413, exit: 2, title: "The request body is too large" },
  "request.unsupported_media_type": { http: 415, exit: 2, title: "Send the body as application/json" },
  "route.not_found": notFound("No such route"),
  "actor.missing": validation("Say who is acting"),
  "incident.not_found": notFound("No such incident"),
  "incident.resolved": conflict("The incident is resolved"),
  "incident.not_resolved": conflict("The incident is not resolved"),
  "incident.number_exhausted": { http: 503, exit: 6, title: "Could not allocate an incident number" },
  "severity.invalid": validation("Unknown severity"),
  "severity.unchanged": conflict("Severity unchanged"),
  "role.unknown": validation("Unknown role"),
  "role.already_held": conflict("The role is already held"),
  "role.not_held": conflict("Nobody holds the role"),
  "role.commander_required": conflict("An incident always has a commander"),
  "role.not_authorised": forbidden("Not allowed for this person"),
  "status.unchanged": conflict("Status unchanged"),
  "status.use_resolve": unprocessable("Resolve with a summary"),
  "text.empty": validation("Text must not be empty"),
  "text.too_long": { http: 413, exit: 2, title: "Text is too long" },
  "cadence.invalid": validation("Invalid update cadence"),
  "update.invalid": validation("Invalid update"),
  "update.lint_failed": unprocessable("The update breaks a communication rule for its audience"),
  "reminder.none_due": conflict("No reminder is due"),
  "deadline.not_found": notFound("No such decision deadline"),
  "deadline.closed": conflict("The decision deadline is closed"),
  "trigger.not_found": notFound("No such trigger"),
  "trigger.closed": conflict("The trigger is closed"),
  "postmortem.not_found": notFound("No postmortem has been saved"),
  "postmortem.stale_revision": conflict("The postmortem changed since you opened it"),
  "postmortem.lint_failed": unprocessable("The postmortem breaks a blameless-review rule"),
  "workstream.not_found": notFound("No such workstream"),
  "workstream.closed": conflict("The workstream is closed"),
  "task.unassigned": unprocessable("A task needs one named person"),
  "task.not_found": notFound("No such task"),
  "task.closed": conflict("The task is closed"),
  "option.not_found": notFound("No such option"),
  "decision.no_options": unprocessable("No options to decide between"),
  "decision.not_authorised": forbidden("Not this person's decision to make"),
  "decision.invalid": validation("Invalid decision"),
  "decision.not_found": notFound("No such decision"),
  "action.not_found": notFound("No such action item"),
  "action.already_done": conflict("The action item is already done"),
  "estimate.unchanged": conflict("The triage estimate is unchanged"),
  "trainee.not_found": notFound("No training runs recorded for this trainee"),
  "certificate.not_found": notFound("No such certificate"),
  "certificate.invalid": unprocessable("The certificate is expired or was altered"),
  "scenario.not_found": notFound("No such scenario"),
  "drill.not_found": notFound("No such drill"),
  "drill.finished": conflict("The drill is finished"),
  "drill.running": conflict("The drill is still running; finish it first"),
  "drill.limit_reached": { http: 429, exit: 4, title: "Too many drills running; finish one or try again later" },
  "integration.unauthenticated": { http: 401, exit: 5, title: "Sign the request or send the receiver's token" },
  "integration.bad_signature": { http: 401, exit: 5, title: "The signature or token does not match" },
  "integration.stale_timestamp": { http: 401, exit: 5, title: "The signed timestamp is too old or in the future" },
  "integration.unknown_receiver": notFound("No such alert receiver"),
  "webhook.not_found": notFound("No such webhook subscription"),
  "person.not_found": notFound("No such person in the directory"),
  "person.exists": conflict("The person is already in the directory"),
  "token.not_found": notFound("No such API token"),
  "token.revoked": conflict("The API token is already revoked"),
  "auth.missing_token": { http: 401, exit: 5, title: "Sign in: send an API token" },
  "auth.invalid_token": { http: 401, exit: 5, title: "The API token is unknown, revoked or malformed" },
  "auth.forbidden": forbidden("Your role does not allow this"),
  "rate.limited": { http: 429, exit: 6, title: "Too many requests for this token; retry later" },
  "stream.version_conflict": conflict("The incident changed since you read it"),
  "idempotency.key_reused": unprocessable("Idempotency key used for a different request"),
  "store.unavailable": { http: 503, exit: 6, title: "The store is unavailable" },
  "store.schema_newer": { http: 503, exit: 6, title: "The database was written by a newer Warroom" },
  "store.not_empty": conflict("The store already holds events"),
  "store.tampered": { http: 500, exit: 4, title: "The event log was changed outside Warroom" },
  "chat.not_configured": { http: 503, exit: 6, title: "This chat platform is not configured" },
  "chat.unavailable": { http: 503, exit: 6, title: "The chat platform did not answer; try again" },
  internal: { http: 500, exit: 1, title: "Internal error" },
};
