// Starts a simulated BeyondTrust estate on one real HTTP(S) server: the PRA/RS Configuration API
// under /api/config/v1 with its OAuth endpoint and the /_sim control API, and Password Safe's
// public API v3 under /BeyondTrust/api/public/v3 with its control API at /_sim/ps (one app each),
// and EPM's Management API under /management-api/v1..v3 with its control API at /_sim/epm.
import { randomUUID } from "node:crypto";
import * as fs from "node:fs";
import * as http from "node:http";
import * as https from "node:https";
import * as os from "node:os";
import * as path from "node:path";
import type { AddressInfo } from "node:net";
import { Counters } from "./core/counters";
import { SimClock } from "./core/clock";
import { Faults, MAX_LATENCY_MS } from "./core/faults";
import { ProductApp } from "./core/app";
import { randomSecret } from "./core/oauth";
import { StateFile } from "./core/state-store";
import { Product } from "./pra/fields";
import { passwordSafeApp } from "./password-safe/app";
import { praApp } from "./pra/app";
import { epmApp } from "./epm/app";
import { API_PREFIX } from "./pra/routes";
import { CONTROL_PREFIX, Pipeline, RuntimeConfig } from "./server";

export interface SimulatorOptions {
    host?: string;
    /** 0 picks a free port. */
    port?: number;
    product?: Product;
    clientId?: string;
    clientSecret?: string;
    stateFile?: string;
    https?: boolean;
    ratePerSecond?: number;
    ratePerHour?: number;
    latencyMs?: number;
    tokenTtlSeconds?: number;
    /** EPM's API account (default: random). */
    epmClientId?: string;
    epmClientSecret?: string;
    /** Password Safe's sign-in: API key, its runas user, OAuth client (random when absent). */
    psApiKey?: string;
    psRunAs?: string;
    psClientId?: string;
    psClientSecret?: string;
    /** Idle time after which a Password Safe session ends (default 1200, the appliance's 20 minutes). */
    psSessionIdleSeconds?: number;
    /** One line per request (method, path, status, time) to this sink; nothing when absent. */
    log?: (line: string) => void;
}

export interface RunningSimulator {
    /** Base URL with scheme, the BT_API_HOST value. */
    url: string;
    controlUrl: string;
    clientId: string;
    clientSecret: string;
    caFile?: string;
    product: Product;
    /** The KEY=value lines bt-simulator prints: PRA/RS's, the CA file and control URL, then every other app's. */
    lines: string[];
    /** The same lines as a map (BT_PS_API_URL, BT_PS_API_KEY, ...), for in-process callers. */
    env: Record<string, string>;
    close(): Promise<void>;
}

