// Password Safe's sign-in: a session, not a token per request. `POST Auth/SignAppin` with the
// `PS-Auth key=...; runas=...;` header (or a Bearer token from `Auth/connect/token`) answers the
// user and sets the `ASP.NET_SessionId` cookie; later calls carry only the cookie. A session that
// ended (idle timeout, sign-out elsewhere) is answered 401 "User not authenticated": the session is
// dropped and signed in again, once, by whichever caller sees it first.
//
// One session per account per process, shared by every resource: concurrent first calls await the
// same sign-in instead of each opening a session (the appliance counts sessions, and each one is an
// audit entry). Sessions are signed out when the process is about to exit, where Node lets us
// (`beforeExit`; a plugin killed by a signal leaves its session to the idle timeout).
import type { Authenticator, Credentials } from "./auth";
import type { Clock } from "./clock";
import { AuthError, Product, TransportError } from "./errors";
import { RawRequest, RawResponse, certificateAdvice, describeNetworkError, send, untrustedCertificate } from "./http";
import type { TokenSource } from "./oauth";
import { processState } from "./process-state";

export const SESSION_COOKIE = "ASP.NET_SessionId";

/** How a session is opened: an API key acting as a user, or an OAuth client's token. */
export type SignIn = { kind: "api-key"; apiKey: string; runAs: string; password?: string } | { kind: "oauth"; tokens: TokenSource; clientId: string };

export interface SessionStats {
    signIns: number;
    signOuts: number;
}

export const sessionStats = processState<SessionStats>("sessionStats", () => ({ signIns: 0, signOuts: 0 }));

/** The `PS-Auth` header value; the password is bracketed as the API documents (`pwd=[...]`). */
export function psAuthHeader(apiKey: string, runAs: string, password?: string): string {
    return `PS-Auth key=${apiKey}; runas=${runAs};${password !== undefined ? ` pwd=[${password}];` : ""}`;
}

/** Whether a 401 says the session ended (rather than refusing the account). */
function sessionEnded(res: RawResponse): boolean {
    return /user not authenticated/i.test(res.body);
}

function cookieFrom(res: RawResponse): string | undefined {
    const raw = res.headers["set-cookie"];
    for (const line of Array.isArray(raw) ? raw : raw ? [raw] : []) {
        const m = new RegExp(`(?:^|;\\s*)${SESSION_COOKIE.replace(".", "\\.")}=([^;]*)`, "i").exec(line);
        if (m && m[1] !== "") return m[1];
    }
    return undefined;
}

export class Session implements Authenticator {
    private id: string | undefined;
    private pending: Promise<string> | undefined;
    /** Session ids the appliance said are over; a caller holding one gets (or causes) the next. */
    private readonly ended: string[] = [];

    constructor(
        private readonly product: Product,
        /** The API base URL, e.g. https://host/BeyondTrust/api/public/v3. */
        private readonly apiBase: string,
        private readonly signIn: SignIn,
        private readonly base: Omit<RawRequest, "method" | "url" | "headers" | "body">,
        private readonly clock?: Clock,
    ) {}

    /** The account this session signs in as, for messages (never a key or a secret). */
    get account(): string {
        return this.signIn.kind === "api-key" ? `runas "${this.signIn.runAs}"` : `OAuth client "${this.signIn.clientId}"`;
    }

    get isOpen(): boolean {
        return this.id !== undefined;
    }

    async prepare(): Promise<void> {
        await this.current();
    }

    async credentials(): Promise<Credentials> {
        const id = await this.current();
        return { headers: { cookie: `${SESSION_COOKIE}=${id}` }, handle: id };
    }

    refused(used: Credentials, res: RawResponse): boolean {
        if (!sessionEnded(res)) return false;
        if (!this.ended.includes(used.handle)) this.ended.push(used.handle);
        if (this.ended.length > 16) this.ended.shift();
        if (this.id === used.handle) this.id = undefined;
        return true;
    }

    observeRoundTrip(ms: number): void {
        if (this.signIn.kind === "oauth") this.signIn.tokens.observeRoundTrip(ms);
    }

