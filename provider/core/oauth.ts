import { AuthError, Product, TransportError } from "./errors";
import { clientStats } from "./stats";
import { RawRequest, RawResponse, certificateAdvice, describeNetworkError, send, untrustedCertificate } from "./http";

/**
 * Refresh this long before the appliance says the token expires, to absorb clock skew and queueing:
 * a minute, or a tenth of a short-lived token's life (a fixed minute would re-mint a 30 s token on
 * every call).
 */
function expiryMargin(lifetimeMs: number): number {
    return Math.min(60_000, lifetimeMs / 10);
}

interface Token {
    value: string;
    /** When to stop using it: its expiry less the margin. */
    renewAt: number;
}

/**
 * One OAuth client-credentials token per API account per process. The appliance keeps at most 30
 * valid tokens per account and evicts the oldest, so minting per resource (or per retry) would make
 * parallel operations invalidate each other; instead every caller shares one token, a refresh is
 * single-flight, and a caller that saw a 401 only triggers a new mint if nobody replaced the token yet.
 */
export class TokenSource {
    private current: Token | undefined;
    private pending: Promise<Token> | undefined;
    minted = 0;

    constructor(
        private readonly product: Product,
        private readonly tokenUrl: string,
        private readonly clientId: string,
        private readonly clientSecret: string,
        private readonly base: Omit<RawRequest, "method" | "url" | "headers" | "body">,
    ) {}

    async get(): Promise<string> {
        if (this.current && this.current.renewAt > Date.now()) {
            return this.current.value;
        }
        return (await this.mint()).value;
    }

    /** The server refused `stale`; get a fresh token unless another caller already did. */
    async renew(stale: string): Promise<string> {
        if (this.current && this.current.value !== stale) {
            return this.current.value;
        }
        this.current = undefined;
        return (await this.mint()).value;
    }

    private mint(): Promise<Token> {
        if (!this.pending) {
            this.pending = this.requestToken().finally(() => {
                this.pending = undefined;
            });
        }
        return this.pending;
    }

    private async requestToken(): Promise<Token> {
        const basic = Buffer.from(`${encodeURIComponent(this.clientId)}:${encodeURIComponent(this.clientSecret)}`).toString(
            "base64",
        );
        let res: RawResponse;
        try {
            res = await send({
                ...this.base,
                method: "POST",
                url: this.tokenUrl,
                headers: {
                    authorization: `Basic ${basic}`,
                    "content-type": "application/x-www-form-urlencoded",
                    accept: "application/json",
                },
                body: "grant_type=client_credentials",
            });
        } catch (err) {
            if (untrustedCertificate(err)) throw new AuthError(this.product, certificateAdvice(err));
            throw new TransportError(this.product, "POST", "/oauth2/token", describeNetworkError(err));
        }
        if (res.status !== 200) {
            // The body is never quoted: a token endpoint or a gateway in front of it may echo the
            // request, and that holds the Basic credentials. Only a standard OAuth error code is kept.
            const detail = oauthErrorCode(res.body) ?? "";
            if (res.status === 401 || res.status === 400 || res.status === 403) {
                throw new AuthError(
                    this.product,
                    `the API account "${this.clientId}" was refused a token (HTTP ${res.status}${detail ? `, ${detail}` : ""}). ` +
                        `Check the client id and secret: a regenerated secret invalidates the old one.`,
                );
            }
            throw new TransportError(this.product, "POST", "/oauth2/token", `HTTP ${res.status} ${detail}`.trim());
        }
        let body: { access_token?: string; expires_in?: number };
        try {
            body = JSON.parse(res.body) as typeof body;
        } catch {
            // JSON.parse's own message quotes the text it choked on: never let it through.
            throw new TransportError(this.product, "POST", "/oauth2/token", "the token response was not JSON");
        }
        if (!body?.access_token) {
            throw new TransportError(this.product, "POST", "/oauth2/token", "the token response had no access_token");
        }
        this.minted++;
        clientStats.tokensMinted++;
        const lifetime = (body.expires_in ?? 3600) * 1000;
        const token = { value: body.access_token, renewAt: Date.now() + lifetime - expiryMargin(lifetime) };
        this.current = token;
        return token;
    }
}

/** RFC 6749's error codes: the only part of a refused token response that reaches a message. */
const OAUTH_ERROR_CODES = new Set([
    "invalid_request",
    "invalid_client",
    "invalid_grant",
    "unauthorized_client",
    "unsupported_grant_type",
    "invalid_scope",
    "access_denied",
    "server_error",
    "temporarily_unavailable",
]);

function oauthErrorCode(body: string): string | undefined {
    try {
        const error = (JSON.parse(body) as { error?: unknown } | null)?.error;
        return typeof error === "string" && OAUTH_ERROR_CODES.has(error) ? error : undefined;
    } catch {
        return undefined;
    }
}
