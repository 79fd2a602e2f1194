import * as crypto from "crypto";
import { Authenticator, Credentials, bearer } from "./auth";
import { ResolvedConnection } from "./connection";
import { ApiError, AuthError, ErrorParser, Product, TransportError } from "./errors";
import { RawRequest, RawResponse, certificateAdvice, describeNetworkError, header, keepAliveAgents, neverSent, send, untrustedCertificate } from "./http";
import { AdmissionJournal, admissionJournal } from "./admission-journal";
import { Clock, processClock, sleep, usingSystemClock } from "./clock";
import { RateLimiter, RateWindow } from "./limiter";
import { Multipart } from "./multipart";
import { TokenSource } from "./oauth";
import { Pager, Query } from "./paging";
import { processState } from "./process-state";
import { clientStats } from "./stats";

/** What a client needs of its connection, whatever the product: where, and which CA to trust. */
export interface Endpoint {
    /** scheme://host[:port], no trailing slash. */
    origin: string;
    caPem?: string;
    insecure: boolean;
}

/**
 * Everything that differs between products' APIs, given to the client (see DESIGN.md "One product =
 * one profile"): provider/pra/profile.ts and provider/passwordsafe/profile.ts build one each.
 */
export interface ClientProfile {
    product: Product;
    /** Path prefix of the API below the origin, e.g. "/api/config/v1". */
    apiPrefix: string;
    /**
     * The account's authenticator, shared by every client of the account in the process (one
     * token, one session); `base` carries the client's TLS settings and sockets.
     */
    authenticator(base: HttpBase, clock: Clock | undefined): Authenticator;
    pager: Pager;
    parseError: ErrorParser;
    /**
     * The account's rate windows and the key its limiter is shared under; `tokenRequestsCount` when
     * the token endpoint counts against the same windows (EPM), so token requests wait for the limiter too.
     */
    limits: { key: string; windows: RateWindow[]; tokenRequestsCount?: boolean };
    /** Query parameters every request carries unless it sets them (Password Safe's `version`). */
    defaultQuery?: Query;
}

/** What every request of a client shares: timeout, TLS trust, sockets. */
export type HttpBase = Omit<RawRequest, "method" | "url" | "headers" | "body">;

export interface RequestOptions {
    query?: Query;
    /** Sent as JSON. */
    body?: unknown;
    /** Sent as multipart/form-data instead of `body` (Password Safe's file secrets). */
    multipart?: Multipart;
    /** Keep the response's bytes (see rawRequest). */
    binary?: boolean;
    /**
     * For a POST whose outcome is unknown (connection lost, 5xx): looks for the object the first
     * attempt may have created. Returning it ends the request as if the POST had answered; returning
     * undefined means it did not land and the POST is sent again.
     */
    findCreated?: () => Promise<unknown | undefined>;
    /** The path is below the appliance's origin, not the API prefix (GET /get_mech_list). */
    fromOrigin?: boolean;
}

export interface RetryPolicy {
    maxAttempts: number;
    baseDelayMs: number;
    maxDelayMs: number;
    timeoutMs: number;
    /**
     * The longest `Retry-After` honoured. A longer one (an appliance may ask for a day) fails the
     * request at once with the appliance's own message instead of pausing the account that long.
     */
    maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
    maxAttempts: 6,
    baseDelayMs: 200,
    maxDelayMs: 10_000,
    timeoutMs: 30_000,
    maxRetryAfterMs: 60_000,
};

/**
 * Re-authentications one request may make. One covers an expired or evicted token; a second covers
 * a replacement evicted too before its first use (two bursts of tokens minted elsewhere, close
 * together). A 401 beyond that is a real refusal and is reported.
 */
export const MAX_REAUTHENTICATIONS = 2;

const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);

