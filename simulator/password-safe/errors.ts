// Password Safe's error shape: a bare JSON string body ("Secret not found"), the only form seen from
// real appliances (password-safe-clients.md §7: no client parses an error object; the 401 body is
// "User not authenticated"). Handlers throw these; the app turns them into responses.
import { ApiResponse } from "../core/api";
import { ApiError } from "../core/errors";

export const NOT_AUTHENTICATED = "User not authenticated";

export function psError(status: number, message: string): ApiError {
    return new ApiError(status, message);
}

export const badRequest = (message: string) => psError(400, message);
export const notFound = (message: string) => psError(404, message);
export const conflict = (message: string) => psError(409, message);
export const unauthenticated = () => psError(401, NOT_AUTHENTICATED);

/** Any error as a Password Safe response; PRA-shaped core errors (413, 405) are re-worded as strings. */
export function psResponse(err: unknown): ApiResponse {
    if (err instanceof ApiError) {
        const body = typeof err.body === "string" ? err.body : err.message;
        return { status: err.status, body, headers: err.headers };
    }
    process.stderr.write(`bt-simulator: internal error (password safe): ${(err as Error)?.stack ?? String(err)}\n`);
    return { status: 500, body: "An internal error occurred" };
}
