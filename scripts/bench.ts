// `npm run bench`: what a deployment costs against an appliance with its documented limits on
// (20 requests/s, 15,000/h per API account) and a per-request latency (default 20 ms).
// For N shell jumps it times create, no-op preview, refresh, update and delete, driving the provider
// handlers with the engine's default parallelism (4 x CPUs), in two modes side by side:
//   ours   — the client-side limiter and refresh batching on (the defaults);
//   naive  — both off, one GET per read (the Terraform provider's approach; retries kept so it can finish).
// Each mode uses its own API account. Where a Pulumi CLI is available, N = 100 and 500 also go
// through the real engine (scripts/lib/engine-bench.ts: up, no-op preview, up changing every
// hostname, destroy), with CPU seconds per process and bytes of state per resource; with `terraform`
// on PATH and BT_TF_PROVIDER naming BeyondTrust's terraform-provider-sra, the same stack and phases go
// through Terraform too (scripts/lib/terraform.ts), printed side by side (runs needed, 429s, failures).
// Then EPM (scripts/lib/epm-bench.ts): N ComputerGroups against its window of 1000 requests per 100 s
// per account, at the handler level (ours / naive) and through the engine, side by side.
// Usage: npm run bench [-- --n 100,1000 --latency 20 --parallel 8 --engine-n 100,500 --engine-1000
//                         --engine-env PULUMI_SKIP_CHECKPOINTS=true --epm-n 100,1000 --epm-engine-n 100,1000
//                         --tf 0 --tf-max-runs 15]
// `--n 0` skips the handler-level tables, `--engine-n 0` the engine ones, `--epm-n 0` / `--epm-engine-n 0`
// EPM's. `--only epm` (or BENCH_ONLY=epm) runs the EPM rows alone, `--only pra` the PRA ones alone.
import * as os from "os";
import { batchStats, clientStats, handler, resetClients, resetClientStats, resetReaders } from "../provider";
import { inParallel } from "./lib/parallel";
import { boundCells, byMethodCell } from "./lib/bench-cells";
import { startSimulatorProcess, SimulatorProcess } from "./lib/simulator-process";
import { findPulumiCli } from "./lib/pulumi-cli";
import { engineBench, engineTable, EngineRow } from "./lib/engine-bench";
import { findTerraform, sideBySideTable, terraformBench, TerraformRow, TerraformTools } from "./lib/terraform";
import { EPM_RATE, epmEngineBench, epmHandlerBench, EpmRow, epmTable } from "./lib/epm-bench";

type Props = Record<string, unknown>;

