// Password Safe sign-in (password-safe-clients.md §1): API keys with runas users (and an optional
// password), OAuth clients that mint bearer tokens at Auth/connect/token, and the session an
// ASP.NET_SessionId cookie names. After sign-in the cookie is the only credential (GO sends
// nothing else); a session ends at sign-out, after `idleSeconds` without a call (20 minutes on a
// real appliance), or when the control API expires them all.
import { randomBytes, randomUUID } from "node:crypto";
import { unauthenticated } from "./errors";

export interface PsUser {
    UserId: number;
    UserName: string;
    Name: string;
    EmailAddress: string;
    /** The pwd= a key with passwordRequired wants for this user. */
    Password?: string;
}

export interface ApiKey {
    key: string;
    /** "User Password Required" on the API registration: pwd=[...] must match the runas user's Password. */
    passwordRequired: boolean;
}

export interface OAuthClient {
    clientId: string;
    clientSecret: string;
    /** The user a token of this client signs in as. */
    userName: string;
}

interface Session {
    userId: number;
    lastSeen: number;
}

interface Token {
    clientId: string;
    expiresAt: number;
}

export interface AuthDump {
    users: PsUser[];
    apiKeys: ApiKey[];
    clients: OAuthClient[];
}

export const SESSION_COOKIE = "ASP.NET_SessionId";
export const DEFAULT_IDLE_SECONDS = 20 * 60;
const TOKEN_TTL_SECONDS = 3600;

/** A 128-character hex key: PY's validator wants 128 to 263 characters with the runas suffix. */
export const newApiKey = () => randomBytes(64).toString("hex");
/** A GUID, 36 characters, as GO's validator requires of a client id. */
export const newClientId = () => randomUUID();
/** 48 characters: PY and GO accept 36 to 64. */
export const newClientSecret = () => randomBytes(24).toString("hex");

export class PsAuth {
    users: PsUser[] = [];
    apiKeys: ApiKey[] = [];
    clients: OAuthClient[] = [];
    idleSeconds = DEFAULT_IDLE_SECONDS;
    private sessions = new Map<string, Session>();
    private tokens = new Map<string, Token>();

    constructor(private readonly now: () => number) {}

    user(id: number): PsUser | undefined {
        return this.users.find((u) => u.UserId === id);
    }

    addUser(u: Omit<PsUser, "UserId"> & { UserId?: number }): PsUser {
        const user: PsUser = { ...u, UserId: u.UserId ?? Math.max(0, ...this.users.map((x) => x.UserId)) + 1 };
        this.users.push(user);
        return user;
    }

    /** POST Auth/connect/token: client_credentials only; undefined for a wrong client or secret. */
    mintToken(form: URLSearchParams): { access_token: string; expires_in: number; token_type: "Bearer"; scope: string } | undefined {
        if (form.get("grant_type") !== "client_credentials") return undefined;
        const client = this.clients.find((c) => c.clientId === form.get("client_id") && c.clientSecret === form.get("client_secret"));
        if (!client) return undefined;
        const token = randomBytes(32).toString("hex");
        this.tokens.set(token, { clientId: client.clientId, expiresAt: this.now() + TOKEN_TTL_SECONDS * 1000 });
        return { access_token: token, expires_in: TOKEN_TTL_SECONDS, token_type: "Bearer", scope: "publicapi" };
    }

    /** POST Auth/SignAppin: the user behind the Authorization header, and a new session id. */
    signIn(authorization: string | undefined): { user: PsUser; sessionId: string } {
        const user = this.userFor(authorization ?? "");
        if (!user) throw unauthenticated();
        const sessionId = randomBytes(12).toString("hex");
        this.sessions.set(sessionId, { userId: user.UserId, lastSeen: this.now() });
        return { user, sessionId };
    }

    private userFor(header: string): PsUser | undefined {
        const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header);
        if (bearer) {
            const token = this.tokens.get(bearer[1]);
            if (!token || token.expiresAt <= this.now()) return undefined;
            const client = this.clients.find((c) => c.clientId === token.clientId);
            return client && this.users.find((u) => u.UserName.toLowerCase() === client.userName.toLowerCase());
        }
        const psAuth = parsePsAuth(header);
        if (!psAuth) return undefined;
        const key = this.apiKeys.find((k) => k.key === psAuth.key);
        const user = this.users.find((u) => u.UserName.toLowerCase() === (psAuth.runas ?? "").toLowerCase());
        if (!key || !user) return undefined;
        if (key.passwordRequired && (user.Password === undefined || psAuth.pwd !== user.Password)) return undefined;
        return user;
    }

    /** The signed-in user of a live session (refreshing its idle timer), or the 401. */
    authenticate(cookieHeader: string | undefined): { sessionId: string; user: PsUser } {
        const sessionId = cookieValue(cookieHeader, SESSION_COOKIE);
        const session = sessionId === undefined ? undefined : this.sessions.get(sessionId);
        if (!session || !sessionId) throw unauthenticated();
        if (this.now() - session.lastSeen >= this.idleSeconds * 1000) {
            this.sessions.delete(sessionId);
            throw unauthenticated();
        }
        const user = this.user(session.userId);
        if (!user) {
            this.sessions.delete(sessionId);
            throw unauthenticated();
        }
        session.lastSeen = this.now();
        return { sessionId, user };
    }

    /** Ends the cookie's session; true when there was one. */
    signOut(cookieHeader: string | undefined): boolean {
        const id = cookieValue(cookieHeader, SESSION_COOKIE);
        return id !== undefined && this.sessions.delete(id);
    }

    liveSessions(): number {
        return this.sessions.size;
    }

    expireAll(): number {
        const n = this.sessions.size;
        this.sessions.clear();
        return n;
    }

    clearSessions(): void {
        this.sessions.clear();
        this.tokens.clear();
    }

    dump(): AuthDump {
        return JSON.parse(JSON.stringify({ users: this.users, apiKeys: this.apiKeys, clients: this.clients }));
    }

    load(d: Partial<AuthDump>): void {
        if (d.users) this.users = d.users;
        if (d.apiKeys) this.apiKeys = d.apiKeys;
        if (d.clients) this.clients = d.clients;
    }
}

/**
 * `PS-Auth key=K; runas=U; pwd=[P];`, with or without the spaces after each `;` (TF sends the
 * unspaced form, the docs the spaced one), the final `;` optional; pwd's brackets are literal.
 */
export function parsePsAuth(header: string): { key: string; runas?: string; pwd?: string } | undefined {
    const m = /^PS-Auth\s+(.*)$/i.exec(header.trim());
    if (!m) return undefined;
    const out: Record<string, string> = {};
    for (const part of m[1].split(";")) {
        const eq = part.indexOf("=");
        if (eq < 0) continue;
        out[part.slice(0, eq).trim().toLowerCase()] = part.slice(eq + 1).trim();
    }
    if (!out.key) return undefined;
    const pwd = out.pwd === undefined ? undefined : (/^\[(.*)\]$/.exec(out.pwd)?.[1] ?? out.pwd);
    return { key: out.key, runas: out.runas, pwd };
}

function cookieValue(header: string | undefined, name: string): string | undefined {
    for (const part of (header ?? "").split(";")) {
        const eq = part.indexOf("=");
        if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
    }
    return undefined;
}
