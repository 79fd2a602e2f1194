// BeyondTrust EPM for Windows and Mac (the "PM Cloud" Management API) as one app of the
// simulator: the API under /management-api/v1..v3 (case-insensitive paths, bearer tokens, 1000
// requests per 100 s per account, ProblemDetails errors), OAuth at /oauth/connect/token and
// /oauth/token, and its control API at /_sim/epm. The rules live in store.ts, the routes in
// routes.ts; this file wires them to the pipeline's seam (core/app.ts).
import { ApiResponse } from "../core/api";
import { AppRequest, Mount, ProductApp, serveRouted } from "../core/app";
import { SimClock } from "../core/clock";
import { Counters } from "../core/counters";
import { SlidingWindowLimiter } from "../core/rate-limiter";
import { RouteMatch } from "../core/router";
import { EpmAuth, SCOPE, TokenError } from "./auth";
import { epmControl, EpmConfig } from "./control";
import { problem, toProblemResponse } from "./errors";
import { API_PREFIX, buildEpmRouter, EpmRequest } from "./routes";
import { epmSeed } from "./seed";
import { EpmDump, EpmStore } from "./store";

export const TOKEN_PATHS = ["/oauth/connect/token", "/oauth/token"];
export const EPM_DEFAULTS: EpmConfig = { rateLimit: 1000, rateWindowSeconds: 100, tokenTtlSeconds: 3600 };
/** Policy files are XML documents of a few hundred KB at most; leave room. */
const MAX_EPM_BODY_BYTES = 16 * 1024 * 1024;

export interface EpmAppOptions {
    account: { clientId: string; clientSecret: string };
    config?: Partial<EpmConfig>;
    clock: SimClock;
    /** The simulator-wide counters (tokens and 429s are counted there as well as in EPM's own). */
    counters: Counters;
    persist(): void;
}

/** What EPM's control API works on. */
export interface EpmContext {
    readonly store: EpmStore;
    readonly auth: EpmAuth;
    readonly counters: Counters;
    readonly config: EpmConfig;
    applyConfig(): void;
    reset(): void;
    persist(): void;
}

