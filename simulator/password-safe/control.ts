// Password Safe's control API, /_sim/ps/...: state, reset, seed, out-of-band reads and edits in
// the public PascalCase names (drift for tests), sessions, counters, config and sign-in accounts.
// No auth; out-of-band reads show secrets in clear (tests need them), edits skip validation.
import { ApiResponse } from "../core/api";
import { ApiError } from "../core/errors";
import { Router } from "../core/router";
import { PsAuth, PsUser, newApiKey, newClientId, newClientSecret } from "./auth";
import { Fields } from "./input";
import { folderShape, listItem, safeShape } from "./shapes";
import { Secret, Store, StoreDump } from "./store";

export interface PsCounters {
    requests: { total: number; byRoute: Record<string, number> };
    signIns: number;
    signOuts: number;
    unauthorized: number;
}

type ControlRoute = (ctx: { params: Record<string, string>; query: URLSearchParams; body: () => Record<string, unknown> }) => ApiResponse;

export interface ControlHooks {
    reset(): void;
    counters(): PsCounters;
    resetCounters(): void;
    persist(): void;
}

export type { ControlRoute };

export function buildControl(store: Store, auth: PsAuth, now: () => number, hooks: ControlHooks): Router<ControlRoute> {
    const r = new Router<ControlRoute>();
    const ok = (body: unknown = { ok: true }): ApiResponse => ({ status: 200, body });
    const invalid = (message: string) => new ApiError(422, { message });
    const wrote = <T>(value: T): T => {
        hooks.persist();
        return value;
    };

    r.add("GET", "/state", () => ok({ ...store.dump(), ...auth.dump(), sessionIdleSeconds: auth.idleSeconds }));
    r.add("POST", "/reset", () => {
        hooks.reset();
        return ok();
    });
    r.add("POST", "/seed", ({ body }) => {
        const b = body();
        try {
            store.load(b as Partial<StoreDump>);
        } catch (err) {
            throw invalid((err as Error).message);
        }
        for (const u of (b.users as PsUser[] | undefined) ?? []) auth.users.push(u);
        return wrote(ok({ folders: store.allFolders().length, secrets: store.allSecrets().length }));
    });

    r.add("GET", "/counters", () => ok({ ...hooks.counters(), liveSessions: auth.liveSessions() }));
    r.add("POST", "/counters/reset", () => {
        hooks.resetCounters();
        return ok();
    });
    r.add("POST", "/sessions/expire", () => ok({ expired: auth.expireAll() }));
    r.add("GET", "/config", () => ok({ sessionIdleSeconds: auth.idleSeconds }));
    r.add("PUT", "/config", ({ body }) => {
        const b = body();
        const unknown = Object.keys(b).filter((k) => k !== "sessionIdleSeconds");
        if (unknown.length) throw invalid(`Unknown config keys: ${unknown.join(", ")}`);
        const v = b.sessionIdleSeconds;
        if (v !== undefined) {
            if (typeof v !== "number" || !Number.isFinite(v) || v < 1) throw invalid("sessionIdleSeconds must be a number >= 1");
            auth.idleSeconds = v;
        }
        return wrote(ok({ sessionIdleSeconds: auth.idleSeconds }));
    });

    r.add("POST", "/api-keys", ({ body }) => {
        const b = body();
        const key = b.key === undefined ? newApiKey() : String(b.key);
        if (key === "" || auth.apiKeys.some((k) => k.key === key)) throw invalid("key must be new and non-empty");
        auth.apiKeys.push({ key, passwordRequired: b.passwordRequired === true });
        return wrote({ status: 201, body: { key, passwordRequired: b.passwordRequired === true } });
    });
    r.add("POST", "/users", ({ body }) => {
        const b = new Fields(body());
        const userName = b.string("UserName", { required: true, max: 256 })!;
        if (auth.users.some((u) => u.UserName.toLowerCase() === userName.toLowerCase())) throw invalid(`user ${userName} already exists`);
        const user = auth.addUser({
            UserName: userName,
            Name: b.string("Name", { max: 256 }) ?? userName,
            EmailAddress: b.string("EmailAddress", { max: 256 }) ?? `${userName}@bt-simulator.invalid`,
            Password: b.string("Password", { max: 256 }),
        });
        const { Password: _hidden, ...shown } = user;
        return wrote({ status: 201, body: shown });
    });
    r.add("POST", "/clients", ({ body }) => {
        const b = body();
        const clientId = typeof b.client_id === "string" && b.client_id ? b.client_id : newClientId();
        const clientSecret = typeof b.client_secret === "string" && b.client_secret ? b.client_secret : newClientSecret();
        const userName = typeof b.UserName === "string" ? b.UserName : (auth.users[0]?.UserName ?? "");
        if (auth.clients.some((c) => c.clientId === clientId)) throw invalid(`client ${clientId} already exists`);
        if (!auth.users.some((u) => u.UserName.toLowerCase() === userName.toLowerCase())) throw invalid(`no user ${userName}`);
        auth.clients.push({ clientId, clientSecret, userName });
        return wrote({ status: 201, body: { client_id: clientId, client_secret: clientSecret, UserName: userName } });
    });

    // Out-of-band reads and edits, in the public PascalCase names.
    const view = (s: Secret) => ({ ...listItem(store, s, "3.1", true), ...(s.type === "File" ? { Content: s.content ?? "" } : {}) });
    r.add("GET", "/api/safes", () => ok(store.safes().map(safeShape)));
    r.add("GET", "/api/folders", () => ok(store.allFolders().map(folderShape)));
    r.add("GET", "/api/secrets", () => ok(store.allSecrets().map(view)));
    for (const kind of ["safes", "folders"]) {
        const find = (id: string) => {
            const f = kind === "safes" ? store.safes().find((x) => x.id === id.toLowerCase()) : store.folder(id);
            if (!f) throw new ApiError(404, { message: `No ${kind.slice(0, -1)} ${id}.` });
            return f;
        };
        const shape = kind === "safes" ? safeShape : folderShape;
        r.add("GET", `/api/${kind}/{id}`, ({ params }) => ok(shape(find(params.id))));
        r.add("PUT", `/api/${kind}/{id}`, ({ params, body }) => {
            const f = find(params.id);
            const b = new Fields(body());
            if (b.raw("Name") !== undefined) f.name = String(b.raw("Name"));
            if (b.raw("Description") !== undefined) f.description = b.raw("Description") === null ? null : String(b.raw("Description"));
            if (kind === "folders" && b.guid("ParentId")) f.parentId = b.guid("ParentId")!;
            return wrote(ok(shape(f)));
        });
        r.add("DELETE", `/api/${kind}/{id}`, ({ params }) => {
            store.deleteFolder(find(params.id).id, false);
            return wrote({ status: 204 });
        });
    }
    const findSecret = (id: string) => {
        const s = store.secret(id);
        if (!s) throw new ApiError(404, { message: `No secret ${id}.` });
        return s;
    };
    r.add("GET", "/api/secrets/{id}", ({ params }) => ok(view(findSecret(params.id))));
    r.add("PUT", "/api/secrets/{id}", ({ params, body }) => {
        const s = findSecret(params.id);
        const b = new Fields(body());
        const str = (name: string) => (b.raw(name) === undefined ? undefined : String(b.raw(name) ?? ""));
        s.title = str("Title") ?? s.title;
        s.description = str("Description") ?? s.description;
        s.notes = str("Notes") ?? s.notes;
        s.username = str("Username") ?? s.username;
        s.password = str("Password") ?? s.password;
        s.text = str("Text") ?? s.text;
        s.fileName = str("FileName") ?? s.fileName;
        if (b.raw("Content") !== undefined) s.content = Buffer.from(String(b.raw("Content")), "base64").toString("base64");
        if (b.guid("FolderId")) s.folderId = b.guid("FolderId")!;
        s.modifiedOn = new Date(now()).toISOString();
        return wrote(ok(view(s)));
    });
    r.add("DELETE", "/api/secrets/{id}", ({ params }) => {
        store.deleteSecret(findSecret(params.id).id);
        return wrote({ status: 204 });
    });
    return r;
}
