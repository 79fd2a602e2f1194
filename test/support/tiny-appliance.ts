// A tiny scripted appliance for the API client's token, limiter and retry logic: a real HTTP
// server whose token expiry runs on the test's FakeClock, that can evict tokens at exact moments
// (as another process minting 30 tokens would) and answer any request with any status and headers.
// Everything it does is driven by events, so no expectation depends on how fast the machine is.
import * as http from "http";
import { AddressInfo } from "net";
import { FakeClock } from "./fake-clock";

export interface Seen {
    method: string;
    path: string;
    token: string | undefined;
    status: number;
    /** The fake time at which the request was checked. */
    at: number;
}

export interface Reply {
    status: number;
    body?: unknown;
    headers?: Record<string, string>;
}

export class TinyAppliance {
    readonly clientId = "tiny-client";
    readonly clientSecret = "tiny-secret-0123456789";
    lifetimeSeconds = 3600;
    /** Fake milliseconds a token request takes (the clock is moved on while it is answered). */
    tokenRoundTripMs = 0;
    /** Fake milliseconds an API request takes to reach the appliance, before its token is checked. */
    apiTransitMs = 0;
    /** Called with each token value right after it is issued (e.g. to evict it at once). */
    onMint: ((value: string) => void) | undefined;
    /** Scripted answers for authenticated API requests; undefined falls through to the default. */
    respond: ((req: { method: string; path: string; body: string }) => Reply | undefined) | undefined;
    readonly minted: string[] = [];
    readonly seen: Seen[] = [];
    private readonly valid = new Map<string, number>();
    private server!: http.Server;
    private nextId = 1;
    private listeners: Array<() => void> = [];
    origin = "";

    constructor(readonly clock: FakeClock) {}

    async start(): Promise<this> {
        this.server = http.createServer((req, res) => {
            const chunks: Buffer[] = [];
            req.on("data", (c) => chunks.push(c));
            req.on("end", () => this.handle(req, Buffer.concat(chunks).toString("utf8"), res));
        });
        await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
        this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
        return this;
    }

    async stop(): Promise<void> {
        this.server.closeAllConnections();
        await new Promise<void>((resolve) => this.server.close(() => resolve()));
    }

    /** Every token issued so far stops working, as when 30 are minted elsewhere. */
    evictAll(): void {
        this.valid.clear();
    }

    evict(value: string): void {
        this.valid.delete(value);
    }

    /** API requests answered with `status`, for assertions. */
    answered(status: number): Seen[] {
        return this.seen.filter((s) => s.status === status);
    }

    /** Resolves when `cond` holds, re-checked after every request the appliance answers. */
    async until(cond: () => boolean): Promise<void> {
        while (!cond()) await new Promise<void>((resolve) => this.listeners.push(resolve));
    }

    private handle(req: http.IncomingMessage, body: string, res: http.ServerResponse): void {
        const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
            res.writeHead(status, { "content-type": "application/json", ...headers });
            res.end(payload === undefined ? "" : JSON.stringify(payload));
            for (const l of this.listeners.splice(0)) l();
        };
        const path = (req.url ?? "/").split("?")[0];
        if (path === "/oauth2/token") {
            const basic = Buffer.from(`${this.clientId}:${this.clientSecret}`).toString("base64");
            if (req.headers.authorization !== `Basic ${basic}`) return send(401, { error: "invalid_client" });
            const value = `tok-${this.minted.length + 1}`;
            this.minted.push(value);
            this.valid.set(value, this.clock.now() + this.lifetimeSeconds * 1000);
            this.onMint?.(value);
            this.clock.advance(this.tokenRoundTripMs);
            return send(200, { access_token: value, token_type: "Bearer", expires_in: this.lifetimeSeconds });
        }
        this.clock.advance(this.apiTransitMs);
        const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? "")?.[1];
        const expiresAt = token === undefined ? undefined : this.valid.get(token);
        const record = (status: number) => this.seen.push({ method: req.method ?? "", path, token, status, at: this.clock.now() });
        if (expiresAt === undefined || expiresAt <= this.clock.now()) {
            record(401);
            return send(401, { error: "access_denied", message: "The access token provided is invalid." });
        }
        const scripted = this.respond?.({ method: req.method ?? "", path, body });
        if (scripted) {
            record(scripted.status);
            return send(scripted.status, scripted.body, scripted.headers);
        }
        if (req.method === "POST") {
            record(201);
            return send(201, { id: this.nextId++, ...(body ? JSON.parse(body) : {}) });
        }
        record(200);
        return send(200, []);
    }
}
