/**
 * The engine path of `npm run bench`: a stack of a Jumpoint, a Jump Group and N Shell Jumps through
 * the real Pulumi engine (Automation API, inline program, local file backend, the dynamic-provider
 * plugin as its own process), against a simulator with its rate limits on. Phases: `up` (create),
 * no-op `preview`, `preview --refresh` (no drift), `up` changing every hostname, `destroy`. Per phase it reports wall time, the API
 * calls the appliance saw, the rate-limit bound, CPU seconds per process (engine, plugin, this
 * program's process, simulator), what the engine wrote, and bytes of state per resource.
 * Correctness is checked against the simulator's own objects, not the engine's summary: every
 * expected object exists exactly once (no duplicates) with the expected hostname, or is gone.
 */
import * as fs from "fs";
import * as path from "path";
import { createInlineStack, makeWorkDir, pulumiEnv, removeWorkDir } from "./pulumi-cli";
import { procAvailable, readStat, sampleDescendants, TreeCpu } from "./proc-cpu";
import { SimulatorProcess } from "./simulator-process";

export interface EngineRow {
    n: number;
    label: string;
    phase: string;
    wall: number;
    calls: number;
    byMethod: Record<string, number>;
    tokens: number;
    rateLimited: number;
    cpu: TreeCpu | undefined;
    /** this process: the inline program, the Automation API, its event-log reader */
    programCpu: number;
    simulatorCpu: number | undefined;
    /** bytes the engine process wrote (/proc/<pid>/io wchar): checkpoints, mostly */
    engineWrote: number | undefined;
    /** checkpoint file bytes / resources in it, after the phase */
    stateBytesPerResource: number | undefined;
    /** one Shell Jump's entry in the checkpoint, compact JSON */
    shellJumpEntryBytes: number | undefined;
    failed: number;
    note: string;
}

export interface EngineBenchOptions {
    cli: string;
    rate: number;
    /** extra environment for the CLI (e.g. PULUMI_SKIP_CHECKPOINTS=true for an experiment) */
    env?: Record<string, string>;
    /** what the rows are called in the table (default "engine") */
    label?: string;
}

const PROJECT = "bt-bench";
const STACK = "bench";

/** Shell Jump i's hostname in a generation (the update phase moves every item to the next one). */
export function benchHostname(generation: number, i: number): string {
    return `10.${8 + generation}.${i >> 8}.${i & 255}`;
}

/**
 * Shell Jumps named `${prefix}${i}` (i < n) that are wrong on the appliance: missing, duplicated or
 * with a stale hostname when they should be present, or still there when they should be gone.
 * Read from the simulator's own objects, not from the tool's summary; the Terraform rows use it too.
 */
export async function wrongShellJumps(sim: SimulatorProcess, prefix: string, n: number, generation: number, expectPresent: boolean): Promise<number> {
    const items: any[] = (await sim.control("GET", "/state")).collections["jump-item/shell-jump"] ?? [];
    const byName = new Map<string, any[]>();
    for (const it of items) if (String(it.name).startsWith(prefix)) byName.set(it.name, [...(byName.get(it.name) ?? []), it]);
    let wrong = 0;
    for (let i = 0; i < n; i++) {
        const found = byName.get(`${prefix}${i}`) ?? [];
        if (!expectPresent) wrong += found.length;
        else if (found.length !== 1 || found[0].hostname !== benchHostname(generation, i)) wrong++;
    }
    return wrong;
}

/** Bytes written by a process so far, if it still runs. */
function wchar(pid: number): number | undefined {
    try {
        const m = /^wchar:\s*(\d+)/m.exec(fs.readFileSync(`/proc/${pid}/io`, "utf8"));
        return m ? Number(m[1]) : undefined;
    } catch {
        return undefined;
    }
}

function checkpointFile(workDir: string): string {
    return path.join(workDir, "state", ".pulumi", "stacks", PROJECT, `${STACK}.json`);
}

function stateSize(workDir: string): { perResource: number; shellJump: number } | undefined {
    const file = checkpointFile(workDir);
    if (!fs.existsSync(file)) return undefined;
    const bytes = fs.statSync(file).size;
    const resources: any[] = JSON.parse(fs.readFileSync(file, "utf8")).checkpoint?.latest?.resources ?? [];
    if (resources.length === 0) return undefined;
    const sj = resources.find((r) => String(r.type).endsWith(":ShellJump"));
    return { perResource: bytes / resources.length, shellJump: sj ? JSON.stringify(sj).length : 0 };
}

