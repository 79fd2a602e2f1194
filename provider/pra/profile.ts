// PRA/RS as the API client sees them: OAuth client credentials at `/oauth2/token` (HTTP Basic),
// `Authorization: Bearer`, numbered pages with `X-BT-Pagination-*` / `Link` headers, errors as
// `{message, errors: {field: [...]}}`, and the documented limits (20 req/s, 15,000 req/h per account).
import { ApiClient, ClientProfile, bearerFor, clientFor, secretTag } from "../core/api-client";
import type { ResolvedConnection } from "../core/connection";
import type { ErrorDetail } from "../core/errors";
import { numberedPages } from "../core/paging";

export const PRA_API_PREFIX = "/api/config/v1";
export const PRA_TOKEN_PATH = "/oauth2/token";

/** The `{message, error, errors}` bag of the Configuration API (422s), or a plain text body. */
export function parsePraError(_status: number, body: unknown): ErrorDetail {
    const b = (typeof body === "object" && body !== null ? body : {}) as {
        message?: string;
        error?: string;
        errors?: Record<string, string[] | string>;
    };
    const fields: Record<string, string[]> = {};
    for (const [k, v] of Object.entries(b.errors ?? {})) {
        fields[k] = Array.isArray(v) ? v.map(String) : [String(v)];
    }
    const message = b.message ?? b.error ?? (typeof body === "string" ? body.slice(0, 300) : undefined);
    return { message, fields };
}

export function praProfile(conn: ResolvedConnection, apiPrefix = PRA_API_PREFIX): ClientProfile {
    const product = conn.product === "rs" ? "RS" : "PRA";
    return {
        product,
        apiPrefix,
        authenticator: bearerFor(product, `${conn.origin}${PRA_TOKEN_PATH}`, conn.clientId, conn.clientSecret),
        pager: numberedPages(100),
        parseError: parsePraError,
        limits: {
            key: `${conn.origin}|${conn.clientId}|${conn.ratePerSecond}|${conn.ratePerHour}`,
            windows: [
                { limit: conn.ratePerSecond, windowMs: 1000 },
                { limit: conn.ratePerHour, windowMs: 3_600_000 },
            ],
        },
    };
}

/** The shared client of a PRA/RS account (keyed by a tag of its secret: a rotated one gets a new client). */
export function praClient(conn: ResolvedConnection, apiPrefix = PRA_API_PREFIX): ApiClient {
    const product = conn.product === "rs" ? "RS" : "PRA";
    const key = [product, conn.origin, apiPrefix, conn.clientId, secretTag(conn.clientSecret)].join("|");
    return clientFor(key, () => praProfile(conn, apiPrefix), conn);
}
