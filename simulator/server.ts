// The request pipeline shared by every product app and the control API:
//   count -> read body (size limit) -> faults & latency -> auth -> rate limit -> route -> persist.
// It knows no product: each app (core/app.ts) brings its mounts, and a mount does the auth, rate
// limit and route steps in that order (core/app.ts serveRouted). Keeping every cross-cutting rule
// here means route handlers stay pure functions over their product's model.
import type { IncomingMessage, ServerResponse } from "node:http";
import { ApiResponse } from "./core/api";
import { Mount, ProductApp } from "./core/app";
import { Counters } from "./core/counters";
import { ApiError, notFound } from "./core/errors";
import { FaultPlan, Faults } from "./core/faults";
import { readBody, routeKey, sendJson } from "./core/http";
import { StateFile } from "./core/state-store";

export const CONTROL_PREFIX = "/_sim";

export interface RuntimeConfig {
    ratePerSecond: number;
    ratePerHour: number;
    tokenTtlSeconds: number;
    latencyMs: number;
}

export interface ControlHandler {
    handle(method: string, path: string, query: URLSearchParams, raw: Buffer): ApiResponse;
}

const NO_FAULTS: FaultPlan = { delayMs: 0, drop: false, loseResponse: false, fired: [] };

export class Pipeline {
    baseUrl = "";

    constructor(
        readonly apps: ProductApp[],
        readonly faults: Faults,
        readonly counters: Counters,
        /** Only latencyMs is read here; the rest belongs to the apps that use it. */
        readonly config: { latencyMs: number },
        readonly stateFile: StateFile | undefined,
        private readonly log: ((line: string) => void) | undefined,
    ) {
        if (apps.filter((a) => a.stateKey === undefined).length > 1) throw new Error("at most one app may keep its state at the top level");
    }

    /** Every app's dump in one document: the top-level app's fields, the others under their stateKey. */
    dump(): Record<string, unknown> {
        const out: Record<string, unknown> = {};
        const top = this.apps.find((a) => a.stateKey === undefined);
        if (top) Object.assign(out, top.dump() as object);
        for (const app of this.apps) if (app.stateKey !== undefined) out[app.stateKey] = app.dump();
        return out;
    }

    /** Gives each app its part of a saved document; an app whose part is absent keeps its seed. */
    load(saved: Record<string, unknown>): void {
        const keys = new Set(this.apps.map((a) => a.stateKey).filter((k): k is string => k !== undefined));
        for (const app of this.apps) {
            if (app.stateKey === undefined) {
                app.load(Object.fromEntries(Object.entries(saved).filter(([k]) => !keys.has(k))));
            } else if (saved[app.stateKey] !== undefined) {
                app.load(saved[app.stateKey]);
            }
        }
    }

    persist(): void {
        this.stateFile?.save(this.dump());
    }

