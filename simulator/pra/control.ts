// PRA/RS's control API under /_sim (it predates the per-product seam, so the simulator-wide
// switches live here too: faults, counters, clock, latency; POST /reset resets every app): reset, state dump and seeding, out-of-band edits (drift),
// API accounts, runtime config, fault injection and counters. No auth, no rate limit, JSON only.
import { ApiResponse } from "../core/api";
import { ApiError, notFound } from "../core/errors";
import { parseJsonObject } from "../core/http";
import { Router, Params } from "../core/router";
import { MAX_LATENCY_MS } from "../core/faults";
import { Kind, Obj } from "./fields";
import { ASSOCIATION_OWNERS, storedAssociation, withAssociation } from "./associations";
import { GRANT_KINDS } from "./grant-kinds";
import { kindsFor } from "./kinds";
import { SimClock } from "../core/clock";
import type { PraContext } from "./app";
import { ControlHandler } from "../server";

type Handler = (ctx: { params: Params; body: () => Obj; query: URLSearchParams }) => ApiResponse;

export interface ControlHooks {
    reset(): void;
    /** Token expiry and rate windows run on it; reset() returns it to real time. */
    clock?: SimClock;
}

export class Control implements ControlHandler {
    private router = new Router<Handler>();

    constructor(
        private readonly p: PraContext,
        private readonly hooks: ControlHooks,
    ) {
        const r = this.router;
        const ok = (body: unknown = { ok: true }): ApiResponse => ({ status: 200, body });

        r.add("POST", "/reset", () => {
            hooks.reset();
            return ok();
        });

        r.add("GET", "/state", () => ok(p.model.dump()));
        r.add("POST", "/seed", ({ body }) => {
            try {
                const result = p.model.seed(body() as never);
                p.persist();
                return ok(result);
            } catch (err) {
                if (err instanceof ApiError) throw err;
                throw new ApiError(422, { message: (err as Error).message });
            }
        });

        r.add("GET", "/accounts", () => ok(p.oauth.listAccounts()));
        r.add("POST", "/accounts", ({ body }) => {
            const b = body();
            const id = optionalString(b, "client_id");
            // HTTP Basic splits on the first colon, so a colon in the id could never authenticate.
            if (id?.includes(":")) throw new ApiError(422, { message: "client_id must not contain ':'" });
            if (id && p.oauth.hasAccount(id)) throw new ApiError(422, { message: `account ${id} already exists` });
            const secret = optionalString(b, "client_secret");
            const account = p.oauth.addAccount(id, secret);
            return { status: 201, body: { client_id: account.clientId, client_secret: account.clientSecret } };
        });
        r.add("POST", "/accounts/{clientId}/regenerate", ({ params, body }) => {
            const secret = p.oauth.regenerate(decodeURIComponent(params.clientId), optionalString(body(), "client_secret"));
            if (secret === undefined) throw notFound("No such API account.");
            return ok({ client_secret: secret });
        });

        r.add("GET", "/config", () => ok({ ...p.config }));
        r.add("POST", "/config", ({ body }) => {
            const b = body();
            const keys = ["ratePerSecond", "ratePerHour", "tokenTtlSeconds", "latencyMs"] as const;
            const unknown = Object.keys(b).filter((k) => !(keys as readonly string[]).includes(k));
            if (unknown.length) throw new ApiError(422, { message: `Unknown config keys: ${unknown.join(", ")}` });
            for (const k of keys) {
                if (b[k] === undefined) continue;
                const v = b[k];
                if (typeof v !== "number" || !Number.isFinite(v) || v < 0) throw new ApiError(422, { message: `${k} must be a number >= 0` });
                if (k === "latencyMs" && v > MAX_LATENCY_MS) {
                    throw new ApiError(422, { message: `latencyMs must be at most ${MAX_LATENCY_MS} (10 minutes), not ${v}` });
                }
            }
            for (const k of keys) {
                if (b[k] === undefined) continue;
                p.config[k] = b[k] as number;
            }
            p.limiter.limits = { perSecond: p.config.ratePerSecond, perHour: p.config.ratePerHour };
            p.oauth.ttlSeconds = p.config.tokenTtlSeconds;
            return ok({ ...p.config });
        });

        r.add("GET", "/clock", () => ok(hooks.clock?.snapshot()));
        r.add("POST", "/clock", ({ body }) => {
            const clock = hooks.clock;
            if (!clock) throw notFound("This simulator has no controllable clock.");
            const b = body();
            const unknown = Object.keys(b).filter((k) => k !== "frozen" && k !== "advanceMs");
            if (unknown.length) throw new ApiError(422, { message: `Unknown clock keys: ${unknown.join(", ")}` });
            if (b.frozen !== undefined && typeof b.frozen !== "boolean") throw new ApiError(422, { message: "frozen must be a boolean" });
            if (
                b.advanceMs !== undefined &&
                !(typeof b.advanceMs === "number" && Number.isFinite(b.advanceMs) && b.advanceMs >= 0 && b.advanceMs <= 86_400_000)
            ) {
                throw new ApiError(422, { message: "advanceMs must be a number of milliseconds in 0..86400000" });
            }
            if (b.frozen !== undefined) clock.setFrozen(b.frozen as boolean);
            if (b.advanceMs !== undefined) clock.advance(b.advanceMs as number);
            return ok(clock.snapshot());
        });

        r.add("GET", "/faults", () => ok({ rules: p.faults.list() }));
        r.add("POST", "/faults", ({ body }) => {
            const b = body();
            if (b.seed !== undefined) {
                if (!Number.isInteger(b.seed)) throw new ApiError(422, { message: "seed must be an integer" });
                p.faults.seed(b.seed as number);
            }
            if (b.rules !== undefined && !Array.isArray(b.rules)) throw new ApiError(422, { message: "rules must be an array" });
            const added = p.faults.add((b.rules as unknown[]) ?? []);
            return { status: 201, body: { rules: added } };
        });
        r.add("DELETE", "/faults", () => {
            p.faults.clear();
            return ok();
        });

        r.add("GET", "/counters", () => ok({ ...p.counters.snapshot(), provisions: p.provisions }));
        r.add("POST", "/counters/reset", () => {
            p.counters.reset();
            p.provisions = 0;
            return ok();
        });
    }

