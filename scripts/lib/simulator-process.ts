// Starts the compiled simulator (dist/simulator/cli.js) as a child process, the way a developer or
// CI would, so tests exercise real sockets and the real CLI contract (the printed BT_* lines).
import { spawn, ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

export interface SimulatorProcess {
    /** the simulator's process id (benchmarks read its CPU time from /proc) */
    pid: number;
    apiHost: string;
    clientId: string;
    clientSecret: string;
    caFile?: string;
    controlUrl: string;
    /** Every BT_* line the simulator printed (PRA/RS's, BT_SIMULATOR_CONTROL, BT_PS_*, BT_EPM_*, BT_CA_FILE). */
    env: Record<string, string>;
    control<T = any>(method: string, path: string, body?: unknown): Promise<T>;
    /** Password Safe's control API: psControl("POST", "/sessions/expire") is control("POST", "/ps/sessions/expire"). */
    psControl<T = any>(method: string, path: string, body?: unknown): Promise<T>;
    reset(): Promise<void>;
    counters(): Promise<any>;
    stop(): Promise<void>;
}

export interface StartOptions {
    product?: "pra" | "rs";
    https?: boolean;
    args?: string[];
    stateFile?: string;
    env?: Record<string, string>;
}

const REPO_ROOT = path.resolve(__dirname, "../..");
export const SIMULATOR_CLI = path.join(REPO_ROOT, "dist", "simulator", "cli.js");

// Generous: on a loaded machine (CI runners, shared hosts) starting node takes seconds; a
// simulator that does not start fails this instead of hanging.
const STARTUP_TIMEOUT_MS = 45_000;

export async function startSimulatorProcess(opts: StartOptions = {}): Promise<SimulatorProcess> {
    if (!fs.existsSync(SIMULATOR_CLI)) {
        throw new Error(`${SIMULATOR_CLI} is missing: run "npm run build" before the tests`);
    }
    const args = [SIMULATOR_CLI, "--port", "0"];
    if (opts.product) args.push("--product", opts.product);
    if (opts.https) args.push("--https");
    if (opts.stateFile) args.push("--state", opts.stateFile);
    if (opts.args) args.push(...opts.args);

    const child = spawn(process.execPath, args, {
        env: { ...process.env, ...(opts.env ?? {}) },
        stdio: ["ignore", "pipe", "pipe"],
    });
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

    const vars = await readStartupLines(child);
    // The TLS CA is needed by node's fetch for control calls over https.
    const caPem = vars.BT_CA_FILE ? fs.readFileSync(vars.BT_CA_FILE, "utf8") : undefined;
    const controlUrl = vars.BT_SIMULATOR_CONTROL;

    const control = async <T = any>(method: string, p: string, body?: unknown): Promise<T> => {
        const res = await httpJson(controlUrl + p, method, body, caPem);
        if (res.status < 200 || res.status > 299) {
            throw new Error(`simulator control ${method} ${p} failed: ${res.status} ${res.text}`);
        }
        return (res.text ? JSON.parse(res.text) : undefined) as T;
    };

    let stopped = false;
    const sim: SimulatorProcess = {
        pid: child.pid!,
        apiHost: vars.BT_API_HOST,
        clientId: vars.BT_CLIENT_ID,
        clientSecret: vars.BT_CLIENT_SECRET,
        caFile: vars.BT_CA_FILE,
        controlUrl,
        env: { ...vars },
        control,
        psControl: (method, p, body) => control(method, "/ps" + p, body),
        reset: async () => {
            await control("POST", "/reset");
        },
        counters: () => control("GET", "/counters"),
        stop: async () => {
            if (stopped) return;
            stopped = true;
            if (child.exitCode === null && child.signalCode === null) {
                child.kill("SIGTERM");
                const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
                await exited;
                clearTimeout(timer);
            }
        },
    };
    return sim;
}

function readStartupLines(child: ChildProcess): Promise<Record<string, string>> {
    return new Promise((resolve, reject) => {
        const vars: Record<string, string> = {};
        let buffer = "";
        let stderr = "";
        const timer = setTimeout(() => {
            child.kill("SIGKILL");
            reject(new Error(`simulator did not start within ${STARTUP_TIMEOUT_MS} ms; stderr: ${stderr}`));
        }, STARTUP_TIMEOUT_MS);
        child.stderr!.on("data", (d) => {
            // Keep only the tail: the error that matters is the last thing printed.
            stderr = (stderr + d.toString()).slice(-4000);
        });
        const onExit = (code: number | null) => {
            clearTimeout(timer);
            reject(new Error(`simulator exited with code ${code} before starting; stderr: ${stderr}`));
        };
        child.once("exit", onExit);
        child.stdout!.on("data", (d) => {
            buffer += d.toString();
            let nl: number;
            while ((nl = buffer.indexOf("\n")) >= 0) {
                const line = buffer.slice(0, nl).trim();
                buffer = buffer.slice(nl + 1);
                const m = /^(BT_[A-Z_]+)=(.*)$/.exec(line);
                if (m) vars[m[1]] = m[2];
                // BT_EPM_CLIENT_SECRET is the last line printed (Password Safe's, then EPM's, follow PRA/RS's).
                if (
                    vars.BT_SIMULATOR_CONTROL &&
                    vars.BT_API_HOST &&
                    vars.BT_CLIENT_ID &&
                    vars.BT_CLIENT_SECRET &&
                    vars.BT_PS_CLIENT_SECRET &&
                    vars.BT_EPM_CLIENT_SECRET
                ) {
                    clearTimeout(timer);
                    // Only this listener: stop() still waits on its own "exit" listener.
                    child.off("exit", onExit);
                    resolve(vars);
                }
            }
        });
    });
}

// node's global fetch cannot take a custom CA without undici's Agent, so the https case uses
// node:https directly; the http case uses fetch as documented.
async function httpJson(url: string, method: string, body: unknown, caPem?: string): Promise<{ status: number; text: string }> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    if (!url.startsWith("https:")) {
        const res = await fetch(url, {
            method,
            headers: payload ? { "content-type": "application/json" } : {},
            body: payload,
        });
        return { status: res.status, text: await res.text() };
    }
    const https = await import("node:https");
    return new Promise((resolve, reject) => {
        const req = https.request(url, { method, ca: caPem, headers: payload ? { "content-type": "application/json" } : {} }, (res) => {
            let text = "";
            res.setEncoding("utf8");
            res.on("data", (c) => (text += c));
            res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
        });
        req.on("error", reject);
        if (payload) req.write(payload);
        req.end();
    });
}
