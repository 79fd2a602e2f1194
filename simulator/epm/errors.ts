// EPM's error shape: ASP.NET Core ProblemDetails (RFC 7807) as application/problem+json. The
// store throws RuleErrors (no HTTP); this file is the one place they become responses, so every
// refusal a client sees has the same {type, title, status, detail, traceId, errors?}.
import { randomUUID } from "node:crypto";
import { ApiResponse } from "../core/api";
import { ApiError } from "../core/errors";

export type ErrorBag = Record<string, string[]>;

/** A rule of the EPM model was broken; `kind` decides the status, `detail` is what a user reads. */
export class RuleError extends Error {
    constructor(
        readonly kind: "not-found" | "invalid" | "conflict",
        readonly detail: string,
        readonly errors?: ErrorBag,
    ) {
        super(detail);
    }
}

const TITLES: Record<number, string> = {
    400: "Bad Request",
    401: "Unauthorized",
    404: "Not Found",
    405: "Method Not Allowed",
    413: "Payload Too Large",
    415: "Unsupported Media Type",
    429: "Too Many Requests",
    500: "Internal Server Error",
};

// The RFC sections ASP.NET Core puts in `type` for each status.
const TYPES: Record<number, string> = {
    400: "https://tools.ietf.org/html/rfc9110#section-15.5.1",
    401: "https://tools.ietf.org/html/rfc9110#section-15.5.2",
    404: "https://tools.ietf.org/html/rfc9110#section-15.5.5",
    405: "https://tools.ietf.org/html/rfc9110#section-15.5.6",
    413: "https://tools.ietf.org/html/rfc9110#section-15.5.14",
    415: "https://tools.ietf.org/html/rfc9110#section-15.5.16",
    429: "https://tools.ietf.org/html/rfc6585#section-4",
    500: "https://tools.ietf.org/html/rfc9110#section-15.6.1",
};

export const PROBLEM_TYPE = "application/problem+json";

export function problemBody(status: number, detail: string, errors?: ErrorBag): Record<string, unknown> {
    return {
        type: TYPES[status] ?? "about:blank",
        title: errors ? "One or more validation errors occurred." : (TITLES[status] ?? "Error"),
        status,
        detail,
        traceId: `00-${randomUUID().replace(/-/g, "")}-${randomUUID().replace(/-/g, "").slice(0, 16)}-00`,
        ...(errors ? { errors } : {}),
    };
}

export function problem(status: number, detail: string, errors?: ErrorBag, headers: Record<string, string> = {}): ApiError {
    return new ApiError(status, problemBody(status, detail, errors), { "Content-Type": PROBLEM_TYPE, ...headers });
}

export const invalid = (detail: string, errors?: ErrorBag) => new RuleError("invalid", detail, errors);
export const missing = (what: string, id: string) => new RuleError("not-found", `${what} ${id} was not found.`);

const STATUS_OF: Record<RuleError["kind"], number> = { "not-found": 404, invalid: 400, conflict: 400 };

/** Any error thrown while serving EPM, as a ProblemDetails response. */
export function toProblemResponse(err: unknown): ApiResponse {
    if (err instanceof RuleError) err = problem(STATUS_OF[err.kind], err.detail, err.errors);
    if (err instanceof ApiError) {
        if (typeof err.body === "object" && "traceId" in err.body) return { status: err.status, body: err.body, headers: err.headers };
        // A core error (an oversized body, a 405 from the router): same status, EPM's shape.
        const detail = typeof err.body === "string" ? err.body : String(err.body.message ?? "");
        const headers = { ...err.headers, "Content-Type": PROBLEM_TYPE };
        return { status: err.status, body: problemBody(err.status, detail), headers };
    }
    process.stderr.write(`bt-simulator: EPM internal error: ${(err as Error)?.stack ?? String(err)}\n`);
    return { status: 500, body: problemBody(500, "Internal simulator error."), headers: { "Content-Type": PROBLEM_TYPE } };
}
