import * as crypto from "crypto";
import { ResolvedConnection } from "./connection";
import { ApiError, AuthError, Product, TransportError } from "./errors";
import { RawRequest, RawResponse, certificateAdvice, describeNetworkError, header, keepAliveAgents, neverSent, send, untrustedCertificate } from "./http";
import { Clock, processClock, sleep } from "./clock";
import { RateLimiter } from "./limiter";
import { TokenSource } from "./oauth";
import { processState } from "./process-state";
import { clientStats } from "./stats";

export interface RequestOptions {
    query?: Record<string, string | number | boolean | undefined>;
    body?: unknown;
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
 * A client for one API account on one appliance. Owns that account's token, limiter and sockets;
 * every resource of every kind in the process that talks to the same account shares it.
 */
export class ApiClient {
    readonly tokens: TokenSource;
    readonly limiter: RateLimiter;
    private readonly base: Omit<RawRequest, "method" | "url" | "headers" | "body">;
    private readonly clock: Clock;

    constructor(
        readonly product: Product,
        readonly conn: ResolvedConnection,
        readonly apiPrefix: string,
        readonly retry: RetryPolicy = DEFAULT_RETRY,
        opts: { clock?: Clock; limiter?: RateLimiter } = {},
    ) {
        this.clock = opts.clock ?? processClock;
        this.base = {
            timeoutMs: retry.timeoutMs,
            caPem: conn.caPem,
            insecure: conn.insecure,
            agents: keepAliveAgents(),
        };
        // A client given its own clock (a test driving time) gets its own token source; otherwise
        // every client of the account shares one (product detection's and the product's own).
        this.tokens = opts.clock
            ? new TokenSource(product, `${conn.origin}/oauth2/token`, conn.clientId, conn.clientSecret, this.base, this.clock)
            : tokenSourceFor(product, conn, this.base);
        this.limiter = opts.limiter ?? limiterFor(conn);
    }

    async request<T = unknown>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
        return (await this.exchange(method, path, opts)).body as T;
    }

    /** One page of a paginated list, with the page count the appliance reports. */
    async page<T = unknown>(path: string, page: number, query: RequestOptions["query"] = {}): Promise<{ items: T[]; lastPage: number }> {
        const { body, lastPage } = await this.fetchPage(path, page, query);
        return { items: (Array.isArray(body) ? body : []) as T[], lastPage: lastPage || 1 };
    }

    /** GET a list to the end, following the Link header (or the X-BT pagination headers) page by page. */
    async listAll<T = unknown>(path: string, query: RequestOptions["query"] = {}): Promise<T[]> {
        const items: T[] = [];
        for (let page = 1; ; page++) {
            const { body, lastPage, nextLinked } = await this.fetchPage(path, page, query);
            // Some grant lists are unpaginated and some reads answer a bare object; accept both.
            if (Array.isArray(body)) items.push(...(body as T[]));
            else if (body !== undefined && body !== null) items.push(body as T);
            const hasNext = nextLinked || (lastPage > 0 && page < lastPage);
            if (!hasNext || !Array.isArray(body) || body.length === 0) return items;
        }
    }

    private async fetchPage(
        path: string,
        page: number,
        query: RequestOptions["query"],
    ): Promise<{ body: unknown; lastPage: number; nextLinked: boolean }> {
        const res = await this.exchange("GET", path, { query: { ...query, per_page: 100, current_page: page } });
        return {
            body: res.body,
            lastPage: Number(header(res.raw, "x-bt-pagination-last-page") ?? "0") || 0,
            nextLinked: /rel="?next"?/.test(header(res.raw, "link") ?? ""),
        };
    }

