// API accounts and their bearer tokens. The appliance keeps at most 30 valid tokens per account
// (minting a 31st invalidates the oldest) and regenerating a secret kills all of them.
import { randomBytes, timingSafeEqual } from "node:crypto";
import { accessDenied, oauthError } from "./errors";

export const MAX_TOKENS_PER_ACCOUNT = 30;

export interface Account {
    clientId: string;
    clientSecret: string;
}

interface Token {
    value: string;
    clientId: string;
    expiresAt: number;
}

export function randomSecret(bytes = 24): string {
    return randomBytes(bytes).toString("base64url");
}

export class OAuth {
    private accounts = new Map<string, Account>();
    private tokens = new Map<string, Token>();
    // Per account, in minting order, so eviction can find the oldest.
    private byAccount = new Map<string, string[]>();

    constructor(
        public ttlSeconds: number,
        private readonly clock: () => number = Date.now,
    ) {}

    addAccount(clientId?: string, clientSecret?: string): Account {
        const account = {
            clientId: clientId ?? randomSecret(12),
            clientSecret: clientSecret ?? randomSecret(),
        };
        this.revokeAll(account.clientId);
        this.accounts.set(account.clientId, account);
        return { ...account };
    }

    hasAccount(clientId: string): boolean {
        return this.accounts.has(clientId);
    }

    regenerate(clientId: string, clientSecret?: string): string | undefined {
        const account = this.accounts.get(clientId);
        if (!account) return undefined;
        account.clientSecret = clientSecret ?? randomSecret();
        this.revokeAll(clientId);
        return account.clientSecret;
    }

    listAccounts(): { client_id: string; valid_tokens: number }[] {
        return [...this.accounts.keys()].map((id) => ({ client_id: id, valid_tokens: this.validTokens(id).length }));
    }

    clear(): void {
        this.accounts.clear();
        this.tokens.clear();
        this.byAccount.clear();
    }

    /** Handles the token endpoint's credentials; throws the OAuth error body on failure. */
    mint(authorization: string | undefined, form: URLSearchParams): { token: string; clientId: string } {
        const creds = clientCredentials(authorization, form);
        if (!creds) {
            throw oauthError(
                401,
                "invalid_client",
                "Client authentication failed: send HTTP Basic client credentials, or client_id and client_secret in the form body.",
            );
        }
        const account = this.accounts.get(creds.clientId);
        if (!account || !safeEqual(account.clientSecret, creds.clientSecret)) {
            throw oauthError(401, "invalid_client", "Client authentication failed.");
        }
        const grant = form.get("grant_type");
        if (grant === null) throw oauthError(400, "invalid_request", "The grant_type parameter is required.");
        if (grant !== "client_credentials") {
            throw oauthError(400, "unsupported_grant_type", "Only the client_credentials grant is supported.");
        }
        const live = this.validTokens(account.clientId);
        while (live.length >= MAX_TOKENS_PER_ACCOUNT) {
            this.tokens.delete(live.shift()!);
        }
        const value = randomSecret(32);
        this.tokens.set(value, { value, clientId: account.clientId, expiresAt: this.clock() + this.ttlSeconds * 1000 });
        live.push(value);
        this.byAccount.set(account.clientId, live);
        return { token: value, clientId: account.clientId };
    }

    /** Returns the account id behind a bearer token, or throws the 401 access_denied body. */
    authenticate(authorization: string | undefined): string {
        const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
        if (!m) throw accessDenied();
        const token = this.tokens.get(m[1]);
        if (!token) throw accessDenied();
        if (token.expiresAt <= this.clock()) {
            this.tokens.delete(token.value);
            throw accessDenied("The access token provided has expired.");
        }
        return token.clientId;
    }

    private validTokens(clientId: string): string[] {
        const now = this.clock();
        const list = (this.byAccount.get(clientId) ?? []).filter((v) => {
            const t = this.tokens.get(v);
            if (t && t.expiresAt > now) return true;
            this.tokens.delete(v);
            return false;
        });
        this.byAccount.set(clientId, list);
        return list;
    }

    private revokeAll(clientId: string): void {
        for (const v of this.byAccount.get(clientId) ?? []) this.tokens.delete(v);
        this.byAccount.delete(clientId);
    }
}

/**
 * The client's credentials: HTTP Basic (the spec's way, and the default), or client_id and
 * client_secret as form parameters (RFC 6749 section 2.3.1, as public clients send them). When
 * both come, Basic is used (some libraries repeat client_id in the body); a body client_id that
 * names another client is a contradiction, so invalid_request.
 */
function clientCredentials(authorization: string | undefined, form: URLSearchParams): { clientId: string; clientSecret: string } | undefined {
    if (authorization !== undefined && /^Basic\s/i.test(authorization)) {
        const basic = parseBasic(authorization);
        const formId = form.get("client_id");
        if (basic && formId !== null && formId !== basic.clientId) {
            throw oauthError(400, "invalid_request", "The client_id in the body does not match the Authorization header.");
        }
        return basic;
    }
    const clientId = form.get("client_id");
    const clientSecret = form.get("client_secret");
    if (!clientId || clientSecret === null) return undefined;
    return { clientId, clientSecret };
}

function parseBasic(header: string | undefined): { clientId: string; clientSecret: string } | undefined {
    const m = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header ?? "");
    if (!m) return undefined;
    const decoded = Buffer.from(m[1], "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon < 0) return undefined;
    // Clients are supposed to form-urlencode both parts (RFC 6749 2.3.1); plain values decode unchanged.
    return { clientId: safeDecode(decoded.slice(0, colon)), clientSecret: safeDecode(decoded.slice(colon + 1)) };
}

function safeDecode(s: string): string {
    try {
        return decodeURIComponent(s.replace(/\+/g, " "));
    } catch {
        return s;
    }
}

function safeEqual(a: string, b: string): boolean {
    const x = Buffer.from(a);
    const y = Buffer.from(b);
    return x.length === y.length && timingSafeEqual(x, y);
}
