// EPM's control API under /_sim/epm: state, reset, seed, API accounts, computers (which the
// Management API cannot create), out-of-band edits for drift tests, counters and runtime config.
// No auth, no rate limit, JSON in and out (the simulator-wide clock and faults stay at /_sim).
import { ApiResponse } from "../core/api";
import { ApiError, notFound } from "../core/errors";
import { parseJsonObject } from "../core/http";
import { Params, Router } from "../core/router";
import { EPM_ASSUMPTIONS } from "./assumptions";
import { RuleError } from "./errors";
import type { EpmContext } from "./app";
import { fields } from "./routes";
import { Computer, EpmDump } from "./store";

type Handler = (ctx: { params: Params; body: () => Record<string, unknown>; raw: Buffer }) => ApiResponse;

export const CONFIG_KEYS = ["rateLimit", "rateWindowSeconds", "tokenTtlSeconds"] as const;
export type EpmConfig = Record<(typeof CONFIG_KEYS)[number], number>;

export function epmControl(c: EpmContext): (method: string, path: string, raw: Buffer) => ApiResponse {
    const r = new Router<Handler>();
    const ok = (body: unknown = { ok: true }, status = 200): ApiResponse => ({ status, body });
    const changed = (body?: unknown) => {
        c.persist();
        return ok(body);
    };

    r.add("GET", "/state", () => ok(c.store.dump()));
    r.add("POST", "/reset", () => {
        c.reset();
        return changed();
    });
    // Replaces every EPM object with the given dump ({groups, policies, revisions, computers}).
    r.add("POST", "/seed", ({ body }) => {
        const before = c.store.dump();
        try {
            c.store.load(body() as unknown as EpmDump);
        } catch (err) {
            c.store.load(before);
            throw new ApiError(422, { message: (err as Error).message });
        }
        return changed();
    });
    r.add("GET", "/assumptions", () => ok(EPM_ASSUMPTIONS));

    r.add("GET", "/accounts", () => ok(c.auth.listAccounts()));
    r.add("POST", "/accounts", ({ body }) => {
        const b = fields(body(), ["clientId", "clientSecret"]);
        const id = b.clientId === undefined ? undefined : String(b.clientId);
        if (id !== undefined && (id === "" || id.includes(":"))) throw new ApiError(422, { message: "clientId must be non-empty and have no ':'" });
        if (id !== undefined && c.auth.listAccounts().some((a) => a.clientId === id)) throw new ApiError(422, { message: `account ${id} already exists` });
        const account = c.auth.addAccount(id, b.clientSecret === undefined ? undefined : String(b.clientSecret));
        return ok({ clientId: account.clientId, clientSecret: account.clientSecret }, 201);
    });
    r.add("POST", "/accounts/{clientId}/regenerate", ({ params }) => {
        const secret = c.auth.regenerate(decodeURIComponent(params.clientId));
        if (secret === undefined) throw notFound("No such EPM API account.");
        return ok({ clientSecret: secret });
    });
    r.add("POST", "/tokens/expire", () => {
        c.auth.expireAll();
        return ok();
    });

    r.add("POST", "/computers", ({ body }) => {
        const created = c.store.addComputer(body() as unknown as Partial<Computer> & { host: string });
        c.persist();
        return ok(c.store.computerView(created), 201);
    });

    // Out-of-band edits: what a console user would do behind a Pulumi program's back.
    r.add("PATCH", "/groups/{id}", ({ params, body }) => {
        const g = c.store.group(params.id);
        const b = fields(body(), ["name", "description"]);
        c.store.modifyGroup({ id: g.id, name: b.name ?? g.name, description: "description" in b ? b.description : g.description });
        return changed(c.store.groupView(g));
    });
    r.add("DELETE", "/groups/{id}", ({ params }) => (c.store.deleteGroup(params.id), changed()));
    r.add("POST", "/policies/{id}/revisions", ({ params, raw }) => changed(c.store.revisionView(c.store.uploadRevision(params.id, raw, false, "out of band"))));
    r.add("PATCH", "/policies/{id}", ({ params, body }) => {
        const p = c.store.policy(params.id);
        const b = fields(body(), ["name", "description"]);
        c.store.updatePolicy(p.id, { name: b.name ?? p.name, description: "description" in b ? b.description : p.description });
        return changed(c.store.policyView(p));
    });
    r.add("DELETE", "/policies/{id}", ({ params }) => (c.store.deletePolicy(params.id), changed()));
    r.add("DELETE", "/computers/{id}", ({ params }) => (c.store.removeComputers({ computerIds: [params.id] }), changed()));

    r.add("GET", "/counters", () => ok(c.counters.snapshot()));
    r.add("GET", "/config", () => ok({ ...c.config }));
    r.add("POST", "/config", ({ body }) => {
        const b = body();
        const unknown = Object.keys(b).filter((k) => !(CONFIG_KEYS as readonly string[]).includes(k));
        if (unknown.length) throw new ApiError(422, { message: `Unknown EPM config keys: ${unknown.join(", ")}` });
        for (const k of CONFIG_KEYS) {
            const v = b[k];
            if (v !== undefined && (typeof v !== "number" || !Number.isFinite(v) || v < 1)) throw new ApiError(422, { message: `${k} must be a number >= 1` });
        }
        for (const k of CONFIG_KEYS) if (b[k] !== undefined) c.config[k] = b[k] as number;
        c.applyConfig();
        return ok({ ...c.config });
    });

    return (method, path, raw) => {
        try {
            const m = r.match(method, path);
            if (!m) throw notFound("Unknown EPM control path.");
            let parsed: Record<string, unknown> | undefined;
            return m.handler({ params: m.params, body: () => (parsed ??= parseJsonObject(raw)), raw });
        } catch (err) {
            // The store's refusals keep their plain reason; statuses as the Management API would give.
            if (err instanceof RuleError) throw new ApiError(err.kind === "not-found" ? 404 : 422, { message: err.detail });
            throw err;
        }
    };
}