export const DEFAULTS = {
    host: "127.0.0.1",
    port: 8443,
    product: "pra" as Product,
    ratePerSecond: 20,
    ratePerHour: 15000,
    latencyMs: 0,
    tokenTtlSeconds: 3600,
};

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
    const product = options.product ?? DEFAULTS.product;
    if (options.latencyMs !== undefined && !(options.latencyMs >= 0 && options.latencyMs <= MAX_LATENCY_MS)) {
        throw new Error(`latencyMs must be from 0 to ${MAX_LATENCY_MS} (10 minutes), not ${options.latencyMs}`);
    }
    if (product !== "pra" && product !== "rs") throw new Error(`unknown product "${product}" (pra or rs)`);
    const host = options.host ?? DEFAULTS.host;

    const startupConfig: RuntimeConfig = {
        ratePerSecond: options.ratePerSecond ?? DEFAULTS.ratePerSecond,
        ratePerHour: options.ratePerHour ?? DEFAULTS.ratePerHour,
        tokenTtlSeconds: options.tokenTtlSeconds ?? DEFAULTS.tokenTtlSeconds,
        latencyMs: options.latencyMs ?? DEFAULTS.latencyMs,
    };
    const config = { ...startupConfig };
    const startupAccount = {
        clientId: options.clientId ?? randomSecret(12),
        clientSecret: options.clientSecret ?? randomSecret(),
    };

    const clock = new SimClock();
    const faults = new Faults();
    const counters = new Counters();
    const stateFile = options.stateFile ? new StateFile(path.resolve(options.stateFile)) : undefined;
    // The apps this process serves, each at its own paths; the pipeline knows none of them.
    const apps: ProductApp[] = [];
    const pipeline = new Pipeline(apps, faults, counters, config, stateFile, options.log);
    const reset = (persist = true) => {
        for (const app of apps) app.reset();
        faults.clear();
        counters.reset();
        Object.assign(config, startupConfig);
        clock.reset();
        if (persist) pipeline.persist();
    };
    apps.push(
        praApp({
            product,
            config,
            startupConfig,
            account: startupAccount,
            clock,
            faults,
            counters,
            persist: () => pipeline.persist(),
            resetAll: () => reset(),
        }),
        passwordSafeApp({
            apiKey: options.psApiKey,
            runAs: options.psRunAs,
            clientId: options.psClientId,
            clientSecret: options.psClientSecret,
            sessionIdleSeconds: options.psSessionIdleSeconds,
            clock,
            persist: () => pipeline.persist(),
        }),
        epmApp({
            account: { clientId: options.epmClientId ?? randomUUID(), clientSecret: options.epmClientSecret ?? randomSecret() },
            clock,
            counters,
            persist: () => pipeline.persist(),
        }),
    );
    // Lock the state file before reading it: a second simulator on the same file would overwrite
    // this one's objects with its own on every write.
    stateFile?.lock.acquire();
    const releaseLock = () => stateFile?.lock.release();
    process.once("exit", releaseLock);
    try {
        // Read the saved state first, and do not let the startup reset write the bare seed over the
        // file: a crash right after would lose it. The file is written once, below, from the final state.
        const saved = stateFile?.load();
        reset(false);
        if (saved !== undefined) {
            try {
                pipeline.load(saved as Record<string, unknown>);
            } catch (err) {
                throw new Error(`state file ${stateFile!.file}: ${(err as Error).message}`);
            }
        }
        pipeline.persist();
    } catch (err) {
        releaseLock();
        process.off("exit", releaseLock);
        throw err;
    }

    let caFile: string | undefined;
    let tmpDir: string | undefined;
    let server: http.Server | https.Server;
    const listener = (req: http.IncomingMessage, res: http.ServerResponse) => void pipeline.handle(req, res);
    if (options.https) {
        const { cert, key } = await selfSignedCertificate();
        tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), "bt-simulator-"));
        caFile = path.join(tmpDir, "ca.pem");
        fs.writeFileSync(caFile, cert);
        server = https.createServer({ cert, key }, listener);
    } else {
        server = http.createServer(listener);
    }
    // Malformed request lines or headers never reach the pipeline; answer them and move on.
    server.on("clientError", (_err, socket) => {
        if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
        else socket.destroy();
    });

    try {
        await new Promise<void>((resolve, reject) => {
            server.once("error", reject);
            server.listen(options.port ?? DEFAULTS.port, host, () => {
                server.off("error", reject);
                resolve();
            });
        });
    } catch (err) {
        releaseLock();
        process.off("exit", releaseLock);
        if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
        throw err;
    }
    const port = (server.address() as AddressInfo).port;
    const printableHost = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host;
    const url = `${options.https ? "https" : "http"}://${printableHost}:${port}`;
    pipeline.baseUrl = url;

    const lines = [
        ...apps[0].startLines(url),
        ...(caFile ? [`BT_CA_FILE=${caFile}`] : []),
        `BT_SIMULATOR_CONTROL=${url + CONTROL_PREFIX}`,
        ...apps.slice(1).flatMap((app) => app.startLines(url)),
    ];
    let closed = false;
    return {
        url,
        controlUrl: url + CONTROL_PREFIX,
        clientId: startupAccount.clientId,
        clientSecret: startupAccount.clientSecret,
        caFile,
        product,
        lines,
        env: Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)])),
        async close() {
            if (closed) return;
            closed = true;
            pipeline.persist();
            await new Promise<void>((resolve) => {
                server.close(() => resolve());
                server.closeAllConnections?.();
            });
            if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
            releaseLock();
            process.off("exit", releaseLock);
        },
    };
}

async function selfSignedCertificate(): Promise<{ cert: string; key: string }> {
    // Pure JavaScript (no openssl binary needed), so https works on a fresh machine.
    const selfsigned = await import("selfsigned");
    const notAfter = new Date(Date.now() + 30 * 24 * 3600 * 1000);
    const pems = await selfsigned.generate([{ name: "commonName", value: "bt-simulator" }], {
        keyType: "ec",
        curve: "P-256",
        notAfterDate: notAfter,
        extensions: [
            { name: "basicConstraints", cA: true },
            { name: "keyUsage", digitalSignature: true, keyCertSign: true },
            { name: "extKeyUsage", serverAuth: true },
            {
                name: "subjectAltName",
                altNames: [
                    { type: 2, value: "localhost" },
                    { type: 7, ip: "127.0.0.1" },
                    { type: 7, ip: "::1" },
                ],
            },
        ],
    });
    return { cert: pems.cert, key: pems.private };
}

export { API_PREFIX, CONTROL_PREFIX };
export type { Product };
