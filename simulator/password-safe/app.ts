// Password Safe's public API v3 as one app of the simulator: the API under
// /BeyondTrust/api/public/v3 (paths case-insensitive, a trailing slash ignored), sign-in by API key
// or OAuth with a session cookie, JSON-string errors, and its control API at /_sim/ps/...
import { Mount, ProductApp, serveRouted } from "../core/app";
import { SimClock } from "../core/clock";
import { ApiError } from "../core/errors";
import { parseJsonObject } from "../core/http";
import { Router, RouteMatch } from "../core/router";
import { DEFAULT_IDLE_SECONDS, PsAuth, PsUser, newApiKey, newClientId, newClientSecret } from "./auth";
import { buildControl, PsCounters } from "./control";
import { notFound, psResponse } from "./errors";
import { Fields, Query } from "./input";
import { actorOf, buildRoutes, PsRoute } from "./routes";
import { Store, StoreDump } from "./store";
import { versionOf } from "./versions";

export const PS_API_PREFIX = "/BeyondTrust/api/public/v3";
export const PS_CONTROL_PREFIX = "/ps";
const SEED_SAFE_ID = "5eed5afe-0000-4000-8000-000000000001";
const GUID_SEGMENT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface PasswordSafeOptions {
    apiKey?: string;
    runAs?: string;
    clientId?: string;
    clientSecret?: string;
    sessionIdleSeconds?: number;
    clock: SimClock;
    persist(): void;
}

const emptyCounters = (): PsCounters => ({ requests: { total: 0, byRoute: {} }, signIns: 0, signOuts: 0, unauthorized: 0 });

/** "GET /secrets-safe/secrets/{id}": lowercased, GUIDs as {id}, no trailing slash. */
export function psRouteKey(method: string, path: string): string {
    const segs = path
        .toLowerCase()
        .split("/")
        .filter(Boolean)
        .map((s) => (GUID_SEGMENT.test(s) ? "{id}" : s));
    return `${method} /${segs.join("/")}`;
}

