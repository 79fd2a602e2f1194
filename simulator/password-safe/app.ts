// Password Safe's public API v3 as one app of the simulator: the API under
// /BeyondTrust/api/public/v3 (paths case-insensitive, a trailing slash ignored), sign-in by API key
// or OAuth with a session cookie, JSON-string errors, and its control API at /_sim/ps/...
import { ApiResponse } from "../core/api";
import { Mount, ProductApp, serveRouted } from "../core/app";
import { SimClock } from "../core/clock";
import { ApiError } from "../core/errors";
import { parseJsonObject } from "../core/http";
import { Router, RouteMatch } from "../core/router";
import { DEFAULT_IDLE_SECONDS, PsAuth, PsUser, newApiKey, newClientId, newClientSecret } from "./auth";
import { notFound, psResponse } from "./errors";
import { Fields, Query } from "./input";
import { actorOf, buildRoutes, PsRoute } from "./routes";
import { folderShape, listItem, safeShape } from "./shapes";
import { Secret, Store, StoreDump } from "./store";
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

interface PsCounters {
  requests: { total: number; byRoute: Record<string, number> };
  signIns: number;
  signOuts: number;
  unauthorized: number;
}

const emptyCounters = (): PsCounters => ({ requests: { total: 0, byRoute: {} }, signIns: 0, signOuts: 0, unauthorized: 0 });

/** "GET /secrets-safe/secrets/{id}": lowercased, GUIDs as {id}, no trailing slash. */
export function psRouteKey(method: string, path: string): string {
  const segs = path.toLowerCase().split("/").filter(Boolean).map((s) => (GUID_SEGMENT.test(s) ? "{id}" : s));
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
    store.load({ folders: [{ id: SEED_SAFE_ID, name: "Seed Safe", description: "The simulator's starting safe", parentId: null, userGroupId: null, userId: 1, createdOn: new Date(now()).toISOString() }] });
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

type ControlRoute = (ctx: { params: Record<string, string>; query: URLSearchParams; body: () => Record<string, unknown> }) => ApiResponse;

interface ControlHooks {
  reset(): void;
  counters(): PsCounters;
  resetCounters(): void;
  persist(): void;
}

/** /_sim/ps/...: no auth; out-of-band reads show secrets in clear (tests need them), edits skip validation. */
function buildControl(store: Store, auth: PsAuth, now: () => number, hooks: ControlHooks): Router<ControlRoute> {
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
    const userName = typeof b.UserName === "string" ? b.UserName : auth.users[0]?.UserName ?? "";
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
