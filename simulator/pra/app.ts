// The PRA/RS appliance as one app of the simulator: the Configuration API under /api/config/v1
// (OAuth bearer tokens, per-account rate limits, the 422 error bag), its token endpoint
// /oauth2/token, /get_mech_list at the site root, and the control API at /_sim/... (kept where
// it was before the seam, since many tests and demos use it).
import { ApiHandler, ApiRequest, ApiResponse } from "../core/api";
import { AppRequest, Mount, ProductApp, serveRouted } from "../core/app";
import { SimClock } from "../core/clock";
import { Counters } from "../core/counters";
import { methodNotAllowed, notFound } from "../core/errors";
import { Faults } from "../core/faults";
import { parseJsonObject, routeKey } from "../core/http";
import { OAuth } from "../core/oauth";
import { RateLimiter } from "../core/rate-limiter";
import { RouteMatch } from "../core/router";
import { Control } from "./control";
import { RuntimeConfig, toResponse } from "../server";
import { Product } from "./fields";
import { MECH_LIST_PATH, mechList } from "./mech-list";
import { Model } from "./model";
import { API_PREFIX, buildApiRouter } from "./routes";
import { initialSeed } from "./seed";

export const TOKEN_PATH = "/oauth2/token";

// The appliance cannot take parallel membership changes on one group policy (the Terraform
// provider serializes them for that reason). The simulator notices such overlaps, from arrival to
// answer, and counts them, so clients can prove they never cause one.
const MEMBERSHIP_CHANGE = /^\/group-policy\/(\d+)\/(jumpoint|jump-group|vault-account|vault-account-group|member|provision)(\/\d+)?$/;

export interface PraAppOptions {
    product: Product;
    config: RuntimeConfig;
    startupConfig: RuntimeConfig;
    account: { clientId: string; clientSecret: string };
    clock: SimClock;
    faults: Faults;
    counters: Counters;
    persist(): void;
    /** POST /_sim/reset resets the whole simulator (every app, faults, counters, clock). */
    resetAll(): void;
}

/** What the PRA control API (control.ts) works on. */
export interface PraContext {
    readonly model: Model;
    readonly oauth: OAuth;
    readonly limiter: RateLimiter;
    readonly faults: Faults;
    readonly counters: Counters;
    readonly config: RuntimeConfig;
    provisions: number;
    persist(): void;
}

export function praApp(o: PraAppOptions): ProductApp & { context: PraContext } {
    const model = new Model(o.product);
    const oauth = new OAuth(o.config.tokenTtlSeconds, () => o.clock.now());
    const limiter = new RateLimiter({ perSecond: o.config.ratePerSecond, perHour: o.config.ratePerHour }, () => o.clock.now());
    const context: PraContext = {
        model,
        oauth,
        limiter,
        faults: o.faults,
        counters: o.counters,
        config: o.config,
        provisions: 0,
        persist: o.persist,
    };
    const router = buildApiRouter(model, () => context.provisions++);
    const control = new Control(context, { reset: o.resetAll, clock: o.clock });
    const membershipInFlight = new Map<string, number>();

    const api: Mount = {
        prefix: API_PREFIX,
        routeKey,
        enter(method, path) {
            const gp = method === "POST" || method === "DELETE" ? MEMBERSHIP_CHANGE.exec(path)?.[1] : undefined;
            if (gp === undefined) return undefined;
            const inFlight = (membershipInFlight.get(gp) ?? 0) + 1;
            membershipInFlight.set(gp, inFlight);
            if (inFlight > 1) o.counters.concurrentMembershipChange();
            return () => membershipInFlight.set(gp, membershipInFlight.get(gp)! - 1);
        },
        serve: (req) =>
            serveRouted<RouteMatch<ApiHandler> | "options">(req, {
                match: (method, path) => (method === "OPTIONS" ? "options" : router.match(method, path)),
                authenticate: (r) => ({ id: oauth.authenticate(r.headers.authorization) }),
                rateLimit: (principal) => {
                    const decision = limiter.take(principal.id);
                    const headers = {
                        "X-RateLimit-Limit": String(decision.limit),
                        "X-RateLimit-Remaining": String(decision.remaining),
                    };
                    if (decision.allowed) return { allowed: true, headers };
                    o.counters.rateLimited();
                    return {
                        allowed: false,
                        headers,
                        refusal: {
                            status: 429,
                            body: { message: "Too Many Requests: the API account's rate limit is exceeded." },
                            headers: { ...headers, "Retry-After": String(decision.retryAfterSeconds ?? 1) },
                        },
                    };
                },
                call: (route, r) => {
                    if (route === "options") {
                        const allowed = router.allowedMethods(r.path);
                        if (!allowed) throw notFound("Unknown path.");
                        return { status: 200, headers: { Allow: allowed.join(",") } };
                    }
                    if (!route) throw notFound("Unknown path.");
                    let parsed: Record<string, unknown> | undefined;
                    const apiReq: ApiRequest = {
                        method: r.method,
                        path: r.path,
                        params: route.params,
                        query: r.query,
                        body: () => (parsed ??= parseJsonObject(r.raw)),
                        baseUrl: r.baseUrl,
                    };
                    return route.handler(apiReq);
                },
                toResponse,
            }),
        toResponse,
    };

    const token: Mount = {
        prefix: TOKEN_PATH,
        exact: true,
        routeKey,
        serve: (req) => mintToken(req, oauth, o.counters),
        toResponse,
    };

    const mech: Mount = {
        prefix: MECH_LIST_PATH,
        exact: true,
        faults: false,
        routeKey,
        serve: (req) => mechList(req.method, o.product),
        toResponse,
    };

    return {
        name: o.product,
        context,
        mounts: [api, token, mech],
        controlPrefix: "",
        control: (method, path, query, raw) => control.handle(method, path, query, raw),
        dump: () => model.dump(),
        load(saved) {
            const dump = saved as { product?: string };
            if (dump.product && dump.product !== o.product) {
                throw new Error(`holds a ${dump.product} appliance, not ${o.product}`);
            }
            model.clear();
            model.seed(saved as never);
        },
        reset() {
            model.clear();
            model.seed(initialSeed(o.product));
            limiter.reset();
            Object.assign(o.config, o.startupConfig);
            limiter.limits = { perSecond: o.config.ratePerSecond, perHour: o.config.ratePerHour };
            oauth.ttlSeconds = o.config.tokenTtlSeconds;
            oauth.clear();
            oauth.addAccount(o.account.clientId, o.account.clientSecret);
            context.provisions = 0;
        },
        startLines: (baseUrl) => [`BT_API_HOST=${baseUrl}`, `BT_CLIENT_ID=${o.account.clientId}`, `BT_CLIENT_SECRET=${o.account.clientSecret}`],
    };
}

function mintToken(req: AppRequest, oauth: OAuth, counters: Counters): ApiResponse {
    try {
        if (req.method !== "POST") throw methodNotAllowed(["POST", "OPTIONS"]);
        const form = new URLSearchParams(req.raw.toString("utf8"));
        const { token, clientId } = oauth.mint(req.headers.authorization, form);
        counters.tokenMinted(clientId);
        return {
            status: 200,
            body: { access_token: token, token_type: "Bearer", expires_in: oauth.ttlSeconds },
            headers: { "Cache-Control": "no-store" },
        };
    } catch (err) {
        return toResponse(err);
    }
}