    /** Ends the session on the appliance (best effort: an error only means it will time out). */
    async signOut(): Promise<void> {
        const id = this.id;
        this.id = undefined;
        if (id === undefined) return;
        try {
            await send({
                ...this.base,
                method: "POST",
                url: `${this.apiBase}/Auth/Signout`,
                headers: { cookie: `${SESSION_COOKIE}=${id}`, accept: "application/json" },
            });
            sessionStats.signOuts++;
        } catch {
            // the idle timeout ends it
        }
    }

    private async current(): Promise<string> {
        if (this.id !== undefined && !this.ended.includes(this.id)) return this.id;
        if (!this.pending) {
            this.pending = this.open().finally(() => {
                this.pending = undefined;
            });
        }
        return this.pending;
    }

    private async authorization(): Promise<string> {
        if (this.signIn.kind === "api-key") return psAuthHeader(this.signIn.apiKey, this.signIn.runAs, this.signIn.password);
        return `Bearer ${await this.signIn.tokens.get()}`;
    }

    private async open(): Promise<string> {
        const path = "/Auth/SignAppin";
        let res: RawResponse;
        const sentAt = this.clock?.now();
        try {
            res = await send({
                ...this.base,
                method: "POST",
                url: `${this.apiBase}${path}`,
                headers: { authorization: await this.authorization(), accept: "application/json", "content-length": "0", "user-agent": "pulumi-beyondtrust" },
                body: "",
            });
        } catch (err) {
            if (untrustedCertificate(err)) throw new AuthError(this.product, certificateAdvice(err));
            throw new TransportError(this.product, "POST", path, describeNetworkError(err));
        }
        if (sentAt !== undefined && this.clock) this.observeRoundTrip(this.clock.now() - sentAt);
        if (res.status === 401 || res.status === 403) {
            // A refused OAuth token may only be stale: it is dropped so the next sign-in mints another.
            if (this.signIn.kind === "oauth") this.signIn.tokens.refuse((await this.authorization()).slice("Bearer ".length));
            // The body is not quoted: a gateway may echo the request, and it holds the key.
            throw new AuthError(
                this.product,
                `sign-in (POST ${path}) as ${this.account} was refused (HTTP ${res.status}): check the API key and run-as user ` +
                    "(or the OAuth client id and secret), and that the key is allowed from this address.",
            );
        }
        if (res.status < 200 || res.status > 299) {
            throw new TransportError(this.product, "POST", path, `sign-in as ${this.account} answered HTTP ${res.status}`);
        }
        const id = cookieFrom(res);
        if (!id) throw new TransportError(this.product, "POST", path, `sign-in answered HTTP ${res.status} but set no ${SESSION_COOKIE} cookie`);
        sessionStats.signIns++;
        this.id = id;
        openSessions.add(this);
        return id;
    }
}

const openSessions = processState("openSessions", () => new Set<Session>());

/** Signs every open session out (the plugin's exit; tests). */
export async function signOutAll(): Promise<void> {
    const all = [...openSessions];
    openSessions.clear();
    await Promise.all(all.map((s) => s.signOut()));
}

const exitHook = processState("sessionExitHook", () => ({ installed: false }));

/** Whether this process is Pulumi's dynamic-provider plugin (which the engine ends with a signal). */
function inPlugin(): boolean {
    return /dynamic-provider/.test(require.main?.filename ?? process.argv[1] ?? "");
}

/**
 * Installs, once per process, the sign-out at exit: on `beforeExit` everywhere, and in the plugin
 * process on SIGINT/SIGTERM too (the engine stops plugins with a signal), bounded to two seconds
 * before the process exits as it would have. A program's own process keeps its signal handling.
 */
export function signOutAtExit(): void {
    if (exitHook.installed) return;
    exitHook.installed = true;
    process.once("beforeExit", () => {
        if (openSessions.size > 0) void signOutAll();
    });
    if (!inPlugin()) return;
    for (const signal of ["SIGINT", "SIGTERM"] as const) {
        if (process.listenerCount(signal) > 0) continue; // someone else decides how this process ends
        process.once(signal, () => {
            const bounded = new Promise((r) => setTimeout(r, 2000).unref());
            void Promise.race([signOutAll(), bounded]).finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
        });
    }
}