export function passwordSafeApp(o: PasswordSafeOptions): ProductApp {
    const now = () => o.clock.now();
    const store = new Store(now);
    const auth = new PsAuth(now);
    const startup = {
        apiKey: o.apiKey ?? newApiKey(),
        runAs: o.runAs ?? "ps-admin",
        clientId: o.clientId ?? newClientId(),
        clientSecret: o.clientSecret ?? newClientSecret(),
        idleSeconds: o.sessionIdleSeconds ?? DEFAULT_IDLE_SECONDS,
    };
    let counters = emptyCounters();
    const router: Router<PsRoute> = buildRoutes(store, auth, {
        signedIn: () => counters.signIns++,
        signedOut: () => counters.signOuts++,
    });

    const seed = () => {
        store.clear();
        auth.clearSessions();
        auth.users = [{ UserId: 1, UserName: startup.runAs, Name: "Password Safe Admin", EmailAddress: `${startup.runAs}@bt-simulator.invalid` }];
        auth.apiKeys = [{ key: startup.apiKey, passwordRequired: false }];
        auth.clients = [{ clientId: startup.clientId, clientSecret: startup.clientSecret, userName: startup.runAs }];
        auth.idleSeconds = startup.idleSeconds;
        store.load({
            folders: [
                {
                    id: SEED_SAFE_ID,
                    name: "Seed Safe",
                    description: "The simulator's starting safe",
                    parentId: null,
                    userGroupId: null,
                    userId: 1,
                    createdOn: new Date(now()).toISOString(),
                },
            ],
        });
    };

    const api: Mount = {
        prefix: PS_API_PREFIX,
        caseInsensitive: true,
        // A 5,000,000-byte file may come twice (GO repeats it as FileContent in the metadata, JSON-escaped).
        maxBodyBytes: 32 * 1024 * 1024,
        routeKey: (method, path) => psRouteKey(method, PS_API_PREFIX + path),
        enter(method, path) {
            counters.requests.total++;
            const key = psRouteKey(method, path);
            counters.requests.byRoute[key] = (counters.requests.byRoute[key] ?? 0) + 1;
            return undefined;
        },
        serve(req) {
            let user: PsUser | undefined;
            const lowered = { ...req, path: req.path.toLowerCase() };
            return serveRouted<RouteMatch<PsRoute>>(lowered, {
                match: (method, path) => router.match(method, path),
                isPublic: (route) => route?.handler.public === true,
                authenticate: (r) => {
                    try {
                        const s = auth.authenticate(r.headers.cookie);
                        user = s.user;
                        return { id: s.sessionId };
                    } catch (err) {
                        counters.unauthorized++;
                        throw err;
                    }
                },
                call: (route, r) => {
                    if (!route) throw notFound("The requested resource was not found");
                    const query = new Query(r.query);
                    // Checked on every route, so an unknown version is the same 400 wherever it is sent.
                    const version = versionOf(query);
                    let body: Fields | undefined;
                    const actor = user ? actorOf(user) : { userId: 0, userName: "", name: "", email: "" };
                    try {
                        return route.handler.handler({
                            params: route.params,
                            query,
                            req: r,
                            body: () => (body ??= Fields.parse(r.raw)),
                            version: () => version,
                            actor,
                        });
                    } catch (err) {
                        if (err instanceof ApiError && err.status === 401) counters.unauthorized++;
                        throw err;
                    }
                },
                toResponse: psResponse,
            });
        },
        toResponse: psResponse,
    };

    const control = buildControl(store, auth, now, {
        reset: () => {
            seed();
            counters = emptyCounters();
            o.persist();
        },
        counters: () => counters,
        resetCounters: () => (counters = emptyCounters()),
        persist: o.persist,
    });

    return {
        name: "password-safe",
        mounts: [api],
        controlPrefix: PS_CONTROL_PREFIX,
        control: (method, path, query, raw) => {
            const m = control.match(method === "HEAD" ? "GET" : method, path);
            if (!m) throw new ApiError(404, { message: "Unknown Password Safe control path." });
            let parsed: Record<string, unknown> | undefined;
            return m.handler({ params: m.params, query, body: () => (parsed ??= parseJsonObject(raw)) });
        },
        stateKey: "passwordSafe",
        dump: () => ({ ...store.dump(), ...auth.dump(), sessionIdleSeconds: auth.idleSeconds }),
        load(saved) {
            const d = saved as Partial<StoreDump> & { users?: PsUser[]; sessionIdleSeconds?: number };
            if (d === null || typeof d !== "object") throw new Error("passwordSafe must be an object");
            store.clear();
            store.load(d);
            auth.load(d as never);
            if (typeof d.sessionIdleSeconds === "number") auth.idleSeconds = d.sessionIdleSeconds;
            // The printed BT_PS_* credentials must work whatever the file holds (as PRA's startup account does).
            if (!auth.users.some((u) => u.UserName.toLowerCase() === startup.runAs.toLowerCase())) {
                auth.addUser({ UserName: startup.runAs, Name: startup.runAs, EmailAddress: `${startup.runAs}@bt-simulator.invalid` });
            }
            if (!auth.apiKeys.some((k) => k.key === startup.apiKey)) auth.apiKeys.push({ key: startup.apiKey, passwordRequired: false });
            if (!auth.clients.some((c) => c.clientId === startup.clientId)) {
                auth.clients.push({ clientId: startup.clientId, clientSecret: startup.clientSecret, userName: startup.runAs });
            }
        },
        reset: () => {
            seed();
            counters = emptyCounters();
        },
        startLines: (baseUrl) => [
            `BT_PS_API_URL=${baseUrl}${PS_API_PREFIX}`,
            `BT_PS_API_KEY=${startup.apiKey}`,
            `BT_PS_RUNAS=${startup.runAs}`,
            `BT_PS_CLIENT_ID=${startup.clientId}`,
            `BT_PS_CLIENT_SECRET=${startup.clientSecret}`,
        ],
    };
}