    async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
        const started = Date.now();
        const method = (req.method ?? "GET").toUpperCase();
        let path = "/";
        let query = new URLSearchParams();
        try {
            const url = new URL(req.url ?? "/", "http://simulator.invalid");
            path = url.pathname;
            query = url.searchParams;
        } catch {
            // An unparseable request target is answered like an unknown path below.
        }
        let status = 0;
        try {
            if (path === CONTROL_PREFIX || path.startsWith(CONTROL_PREFIX + "/")) {
                status = await this.handleControl(req, res, method, path.slice(CONTROL_PREFIX.length) || "/", query);
            } else {
                status = await this.handlePublic(req, res, method, path, query);
            }
        } catch (err) {
            // Last line of defence: nothing a client sends may take the server down.
            process.stderr.write(`bt-simulator: internal error on ${method} ${path}: ${(err as Error).message}\n`);
            status = 500;
            sendJson(res, 500, { message: "Internal simulator error." });
        }
        // Only method, path, status and time: never bodies, headers or query values (secrets).
        this.log?.(`${method} ${path} ${status || "(no response)"} ${Date.now() - started}ms`);
    }

    /** The app whose controlPrefix is the longest one that covers the path. */
    private controlApp(path: string): { app: ProductApp; sub: string } | undefined {
        let best: { app: ProductApp; sub: string } | undefined;
        for (const app of this.apps) {
            const p = app.controlPrefix;
            if (p !== "" && path !== p && !path.startsWith(p + "/")) continue;
            if (best && best.app.controlPrefix.length >= p.length) continue;
            best = { app, sub: path.slice(p.length) || "/" };
        }
        return best;
    }

    private async handleControl(req: IncomingMessage, res: ServerResponse, method: string, path: string, query: URLSearchParams): Promise<number> {
        this.counters.control();
        let response: ApiResponse;
        const target = this.controlApp(path);
        try {
            const raw = await readBody(req, 64 * 1024 * 1024);
            response = target ? target.app.control(method, target.sub, query, raw) : { status: 404, body: { message: "No control API." } };
        } catch (err) {
            response = toResponse(err);
        }
        sendJson(res, response.status, response.body, response.headers);
        return response.status;
    }

    private findMount(path: string): { mount: Mount; sub: string } | undefined {
        for (const app of this.apps) {
            for (const mount of app.mounts) {
                const p = mount.caseInsensitive ? path.toLowerCase() : path;
                const prefix = mount.caseInsensitive ? mount.prefix.toLowerCase() : mount.prefix;
                if (mount.exact ? p === prefix : p === prefix || p.startsWith(prefix + "/")) {
                    // An exact mount (a token endpoint) sees, counts and matches faults on its whole path.
                    return { mount, sub: mount.exact ? path : path.slice(mount.prefix.length) || "/" };
                }
            }
        }
        return undefined;
    }

    private async handlePublic(req: IncomingMessage, res: ServerResponse, method: string, path: string, query: URLSearchParams): Promise<number> {
        const found = this.findMount(path);
        if (!found) {
            this.counters.request(method, routeKey(method, path));
            const r = toResponse(notFound("Unknown path."));
            sendJson(res, r.status, r.body, r.headers);
            return r.status;
        }
        const { mount, sub } = found;
        this.counters.request(method, mount.routeKey(method, sub));
        const leave = mount.enter?.(method, sub);
        try {
            return await this.respond(req, res, method, mount, sub, query);
        } finally {
            leave?.();
        }
    }

    private async respond(req: IncomingMessage, res: ServerResponse, method: string, mount: Mount, sub: string, query: URLSearchParams): Promise<number> {
        let raw: Buffer;
        try {
            raw = await readBody(req, mount.maxBodyBytes);
        } catch (err) {
            const r = mount.toResponse(err);
            sendJson(res, r.status, r.body, r.headers);
            return r.status;
        }

        const plan = mount.faults === false ? NO_FAULTS : this.faults.plan(method, sub);
        for (const kind of plan.fired) this.counters.fault(kind);
        const delay = (mount.faults === false ? 0 : this.config.latencyMs) + plan.delayMs;
        if (delay > 0) await sleep(delay);
        if (plan.drop) {
            req.socket.destroy();
            return 0;
        }
        if (plan.respond) {
            if (plan.respond.rule === "rate-limit") this.counters.rateLimited();
            const r = mount.toResponse(plan.respond.error);
            sendJson(res, r.status, r.body, r.headers);
            return r.status;
        }

        const response = mount.serve({
            method,
            path: sub,
            query,
            headers: req.headers,
            raw,
            baseUrl: this.baseUrl + mount.prefix,
        });

        if (response.wrote && response.status >= 200 && response.status < 300) {
            this.counters.write();
            this.persist();
        }
        if (plan.loseResponse) {
            req.socket.destroy();
            return 0;
        }
        sendJson(res, response.status, response.body, response.headers);
        return response.status;
    }
}

/** The PRA-shaped answer for errors no app shaped (the control API, unknown paths). */
export function toResponse(err: unknown): ApiResponse {
    if (err instanceof ApiError) return { status: err.status, body: err.body, headers: err.headers };
    process.stderr.write(`bt-simulator: internal error: ${(err as Error)?.stack ?? String(err)}\n`);
    return { status: 500, body: { message: "Internal simulator error." } };
}

function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
}