export function epmApp(o: EpmAppOptions): ProductApp & { context: EpmContext } {
    const startup: EpmConfig = { ...EPM_DEFAULTS, ...(o.config ?? {}) };
    const config = { ...startup };
    const now = () => o.clock.now();
    const store = new EpmStore(now);
    const auth = new EpmAuth(config.tokenTtlSeconds, now);
    const windows = () => [{ spanMs: config.rateWindowSeconds * 1000, limit: config.rateLimit }];
    const limiter = new SlidingWindowLimiter(windows(), now);
    const counters = new Counters();
    const router = buildEpmRouter();

    const context: EpmContext = {
        store,
        auth,
        counters,
        config,
        applyConfig() {
            limiter.windows = windows();
            auth.ttlSeconds = config.tokenTtlSeconds;
        },
        reset() {
            store.load(epmSeed(now()));
            auth.clear();
            auth.addAccount(o.account.clientId, o.account.clientSecret);
            Object.assign(config, startup);
            limiter.windows = windows();
            limiter.reset();
            counters.reset();
        },
        persist: o.persist,
    };
    const control = epmControl(context);

    /** The account's window; every request counts, the token endpoint's too (keyed by client id). */
    const rateLimit = (account: string) => {
        const d = limiter.take(account);
        if (d.allowed) return { allowed: true, headers: {} };
        counters.rateLimited();
        o.counters.rateLimited();
        const refusal = problem(429, `The API account has made more than ${config.rateLimit} requests in ${config.rateWindowSeconds} seconds.`, undefined, {
            "Retry-After": String(d.retryAfterSeconds ?? 1),
        });
        return { allowed: false, headers: {}, refusal: toProblemResponse(refusal) };
    };

    const routeKey = (method: string, path: string) => {
        try {
            const m = router.match(method, path.toLowerCase());
            if (m) return `${method} ${m.pattern}`;
        } catch {
            // 405: counted under the raw path below
        }
        return `${method} ${path.toLowerCase().replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, "{id}")}`;
    };

    const api: Mount = {
        prefix: API_PREFIX,
        caseInsensitive: true,
        maxBodyBytes: MAX_EPM_BODY_BYTES,
        routeKey,
        serve(req) {
            counters.request(req.method, routeKey(req.method, req.path));
            return serveRouted<RouteMatch<(s: EpmStore, r: EpmRequest) => ApiResponse>>(req, {
                match: (method, path) => router.match(method, path.toLowerCase()),
                authenticate: (r) => {
                    const id = auth.authenticate(r.headers.authorization);
                    if (id === undefined)
                        throw problem(401, "A valid bearer token is required.", undefined, { "WWW-Authenticate": 'Bearer error="invalid_token"' });
                    return { id };
                },
                rateLimit: (principal) => rateLimit(principal.id),
                call: (route, r) => {
                    if (!route) throw problem(404, `No EPM Management API route matches ${r.method} ${API_PREFIX}${r.path}.`);
                    return route.handler(store, { params: route.params, query: r.query, headers: r.headers, raw: r.raw });
                },
                toResponse: toProblemResponse,
            });
        },
        toResponse: toProblemResponse,
    };

    const tokenMount = (prefix: string): Mount => ({
        prefix,
        exact: true,
        caseInsensitive: true,
        routeKey: (method) => `${method} ${prefix}`,
        serve: (req) => {
            counters.request(req.method, `${req.method} ${prefix}`);
            return mintToken(req);
        },
        toResponse: toProblemResponse,
    });

    // A client that appends a slash to the token URL gets a 405 from the tenant (SailPoint's notes).
    const trailingSlash = (path: string): Mount => ({
        prefix: `${path}/`,
        exact: true,
        caseInsensitive: true,
        routeKey: (method) => `${method} ${path}/`,
        serve: () => toProblemResponse(problem(405, `The token endpoint is ${path}, without a trailing slash.`, undefined, { Allow: "POST" })),
        toResponse: toProblemResponse,
    });

    function mintToken(req: AppRequest): ApiResponse {
        if (req.method !== "POST") return toProblemResponse(problem(405, "Use POST.", undefined, { Allow: "POST" }));
        const form = new URLSearchParams(req.raw.toString("utf8"));
        const decision = rateLimit(EpmAuth.claimedClient(req.headers.authorization, form) ?? "(anonymous)");
        if (!decision.allowed) return decision.refusal!;
        try {
            const { accessToken, clientId } = auth.mint(req.headers.authorization, form);
            counters.tokenMinted(clientId);
            o.counters.tokenMinted(clientId);
            return {
                status: 200,
                body: { access_token: accessToken, token_type: "Bearer", expires_in: auth.ttlSeconds, scope: SCOPE },
                headers: { "Cache-Control": "no-store" },
            };
        } catch (err) {
            if (err instanceof TokenError) return { status: err.status, body: { error: err.error, error_description: err.description } };
            return toProblemResponse(err);
        }
    }

    return {
        name: "epm",
        context,
        mounts: [api, ...TOKEN_PATHS.map(tokenMount), ...TOKEN_PATHS.map(trailingSlash)],
        controlPrefix: "/epm",
        // Errors go to the pipeline's control error shape ({message}), like every control API's.
        control: (method, path, _query, raw) => control(method, path, raw),
        stateKey: "epm",
        dump: () => store.dump(),
        load: (saved) => store.load(saved as EpmDump),
        reset: () => context.reset(),
        startLines: (baseUrl) => [`BT_EPM_API_URL=${baseUrl}`, `BT_EPM_CLIENT_ID=${o.account.clientId}`, `BT_EPM_CLIENT_SECRET=${o.account.clientSecret}`],
    };
}
