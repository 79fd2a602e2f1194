// A small EPM Management API client for the simulator tests: tokens by form body or HTTP Basic
// at either token path, JSON and multipart calls under /management-api/<version>, and a suite
// hook that starts one simulator with a known EPM account and resets it before each test.
import { SimulatorProcess, startSimulatorProcess } from "../support/simulator";
import { rememberSecret } from "../support/secret-scan";
import { NO_RATE_LIMIT, Reply, send } from "./client";

export const EPM_ID = "epm-test-client";
export const EPM_SECRET = "epm-test-secret-value";
export const EPM_ARGS = ["--epm-client-id", EPM_ID, "--epm-client-secret", EPM_SECRET];

export const SEED = {
    defaultGroup: "00000000-0000-4000-8000-000000000001",
    workstations: "00000000-0000-4000-8000-000000000002",
    macFleet: "00000000-0000-4000-8000-000000000003",
    policy: "00000000-0000-4000-8000-0000000000a1",
    revision: "00000000-0000-4000-8000-0000000000b1",
    computer: (n: number) => `00000000-0000-4000-8000-0000000000c${n}`,
};

export const POLICY_XML = (name: string) =>
    `<?xml version="1.0" encoding="utf-8"?>\n<Configuration Name="${name}"><Policies><Policy ID="1" /></Policies></Configuration>\n`;

export interface FormPart {
    name: string;
    value: string | Buffer;
    filename?: string;
}

export function multipartBody(parts: FormPart[]): { raw: Buffer; contentType: string } {
    const boundary = `----epmtest${Math.random().toString(16).slice(2)}`;
    const chunks: Buffer[] = [];
    for (const p of parts) {
        const file = p.filename ? `; filename="${p.filename}"\r\nContent-Type: text/xml` : "";
        chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"${file}\r\n\r\n`));
        chunks.push(Buffer.isBuffer(p.value) ? p.value : Buffer.from(p.value));
        chunks.push(Buffer.from("\r\n"));
    }
    chunks.push(Buffer.from(`--${boundary}--\r\n`));
    return { raw: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

export class Epm {
    token?: string;
    version = "v3";

    constructor(
        readonly sim: SimulatorProcess,
        readonly clientId = EPM_ID,
        readonly clientSecret = EPM_SECRET,
    ) {
        // The secret scan (test/support/secret-scan.ts) then proves no test output shows them.
        rememberSecret(clientSecret);
    }

    /** A token request: `basic` sends HTTP Basic with only grant_type in the body. */
    requestToken(opts: { path?: string; basic?: boolean; id?: string; secret?: string; extra?: string } = {}): Promise<Reply> {
        const id = opts.id ?? this.clientId;
        const secret = opts.secret ?? this.clientSecret;
        const headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded" };
        let form = "grant_type=client_credentials";
        if (opts.basic) headers.Authorization = "Basic " + Buffer.from(`${id}:${secret}`).toString("base64");
        else form += `&client_id=${encodeURIComponent(id)}&client_secret=${encodeURIComponent(secret)}`;
        if (opts.extra) form += `&${opts.extra}`;
        return send(`${this.sim.apiHost}${opts.path ?? "/oauth/connect/token"}`, "POST", undefined, { raw: form, headers });
    }

    async login(): Promise<string> {
        const r = await this.requestToken();
        if (r.status !== 200) throw new Error(`EPM token request failed: ${r.status}`);
        this.token = r.body.access_token;
        rememberSecret(this.token!);
        return this.token!;
    }

    async call(
        method: string,
        path: string,
        body?: unknown,
        opts: { token?: string | null; raw?: Buffer | string; headers?: Record<string, string>; version?: string } = {},
    ): Promise<Reply> {
        if (!this.token && opts.token === undefined) await this.login();
        const token = opts.token === undefined ? this.token : opts.token;
        // node sends a DELETE body without framing unless told its length (DELETE /Computers has one).
        const payload = opts.raw ?? (body === undefined ? undefined : JSON.stringify(body));
        const headers = payload === undefined ? opts.headers : { "Content-Length": String(Buffer.byteLength(payload)), ...opts.headers };
        return send(`${this.sim.apiHost}/management-api/${opts.version ?? this.version}${path}`, method, body, { token, raw: payload, headers });
    }

    get = (path: string) => this.call("GET", path);
    post = (path: string, body?: unknown) => this.call("POST", path, body);
    put = (path: string, body?: unknown) => this.call("PUT", path, body);
    del = (path: string, body?: unknown) => this.call("DELETE", path, body);

    form(method: string, path: string, parts: FormPart[], version?: string): Promise<Reply> {
        const { raw, contentType } = multipartBody(parts);
        return this.call(method, path, undefined, { raw, headers: { "Content-Type": contentType }, version });
    }

    async createGroup(name: string, extra: object = {}): Promise<string> {
        const r = await this.post("/Groups", { name, description: `${name} description`, ...extra });
        if (r.status !== 201) throw new Error(`create group -> ${r.status} ${r.text}`);
        return r.body;
    }

    async createPolicy(name: string, xml = POLICY_XML(name)): Promise<string> {
        const r = await this.form("POST", "/Policies", [
            { name: "Name", value: name },
            { name: "Description", value: `${name} description` },
            { name: "PolicyFile", value: xml, filename: `${name}.xml` },
        ]);
        if (r.status !== 201) throw new Error(`create policy -> ${r.status} ${r.text}`);
        return r.body;
    }
}

/** Asserts the ProblemDetails shape and returns the body. */
export function problemOf(
    r: Reply,
    status: number,
): { type: string; title: string; status: number; detail: string; traceId: string; errors?: Record<string, string[]> } {
    if (r.status !== status) throw new Error(`expected ${status}, got ${r.status} ${r.text}`);
    if (!/^application\/problem\+json/.test(String(r.headers["content-type"]))) throw new Error(`not problem+json: ${r.headers["content-type"]}`);
    for (const k of ["type", "title", "detail", "traceId"]) if (typeof r.body?.[k] !== "string") throw new Error(`ProblemDetails lacks ${k}: ${r.text}`);
    if (r.body.status !== status) throw new Error(`ProblemDetails status ${r.body.status}`);
    return r.body;
}

/**
 * One simulator per suite with the known EPM account; before each test: reset, EPM's limit
 * lifted (unless `limits`), a fresh token when `login`.
 */
export function useEpmSimulator(opts: { login: boolean; limits?: boolean; args?: string[] }, bind: (sim: SimulatorProcess, epm: Epm) => void): void {
    let sim: SimulatorProcess | undefined;
    let epm: Epm | undefined;
    before(async () => {
        sim = await startSimulatorProcess({ args: [...NO_RATE_LIMIT, ...EPM_ARGS, ...(opts.args ?? [])] });
        epm = new Epm(sim);
        bind(sim, epm);
    });
    after(async () => sim?.stop());
    beforeEach(async () => {
        await sim!.reset();
        if (!opts.limits) await sim!.control("POST", "/epm/config", { rateLimit: 1_000_000 });
        epm!.version = "v3";
        if (opts.login) await epm!.login();
        else epm!.token = undefined;
    });
}