/** Retry-After in milliseconds (delta-seconds or an HTTP date), undefined when absent or unusable. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
    if (value === undefined || value.trim() === "") return undefined;
    const text = value.trim();
    if (/^\d+(\.\d+)?$/.test(text)) {
        const seconds = Number(text);
        return seconds > 0 ? seconds * 1000 : undefined;
    }
    const at = Date.parse(text);
    return Number.isFinite(at) && at > now ? at - now : undefined;
}

/** Full jitter: spreads parallel retriers so they do not return in lockstep. */
function backoff(policy: RetryPolicy, attempt: number): number {
    const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
    return Math.round(Math.random() * ceiling);
}

function parseJson(text: string): unknown {
    if (text === "") {
        return undefined;
    }
    try {
        return JSON.parse(text);
    } catch {
        return text;
    }
}

/**
 * A client for one API account on one appliance. Owns that account's credentials (through its
 * authenticator), limiter and sockets; every resource of every kind in the process that talks to
 * the same account shares it. What differs between products comes from its ClientProfile.
 */
export class ApiClient<C extends Endpoint = ResolvedConnection> {
    readonly auth: Authenticator;
    readonly limiter: RateLimiter;
    readonly product: Product;
    readonly apiPrefix: string;
    private readonly base: HttpBase;
    private readonly clock: Clock;

    constructor(
        readonly profile: ClientProfile,
        readonly conn: C,
        readonly retry: RetryPolicy = DEFAULT_RETRY,
        opts: { clock?: Clock; limiter?: RateLimiter } = {},
    ) {
        this.clock = opts.clock ?? processClock;
        this.product = profile.product;
        this.apiPrefix = profile.apiPrefix;
        this.base = {
            timeoutMs: retry.timeoutMs,
            caPem: conn.caPem,
            insecure: conn.insecure,
            agents: keepAliveAgents(),
        };
        this.auth = profile.authenticator(this.base, opts.clock);
        this.limiter = opts.limiter ?? limiterFor(profile.limits);
        if (profile.limits.tokenRequestsCount) {
            const limiter = this.limiter;
            (this.auth as Partial<{ tokens: TokenSource }>).tokens?.admitThrough(() => limiter.acquire());
        }
    }

    /** The OAuth token source, for clients that authenticate with bearer tokens (PRA/RS). */
    get tokens(): TokenSource {
        const tokens = (this.auth as Partial<{ tokens: TokenSource }>).tokens;
        if (!tokens) throw new Error(`${this.product} clients have no OAuth token source`);
        return tokens;
    }

