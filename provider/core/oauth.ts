import { AuthError, Product, TransportError } from "./errors";
import { clientStats } from "./stats";
import { RawRequest, RawResponse, certificateAdvice, describeNetworkError, send, untrustedCertificate } from "./http";

import { Clock, processClock } from "./clock";

/** Renew at least this long before expiry, whatever the lifetime (capped at half of it). */
export const RENEWAL_FLOOR_MS = 1000;
/** Renew at least this many observed round trips before expiry. */
export const RENEWAL_LATENCY_FACTOR = 3;
/** Round trips remembered for the margin: the slowest of the last this many counts. */
const LATENCY_SAMPLES = 32;

/**
 * How long before the appliance's expiry a token is renewed. A token checked as valid must still be
 * valid when the appliance checks it, one round trip later (longer on a slow event loop or a slow
 * appliance), so the margin grows with the round trips seen: the largest of a tenth of the lifetime
 * (at most a minute, so a 30 s token is not re-minted on every call), `RENEWAL_LATENCY_FACTOR` times
 * the slowest recent round trip, and `RENEWAL_FLOOR_MS`; capped at half the lifetime so a token
 * is always used for a while.
 */
export function renewalMargin(lifetimeMs: number, slowestRoundTripMs = 0): number {
    const wanted = Math.max(Math.min(60_000, lifetimeMs / 10), RENEWAL_LATENCY_FACTOR * slowestRoundTripMs, RENEWAL_FLOOR_MS);
    return Math.min(wanted, lifetimeMs / 2);
}

interface Token {
    value: string;
    /** When the appliance stops accepting it, measured from before the token request was sent. */
    expiresAt: number;
    lifetimeMs: number;
}

/**
 * One OAuth client-credentials token per API account per process. The appliance keeps at most 30
 * valid tokens per account and evicts the oldest, so minting per resource (or per retry) would make
 * parallel operations invalidate each other; instead every caller shares one token and a refresh is
 * single-flight. A token the appliance refused (401) is remembered as bad: it is never handed out
 * again, and a caller that still holds it gets the replacement (or causes one) when it renews.
 */
export class TokenSource {
    private current: Token | undefined;
    private pending: Promise<Token> | undefined;
    /** Values refused by the appliance, newest last (bounded: only recent ones can still be held). */
    private readonly refused: string[] = [];
    private readonly roundTrips: number[] = [];
    minted = 0;
    /**
     * Waits for the account's limiter before each token request, where the token endpoint counts
     * against the same window as the API (EPM's 1000 per 100 s): unset, token requests are not admitted.
     */
    private admit: (() => Promise<void>) | undefined;

    constructor(
        private readonly product: Product,
        private readonly tokenUrl: string,
        private readonly clientId: string,
        private readonly clientSecret: string,
        private readonly base: Omit<RawRequest, "method" | "url" | "headers" | "body">,
        private readonly clock: Clock = processClock,
        /**
         * Where the client credentials go: PRA/RS take HTTP Basic; Password Safe's `Auth/connect/token`
         * takes them as form fields.
         */
        private readonly credentialsIn: "basic" | "form" = "basic",
    ) {}

    /** Token requests from now on wait for `admit` (the account's limiter) before they leave. */
    admitThrough(admit: () => Promise<void>): void {
        this.admit = admit;
    }

    /** The token endpoint's path, as messages name it (never its query). */
    private get tokenPath(): string {
        try {
            return new URL(this.tokenUrl).pathname;
        } catch {
            return this.tokenUrl;
        }
    }

    /** A token that is valid for at least the renewal margin and not known to be refused. */
    async get(): Promise<string> {
        const cur = this.current;
        if (cur && this.usable(cur)) {
            return cur.value;
        }
        return this.fresh();
    }

    /** The appliance refused `stale` (401): mark it bad and return a token that is not. */
    async renew(stale: string): Promise<string> {
        this.refuse(stale);
        return this.get();
    }

    /** Whether `value` was refused by the appliance. */
    isRefused(value: string): boolean {
        return this.refused.includes(value);
    }

    /** A request's round trip (token or API), which the renewal margin must cover. */
    observeRoundTrip(ms: number): void {
        this.roundTrips.push(Math.max(0, ms));
        if (this.roundTrips.length > LATENCY_SAMPLES) this.roundTrips.shift();
    }

    /** The margin the current token is renewed with (for tests and diagnostics). */
    marginFor(lifetimeMs: number): number {
        return renewalMargin(lifetimeMs, Math.max(0, ...this.roundTrips));
    }

    private usable(t: Token): boolean {
        return !this.isRefused(t.value) && this.clock.now() < t.expiresAt - this.marginFor(t.lifetimeMs);
    }

    /** The appliance refused `value` (401): never hand it out again. */
    refuse(value: string): void {
        if (!this.isRefused(value)) {
            this.refused.push(value);
            if (this.refused.length > 64) this.refused.shift();
        }
        if (this.current?.value === value) this.current = undefined;
    }

    /**
     * A newly minted token. Callers that joined a mint whose token was refused before they resumed
     * (another caller used it first) join the next one instead; three refused in a row is an account
     * the appliance will not serve.
     */
    private async fresh(): Promise<string> {
        for (let i = 0; i < 3; i++) {
            const t = await this.mint();
            if (!this.isRefused(t.value)) return t.value;
        }
        throw new AuthError(
            this.product,
            `the appliance refused three new tokens of the API account "${this.clientId}" as soon as they were issued: ` +
                `check that the account is enabled and has API access.`,
        );
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
        const basic = Buffer.from(`${encodeURIComponent(this.clientId)}:${encodeURIComponent(this.clientSecret)}`).toString("base64");
        const form =
            this.credentialsIn === "form"
                ? `client_id=${encodeURIComponent(this.clientId)}&client_secret=${encodeURIComponent(this.clientSecret)}&grant_type=client_credentials`
                : "grant_type=client_credentials";
        await this.admit?.();
        // Expiry counts from before the request left: the appliance minted the token somewhere in
        // the round trip, so this never overestimates how long it stays valid.
        const sentAt = this.clock.now();
        let res: RawResponse;
        try {
            res = await send({
                ...this.base,
                method: "POST",
                url: this.tokenUrl,
                headers: {
                    ...(this.credentialsIn === "basic" ? { authorization: `Basic ${basic}` } : {}),
                    "content-type": "application/x-www-form-urlencoded",
                    accept: "application/json",
                },
                body: form,
            });
        } catch (err) {
            if (untrustedCertificate(err)) throw new AuthError(this.product, certificateAdvice(err));
            throw new TransportError(this.product, "POST", this.tokenPath, describeNetworkError(err));
        }
        this.observeRoundTrip(this.clock.now() - sentAt);
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
            throw new TransportError(this.product, "POST", this.tokenPath, `HTTP ${res.status} ${detail}`.trim());
        }
        let body: { access_token?: string; expires_in?: number };
        try {
            body = JSON.parse(res.body) as typeof body;
        } catch {
            // JSON.parse's own message quotes the text it choked on: never let it through.
            throw new TransportError(this.product, "POST", this.tokenPath, "the token response was not JSON");
        }
        if (!body?.access_token) {
            throw new TransportError(this.product, "POST", this.tokenPath, "the token response had no access_token");
        }
        this.minted++;
        clientStats.tokensMinted++;
        const lifetimeMs = (body.expires_in ?? 3600) * 1000;
        const token = { value: body.access_token, expiresAt: sentAt + lifetimeMs, lifetimeMs };
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