function arg(name: string, fallback: string): string {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const sizes = (text: string) =>
    text
        .split(",")
        .map(Number)
        .filter((n) => n > 0);
/** Which product's rows run: both unless `--only` (or BENCH_ONLY) names one. */
const ONLY = arg("only", process.env.BENCH_ONLY ?? "");
const RUN_PRA = ONLY === "" || ONLY === "pra";
const RUN_EPM = ONLY === "" || ONLY === "epm";
const SIZES = RUN_PRA ? sizes(arg("n", "100,1000")) : [];
const ENGINE_SIZES = RUN_PRA ? [...sizes(arg("engine-n", arg("cli-n", "100,500"))), ...(process.argv.includes("--engine-1000") ? [1000] : [])] : [];
const EPM_SIZES = RUN_EPM ? sizes(arg("epm-n", "100,1000")) : [];
const EPM_ENGINE_SIZES = RUN_EPM ? sizes(arg("epm-engine-n", "100,1000")) : [];
/** Extra CLI environment for an experiment, e.g. PULUMI_SKIP_CHECKPOINTS=true (rows are labelled with it). */
const ENGINE_ENV = arg("engine-env", "");
const LATENCY = Number(arg("latency", "20"));
const PARALLEL = Number(arg("parallel", String(4 * os.cpus().length)));
const RATE = 20;
/** The Terraform side by side runs for the engine sizes where `terraform` and BT_TF_PROVIDER are there (`--tf 0` skips it). */
const TF_MAX_RUNS = Number(arg("tf-max-runs", "15"));
const TF_FOUND = ENGINE_SIZES.length && arg("tf", "1") !== "0" ? findTerraform() : "not asked for (--tf 0, or no PRA engine rows: --engine-n 0 or --only epm)";
const TF_SKIP = typeof TF_FOUND === "string" ? TF_FOUND : undefined;

interface Row {
    n: number;
    mode: string;
    phase: string;
    wall: number;
    calls: Record<string, number>;
    total: number;
    tokens: number;
    rateLimited: number;
    cpuMsPerOp: number;
    failed: number;
}

async function phase(sim: SimulatorProcess, n: number, mode: string, name: string, ops: number, run: () => Promise<number>): Promise<Row> {
    await sim.control("POST", "/counters/reset");
    const cpu = process.cpuUsage();
    const started = process.hrtime.bigint();
    const failed = await run();
    const wall = Number(process.hrtime.bigint() - started) / 1e9;
    const used = process.cpuUsage(cpu);
    const c = await sim.counters();
    const calls: Record<string, number> = { ...c.requests.byMethod };
    const tokens = c.requests.byRoute["POST /oauth2/token"] ?? 0;
    if (tokens) calls.POST -= tokens;
    const total = c.requests.total - tokens;
    return {
        n,
        mode,
        phase: name,
        wall,
        calls,
        total,
        tokens,
        rateLimited: c.rateLimited,
        failed,
        // Provider CPU only: the simulator runs in its own process.
        cpuMsPerOp: ops > 0 ? (used.user + used.system) / 1000 / ops : 0,
    };
}

const summaries: string[] = [];

async function runMode(sim: SimulatorProcess, n: number, mode: "ours" | "naive"): Promise<Row[]> {
    const account = await sim.control("POST", "/accounts", { client_id: `bench-${mode}-${n}` });
    process.env.BT_CLIENT_ID = account.client_id;
    process.env.BT_CLIENT_SECRET = account.client_secret;
    process.env.BT_RATE_LIMIT_PER_SECOND = mode === "ours" ? String(RATE) : "0";
    process.env.BT_RATE_LIMIT_PER_HOUR = mode === "ours" ? "15000" : "0";
    process.env.BT_BATCH_READS = mode === "ours" ? "1" : "0";
    resetClients();
    resetReaders();
    resetClientStats();
    const sj = handler("pra:ShellJump");
    const check = async (kind: string, inputs: Props) => (await handler(kind).check({}, inputs)).inputs!;
    const jp = await handler("pra:Jumpoint").create(await check("pra:Jumpoint", { name: `bench ${mode} ${n}`, platform: "linux-x86", shellJumpEnabled: true }));
    const jg = await handler("pra:JumpGroup").create(await check("pra:JumpGroup", { name: `bench ${mode} ${n}` }));
    const desired = Array.from({ length: n }, (_, i) => ({
        name: `${mode}-${i}`,
        hostname: `10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`,
        jumpointId: jp.id,
        jumpGroupId: jg.id,
    }));
    let items: Array<{ id: string; outs: Props; inputs: Props }> = [];
    const rows: Row[] = [];

    rows.push(
        await phase(sim, n, mode, "create", n, async () => {
            let failed = 0;
            items = await inParallel(
                PARALLEL,
                desired.map((d) => async () => {
                    const inputs = await check("pra:ShellJump", d);
                    try {
                        return { ...(await sj.create(inputs)), inputs };
                    } catch {
                        failed++;
                        return { id: "", outs: {}, inputs };
                    }
                }),
            );
            return failed;
        }),
    );
    rows.push(
        await phase(sim, n, mode, "preview (no-op)", n, async () => {
            const diffs = await inParallel(
                PARALLEL,
                items.map((it) => async () => sj.diff(it.id, it.outs, await check("pra:ShellJump", it.inputs))),
            );
            return diffs.filter((d) => d.changes).length;
        }),
    );
    rows.push(
        await phase(sim, n, mode, "refresh", n, async () => {
            const reads = await inParallel(
                PARALLEL,
                items.map((it) => () => sj.read(it.id, it.outs).catch(() => ({ id: "" }))),
            );
            return reads.filter((r) => !r.id).length;
        }),
    );
    rows.push(
        await phase(sim, n, mode, "update", n, async () => {
            let failed = 0;
            await inParallel(
                PARALLEL,
                items.map((it) => async () => {
                    const news = await check("pra:ShellJump", { ...it.inputs, tag: "updated" });
                    try {
                        it.outs = (await sj.update(it.id, it.outs, news)).outs;
                    } catch {
                        failed++;
                    }
                }),
            );
            return failed;
        }),
    );
    rows.push(
        await phase(sim, n, mode, "delete", n, async () => {
            let failed = 0;
            await inParallel(
                PARALLEL,
                items.map((it) => () => sj.delete(it.id, it.outs).catch(() => void failed++)),
            );
            return failed;
        }),
    );
    await handler("pra:JumpGroup").delete(jg.id, jg.outs);
    await handler("pra:Jumpoint").delete(jp.id, jp.outs);
    summaries.push(
        `N=${n} ${mode}: ${clientStats.tokensMinted} token(s) minted for the whole run, ${clientStats.retries} retries, ${clientStats.rateLimited} 429s received`,
    );
    return rows;
}

function table(rows: Row[]): string {
    const head = ["N", "mode", "phase", "wall s", "API calls", "by method", "tokens", "429s", "bound s", "wall/bound", "CPU ms/op", "failed"];
    const body = rows.map((r) => {
        return [
            String(r.n),
            r.mode,
            r.phase,
            r.wall.toFixed(2),
            String(r.total),
            byMethodCell(r.calls),
            String(r.tokens),
            String(r.rateLimited),
            // The physical bound: the calls the work needs at the appliance's rate.
            ...boundCells(r.total, r.rateLimited, r.wall, RATE),
            r.mode === "pulumi CLI" ? "-" : r.cpuMsPerOp.toFixed(3),
            String(r.failed),
        ];
    });
    const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
    const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
    return [line(head), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...body.map(line)].join("\n");
}

async function main(): Promise<void> {
    const limits = [RUN_PRA ? `PRA/RS ${RATE}/s and 15000/h per account` : "", RUN_EPM ? "EPM 1000 per 100 s per account" : ""].filter(Boolean).join(", ");
    console.log(
        `simulator: documented limits on (${limits}), ${LATENCY} ms latency per request; parallelism ${PARALLEL}; node ${process.version}, ${os.cpus().length} CPUs`,
    );
    const sim = await startSimulatorProcess({ args: ["--latency", String(LATENCY)] });
    process.env.BT_API_HOST = sim.apiHost;
    const rows: Row[] = [];
    const engineRows: EngineRow[] = [];
    const epmRows: EpmRow[] = [];
    const tfRows: TerraformRow[] = [];
    try {
        for (const n of SIZES) {
            for (const mode of ["ours", "naive"] as const) {
                process.stderr.write(`running N=${n} ${mode}...\n`);
                rows.push(...(await runMode(sim, n, mode)));
            }
        }
        const cli = ENGINE_SIZES.length ? findPulumiCli() : undefined;
        if (ENGINE_SIZES.length && !cli) {
            console.log("(no Pulumi CLI: the engine rows are skipped; scripts/ensure-pulumi-cli.sh builds one, or set PULUMI_CLI)");
        }
        for (const n of cli ? ENGINE_SIZES : []) {
            process.stderr.write(`running N=${n} through the Pulumi engine...\n`);
            const env = Object.fromEntries(
                ENGINE_ENV.split(",")
                    .filter(Boolean)
                    .map((kv) => kv.split("=") as [string, string]),
            );
            engineRows.push(...(await engineBench(sim, n, { cli: cli!, rate: RATE, env, label: ENGINE_ENV || "engine" })));
        }
        for (const n of TF_SKIP ? [] : ENGINE_SIZES) {
            process.stderr.write(`running N=${n} through terraform and terraform-provider-sra...\n`);
            tfRows.push(...(await terraformBench(sim, n, TF_FOUND as TerraformTools, TF_MAX_RUNS)));
        }
        for (const n of EPM_SIZES) {
            for (const mode of ["ours", "naive"] as const) {
                process.stderr.write(`running EPM N=${n} ${mode}...\n`);
                epmRows.push(...(await epmHandlerBench(sim, n, mode, PARALLEL)));
            }
        }
        const epmCli = EPM_ENGINE_SIZES.length ? findPulumiCli() : undefined;
        if (EPM_ENGINE_SIZES.length && !epmCli) console.log("(no Pulumi CLI: the EPM engine rows are skipped)");
        for (const n of epmCli ? EPM_ENGINE_SIZES : []) {
            process.stderr.write(`running EPM N=${n} through the Pulumi engine...\n`);
            epmRows.push(...(await epmEngineBench(sim, n, epmCli!)));
        }
    } finally {
        await sim.stop();
    }
    if (rows.length) {
        console.log(table(rows));
        console.log(`\n${summaries.join("\n")}`);
        console.log(
            `\nbound = (API calls - 429s) / ${RATE} per second, the appliance's limit; refresh batching: ${batchStats.scans} scans, ${batchStats.pages} pages, ${batchStats.servedFromSnapshot} reads served from snapshots; retries ${clientStats.retries}`,
        );
    }
    if (engineRows.length) {
        console.log(
            `\nThrough the Pulumi engine (${findPulumiCli()}; load average at the end ${os
                .loadavg()
                .map((l) => l.toFixed(2))
                .join(" ")}):`,
        );
        console.log(engineTable(engineRows, RATE));
        console.log("\nCPU s: user + system seconds per process during the phase (engine = `pulumi`, plugin = the dynamic-provider node process,");
        console.log(
            "program = this process: the inline program and the Automation API; sampled from /proc every 100 ms). tokens: OAuth tokens minted / plugin processes.",
        );
        console.log("engine wrote: bytes the engine process wrote (checkpoints, mostly). state KB/res: checkpoint file / resources in it after the phase;");
        console.log("SJ entry: one Shell Jump's resource entry, compact JSON. failed: Shell Jumps missing, duplicated or stale on the appliance afterwards.");
    }
    if (epmRows.length) {
        console.log(`\nEPM: N ComputerGroups, the tenant's window on (1000 requests per 100 s per API account, token requests included):`);
        console.log(epmTable(epmRows));
        console.log(
            `\nbound = (API calls - 429s) / ${EPM_RATE} per second, the window's sustained rate (a fresh account's first 1000 may come at once);` +
                " tokens: minted in the phase; naive: the client-side limiter off (BT_EPM_RATE_LIMIT=0), paced by the tenant's 429s and Retry-After;" +
                " failed: groups missing, duplicated, stale or left behind on the simulator afterwards.",
        );
    }
    if (TF_SKIP) console.log(`\nTerraform side by side: skipped (${TF_SKIP})`);
    else if (tfRows.length) {
        const tools = findTerraform() as TerraformTools;
        console.log(
            `\nSide by side with BeyondTrust's Terraform provider (${tools.version}, ${tools.provider}; same simulator, same limits, re-run until it succeeds, at most ${TF_MAX_RUNS} runs, re-runs of apply and destroy with -refresh=false):`,
        );
        console.log(sideBySideTable(engineRows, tfRows, RATE));
        console.log(
            "\ncalls and 429s: over all runs of the phase; errors 1st run: error diagnostics of the first run (pulumi-beyondtrust: 1 if the run failed);" +
                " failed: Shell Jumps missing, duplicated or stale on the appliance after the last run (no-op plan: 1 if no run succeeded).",
        );
    }
}

main().catch((err) => {
    console.error(err);
    process.exit(1);
});