    async request<T = unknown>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
        return (await this.exchange(method, path, opts)).body as T;
    }

    /** The whole answer: status, parsed body and the raw response (headers, bytes when `binary`). */
    async rawRequest(method: string, path: string, opts: RequestOptions = {}): Promise<{ status: number; body: unknown; raw: RawResponse }> {
        return this.exchange(method, path, opts);
    }

    /** One page of a paginated list, with the page count the appliance reports. */
    async page<T = unknown>(path: string, page: number, query: RequestOptions["query"] = {}): Promise<{ items: T[]; lastPage: number }> {
        const { items, lastPage } = await this.fetchPage(path, page, query);
        return { items: items as T[], lastPage: lastPage || 1 };
    }

    /** GET a list to the end, page by page as the product's pager says. */
    async listAll<T = unknown>(path: string, query: RequestOptions["query"] = {}): Promise<T[]> {
        const items: T[] = [];
        for (let page = 1; ; page++) {
            const result = await this.fetchPage(path, page, query);
            items.push(...(result.items as T[]));
            if (!result.more) return items;
        }
    }

    private async fetchPage(path: string, page: number, query: RequestOptions["query"]) {
        const res = await this.exchange("GET", path, { query: { ...query, ...this.profile.pager.query(page) } });
        return this.profile.pager.parse(res.body, res.raw, page);
    }

    private async exchange(method: string, path: string, opts: RequestOptions): Promise<{ status: number; body: unknown; raw: RawResponse }> {
        const url = new URL(`${this.conn.origin}${opts.fromOrigin ? "" : this.apiPrefix}${path}`);
        for (const [k, v] of Object.entries({ ...this.profile.defaultQuery, ...opts.query })) {
            if (v !== undefined) url.searchParams.set(k, String(v));
        }
        const body = opts.multipart ? opts.multipart.body : opts.body === undefined ? undefined : JSON.stringify(opts.body);
        const contentType = opts.multipart ? opts.multipart.contentType : body !== undefined ? "application/json" : undefined;
        let reauthentications = 0;
        // Once a POST may have landed (no answer, or a 5xx), no attempt may resend it before
        // checking that it did not: a later refused connection does not make the first one harmless.
        let mayHaveLanded = false;
        let lastProblem = "";

        for (let attempt = 1; attempt <= this.retry.maxAttempts; attempt++) {
            if (attempt > 1) clientStats.retries++;
            if (mayHaveLanded && opts.findCreated) {
                try {
                    const found = await opts.findCreated();
                    if (found !== undefined) return { status: 201, body: found, raw: { status: 201, headers: {}, body: "" } };
                } catch (err) {
                    // Credentials refused while checking (a secret rotated after the POST was sent):
                    // retrying cannot help, and the object may exist, so the error must say so.
                    if (err instanceof AuthError) throw mayExist(err, path);
                    lastProblem = `could not check whether the POST landed: ${(err as Error).message}`;
                    await sleep(this.clock, backoff(this.retry, attempt));
                    continue;
                }
            }
            // The token is read after the limiter's wait, not before: a wait (a Retry-After pause, a
            // full window) can outlast the token or see it refused, and a token known bad is never sent.
            // Minting, when needed, happens before the wait, so the admitted request leaves at once.
            let credentials: Credentials;
            try {
                await this.auth.prepare();
                await this.limiter.acquire();
                credentials = await this.auth.credentials();
            } catch (err) {
                if (err instanceof AuthError && mayHaveLanded) throw mayExist(err, path);
                if (err instanceof AuthError || attempt === this.retry.maxAttempts) throw err;
                lastProblem = (err as Error).message;
                await sleep(this.clock, backoff(this.retry, attempt));
                continue;
            }
            clientStats.requests++;
            clientStats.byMethod[method] = (clientStats.byMethod[method] ?? 0) + 1;

            let res: RawResponse;
            const sentAt = this.clock.now();
            try {
                res = await send({
                    ...this.base,
                    method,
                    url: url.toString(),
                    headers: {
                        ...credentials.headers,
                        accept: opts.binary ? "application/octet-stream, */*" : "application/json",
                        ...(contentType !== undefined ? { "content-type": contentType } : {}),
                        "user-agent": "pulumi-beyondtrust",
                    },
                    body,
                    binary: opts.binary,
                });
            } catch (err) {
                if (untrustedCertificate(err)) {
                    const refused = new AuthError(this.product, certificateAdvice(err));
                    throw mayHaveLanded ? mayExist(refused, path) : refused;
                }
                lastProblem = describeNetworkError(err);
                if (method === "POST" && !neverSent(err)) mayHaveLanded = true;
                await sleep(this.clock, backoff(this.retry, attempt));
                continue;
            }
            const roundTrip = this.clock.now() - sentAt;
            this.auth.observeRoundTrip(roundTrip);
            this.limiter.observeRoundTrip(roundTrip);

            if (res.status === 401 && reauthentications < MAX_REAUTHENTICATIONS && this.auth.refused(credentials, res)) {
                // An evicted or expired token (or session): the credentials are marked bad for every
                // caller and replaced; the request is replayed without using an attempt. A 401
                // beyond MAX_REAUTHENTICATIONS is a real refusal and is reported.
                reauthentications++;
                clientStats.reauthentications++;
                attempt--;
                continue;
            }
            if (RETRYABLE_STATUS.has(res.status)) {
                lastProblem = `HTTP ${res.status}`;
                if (res.status === 429) {
                    clientStats.rateLimited++;
                    const retryAfter = parseRetryAfter(header(res, "retry-after"), this.clock.now());
                    if (retryAfter !== undefined && retryAfter > this.retry.maxRetryAfterMs) {
                        // Pausing every caller of the account for that long would look like a hang.
                        const err = this.apiError(method, path, res.status, parseJson(res.body));
                        throw new ApiError(
                            this.product,
                            method,
                            path,
                            res.status,
                            `${err.apiMessage ?? "Too Many Requests"} (the appliance asked to wait ${Math.ceil(retryAfter / 1000)} s ` +
                                `before retrying, longer than the ${this.retry.maxRetryAfterMs / 1000} s this provider waits: ` +
                                `run again later, or find what else uses this API account)`,
                            err.fieldErrors,
                        );
                    }
                    const wait = retryAfter ?? backoff(this.retry, attempt) + 1000;
                    // A 429 means the request was refused unprocessed, so even a POST is safe to resend;
                    // pausing the shared limiter keeps the other callers from piling on.
                    this.limiter.pause(wait);
                    continue;
                }
                if (method === "POST") mayHaveLanded = true;
                await sleep(this.clock, backoff(this.retry, attempt));
                continue;
            }
            const parsed = parseJson(res.body);
            if (res.status >= 400) {
                const refused = this.apiError(method, path, res.status, parsed);
                // A refusal of a resend says nothing about the attempt that may have landed, except a
                // conflict: then the lookup found no object of ours, and the conflict is the appliance's own.
                throw mayHaveLanded && (res.status === 401 || res.status === 403) ? mayExist(refused, path) : refused;
            }
            return { status: res.status, body: parsed, raw: res };
        }
        if (mayHaveLanded) {
            lastProblem += "; the POST may have been applied: if so, `adopt` takes the object over on the next run";
        }
        const gaveUp = new TransportError(this.product, method, path, `gave up after ${this.retry.maxAttempts} attempts (last: ${lastProblem})`);
        throw mayHaveLanded ? Object.assign(gaveUp, { mayHaveLanded: true as const }) : gaveUp;
    }

    private apiError(method: string, path: string, status: number, body: unknown): ApiError {
        const { message, fields } = this.profile.parseError(status, body);
        return new ApiError(this.product, method, path, status, message, fields);
    }
}

