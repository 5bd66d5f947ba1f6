/**
 * Every HTTP error is `application/problem+json` (RFC 9457) carrying one closed error
 * code. Status and title come from the one error table (`src/app/error-table.ts`);
 * this file only decides which code an error is.
 */
import type { FastifyError } from "fastify";
import { ERROR_TABLE } from "../app/error-table.js";
import { type ErrorCode, type ErrorDetail, isWarroomError } from "../domain/shared/errors.js";

export const PROBLEM_CONTENT_TYPE = "application/problem+json; charset=utf-8";
export const PROBLEM_TYPE_PREFIX = "urn:warroom:error:";

export interface ProblemField {
  /** The offending field (a dotted body path, a query parameter or a header), or null. */
  field: string | null;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  errors: ProblemField[];
}

export function problem(code: ErrorCode, detail: string, details: ErrorDetail[] = []): Problem {
  const mapping = ERROR_TABLE[code];
  return {
    type: `${PROBLEM_TYPE_PREFIX}${code}`,
    title: mapping.title,
    status: mapping.http,
    detail,
    code,
    errors: details.map((d) => ({ field: d.field ?? null, message: d.message })),
  };
}

/** Fastify's own errors (body parsing, routing, schema validation) by their code. */
const FASTIFY_CODES: Record<string, { code: ErrorCode; detail: (context: ErrorContext) => string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: {
    code: "request.malformed_json",
    detail: () => "the request body is not valid JSON; send a JSON object",
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    code: "request.malformed_json",
    detail: () => "the request body is empty; send a JSON object",
  },
  FST_ERR_CTP_BODY_TOO_LARGE: {
    code: "request.too_large",
    detail: (c) => `the request body is over the limit of ${c.bodyLimitBytes} bytes`,
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: "request.unsupported_media_type",
    detail: () => "send the request body as JSON with Content-Type: application/json",
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    code: "validation.failed",
    detail: () => "the Content-Length header does not match the body",
  },
  FST_ERR_NOT_FOUND: { code: "route.not_found", detail: () => "no such route" },
};

export interface MappedError {
  problem: Problem;
  /** True when the server is at fault: log it with its stack, tell the client nothing more. */
  serverFault: boolean;
}

export interface ErrorContext {
  requestId: string;
  bodyLimitBytes: number;
}

export function toProblem(error: unknown, context: ErrorContext): MappedError {
  if (isWarroomError(error)) {
    const p = problem(error.code, error.message, error.details);
    return { problem: p, serverFault: p.status >= 500 };
  }
  const fastifyError = error as Partial<FastifyError> | null;
  const known = typeof fastifyError?.code === "string" ? FASTIFY_CODES[fastifyError.code] : undefined;
  if (known) {
    return { problem: problem(known.code, known.detail(context), headerDetail(known.code)), serverFault: false };
  }
  if (Array.isArray(fastifyError?.validation)) {
    const details = fastifyError.validation.map((v) => ({
      field: `${fastifyError.validationContext ?? "body"}${v.instancePath.replaceAll("/", ".")}`,
      message: v.message ?? "is not valid",
    }));
    return {
      problem: problem("validation.failed", details.map((d) => `${d.field}: ${d.message}`).join("; "), details),
      serverFault: false,
    };
  }
  const status = typeof fastifyError?.statusCode === "number" ? fastifyError.statusCode : 500;
  if (status >= 400 && status < 500) {
    const code: ErrorCode =
      status === 404
        ? "route.not_found"
        : status === 413
          ? "request.too_large"
          : status === 415
            ? "request.unsupported_media_type"
            : "validation.failed";
    const message = fastifyError?.message ?? "the request is not valid";
    return { problem: problem(code, message), serverFault: false };
  }
  return {
    problem: problem(
      "internal",
      `something went wrong on the server; it is logged under request id ${context.requestId}`,
    ),
    serverFault: true,
  };
}

function headerDetail(code: ErrorCode): ErrorDetail[] {
  if (code === "request.unsupported_media_type") {
    return [{ field: "Content-Type", message: "Content-Type must be application/json" }];
  }
  if (code === "request.too_large") return [{ field: "(body)", message: "the body is over the size limit" }];
  if (code === "request.malformed_json") return [{ field: "(body)", message: "the body must be a JSON object" }];
  return [];
}