/**
 * Samples the engine's bytes written while a phase runs (the engine process is found by the CPU
 * sampler's tree walk; here the `pulumi` children of this process are polled directly).
 */
function watchEngineWrites(intervalMs = 100): { stop(): number | undefined } {
    const last = new Map<number, number>();
    const poll = () => {
        let tasks: string[] = [];
        try {
            tasks = fs.readdirSync(`/proc/${process.pid}/task`);
        } catch {
            return;
        }
        for (const tid of tasks) {
            let list = "";
            try {
                list = fs.readFileSync(`/proc/${process.pid}/task/${tid}/children`, "utf8").trim();
            } catch {
                continue;
            }
            for (const pid of list ? list.split(" ").map(Number) : []) {
                if (readStat(pid)?.comm !== "pulumi") continue;
                const w = wchar(pid);
                if (w !== undefined) last.set(pid, w);
            }
        }
    };
    const timer = setInterval(poll, intervalMs);
    poll();
    return {
        stop() {
            poll();
            clearInterval(timer);
            if (last.size === 0) return undefined;
            return [...last.values()].reduce((a, b) => a + b, 0);
        },
    };
}

export async function engineBench(sim: SimulatorProcess, n: number, opts: EngineBenchOptions): Promise<EngineRow[]> {
    const label = opts.label ?? "engine";
    const account = await sim.control("POST", "/accounts", { client_id: `bench-engine-${label}-${n}-${Date.now()}` });
    const workDir = makeWorkDir("pulumi-bt-bench-");
    let generation = 0;
    const prefix = `eng-${label}-${n}-`;
    const program = async () => {
        const { pra } = await import("../../sdk");
        const jp = new pra.Jumpoint("jp", { name: `engine bench ${label} ${n}`, platform: "linux-x86", shellJumpEnabled: true });
        const jg = new pra.JumpGroup("jg", { name: `engine bench ${label} ${n}` });
        for (let i = 0; i < n; i++) {
            new pra.ShellJump(`item-${i}`, { name: `${prefix}${i}`, hostname: benchHostname(generation, i), jumpointId: jp.id, jumpGroupId: jg.id });
        }
    };
    const rows: EngineRow[] = [];
    const withProc = procAvailable();

    const phase = async (phaseName: string, run: () => Promise<string>, expectPresent: boolean | undefined): Promise<void> => {
        await sim.control("POST", "/counters/reset");
        const sampler = withProc ? sampleDescendants([sim.pid]) : undefined;
        const writes = withProc ? watchEngineWrites() : undefined;
        const sim0 = withProc ? readStat(sim.pid)?.cpu : undefined;
        const cpu0 = process.cpuUsage();
        const started = process.hrtime.bigint();
        let note = "";
        try {
            note = await run();
        } catch (err) {
            note = `error: ${
                String((err as Error).message ?? err)
                    .split("\n")
                    .find((l) => /error/i.test(l)) ?? "failed"
            }`.slice(0, 120);
        }
        const wall = Number(process.hrtime.bigint() - started) / 1e9;
        const used = process.cpuUsage(cpu0);
        const cpu = sampler?.stop();
        const engineWrote = writes?.stop();
        const sim1 = withProc ? readStat(sim.pid)?.cpu : undefined;
        const c = await sim.counters();
        const tokens = c.requests.byRoute["POST /oauth2/token"] ?? 0;
        const byMethod: Record<string, number> = { ...c.requests.byMethod };
        if (tokens) byMethod.POST -= tokens;
        const failed = expectPresent === undefined ? (note.startsWith("error") ? 1 : 0) : await wrongShellJumps(sim, prefix, n, generation, expectPresent);
        const size = stateSize(workDir);
        rows.push({
            n,
            label,
            phase: phaseName,
            wall,
            calls: c.requests.total - tokens,
            byMethod,
            tokens,
            rateLimited: c.rateLimited,
            cpu,
            programCpu: (used.user + used.system) / 1e6,
            simulatorCpu: sim0 !== undefined && sim1 !== undefined ? sim1 - sim0 : undefined,
            engineWrote,
            stateBytesPerResource: size?.perResource,
            shellJumpEntryBytes: size?.shellJump,
            failed,
            note,
        });
    };

    try {
        const env = {
            ...pulumiEnv(workDir, opts.cli),
            BT_RATE_LIMIT_PER_SECOND: String(opts.rate),
            BT_RATE_LIMIT_PER_HOUR: "15000",
            BT_BATCH_READS: "1",
            // The connection comes from stack config, as in a user's program; nothing inherited.
            BT_API_HOST: "",
            BT_CLIENT_ID: "",
            BT_CLIENT_SECRET: "",
            ...(opts.env ?? {}),
        };
        const stack = await createInlineStack(PROJECT, STACK, program, workDir, env, opts.cli);
        await stack.setAllConfig({
            "beyondtrust:host": { value: sim.apiHost },
            "beyondtrust:clientId": { value: account.client_id },
            "beyondtrust:clientSecret": { value: account.client_secret, secret: true },
        });
        const summary = (r: { summary: { result?: string; resourceChanges?: Record<string, number> } }) =>
            `${r.summary.result}: ${Object.entries(r.summary.resourceChanges ?? {})
                .map(([k, v]) => `${k} ${v}`)
                .join(", ")}`;
        await phase("up (create)", async () => summary(await stack.up()), true);
        await phase(
            "preview (no-op)",
            async () => {
                const p = await stack.preview();
                const same = p.changeSummary.same ?? 0;
                if (same !== n + 3) throw new Error(`error: preview is not a no-op: ${JSON.stringify(p.changeSummary)}`);
                return `same ${same}`;
            },
            undefined,
        );
        // What drift detection costs (`pulumi preview --refresh`, the nightly job): every item read,
        // coalesced into list scans; Terraform's plan, which always refreshes, is its counterpart.
        await phase(
            "preview --refresh (no drift)",
            async () => {
                const p = await stack.preview({ refresh: true });
                const same = p.changeSummary.same ?? 0;
                if (same !== n + 3) throw new Error(`error: preview --refresh found changes: ${JSON.stringify(p.changeSummary)}`);
                return `same ${same}`;
            },
            undefined,
        );
        generation = 1;
        await phase("up (update all hostnames)", async () => summary(await stack.up()), true);
        await phase("destroy", async () => summary(await stack.destroy()), false);
    } finally {
        if (!process.env.BENCH_KEEP_WORKDIR) removeWorkDir(workDir);
        else console.error(`(engine bench work dir kept: ${workDir})`);
    }
    return rows;
}