    private async exchange(
        method: string,
        path: string,
        opts: RequestOptions,
    ): Promise<{ status: number; body: unknown; raw: RawResponse }> {
        const url = new URL(`${this.conn.origin}${opts.fromOrigin ? "" : this.apiPrefix}${path}`);
        for (const [k, v] of Object.entries(opts.query ?? {})) {
            if (v !== undefined) url.searchParams.set(k, String(v));
        }
        const body = opts.body === undefined ? undefined : JSON.stringify(opts.body);
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
            let token: string;
            try {
                await this.tokens.get();
                await this.limiter.acquire();
                token = await this.tokens.get();
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
                        authorization: `Bearer ${token}`,
                        accept: "application/json",
                        ...(body !== undefined ? { "content-type": "application/json" } : {}),
                        "user-agent": "pulumi-beyondtrust",
                    },
                    body,
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
            this.tokens.observeRoundTrip(roundTrip);
            this.limiter.observeRoundTrip(roundTrip);

            if (res.status === 401 && reauthentications < MAX_REAUTHENTICATIONS) {
                // An evicted or expired token: the appliance answers 401 access_denied. The token is
                // marked bad for every caller and replaced; the request is replayed without using an
                // attempt. A 401 beyond MAX_REAUTHENTICATIONS is a real refusal and is reported.
                reauthentications++;
                clientStats.reauthentications++;
                this.tokens.refuse(token); // the replay's get() mints the replacement (or reports why not)
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
        const gaveUp = new TransportError(
            this.product,
            method,
            path,
            `gave up after ${this.retry.maxAttempts} attempts (last: ${lastProblem})`,
        );
        throw mayHaveLanded ? Object.assign(gaveUp, { mayHaveLanded: true as const }) : gaveUp;
    }

    private apiError(method: string, path: string, status: number, body: unknown): ApiError {
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
        "once this is fixed, set `adopt: true` (found by its natural key) or `adopt: \"<id>\"` on the resource " +
        "so that the next run takes it over instead of creating a duplicate";
    copy.stack = `${copy.name}: ${copy.message}`;
    return copy;
}

const clients = processState("apiClients", () => new Map<string, ApiClient>());
const limiters = processState("rateLimiters", () => new Map<string, RateLimiter>());

/**
 * The appliance counts requests per API account, whatever secret or client made them, so the
 * limiter belongs to the account and outlives any one client (a rotated secret keeps the budget).
 */
function limiterFor(conn: ResolvedConnection): RateLimiter {
    const key = `${conn.origin}|${conn.clientId}|${conn.ratePerSecond}|${conn.ratePerHour}`;
    let limiter = limiters.get(key);
    if (!limiter) {
        limiter = new RateLimiter([
            { limit: conn.ratePerSecond, windowMs: 1000 },
            { limit: conn.ratePerHour, windowMs: 3_600_000 },
        ]);
        limiters.set(key, limiter);
    }
    return limiter;
}

const tokenSources = processState("tokenSources", () => new Map<string, TokenSource>());

/** The account's token, whichever client asks: product detection's client and the one for the detected product share it. */
function tokenSourceFor(product: Product, conn: ResolvedConnection, base: ConstructorParameters<typeof TokenSource>[4]): TokenSource {
    const key = [conn.origin, conn.clientId, crypto.createHash("sha256").update(conn.clientSecret).digest("hex").slice(0, 16)].join("|");
    let source = tokenSources.get(key);
    if (!source) {
        source = new TokenSource(product, `${conn.origin}/oauth2/token`, conn.clientId, conn.clientSecret, base);
        tokenSources.set(key, source);
    }
    return source;
}

/**
 * The client for an account, created on first use. Keyed by a hash of the secret as well, so a
 * rotated secret in config gets a fresh client rather than reusing tokens minted with the old one.
 */
export function clientFor(product: Product, conn: ResolvedConnection, apiPrefix: string): ApiClient {
    const secretTag = crypto.createHash("sha256").update(conn.clientSecret).digest("hex").slice(0, 16);
    const key = [product, conn.origin, apiPrefix, conn.clientId, secretTag].join("|");
    let client = clients.get(key);
    if (!client) {
        client = new ApiClient(product, conn, apiPrefix);
        clients.set(key, client);
    }
    return client;
}

/** Forget every client (tests that restart the simulator between cases). */
export function resetClients(): void {
    clients.clear();
    tokenSources.clear();
}

/**
 * Forget every account's limiter too (tests that swap the clock: a window recorded on one clock
 * means nothing on another). Not part of resetClients: a limiter must outlive its clients.
 */
export function resetLimiters(): void {
    limiters.clear();
}
