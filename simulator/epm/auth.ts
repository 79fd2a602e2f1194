// EPM's OAuth client credentials: several API accounts, tokens of a configurable lifetime (3600 s),
// the token at /oauth/connect/token (and /oauth/token), credentials in the form body or HTTP
// Basic. Regenerating an account's secret kills its tokens, as the vendor documents. EPM documents
// no per-account token cap, so there is none (unlike PRA's 30).
import { randomUUID, timingSafeEqual } from "node:crypto";
import { randomSecret } from "../core/oauth";

export interface EpmAccount {
    clientId: string;
    clientSecret: string;
}

/** A token request that failed: OAuth's {error, error_description} with its status. */
export class TokenError extends Error {
    constructor(
        readonly status: number,
        readonly error: string,
        readonly description: string,
    ) {
        super(description);
    }
}

export const SCOPE = "urn:management:api";

interface Token {
    clientId: string;
    expiresAt: number;
}

export class EpmAuth {
    private accounts = new Map<string, EpmAccount>();
    private tokens = new Map<string, Token>();

    constructor(
        public ttlSeconds: number,
        private readonly clock: () => number,
    ) {}

    addAccount(clientId?: string, clientSecret?: string): EpmAccount {
        const account = { clientId: clientId ?? randomUUID(), clientSecret: clientSecret ?? randomSecret() };
        this.revoke(account.clientId);
        this.accounts.set(account.clientId, account);
        return { ...account };
    }

    /** A new secret; every token issued with the old one stops working. */
    regenerate(clientId: string): string | undefined {
        const account = this.accounts.get(clientId);
        if (!account) return undefined;
        account.clientSecret = randomSecret();
        this.revoke(clientId);
        return account.clientSecret;
    }

    /** Ends every live token (tokens' expiry without waiting an hour). */
    expireAll(): void {
        this.tokens.clear();
    }

    listAccounts(): { clientId: string; validTokens: number }[] {
        const now = this.clock();
        return [...this.accounts.keys()].map((clientId) => ({
            clientId,
            validTokens: [...this.tokens.values()].filter((t) => t.clientId === clientId && t.expiresAt > now).length,
        }));
    }

    clear(): void {
        this.accounts.clear();
        this.tokens.clear();
    }

    /** The client id a token request names, for the token endpoint's rate limit (before it is checked). */
    static claimedClient(authorization: string | undefined, form: URLSearchParams): string | undefined {
        return basic(authorization)?.clientId ?? form.get("client_id") ?? undefined;
    }

    mint(authorization: string | undefined, form: URLSearchParams): { accessToken: string; clientId: string } {
        const grant = form.get("grant_type");
        if (grant === null) throw new TokenError(400, "invalid_request", "The grant_type parameter is required.");
        if (grant !== "client_credentials") throw new TokenError(400, "unsupported_grant_type", "Only the client_credentials grant is supported.");
        const creds = basic(authorization) ?? formCredentials(form);
        const account = creds && this.accounts.get(creds.clientId);
        if (!account || !sameText(account.clientSecret, creds!.clientSecret)) throw new TokenError(400, "invalid_client", "Client authentication failed.");
        const scope = form.get("scope");
        if (scope !== null && scope !== SCOPE) throw new TokenError(400, "invalid_scope", `The only scope is ${SCOPE}.`);
        const accessToken = randomSecret(32);
        this.tokens.set(accessToken, { clientId: account.clientId, expiresAt: this.clock() + this.ttlSeconds * 1000 });
        return { accessToken, clientId: account.clientId };
    }

    /** The account behind a bearer token, or undefined (missing, unknown or expired: all 401). */
    authenticate(authorization: string | undefined): string | undefined {
        const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
        const token = m ? this.tokens.get(m[1]) : undefined;
        if (!token) return undefined;
        if (token.expiresAt <= this.clock()) {
            this.tokens.delete(m![1]);
            return undefined;
        }
        return token.clientId;
    }

    private revoke(clientId: string): void {
        for (const [value, t] of this.tokens) if (t.clientId === clientId) this.tokens.delete(value);
    }
}

function basic(header: string | undefined): EpmAccount | undefined {
    const m = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header ?? "");
    if (!m) return undefined;
    const decoded = Buffer.from(m[1], "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon < 0) return undefined;
    const dec = (s: string) => {
        try {
            return decodeURIComponent(s.replace(/\+/g, " "));
        } catch {
            return s;
        }
    };
    return { clientId: dec(decoded.slice(0, colon)), clientSecret: dec(decoded.slice(colon + 1)) };
}

function formCredentials(form: URLSearchParams): EpmAccount | undefined {
    const clientId = form.get("client_id");
    const clientSecret = form.get("client_secret");
    return clientId && clientSecret !== null ? { clientId, clientSecret } : undefined;
}

function sameText(a: string, b: string): boolean {
    const x = Buffer.from(a);
    const y = Buffer.from(b);
    return x.length === y.length && timingSafeEqual(x, y);
}