/**
 * Marks an error that ends a POST whose earlier attempt may have landed: the object may exist on
 * the appliance though nothing records it, and a plain rerun would create a duplicate.
 */
export interface MayExist {
    mayHaveLanded: true;
}

export function mayHaveLanded(err: unknown): err is Error & MayExist {
    return err instanceof Error && (err as Partial<MayExist>).mayHaveLanded === true;
}

function mayExist<E extends Error>(err: E, path: string): E & MayExist {
    if (mayHaveLanded(err)) return err as E & MayExist;
    // A copy: a token error is shared by every caller waiting on the same token request.
    const copy = Object.assign(Object.create(Object.getPrototypeOf(err)) as E, err, { mayHaveLanded: true as const });
    copy.message =
        err.message +
        `; an earlier attempt of this POST ${path} may have created the object (its answer was lost): ` +
        'once this is fixed, set `adopt: true` (found by its natural key) or `adopt: "<id>"` on the resource ' +
        "so that the next run takes it over instead of creating a duplicate";
    copy.stack = `${copy.name}: ${copy.message}`;
    return copy;
}

const clients = processState("apiClients", () => new Map<string, ApiClient<Endpoint>>());
const limiters = processState("rateLimiters", () => new Map<string, RateLimiter>());

/**
 * The appliance counts requests per API account, whatever secret or client made them, so the
 * limiter belongs to the account and outlives any one client (a rotated secret keeps the budget).
 */
