// The appliance's error shapes. Handlers throw ApiError; the server turns it into a response, so
// no handler ever writes an error body by hand.

export type ErrorBag = Record<string, string[]>;

export class ApiError extends Error {
    constructor(
        public readonly status: number,
        /** An object for PRA/RS ({message, errors}); a bare JSON string for Password Safe. */
        public readonly body: Record<string, unknown> | string,
        public readonly headers: Record<string, string> = {},
    ) {
        super(typeof body === "string" ? body : typeof body.message === "string" ? body.message : `HTTP ${status}`);
    }
}

export function notFound(message = "The requested resource was not found."): ApiError {
    return new ApiError(404, { message });
}

export function unprocessable(errors: ErrorBag, message = "The given data was invalid."): ApiError {
    return new ApiError(422, { message, errors });
}

// The spec answers unknown query parameters and unknown body fields with 401, not 400.
export function unrecognized(where: "query parameter" | "field", names: string[]): ApiError {
    return new ApiError(401, { message: `Unrecognized ${where}${names.length > 1 ? "s" : ""}: ${names.join(", ")}` });
}

export function methodNotAllowed(allowed: string[]): ApiError {
    return new ApiError(405, { message: "Method Not Allowed" }, { Allow: allowed.join(",") });
}

export function accessDenied(message = "The resource owner or authorization server denied the request."): ApiError {
    return new ApiError(401, { error: "access_denied", message });
}

export function oauthError(status: number, error: string, message: string): ApiError {
    return new ApiError(status, { error, message });
}
