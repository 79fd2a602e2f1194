// The seam between the shared pipeline and one simulated product. A product (PRA/RS, Password
// Safe, ...) is an app: the paths it mounts, how each mount authenticates, limits and routes a
// request and shapes its errors, its state for --state, its control API and the lines it prints
// at start. The pipeline (server.ts) takes a list of apps and knows none of them, the way moto's
// core knows no service: a product is wired in by adding its app to the list, not by editing the core.
import type { IncomingHttpHeaders } from "node:http";
import { ApiResponse } from "./api";

/** One request as a mount sees it, after the body was read and faults were applied. */
export interface AppRequest {
    method: string;
    /** The path below the mount's prefix, e.g. "/jumpoint/3" ("/" for the prefix itself); an exact mount's whole path. */
    path: string;
    query: URLSearchParams;
    headers: IncomingHttpHeaders;
    raw: Buffer;
    /** Absolute URL of the mount's prefix, for Location and Link headers. */
    baseUrl: string;
}

/** A path prefix an app serves, with everything the pipeline needs to know about it. */
export interface Mount {
    /** "/api/config/v1"; with `exact`, only that one path. */
    prefix: string;
    exact?: boolean;
    /** Match the prefix case-insensitively (Password Safe's paths are). */
    caseInsensitive?: boolean;
    /** Largest body accepted (default core/http MAX_BODY_BYTES). */
    maxBodyBytes?: number;
    /** Injected faults and --latency apply here (default true). */
    faults?: boolean;
    /** The counters' route key ("GET /jumpoint/{id}"), so ids do not make one route per object. */
    routeKey(method: string, path: string): string;
    /** Called when a request arrives (before its body is read); the returned function when it is answered. */
    enter?(method: string, path: string): (() => void) | undefined;
    /** Auth, rate limit and route: see serveRouted for the order. */
    serve(req: AppRequest): ApiResponse;
    /** The app's error shape for pipeline errors (an oversized body, say). */
    toResponse(err: unknown): ApiResponse;
}

export interface ProductApp {
    readonly name: string;
    readonly mounts: Mount[];
    /** Control paths below /_sim: "" answers every control path no other app claims, "/ps" only /_sim/ps/... */
    readonly controlPrefix: string;
    control(method: string, path: string, query: URLSearchParams, raw: Buffer): ApiResponse;
    /**
     * Key of this app's part of the --state file. undefined keeps the app's dump at the top level
     * (PRA's layout, so state files written before the seam still load); at most one app may do that.
     */
    readonly stateKey?: string;
    dump(): unknown;
    /** Replaces the app's objects with a saved dump (throws with a plain reason when it cannot). */
    load(saved: unknown): void;
    /** Back to the seed: objects, sessions or tokens, app settings. */
    reset(): void;
    /** KEY=value lines printed at start, after the base URL is known. */
    startLines(baseUrl: string): string[];
}

/** Who a request authenticated as, for rate limits and handlers. */
export interface Principal {
    id: string;
}

export interface RateDecision {
    allowed: boolean;
    headers: Record<string, string>;
    /** The answer when not allowed. */
    refusal?: ApiResponse;
}

/**
 * The order every routed product follows: auth before anything about the path is revealed (an
 * unauthenticated caller gets 401 even for an unknown path or method), then the rate limit, then
 * the route. `isPublic` marks routes that need no auth (sign-in, token endpoints).
 */
export function serveRouted<R>(
    req: AppRequest,
    steps: {
        match(method: string, path: string): R | undefined;
        isPublic?(route: R | undefined, req: AppRequest): boolean;
        authenticate(req: AppRequest): Principal;
        rateLimit?(principal: Principal): RateDecision;
        call(route: R | undefined, req: AppRequest, principal: Principal | undefined): ApiResponse;
        toResponse(err: unknown): ApiResponse;
    },
): ApiResponse {
    let route: R | undefined;
    let routeError: unknown;
    try {
        route = steps.match(req.method, req.path);
    } catch (err) {
        routeError = err; // 405: answered after auth
    }
    let principal: Principal | undefined;
    let rateHeaders: Record<string, string> = {};
    try {
        if (!(routeError === undefined && steps.isPublic?.(route, req))) {
            principal = steps.authenticate(req);
            const decision = steps.rateLimit?.(principal);
            if (decision) {
                rateHeaders = decision.headers;
                if (!decision.allowed) return decision.refusal ?? { status: 429, headers: rateHeaders };
            }
        }
        if (routeError !== undefined) throw routeError;
    } catch (err) {
        const r = steps.toResponse(err);
        r.headers = { ...r.headers, ...rateHeaders };
        return r;
    }
    let response: ApiResponse;
    try {
        response = steps.call(route, req, principal);
    } catch (err) {
        response = steps.toResponse(err);
    }
    response.headers = { ...response.headers, ...rateHeaders };
    return response;
}
