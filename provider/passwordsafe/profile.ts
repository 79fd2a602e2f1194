// Password Safe as the API client sees it: a session cookie from `Auth/SignAppin` (PS-Auth key and
// run-as user, or an OAuth token from `Auth/connect/token` first), `limit`/`offset` lists with the
// 3.2 `{TotalCount, Data}` envelope, errors as bare JSON strings, `?version=3.1` on every call (the
// 3.1 owner model), GUID ids. No documented rate limit, so no client-side window.
import { ApiClient, ClientProfile, clientFor, onResetClients, secretTag, sharedTokenSource } from "../core/api-client";
import type { ErrorDetail } from "../core/errors";
import { limitOffset } from "../core/paging";
import { processState } from "../core/process-state";
import { Session, signOutAtExit, signOutAll } from "../core/session";
import { PasswordSafeConnection } from "./connection";

export const PS_API_VERSION = "3.1";
export const PS_TOKEN_PATH = "/Auth/connect/token";

/** `"Secret not found"` (a JSON string), or whatever text the appliance sent. */
export function parsePasswordSafeError(_status: number, body: unknown): ErrorDetail {
    if (typeof body === "string") return { message: body.slice(0, 300), fields: {} };
    const b = (typeof body === "object" && body !== null ? body : {}) as { Message?: unknown; message?: unknown };
    const message = b.Message ?? b.message;
    return { message: typeof message === "string" ? message.slice(0, 300) : undefined, fields: {} };
}

/** The account a connection signs in as: one session (and one client) per account per process. */
export function accountKey(conn: PasswordSafeConnection): string {
    const who =
        conn.auth.kind === "api-key"
            ? `key:${secretTag(conn.auth.apiKey)}|${conn.auth.runAs.toLowerCase()}|${secretTag(conn.auth.password ?? "")}`
            : `oauth:${conn.auth.clientId}|${secretTag(conn.auth.clientSecret)}`;
    return `${conn.origin}${conn.basePath}|${who}`;
}

const sessions = processState("passwordSafeSessions", () => new Map<string, Session>());

function resetSessions(): void {
    void signOutAll();
    sessions.clear();
}

export function passwordSafeProfile(conn: PasswordSafeConnection): ClientProfile {
    const apiBase = `${conn.origin}${conn.basePath}`;
    return {
        product: "PasswordSafe",
        apiPrefix: conn.basePath,
        authenticator(base, clock) {
            const key = accountKey(conn);
            let session = clock ? undefined : sessions.get(key);
            if (!session) {
                const auth = conn.auth;
                session = new Session(
                    "PasswordSafe",
                    apiBase,
                    auth.kind === "api-key"
                        ? auth
                        : {
                              kind: "oauth",
                              clientId: auth.clientId,
                              tokens: sharedTokenSource("PasswordSafe", `${apiBase}${PS_TOKEN_PATH}`, auth.clientId, auth.clientSecret, base, clock, "form"),
                          },
                    base,
                    clock,
                );
                if (!clock) sessions.set(key, session);
                signOutAtExit();
            }
            return session;
        },
        pager: limitOffset(1000),
        parseError: parsePasswordSafeError,
        limits: { key: accountKey(conn), windows: [] },
        defaultQuery: { version: PS_API_VERSION },
    };
}

/** The shared client of a Password Safe account. */
export function passwordSafeClient(conn: PasswordSafeConnection): ApiClient<PasswordSafeConnection> {
    onResetClients(resetSessions);
    return clientFor(`PasswordSafe|${accountKey(conn)}`, () => passwordSafeProfile(conn), conn);
}
