// A deliberately low-level HTTP client for the simulator tests: raw node:http(s) so tests can send
// malformed bodies, odd methods and headers, and see every status and header exactly.
import * as fs from "node:fs";
import * as http from "node:http";
import * as https from "node:https";
import { SimulatorProcess, startSimulatorProcess } from "../support/simulator";

export interface Reply {
    status: number;
    headers: http.IncomingHttpHeaders;
    text: string;
    body: any;
}

export interface SendOptions {
    headers?: Record<string, string>;
    /** Sent as is (string or Buffer) instead of JSON-encoding `body`. */
    raw?: string | Buffer;
    token?: string | null;
}

export function send(url: string, method: string, body?: unknown, opts: SendOptions & { ca?: string } = {}): Promise<Reply> {
    const u = new URL(url);
    const payload = opts.raw !== undefined ? opts.raw : body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string> = { Accept: "application/json", ...(opts.headers ?? {}) };
    if (payload !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === "content-type")) {
        headers["Content-Type"] = "application/json";
    }
    // Node sends no body framing for DELETE unless told its length (the spec's association DELETEs take a body).
    if (payload !== undefined && !Object.keys(headers).some((h) => /^(content-length|transfer-encoding)$/i.test(h))) {
        headers["Content-Length"] = String(Buffer.byteLength(payload));
    }
    if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
    const lib = u.protocol === "https:" ? https : http;
    return new Promise((resolve, reject) => {
        const req = lib.request(u, { method, headers, ca: opts.ca, agent: false }, (res) => {
            const chunks: Buffer[] = [];
            res.on("data", (c) => chunks.push(c));
            res.on("end", () => {
                const text = Buffer.concat(chunks).toString("utf8");
                let parsed: any;
                try {
                    parsed = text ? JSON.parse(text) : undefined;
                } catch {
                    parsed = undefined;
                }
                resolve({ status: res.statusCode ?? 0, headers: res.headers, text, body: parsed });
            });
            res.on("error", reject);
        });
        req.on("error", reject);
        if (payload !== undefined) req.write(payload);
        req.end();
    });
}

/** An API client bound to one simulator and one API account. */
export class Api {
    token?: string;
    private ca?: string;

    constructor(
        readonly sim: SimulatorProcess,
        readonly clientId = sim.clientId,
        readonly clientSecret = sim.clientSecret,
    ) {
        this.ca = sim.caFile ? fs.readFileSync(sim.caFile, "utf8") : undefined;
    }

    async mintToken(id = this.clientId, secret = this.clientSecret): Promise<Reply> {
        return send(`${this.sim.apiHost}/oauth2/token`, "POST", undefined, {
            raw: "grant_type=client_credentials",
            headers: {
                "Content-Type": "application/x-www-form-urlencoded",
                Authorization: "Basic " + Buffer.from(`${id}:${secret}`).toString("base64"),
            },
            ca: this.ca,
        });
    }

    async login(): Promise<string> {
        const r = await this.mintToken();
        if (r.status !== 200) throw new Error(`token request failed: ${r.status} ${r.text}`);
        this.token = r.body.access_token;
        return this.token!;
    }

    async call(method: string, path: string, body?: unknown, opts: SendOptions = {}): Promise<Reply> {
        if (!this.token && opts.token === undefined) await this.login();
        const token = opts.token === undefined ? this.token : opts.token;
        return send(`${this.sim.apiHost}/api/config/v1${path}`, method, body, { ...opts, token, ca: this.ca });
    }

    get = (path: string, opts?: SendOptions) => this.call("GET", path, undefined, opts);
    post = (path: string, body?: unknown, opts?: SendOptions) => this.call("POST", path, body, opts);
    patch = (path: string, body?: unknown, opts?: SendOptions) => this.call("PATCH", path, body, opts);
    del = (path: string, opts?: SendOptions) => this.call("DELETE", path, undefined, opts);

    /** POST that must succeed; returns the created object. */
    async create(path: string, body: unknown): Promise<any> {
        const r = await this.post(path, body);
        if (r.status !== 201) throw new Error(`POST ${path} -> ${r.status} ${r.text}`);
        return r.body;
    }
}

let counter = 0;
export const unique = (prefix: string) => `${prefix}-${process.pid}-${++counter}`;

export const samples = {
    jumpoint: (extra: object = {}) => ({ name: unique("jp"), platform: "linux-x86", ...extra }),
    jumpGroup: (extra: object = {}) => ({ name: unique("jg"), ...extra }),
    shellJump: (jumpointId: number, jumpGroupId: number, extra: object = {}) => ({
        name: unique("sj"),
        jumpoint_id: jumpointId,
        jump_group_id: jumpGroupId,
        hostname: "10.0.0.5",
        protocol: "ssh",
        ...extra,
    }),
    remoteRdp: (jumpointId: number, jumpGroupId: number, extra: object = {}) => ({
        name: unique("rdp"),
        jumpoint_id: jumpointId,
        jump_group_id: jumpGroupId,
        hostname: "10.0.0.7",
        ...extra,
    }),
    webJump: (jumpointId: number, jumpGroupId: number, extra: object = {}) => ({
        name: unique("web"),
        jumpoint_id: jumpointId,
        jump_group_id: jumpGroupId,
        url: "https://intranet.example.com/login",
        ...extra,
    }),
};

/** Suites that are not about rate limits lift them, so their request bursts are never throttled. */
export const NO_RATE_LIMIT = ["--rate-per-second", "1000000", "--rate-per-hour", "1000000000"];

/**
 * One simulator process per suite, reset before each test, with an Api client that is signed out
 * (`login: false`) or signed in afresh after each reset. `bind` receives both once started.
 */
export function useSimulator(opts: { product?: "pra" | "rs"; args?: string[]; login: boolean }, bind: (sim: SimulatorProcess, api: Api) => void): void {
    let sim: SimulatorProcess | undefined;
    let api: Api | undefined;
    before(async () => {
        sim = await startSimulatorProcess({ product: opts.product, args: opts.args ?? NO_RATE_LIMIT });
        api = new Api(sim);
        bind(sim, api);
    });
    after(async () => sim?.stop());
    beforeEach(async () => {
        await sim!.reset();
        if (opts.login) await api!.login();
        else api!.token = undefined;
    });
}