    handle(method: string, path: string, query: URLSearchParams, raw: Buffer): ApiResponse {
        if (path === "/api" || path.startsWith("/api/")) return this.outOfBand(method, path.slice(4), raw);
        const m = method === "HEAD" ? "GET" : method;
        const match = this.router.match(m, path);
        if (!match) throw notFound("Unknown control path.");
        let parsed: Obj | undefined;
        return match.handler({ params: match.params, query, body: () => (parsed ??= parseJsonObject(raw)) });
    }

    /**
     * /_sim/api/<public path>: reads (secrets included), raw merges and deletes that bypass
     * validation, auth, rate limits and counters, so tests can create drift.
     */
    private outOfBand(method: string, publicPath: string, raw: Buffer): ApiResponse {
        const parts = publicPath.split("/").filter(Boolean);
        const model = this.p.model;
        const target = resolve(parts, kindsFor(model.product));
        if (!target) throw notFound(`Nothing at /${parts.join("/")}.`);

        if (target.type === "collection") {
            if (method !== "GET") throw new ApiError(405, { message: "Collections can only be read here." });
            return { status: 200, body: model.all(target.kind) };
        }
        if (target.type === "association") {
            const obj = model.get(target.kind, target.id);
            if (!obj) throw notFound(`${target.kind} ${target.id} does not exist.`);
            const stored = storedAssociation(obj);
            if (method === "GET") {
                if (!stored) throw notFound(`${target.kind} ${target.id} has no association of its own.`);
                return { status: 200, body: stored };
            }
            if (method === "PATCH" || method === "DELETE") {
                const updated = model.replace(target.kind, withAssociation(obj, method === "PATCH" ? parseJsonObject(raw) : undefined));
                this.p.persist();
                return method === "PATCH" ? { status: 200, body: storedAssociation(updated) } : { status: 204 };
            }
            throw new ApiError(405, { message: "Use GET, PATCH or DELETE." });
        }
        if (target.type === "object") {
            const obj = model.get(target.kind, target.id);
            if (!obj) throw notFound(`${target.kind} ${target.id} does not exist.`);
            if (method === "GET") return { status: 200, body: obj };
            if (method === "PATCH") {
                const { id: _ignored, ...fields } = parseJsonObject(raw);
                const merged = { ...obj, ...fields };
                model.replace(target.kind, merged);
                this.p.persist();
                return { status: 200, body: merged };
            }
            if (method === "DELETE") {
                model.remove(target.kind, target.id);
                this.p.persist();
                return { status: 204 };
            }
            throw new ApiError(405, { message: "Use GET, PATCH or DELETE." });
        }
        // grant
        const g = GRANT_KINDS.find((x) => x.path === target.grant)!;
        if (target.child === undefined) {
            if (method !== "GET") throw new ApiError(405, { message: "Grant lists can only be read here." });
            return { status: 200, body: model.grantRows(g.path, target.gp) };
        }
        const row = model.findGrant(g.path, target.gp, g.key, target.child);
        if (!row) throw notFound("No such grant.");
        if (method === "GET") return { status: 200, body: row };
        if (method === "PATCH") {
            const fields = parseJsonObject(raw);
            delete fields.group_policy_id;
            delete fields[g.key];
            Object.assign(row, fields);
            this.p.persist();
            return { status: 200, body: row };
        }
        if (method === "DELETE") {
            model.removeGrant(g.path, target.gp, g.key, target.child);
            this.p.persist();
            return { status: 204 };
        }
        throw new ApiError(405, { message: "Use GET, PATCH or DELETE." });
    }
}

type Target =
    | { type: "collection"; kind: string }
    | { type: "object"; kind: string; id: number }
    | { type: "association"; kind: string; id: number }
    | { type: "grant"; grant: string; gp: number; child?: number };

function resolve(parts: string[], kinds: Kind[]): Target | undefined {
    const joined = parts.join("/");
    const association = /^(.+)\/(\d+)\/jump-item-association$/.exec(joined);
    if (association && ASSOCIATION_OWNERS.includes(association[1] as never)) return { type: "association", kind: association[1], id: Number(association[2]) };
    for (const k of kinds) {
        if (joined === k.path) return { type: "collection", kind: k.path };
        const prefix = k.path + "/";
        if (joined.startsWith(prefix) && /^\d+$/.test(joined.slice(prefix.length))) {
            return { type: "object", kind: k.path, id: Number(joined.slice(prefix.length)) };
        }
    }
    if (parts[0] === "group-policy" && /^\d+$/.test(parts[1] ?? "") && parts.length >= 3 && parts.length <= 4) {
        const g = GRANT_KINDS.find((x) => x.path === parts[2]);
        if (!g) return undefined;
        if (parts.length === 4 && !/^\d+$/.test(parts[3])) return undefined;
        return { type: "grant", grant: g.path, gp: Number(parts[1]), child: parts[3] === undefined ? undefined : Number(parts[3]) };
    }
    return undefined;
}

function optionalString(b: Obj, key: string): string | undefined {
    const v = b[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== "string" || v === "" || v.length > 512) throw new ApiError(422, { message: `${key} must be a non-empty string` });
    return v;
}
