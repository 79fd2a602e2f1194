// EPM as the API client sees it: OAuth client credentials at the tenant's `/oauth/connect/token`
// (a form body; 3600 s tokens), `Authorization: Bearer`, the Management API under
// `/management-api/v{n}` with camelCase JSON, `Pagination.*` pages in a `{pageNumber, pageCount,
// data}` envelope (at most 200 a page), ProblemDetails errors, and the documented limit of 1000
// requests per 100 s per account (the token endpoint counts too), kept under, not discovered.
import { ApiClient, ClientProfile, bearerFor, clientFor, secretTag } from "../core/api-client";
import type { ErrorDetail } from "../core/errors";
import { pageEnvelope } from "../core/paging";
import { EpmConnection } from "./connection";

export const EPM_TOKEN_PATH = "/oauth/connect/token";
export const EPM_RATE_WINDOW = { limit: 1000, windowMs: 100_000 };

/**
 * The window the limiter keeps under: the documented one, unless BT_EPM_RATE_LIMIT (requests; 0 turns
 * the limiter off) or BT_EPM_RATE_WINDOW_SECONDS say otherwise, for a tenant with another budget (or a
 * test that shrinks the simulator's window and tells the provider the same). Read when the account's
 * limiter is made, once per process.
 */
export function epmRateWindow(env: NodeJS.ProcessEnv = process.env): { limit: number; windowMs: number } {
    const num = (name: string, fallback: number) => {
        const n = Number(env[name]);
        return env[name] !== undefined && env[name] !== "" && Number.isFinite(n) && n >= 0 ? n : fallback;
    };
    return { limit: num("BT_EPM_RATE_LIMIT", EPM_RATE_WINDOW.limit), windowMs: num("BT_EPM_RATE_WINDOW_SECONDS", EPM_RATE_WINDOW.windowMs / 1000) * 1000 };
}
export const EPM_PAGE_SIZE = 200;

/** ProblemDetails `{title, detail, errors: {field: [..]}}`, OAuth's `{error, error_description}`, or text. */
export function parseEpmError(_status: number, body: unknown): ErrorDetail {
    if (typeof body === "string") return { message: body.slice(0, 300), fields: {} };
    const b = (typeof body === "object" && body !== null ? body : {}) as {
        title?: unknown;
        detail?: unknown;
        errors?: Record<string, unknown>;
        error?: unknown;
        error_description?: unknown;
    };
    const fields: Record<string, string[]> = {};
    for (const [k, v] of Object.entries(b.errors ?? {})) fields[k] = Array.isArray(v) ? v.map(String) : [String(v)];
    const parts = [b.title, b.detail].filter((p): p is string => typeof p === "string" && p !== "");
    const oauth = [b.error, b.error_description].filter((p): p is string => typeof p === "string" && p !== "");
    const message = (parts.length > 0 ? parts.join(": ") : oauth.join(": ")) || undefined;
    return { message: message?.slice(0, 300), fields };
}

/** One token, one limiter and one client per account (tenant + client id + a tag of the secret). */
export function epmAccountKey(conn: EpmConnection): string {
    return `${conn.origin}|${conn.clientId}|${secretTag(conn.clientSecret)}`;
}

export function epmProfile(conn: EpmConnection): ClientProfile {
    return {
        product: "EPM",
        apiPrefix: conn.basePath,
        authenticator: bearerFor("EPM", `${conn.origin}${EPM_TOKEN_PATH}`, conn.clientId, conn.clientSecret, "form"),
        pager: pageEnvelope(EPM_PAGE_SIZE),
        parseError: parseEpmError,
        // Keyed by account, not by API version: v2 and v3 calls share the tenant's budget.
        limits: { key: `EPM|${epmAccountKey(conn)}`, windows: [epmRateWindow()], tokenRequestsCount: true },
    };
}

/** The shared client of an EPM account and API version. */
export function epmClient(conn: EpmConnection): ApiClient<EpmConnection> {
    return clientFor(`EPM|${epmAccountKey(conn)}|${conn.apiVersion}`, () => epmProfile(conn), conn);
}