function limiterFor(limits: ClientProfile["limits"]): RateLimiter {
    let limiter = limiters.get(limits.key);
    if (!limiter) {
        limiter = new RateLimiter(limits.windows, undefined, processClock, sharedAdmissions(limits));
        limiters.set(limits.key, limiter);
    }
    return limiter;
}

/**
 * The account's admissions shared with this user's other processes (admission-journal.ts): a new
 * plugin process starts where the previous command left the window. Only on the system clock: a
 * test's fake times must not reach another process.
 */
function sharedAdmissions(limits: ClientProfile["limits"]): AdmissionJournal | undefined {
    const windows = limits.windows.filter((w) => w.limit > 0);
    if (windows.length === 0 || !usingSystemClock()) return undefined;
    const file = admissionJournal(limits.key, Math.max(...windows.map((w) => w.windowMs)));
    if (!file) return undefined;
    return {
        recent: (now, windowMs) => (usingSystemClock() ? file.recent(now, windowMs) : []),
        note: (at) => {
            if (usingSystemClock()) file.note(at);
        },
    };
}

const tokenSources = processState("tokenSources", () => new Map<string, TokenSource>());

/** A short, one-way tag of a secret, for cache keys (a rotated secret gets fresh credentials). */
export function secretTag(secret: string): string {
    return crypto.createHash("sha256").update(secret).digest("hex").slice(0, 16);
}

/**
 * The account's token, whichever client asks (product detection's client and the one for the
 * detected product share it); a client driven by its own clock (a test) gets its own.
 */
export function sharedTokenSource(
    product: Product,
    tokenUrl: string,
    clientId: string,
    clientSecret: string,
    base: HttpBase,
    clock: Clock | undefined,
    credentialsIn: "basic" | "form" = "basic",
): TokenSource {
    if (clock) return new TokenSource(product, tokenUrl, clientId, clientSecret, base, clock, credentialsIn);
    const key = [tokenUrl, clientId, secretTag(clientSecret)].join("|");
    let source = tokenSources.get(key);
    if (!source) {
        source = new TokenSource(product, tokenUrl, clientId, clientSecret, base, processClock, credentialsIn);
        tokenSources.set(key, source);
    }
    return source;
}

/** A bearer authenticator over the account's shared token source (PRA/RS in Basic, EPM in a form body). */
export function bearerFor(
    product: Product,
    tokenUrl: string,
    clientId: string,
    clientSecret: string,
    credentialsIn: "basic" | "form" = "basic",
): ClientProfile["authenticator"] {
    return (base, clock) => bearer(sharedTokenSource(product, tokenUrl, clientId, clientSecret, base, clock, credentialsIn));
}

/**
 * The client for an account, created on first use. `key` names the account and a tag of its
 * secret, so a rotated secret in config gets a fresh client rather than reusing old credentials.
 */
export function clientFor<C extends Endpoint>(key: string, profile: () => ClientProfile, conn: C): ApiClient<C> {
    let client = clients.get(key) as ApiClient<C> | undefined;
    if (!client) {
        client = new ApiClient(profile(), conn);
        clients.set(key, client as unknown as ApiClient<Endpoint>);
    }
    return client;
}

/** Forget every client (tests that restart the simulator between cases). */
export function resetClients(): void {
    clients.clear();
    tokenSources.clear();
    for (const hook of resetHooks) hook();
}

/** Per-product caches that must be forgotten with the clients (Password Safe's sessions). */
const resetHooks = processState("clientResetHooks", () => [] as Array<() => void>);
export function onResetClients(hook: () => void): void {
    if (!resetHooks.includes(hook)) resetHooks.push(hook);
}

/**
 * Forget every account's limiter too (tests that swap the clock: a window recorded on one clock
 * means nothing on another). Not part of resetClients: a limiter must outlive its clients.
 */
export function resetLimiters(): void {
    limiters.clear();
}