function kb(bytes: number | undefined): string {
    return bytes === undefined ? "-" : (bytes / 1024).toFixed(2);
}

function s(v: number | undefined): string {
    return v === undefined ? "-" : v.toFixed(1);
}

export function engineTable(rows: EngineRow[], rate: number): string {
    const head = [
        "N",
        "run",
        "phase",
        "wall s",
        "calls",
        "429s",
        "tokens",
        "bound s",
        "wall/bound",
        "CPU s engine",
        "CPU s plugin",
        "CPU s program",
        "CPU s simulator",
        "engine wrote MB",
        "state KB/res",
        "SJ entry KB",
        "failed",
    ];
    const body = rows.map((r) => {
        const bound = (r.calls - r.rateLimited) / rate;
        const plugins = r.cpu?.count.plugin ?? 0;
        return [
            String(r.n),
            r.label,
            r.phase,
            r.wall.toFixed(2),
            String(r.calls),
            String(r.rateLimited),
            `${r.tokens}${plugins ? ` / ${plugins} plugin` : ""}`,
            bound.toFixed(2),
            bound > 0 ? (r.wall / bound).toFixed(2) : "-",
            s(r.cpu?.byRole.engine),
            s(r.cpu?.byRole.plugin),
            s(r.programCpu),
            s(r.simulatorCpu),
            r.engineWrote === undefined ? "-" : (r.engineWrote / 1e6).toFixed(1),
            kb(r.stateBytesPerResource),
            kb(r.shellJumpEntryBytes),
            String(r.failed),
        ];
    });
    const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
    const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
    return [line(head), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...body.map(line)].join("\n");
}
