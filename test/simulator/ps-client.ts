// A tiny Password Safe client for the simulator tests: raw node:http so every status, header and
// byte is visible; it signs in like the official libraries do and then sends only the session
// cookie (as GO does), unless a test adds headers.
import * as fs from "node:fs";
import * as http from "node:http";
import * as https from "node:https";
import { rememberSecret } from "../support/secret-scan";
import { SimulatorProcess, startSimulatorProcess } from "../support/simulator";

export interface PsReply {
    status: number;
    headers: http.IncomingHttpHeaders;
    bytes: Buffer;
    text: string;
    body: any;
}

export interface PsSendOptions {
    body?: unknown;
    /** Sent as is instead of JSON-encoding `body`. */
    raw?: string | Buffer;
    headers?: Record<string, string>;
    /** Leave the session cookie out. */
    noCookie?: boolean;
    /** The CA to trust for https (BT_CA_FILE's PEM). */
    ca?: string;
}

export function psSend(url: string, method: string, opts: PsSendOptions = {}): Promise<PsReply> {
    const payload = opts.raw !== undefined ? opts.raw : opts.body === undefined ? undefined : JSON.stringify(opts.body);
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (payload !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === "content-type")) headers["Content-Type"] = "application/json";
    return new Promise((resolve, reject) => {
        const u = new URL(url);
        const lib = u.protocol === "https:" ? https : http;
        const req = lib.request(u, { method, headers, agent: false, ca: opts.ca }, (res) => {
            const chunks: Buffer[] = [];
            res.on("data", (c) => chunks.push(c));
            res.on("end", () => {
                const bytes = Buffer.concat(chunks);
                const text = bytes.toString("utf8");
                let body: any;
                try {
                    body = text ? JSON.parse(text) : undefined;
                } catch {
                    body = undefined;
                }
                resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes, text, body });
            });
            res.on("error", reject);
        });
        req.on("error", reject);
        if (payload !== undefined) req.write(payload);
        req.end();
    });
}

export class PsClient {
    cookie?: string;
    private readonly ca?: string;

    constructor(readonly sim: SimulatorProcess) {
        this.ca = sim.caFile ? fs.readFileSync(sim.caFile, "utf8") : undefined;
    }

    get base(): string {
        return this.sim.env.BT_PS_API_URL;
    }

    get keyHeader(): string {
        return `PS-Auth key=${this.sim.env.BT_PS_API_KEY}; runas=${this.sim.env.BT_PS_RUNAS};`;
    }

    /** A call below the API base; the path may carry a query. */
    call(method: string, path: string, opts: PsSendOptions = {}): Promise<PsReply> {
        const headers = { ...(opts.headers ?? {}) };
        if (this.cookie && !opts.noCookie) headers.Cookie = this.cookie;
        return psSend(this.base + path, method, { ...opts, headers, ca: this.ca });
    }

    /** POST Auth/SignAppin; keeps the cookie when it succeeds. */
    async signIn(authorization = this.keyHeader): Promise<PsReply> {
        const r = await psSend(this.base + "/Auth/SignAppin", "POST", { headers: { Authorization: authorization }, ca: this.ca });
        const cookie = ([] as string[]).concat(r.headers["set-cookie"] ?? [])[0];
        if (r.status === 200 && cookie) this.cookie = cookie.split(";")[0];
        return r;
    }

    token(clientId = this.sim.env.BT_PS_CLIENT_ID, clientSecret = this.sim.env.BT_PS_CLIENT_SECRET): Promise<PsReply> {
        const form = new URLSearchParams({ client_id: clientId, client_secret: clientSecret, grant_type: "client_credentials" });
        return psSend(this.base + "/Auth/connect/token", "POST", {
            raw: form.toString(),
            headers: { "Content-Type": "application/x-www-form-urlencoded" },
            ca: this.ca,
        });
    }

    get = (path: string, opts?: PsSendOptions) => this.call("GET", path, opts);
    post = (path: string, body?: unknown, opts?: PsSendOptions) => this.call("POST", path, { ...opts, body });
    put = (path: string, body?: unknown, opts?: PsSendOptions) => this.call("PUT", path, { ...opts, body });
    del = (path: string, opts?: PsSendOptions) => this.call("DELETE", path, opts);

    /** A call that must answer `status`; returns the parsed body. */
    async must(status: number, method: string, path: string, body?: unknown): Promise<any> {
        const r = await this.call(method, path, { body });
        if (r.status !== status) throw new Error(`${method} ${path} -> ${r.status} ${r.text} (wanted ${status})`);
        return r.body;
    }

    async safe(name: string): Promise<any> {
        return this.must(201, "POST", "/secrets-safe/safes", { Name: name, Description: `${name} safe` });
    }

    async folder(name: string, parentId: string): Promise<any> {
        return this.must(201, "POST", "/secrets-safe/folders", { Name: name, Description: "", ParentId: parentId });
    }
}

export interface MultipartPart {
    name: string;
    filename?: string;
    contentType?: string;
    data: string | Buffer;
}

/** A multipart/form-data body, built by hand so tests choose part names and content types. */
export function multipart(parts: MultipartPart[], boundary = "----bt-sim-test-boundary"): { raw: Buffer; headers: Record<string, string> } {
    const chunks: Buffer[] = [];
    for (const p of parts) {
        let head = `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"`;
        if (p.filename !== undefined) head += `; filename="${p.filename}"`;
        head += "\r\n";
        if (p.contentType) head += `Content-Type: ${p.contentType}\r\n`;
        chunks.push(Buffer.from(head + "\r\n"), Buffer.isBuffer(p.data) ? p.data : Buffer.from(p.data), Buffer.from("\r\n"));
    }
    chunks.push(Buffer.from(`--${boundary}--\r\n`));
    return { raw: Buffer.concat(chunks), headers: { "Content-Type": `multipart/form-data; boundary=${boundary}` } };
}

/**
 * One simulator per suite; before each test Password Safe is reset to its seed (`Seed Safe`,
 * one key, one client) and, with `signIn`, the client signs in afresh.
 */
export function usePasswordSafe(opts: { signIn: boolean; args?: string[] }, bind: (sim: SimulatorProcess, ps: PsClient) => void): void {
    let sim: SimulatorProcess | undefined;
    let ps: PsClient | undefined;
    before(async () => {
        sim = await startSimulatorProcess({ args: opts.args });
        // The secret scan fails the run if a key or client secret shows up in any output.
        rememberSecret(sim.env.BT_PS_API_KEY);
        rememberSecret(sim.env.BT_PS_CLIENT_SECRET);
        ps = new PsClient(sim);
        bind(sim, ps);
    });
    after(async () => sim?.stop());
    beforeEach(async () => {
        await sim!.psControl("POST", "/reset");
        ps!.cookie = undefined;
        if (opts.signIn) {
            const r = await ps!.signIn();
            if (r.status !== 200) throw new Error(`sign-in failed: ${r.status} ${r.text}`);
        }
    });
}

export const SEED_SAFE = "Seed Safe";
