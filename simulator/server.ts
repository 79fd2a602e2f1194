// The request pipeline shared by the API, the token endpoint and the control API:
//   count -> read body (size limit) -> faults & latency -> auth -> rate limit -> route -> persist.
// Keeping every cross-cutting rule here means route handlers stay pure functions over the model.
import type { IncomingMessage, ServerResponse } from "node:http";
import { ApiHandler, ApiRequest, ApiResponse } from "./core/api";
import { Counters } from "./core/counters";
import { ApiError, methodNotAllowed, notFound } from "./core/errors";
import { FaultPlan, Faults } from "./core/faults";
import { parseJsonObject, readBody, routeKey, sendJson } from "./core/http";
import { OAuth } from "./core/oauth";
import { RateLimiter } from "./core/rate-limiter";
import { Router } from "./core/router";
import { StateFile } from "./core/state-store";
import { MECH_LIST_PATH, mechList } from "./pra/mech-list";
import { Model } from "./pra/model";
import { API_PREFIX, buildApiRouter } from "./pra/routes";

export const TOKEN_PATH = "/oauth2/token";

// The appliance cannot take parallel membership changes on one group policy (the Terraform
// provider serializes them for that reason). The simulator notices such overlaps, from arrival to
// answer, and counts them, so clients can prove they never cause one.
const MEMBERSHIP_CHANGE = /^\/group-policy\/(\d+)\/(jumpoint|jump-group|vault-account|vault-account-group|provision)(\/\d+)?$/;
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

export class Pipeline {
  readonly router: Router<ApiHandler>;
  control?: ControlHandler;
  baseUrl = "";
  provisions = 0;

  constructor(
    readonly model: Model,
    readonly oauth: OAuth,
    readonly limiter: RateLimiter,
    readonly faults: Faults,
    readonly counters: Counters,
    readonly config: RuntimeConfig,
    readonly stateFile: StateFile | undefined,
    private readonly log: ((line: string) => void) | undefined,
  ) {
    this.router = buildApiRouter(model, () => this.provisions++);
  }

  persist(): void {
    this.stateFile?.save(this.model.dump());
  }

  private readonly membershipInFlight = new Map<string, number>();

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

  private async handleControl(
    req: IncomingMessage,
    res: ServerResponse,
    method: string,
    path: string,
    query: URLSearchParams,
  ): Promise<number> {
    this.counters.control();
    let response: ApiResponse;
    try {
      const raw = await readBody(req);
      response = this.control ? this.control.handle(method, path, query, raw) : { status: 404, body: { message: "No control API." } };
    } catch (err) {
      response = toResponse(err);
    }
    sendJson(res, response.status, response.body, response.headers);
    return response.status;
  }

  private async handlePublic(
    req: IncomingMessage,
    res: ServerResponse,
    method: string,
    path: string,
    query: URLSearchParams,
  ): Promise<number> {
    const isApi = path === API_PREFIX || path.startsWith(API_PREFIX + "/");
    const isToken = path === TOKEN_PATH;
    const sub = isApi ? path.slice(API_PREFIX.length) || "/" : path;
    this.counters.request(method, routeKey(method, sub));
    const membership = isApi && (method === "POST" || method === "DELETE") ? MEMBERSHIP_CHANGE.exec(sub)?.[1] : undefined;
    if (membership === undefined) return this.respondPublic(req, res, method, sub, query, isApi, isToken);
    const inFlight = (this.membershipInFlight.get(membership) ?? 0) + 1;
    this.membershipInFlight.set(membership, inFlight);
    if (inFlight > 1) this.counters.concurrentMembershipChange();
    try {
      return await this.respondPublic(req, res, method, sub, query, isApi, isToken);
    } finally {
      this.membershipInFlight.set(membership, this.membershipInFlight.get(membership)! - 1);
    }
  }

  private async respondPublic(
    req: IncomingMessage,
    res: ServerResponse,
    method: string,
    sub: string,
    query: URLSearchParams,
    isApi: boolean,
    isToken: boolean,
  ): Promise<number> {

    let raw: Buffer;
    try {
      raw = await readBody(req);
    } catch (err) {
      const r = toResponse(err);
      sendJson(res, r.status, r.body, r.headers);
      return r.status;
    }

    const plan: FaultPlan = isApi || isToken ? this.faults.plan(method, sub) : { delayMs: 0, drop: false, loseResponse: false, fired: [] };
    for (const kind of plan.fired) this.counters.fault(kind);
    const delay = this.config.latencyMs + plan.delayMs;
    if (delay > 0) await sleep(delay);
    if (plan.drop) {
      req.socket.destroy();
      return 0;
    }
    if (plan.respond) {
      if (plan.respond.rule === "rate-limit") this.counters.rateLimited();
      const r = toResponse(plan.respond.error);
      sendJson(res, r.status, r.body, r.headers);
      return r.status;
    }

    let response: ApiResponse;
    if (isToken) response = this.token(req, method, raw);
    else if (isApi) response = this.api(req, method, sub, query, raw);
    else if (sub === MECH_LIST_PATH) response = mechList(method, this.model.product);
    else response = toResponse(notFound("Unknown path."));

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

  private token(req: IncomingMessage, method: string, raw: Buffer): ApiResponse {
    try {
      if (method !== "POST") throw methodNotAllowed(["POST", "OPTIONS"]);
      const form = new URLSearchParams(raw.toString("utf8"));
      const { token, clientId } = this.oauth.mint(req.headers.authorization, form);
      this.counters.tokenMinted(clientId);
      return {
        status: 200,
        body: { access_token: token, token_type: "Bearer", expires_in: this.oauth.ttlSeconds },
        headers: { "Cache-Control": "no-store" },
      };
    } catch (err) {
      return toResponse(err);
    }
  }

  private api(req: IncomingMessage, method: string, sub: string, query: URLSearchParams, raw: Buffer): ApiResponse {
    let account: string;
    try {
      account = this.oauth.authenticate(req.headers.authorization);
    } catch (err) {
      return toResponse(err);
    }
    const decision = this.limiter.take(account);
    const rateHeaders = {
      "X-RateLimit-Limit": String(decision.limit),
      "X-RateLimit-Remaining": String(decision.remaining),
    };
    if (!decision.allowed) {
      this.counters.rateLimited();
      return {
        status: 429,
        body: { message: "Too Many Requests: the API account's rate limit is exceeded." },
        headers: { ...rateHeaders, "Retry-After": String(decision.retryAfterSeconds ?? 1) },
      };
    }
    let response: ApiResponse;
    try {
      if (method === "OPTIONS") {
        const allowed = this.router.allowedMethods(sub);
        if (!allowed) throw notFound("Unknown path.");
        response = { status: 200, headers: { Allow: allowed.join(",") } };
      } else {
        const match = this.router.match(method, sub);
        if (!match) throw notFound("Unknown path.");
        let parsed: Record<string, unknown> | undefined;
        const apiReq: ApiRequest = {
          method,
          path: sub,
          params: match.params,
          query,
          body: () => (parsed ??= parseJsonObject(raw)),
          baseUrl: this.baseUrl + API_PREFIX,
        };
        response = match.handler(apiReq);
      }
    } catch (err) {
      response = toResponse(err);
    }
    response.headers = { ...response.headers, ...rateHeaders };
    return response;
  }
}

export function toResponse(err: unknown): ApiResponse {
  if (err instanceof ApiError) return { status: err.status, body: err.body, headers: err.headers };
  process.stderr.write(`bt-simulator: internal error: ${(err as Error)?.stack ?? String(err)}\n`);
  return { status: 500, body: { message: "Internal simulator error." } };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
